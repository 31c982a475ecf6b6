/**
 * How to fix what each shared rule reports, in Chinese and English, for the rules page (审核规则): authors
 * read it before they submit. Kept beside the rules rather than in them so a wording change never touches
 * a check; `rule-guidance.test.ts` fails when a rule has none.
 */
export const ruleGuidance: Readonly<Record<string, { zh: string; en: string }>> = {
  C01: {
    zh: '在表头填写预算单位、项目名称、项目类别和计划起止日期。',
    en: 'Fill in the budget unit, project name, category and planned start and end dates in the header.',
  },
  C02: {
    zh: '填写项目总预算和当年预算（万元）。',
    en: "Enter the project's total budget and the budget of the year (10,000 yuan).",
  },
  C03: {
    zh: '补写规则集要求的文字说明（项目概况、立项依据、实施计划、年度目标等）。',
    en: 'Write the narratives the rule set requires (overview, legal basis, plan, annual goals …).',
  },
  C04: {
    zh: '用本项目的具体内容代替“无”“见附件”之类的套话。',
    en: 'Replace boilerplate such as "none" or "see attachment" with what this project actually does.',
  },
  C05: {
    zh: '按指标体系补齐缺少的一级指标（如产出、效益、满意度）。',
    en: 'Add the level-1 categories the framework requires (outputs, outcomes, satisfaction …).',
  },
  C06: {
    zh: '在相应一级指标下补充数量、质量、时效或效益、满意度等二级指标。',
    en: 'Add the missing level-2 categories (quantity, quality, timeliness; benefit, satisfaction).',
  },
  C07: {
    zh: '为该一级指标至少设置一个带数值和单位的定量指标。',
    en: 'Give the category at least one indicator with a number and a unit.',
  },
  C08: {
    zh: '按本地区要求补齐共性指标（如上海“投入与管理”九项）。',
    en: "Add the region's common indicators (Shanghai's nine input-and-management indicators).",
  },
  C09: { zh: '至少添加一个绩效指标。', en: 'Add at least one indicator.' },
  C10: {
    zh: '为每个指标填写目标值（定量指标写数值和单位）。',
    en: 'Give every indicator a target (a number with a unit for quantified ones).',
  },
  C11: {
    zh: '用反映本项目产出的具体指标代替“项目完成率”等通用指标。',
    en: 'Replace generic outputs such as "project completion rate" with outputs specific to the project.',
  },
  C12: {
    zh: '把一级指标改为所选指标体系中的名称，或换用相应的规则集。',
    en: "Rename the level-1 category to one of the framework's, or choose the matching rule set.",
  },
  K01: {
    zh: '核对金额：当年预算不能超过项目总预算。',
    en: 'Check the amounts: the budget of the year cannot exceed the total budget.',
  },
  K02: {
    zh: '使项目概况中的预算金额与预算栏一致。',
    en: 'Make the amount in the overview match the budget fields.',
  },
  K03: {
    zh: '调整计划起止日期：开始不晚于完成，且落在预算年度内。',
    en: 'Correct the planned dates: start on or before the end, both within the budget year.',
  },
  K04: {
    zh: '核对上年预算执行数，不应超过上年预算额。',
    en: "Check last year's execution: it cannot exceed last year's budget.",
  },
  K05: {
    zh: '延续项目请同时填写上年预算执行数。',
    en: "For a repeating project, also enter last year's execution.",
  },
  K06: {
    zh: '把目标值中的日期或期间改到项目实施期内。',
    en: "Move dates and periods in targets into the project's plan period.",
  },
  K07: {
    zh: '使指标目标值与文字说明中的同一数字一致。',
    en: 'Make the target agree with the figure the narrative gives for the same measure.',
  },
  Q01: {
    zh: '把“规范”“合理”等改为数值目标，如“≥95%”。',
    en: 'Replace words such as "compliant" with a number, e.g. ">=95%".',
  },
  Q02: {
    zh: '把指标名称中的数值移到目标值里，名称只写衡量什么。',
    en: 'Move the number from the name into the target; the name says only what is measured.',
  },
  Q03: {
    zh: '删除模板占位符（≥**人、指标1: 等），填写实际内容。',
    en: 'Remove template placeholders (>=**, "indicator 1:" …) and write the real content.',
  },
  Q04: { zh: '删除或合并重复的指标。', en: 'Remove or merge the duplicate indicator.' },
  Q05: {
    zh: '为定量目标值加上计量单位（人、个、%、元等）。',
    en: 'Add a unit to the numeric target (people, items, %, yuan …).',
  },
  Q06: {
    zh: '反向指标（成本、投诉等）用 ≤，正向指标用 ≥，或修正指标方向。',
    en: 'Use <= for reverse indicators (costs, complaints) and >= for positive ones, or correct the direction.',
  },
  Q07: {
    zh: '比率不超过 100%、不为负，满意度目标一般不设 100%。',
    en: 'Keep rates between 0 and 100%, and set satisfaction below 100%.',
  },
  Q08: {
    zh: '数量指标写场次、人次、个数等，百分比放到质量指标。',
    en: 'Count events, people or items in quantity indicators; percentages belong to quality ones.',
  },
  Q09: {
    zh: '调查服务对象（受益群众、企业等）的满意度。',
    en: 'Ask those the project serves (residents, companies …) about their satisfaction.',
  },
  Y01: {
    zh: '提高目标值至不低于上年实际完成值，或在说明中写明降低的原因。',
    en: "Raise the target to at least last year's actual, or explain in the narrative why it is lower.",
  },
  Y02: {
    zh: '预算增加时相应提高产出目标，或说明增加的用途。',
    en: 'When the budget grows, raise the output targets too, or explain what the increase pays for.',
  },
  Y03: {
    zh: '使上年预算额和执行数与上年绩效表一致。',
    en: "Make last year's budget and execution agree with last year's table.",
  },
  Y04: {
    zh: '目标值不低于上年目标值，或说明下调原因。',
    en: "Keep the target at least at last year's, or explain why it is lowered.",
  },
  P01: {
    zh: '打开“同类项目”，参照同类项目的实际完成值提高目标；确有原因设定较低目标的，在指标解释中说明。',
    en: 'Open "Similar projects" and raise the target towards what they achieved; if a lower target is intended, explain why in the indicator note.',
  },
  P02: {
    zh: '参照同类项目的实际完成值核实目标能否实现，在实施计划中写明达到该目标的措施，或下调目标。',
    en: 'Check the target against what similar projects achieved; state in the plan how it will be reached, or lower it.',
  },
  P03: {
    zh: '核对预算测算和产出数量：单位成本应与同类项目相当，差异大的请在项目概况中说明原因。',
    en: 'Check the budget calculation and the output quantities: unit costs should be close to the peers’, or the overview should explain why not.',
  },
  E01: {
    zh: '打开「事前绩效评估」，就立项必要性、投入经济性、绩效目标合理性、实施方案可行性、筹资合规性逐项评分并写明依据，给出评估结论。',
    en: 'Open the ex-ante assessment, score necessity, economy, targets, feasibility and funding with the evidence for each, and record a conclusion.',
  },
  E02: {
    zh: '评估不予支持的项目不进入预算：调整实施方案或预算后重新评估，或撤回项目。',
    en: 'A project the assessment does not support stays out of the budget: revise its plan or budget and assess it again, or withdraw it.',
  },
  E03: {
    zh: '按规则集的分档给出结论，或复核各维度评分使其与结论一致。',
    en: "Give the conclusion the rule set's bands give for the total, or revise the dimension scores so they match it.",
  },
};

/** Guidance shown for the C00 note about a source that was cut off. */
export const truncatedSourceGuidance = {
  zh: '导入完整的文档后再审核。',
  en: 'Import the whole document and review again.',
} as const;
