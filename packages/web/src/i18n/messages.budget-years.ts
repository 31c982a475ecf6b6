/** Words of 预算年度设置 (budget years): the administrator's calendar, deadlines and closed years. */
const zh = {
  'years.tab': '预算年度',
  'years.intro':
    '按地区和预算年度设置编报是否开放、申报截止日期、绩效运行监控截止月份和自评期限。未设置的年度保持默认：编报开放、无截止日期、监控截至 7 月。',
  'years.new': '新增年度设置',
  'years.edit': '编辑 {region} {year} 年度',
  'years.region': '地区',
  'years.year': '预算年度',
  'years.draftingOpen': '编报开放',
  'years.open': '开放',
  'years.closed': '已关闭',
  'years.submissionDeadline': '申报截止日期',
  'years.cutOffMonth': '监控截止月份',
  'years.selfEvaluationOpen': '自评开放',
  'years.selfEvaluationDeadline': '自评截止日期',
  'years.updated': '最后修改',
  'years.none': '—',
  'years.empty': '尚无年度设置，所有年度按默认规则开放。',
  'years.saved': '已保存 {region} {year} 年度设置',
  'years.closeConfirmTitle': '关闭 {region} {year} 年度编报？',
  'years.closeConfirm': '关闭后，编报人不能再新建、导入、复制或提交该年度的目标表；已提交的表仍可继续审核。',
  'years.closeOk': '关闭编报',
  'years.deadlineLine': '{year} 年度目标表申报截止：{date}',
  'auditAction.budget_year.update': '修改预算年度设置',
} as const;

export const budgetYearsMessages = { zh };
