/** Words of the similar projects (同类项目 / 案例库) in the editor. */
const zh = {
  'peers.open': '同类项目（{n}）',
  'peers.failed': '同类项目未能读取，点击重试',
  'peers.title': '同类项目参考（案例库）',
  'peers.intro':
    '已公开的同类别、同指标体系、项目名称相近的项目：可参考其指标、目标值和自评实际完成值，一键采用指标及目标值。',
  'peers.none': '没有找到同类项目',
  'peers.similarity': '相似度 {p}%',
  'peers.grade': '自评 {grade}（{total} 分）',
  'peers.notEvaluated': '尚无自评',
  'peers.budget': '当年预算 {amount}',
  'peers.unitCosts': '单位成本',
  'peers.unitCostsSummary': '同类项目单位成本',
  'peers.costNote': '单位成本 {own}元/{per}（{basis}）；同类项目 {low}–{high}元/{per}（{n} 个）',
  'peers.basis.actual': '按实际完成',
  'peers.basis.target': '按目标',
  'peers.basis.stated': '成本指标',
  'peers.indicator': '指标',
  'peers.target': '目标值',
  'peers.actual': '实际完成值',
  'peers.score': '得分',
  'peers.adopt': '采用',
  'peers.adopted': '已采用「{name}」及目标值 {target}',
  'peers.adoptedFrom': '来自 {project}（{year}）',
  'peers.adoptedFromTip': '采用自 {unit}「{project}」{year} 年公开的绩效目标表{actual}',
  'peers.adoptedActual': '，当年实际完成 {actual}',
} as const;

export const peersMessages = { zh };
