import type { RuleParams } from '../review/rule.ts';
import type { PerformanceTable } from '../tables/table.schema.ts';
import type { ExAnteConclusion, ExAnteDimension, ExAnteRequirement, ExAnteScore } from './ex-ante.schema.ts';

/** The dimensions' names as the standard form prints them. */
export const exAnteDimensionLabels: Readonly<Record<ExAnteDimension, { zh: string; en: string }>> = {
  necessity: { zh: '立项必要性', en: 'Necessity' },
  economy: { zh: '投入经济性', en: 'Economy of inputs' },
  targets: { zh: '绩效目标合理性', en: 'Reasonableness of targets' },
  feasibility: { zh: '实施方案可行性', en: 'Feasibility of the plan' },
  funding: { zh: '筹资合规性', en: 'Compliance of funding' },
};

export const exAnteConclusionLabels: Readonly<Record<ExAnteConclusion, { zh: string; en: string }>> = {
  support: { zh: '予以支持', en: 'Support' },
  partial: { zh: '部分支持', en: 'Partial support' },
  reject: { zh: '不予支持', en: 'Do not support' },
};

type ExAnteParams = Pick<
  RuleParams,
  'exAnteNewProjectMin' | 'exAnteAnyProjectMin' | 'exAnteSupportScore' | 'exAntePartialScore'
>;

const wan = (yuan: number) => `${(yuan / 10_000).toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

/**
 * Whether the rule set asks `table` for an ex-ante assessment: a new project (no 同名项目上年预算额) whose
 * budget of the year reaches `exAnteNewProjectMin` (0: every new project), or any project reaching
 * `exAnteAnyProjectMin`; null switches either trigger off. Only target tables are assessed.
 */
export function exAnteRequirement(table: PerformanceTable, params: ExAnteParams): ExAnteRequirement {
  const budget = table.budget.currentYear ?? table.budget.total ?? null;
  const isNew = table.budget.priorYearBudget === null || table.budget.priorYearBudget === undefined;
  if (table.kind === 'target') {
    const newMin = params.exAnteNewProjectMin;
    if (isNew && newMin !== null && (newMin === 0 || (budget !== null && budget >= newMin))) {
      return newMin === 0
        ? {
            required: true,
            zh: '新增项目须开展事前绩效评估',
            en: 'A new project needs an ex-ante assessment',
          }
        : {
            required: true,
            zh: `新增项目当年预算达到 ${wan(newMin)} 万元，须开展事前绩效评估`,
            en: `A new project with a budget of at least ${wan(newMin)} × 10,000 yuan needs an ex-ante assessment`,
          };
    }
    const anyMin = params.exAnteAnyProjectMin;
    if (anyMin !== null && budget !== null && budget >= anyMin) {
      return {
        required: true,
        zh: `项目当年预算达到 ${wan(anyMin)} 万元，须开展事前绩效评估`,
        en: `A project with a budget of at least ${wan(anyMin)} × 10,000 yuan needs an ex-ante assessment`,
      };
    }
  }
  return {
    required: false,
    zh: '规则集未要求本项目开展事前绩效评估',
    en: 'The rule set does not ask this project for an ex-ante assessment',
  };
}

/** The total of an assessment: the sum of its dimension scores (0–100). */
export function exAnteTotal(scores: readonly ExAnteScore[]): number {
  return Math.round(scores.reduce((sum, s) => sum + s.score, 0) * 100) / 100;
}

/** The conclusion a total suggests: 予以支持 from `exAnteSupportScore`, 部分支持 from `exAntePartialScore`. */
export function suggestedExAnteConclusion(total: number, params: ExAnteParams): ExAnteConclusion {
  if (total >= params.exAnteSupportScore) return 'support';
  if (total >= params.exAntePartialScore) return 'partial';
  return 'reject';
}
