/** Words of importing a 绩效运行监控表 into the monitoring record of its table (import page). */
const zh = {
  'monitoringImport.kind': '绩效运行监控表',
  'monitoringImport.period': '监控期间',
  'monitoringImport.periodValue': '1–{m} 月',
  'monitoringImport.periodMissing': '未注明，请在下方选择',
  'monitoringImport.annual': '年度预算数（元）',
  'monitoringImport.executed': '1–m 月执行数（元）',
  'monitoringImport.expectedExecuted': '全年预计执行数（元）',
  'monitoringImport.indicator': '指标',
  'monitoringImport.target': '年度指标值',
  'monitoringImport.progress': '截至监控月完成情况',
  'monitoringImport.expected': '全年预计完成情况',
  'monitoringImport.likelihood': '完成目标可能性',
  'monitoringImport.cause': '偏差原因',
  'monitoringImport.measure': '改进措施',
  'monitoringImport.confirm': '导入到监控记录',
  'monitoringImport.into': '导入到',
  'monitoringImport.matched': '已找到本单位同名、同年度的绩效目标表：',
  'monitoringImport.noMatch': '本单位当年没有同名的已批复绩效目标表，请选择监控表对应的表。',
  'monitoringImport.noCandidates': '本单位当年没有已批复或已公开的绩效目标表，无法导入监控表。',
  'monitoringImport.chooseTable': '选择绩效目标表',
  'monitoringImport.leftOut': '导入时请注意（{n} 条）：',
  'monitoringImport.month': '监控月份',
  'monitoringImport.done': '已导入到「{name}」1–{m} 月监控记录（{n} 个指标）',
  'monitoringImport.problems': '另有 {n} 条提示，请在监控记录中核对补填',
} as const;

export const monitoringImportMessages = { zh };
