/** Words of the automatic review findings panel (rule engine). */
const zh = {
  'findings.title': '自动审核',
  'findings.ruleSet': '规则集',
  'findings.auto': '自动选择',
  'findings.severity.error': '错误',
  'findings.severity.warning': '警告',
  'findings.severity.hint': '提示',
  'findings.none': '未发现问题',
  'findings.summary': '错误 {error} · 警告 {warning} · 提示 {hint}',
  'findings.invalid': '请先修正表单中的错误，再进行自动审核',
  'findings.goTo': '定位到该处',
} as const;

export const reviewRulesMessages = {
  zh,
};
