import type { exAnteMessages } from './messages.ex-ante.ts';

/** English words of 事前绩效评估 (ex-ante assessment). Loaded with messages.en.ts, only when English is chosen. */
export const exAnteEn = {
  'exAnte.title': 'Ex-ante assessment',
  'exAnte.pageTitle': 'Ex-ante assessment: {name}',
  'exAnte.subtitle':
    'New projects and those above the budget threshold are assessed before submission: necessity, economy, targets, feasibility and funding',
  'exAnte.open': 'Ex-ante assessment',
  'exAnte.required': 'Assessment required',
  'exAnte.notRequired': 'No assessment required',
  'exAnte.blocks': 'The assessment does not meet the rule set yet, so the table cannot be submitted',
  'exAnte.passes': 'The assessment meets the rule set: the table may be submitted',
  'exAnte.dimension': 'Dimension',
  'exAnte.score': 'Score (of 20)',
  'exAnte.evidence': 'Evidence',
  'exAnte.total':
    'Total {total} points · under the rule set (support from {support}, partial from {partial}) the conclusion is "{suggested}"',
  'exAnte.conclusion': 'Conclusion',
  'exAnte.opinion': 'Overall opinion',
  'exAnte.assessor': 'Assessed by',
  'exAnte.save': 'Save assessment',
  'exAnte.saved': 'Ex-ante assessment saved',
  'exAnte.incomplete': 'Score every dimension with its evidence, choose a conclusion and write the opinion',
  'exAnte.readOnly': 'The table is submitted or not yours to change: the assessment is read-only',
  'exAnte.none': 'No ex-ante assessment yet',
  'exAnte.summary': '{conclusion} · {total} points',
  'exAnte.backToTable': 'Back to the table',
  'exAnte.dim.necessity': 'Necessity',
  'exAnte.dim.economy': 'Economy of inputs',
  'exAnte.dim.targets': 'Reasonableness of targets',
  'exAnte.dim.feasibility': 'Feasibility of the plan',
  'exAnte.dim.funding': 'Compliance of funding',
  'exAnte.conclusion.support': 'Support',
  'exAnte.conclusion.partial': 'Partial support',
  'exAnte.conclusion.reject': 'Do not support',
} satisfies Record<keyof typeof exAnteMessages.zh, string>;
