/** Words of 事前绩效评估 (ex-ante assessment). */
const zh = {
  'exAnte.title': '事前绩效评估',
  'exAnte.pageTitle': '事前绩效评估：{name}',
  'exAnte.subtitle':
    '新增项目和达到预算门槛的项目在申报前评估立项必要性、投入经济性、绩效目标合理性、实施方案可行性和筹资合规性',
  'exAnte.open': '事前绩效评估',
  'exAnte.required': '需要事前评估',
  'exAnte.notRequired': '无需事前评估',
  'exAnte.blocks': '评估未满足规则集要求，目标表暂不能提交',
  'exAnte.passes': '评估满足规则集要求，可以提交',
  'exAnte.dimension': '评估维度',
  'exAnte.score': '得分（满分 20）',
  'exAnte.evidence': '评分依据',
  'exAnte.total':
    '总分 {total} 分 · 按规则集（{support} 分以上予以支持，{partial} 分以上部分支持）应为「{suggested}」',
  'exAnte.conclusion': '评估结论',
  'exAnte.opinion': '综合评估意见',
  'exAnte.assessor': '评估主体',
  'exAnte.save': '保存评估',
  'exAnte.saved': '事前绩效评估已保存',
  'exAnte.incomplete': '请为每个维度评分并写明依据，选择结论并填写综合意见',
  'exAnte.readOnly': '目标表已提交或你无权修改，评估仅供查看',
  'exAnte.none': '尚未开展事前绩效评估',
  'exAnte.summary': '{conclusion} · {total} 分',
  'exAnte.backToTable': '返回目标表',
  'exAnte.dim.necessity': '立项必要性',
  'exAnte.dim.economy': '投入经济性',
  'exAnte.dim.targets': '绩效目标合理性',
  'exAnte.dim.feasibility': '实施方案可行性',
  'exAnte.dim.funding': '筹资合规性',
  'exAnte.conclusion.support': '予以支持',
  'exAnte.conclusion.partial': '部分支持',
  'exAnte.conclusion.reject': '不予支持',
} as const;

export const exAnteMessages = { zh };
