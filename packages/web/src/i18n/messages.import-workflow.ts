/** Words of the import workflow (issue 10): the correctable preview, column mapping, layout templates, batches. */
const zh = {
  'importFlow.kind': '文档类型',
  'importFlow.kindFound': '识别为{kind}',
  'importFlow.kind.target': '绩效目标表',
  'importFlow.kind.self-evaluation': '绩效自评表',
  'importFlow.kind.monitoring': '绩效运行监控表',
  'importFlow.kind.department-wide': '部门整体支出绩效目标表',
  'importFlow.split': '拆分为两行',
  'importFlow.merge': '与下一行合并',
  'importFlow.missing': '{n} 行有空缺的单元格（黄色标出），请补填或确认',
  'importFlow.lowConfidence': '{n} 行是读取时的推测，请核对',
  'importFlow.execution': '预算执行',
  'importFlow.executionScore': '预算执行得分',
  'importFlow.total': '得分合计 {total} 分（指标 {indicators} 分 + 预算执行 {execution} 分）',
  'importFlow.rowLines': '原文第 {line}–{endLine} 行',
} as const;

export const importWorkflowMessages = { zh };
