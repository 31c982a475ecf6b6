import { AppError } from '../errors/app-error.ts';
import { DEFAULT_MONITORING_SCHEME } from '../monitoring/monitoring-scheme.schema.ts';
import { ruleSetFor } from '../review/rule-sets.ts';
import type { PerformanceTable } from '../tables/table.schema.ts';
import type { BudgetYear, BudgetYearSetting } from './budget-year.schema.ts';
import { draftingAllowed, formatDateEn, formatDateZh, selfEvaluationAllowed } from './budget-year-dates.ts';

// Budget years (预算年度设置): which years are open for drafting, until when tables may be submitted,
// and which monitoring cut-off month applies. Pure, so the server enforces and the browser shows the same
// answer from the same settings. A year without a setting behaves as before the settings existed: open,
// no deadline, the default monitoring scheme's cut-off month.

export {
  deadlinePassed,
  draftingAllowed,
  formatDateEn,
  formatDateZh,
  selfEvaluationAllowed,
  upcomingDeadlines,
} from './budget-year-dates.ts';

/** The region whose settings govern `table`: that of the framework it follows (as rule sets decide). */
export function tableRegion(table: Pick<PerformanceTable, 'indicators'>): string {
  return ruleSetFor(table as PerformanceTable).region;
}

/** Today's behaviour for a region and year nobody configured. */
export function defaultBudgetYear(region: string, year: number): BudgetYear {
  return {
    region,
    year,
    draftingOpen: true,
    submissionDeadline: null,
    cutOffMonth: DEFAULT_MONITORING_SCHEME.cutOffMonth,
    selfEvaluationOpen: true,
    selfEvaluationDeadline: null,
    updatedAt: null,
    updatedBy: null,
  };
}

/** The setting of a region's year among `settings`, else the defaults. */
export function budgetYearFor(settings: readonly BudgetYear[], region: string, year: number): BudgetYear {
  return settings.find((s) => s.region === region && s.year === year) ?? defaultBudgetYear(region, year);
}

/** The setting that applies to a table (its framework's region, its year). */
export function budgetYearForTable(
  settings: readonly BudgetYear[],
  table: Pick<PerformanceTable, 'indicators' | 'year'>,
): BudgetYear {
  return budgetYearFor(settings, tableRegion(table), table.year);
}

/** The monitoring cut-off month of a table's year. */
export function cutOffMonthFor(
  settings: readonly BudgetYear[],
  table: Pick<PerformanceTable, 'indicators' | 'year'>,
): number {
  return budgetYearForTable(settings, table).cutOffMonth;
}

export type DraftingStep = 'create' | 'submit';

/** The words of one calendar window (drafting, self-evaluation) in its refusals. */
interface WindowWords {
  /** 目标表编报已关闭 */
  closedZh: string;
  /** 目标表申报已截止 */
  lateZh: string;
  /** 申报截止 */
  deadlineZh: string;
  closedEn: (region: string, year: number) => string;
  lateEn: (region: string, year: number) => string;
  deadlineEn: string;
}

const draftingWords: WindowWords = {
  closedZh: '目标表编报已关闭',
  lateZh: '目标表申报已截止',
  deadlineZh: '申报截止',
  closedEn: (region, year) => `Drafting of ${region}'s ${year} target tables is closed`,
  lateEn: (region, year) => `The submission deadline of ${region}'s ${year} target tables has passed`,
  deadlineEn: 'submission deadline',
};

const selfEvaluationWords: WindowWords = {
  closedZh: '绩效自评已关闭',
  lateZh: '绩效自评已截止',
  deadlineZh: '自评截止',
  closedEn: (region, year) => `Self-evaluation of ${region}'s ${year} target tables is closed`,
  lateEn: (region, year) => `The self-evaluation deadline of ${region}'s ${year} target tables has passed`,
  deadlineEn: 'self-evaluation deadline',
};

/**
 * The one wording of every calendar refusal: 「<region> <year> 年度<window>已关闭/已截止（<deadline>：<day>），<step>」,
 * "closed" when the administrator closed the window, else "passed" (the deadline is over).
 */
function windowRefusal(
  code: 'budget_year.closed' | 'budget_year.self_evaluation_closed',
  words: WindowWords,
  { region, year }: Pick<BudgetYearSetting, 'region' | 'year'>,
  open: boolean,
  deadline: string | null,
  step: { zh: string; en: string },
  path: string,
): AppError {
  const deadlineZh = deadline ? `（${words.deadlineZh}：${formatDateZh(deadline)}）` : '';
  const deadlineEn = deadline ? ` (${words.deadlineEn}: ${formatDateEn(deadline)})` : '';
  const [zh, en] = open
    ? [words.lateZh, words.lateEn(region, year)]
    : [words.closedZh, words.closedEn(region, year)];
  return new AppError(
    code,
    `${region} ${year} 年度${zh}${deadlineZh}，${step.zh}`,
    `${en}${deadlineEn}; ${step.en}`,
    { path },
  );
}

/**
 * Why an author may not take `step` (start a table, submit one) in the setting's year on `today`, as the
 * error the server answers (409 budget_year.closed, located at `path`); null when allowed. Reviewers'
 * actions never ask.
 */
export function draftingRefusal(
  setting: BudgetYearSetting,
  step: DraftingStep,
  today: string,
  path = 'year',
): AppError | null {
  if (draftingAllowed(setting, today)) return null;
  const words =
    step === 'create'
      ? { zh: '不能新建该年度的目标表', en: 'no new tables of that year can be started' }
      : { zh: '不能提交', en: 'tables cannot be submitted' };
  return windowRefusal(
    'budget_year.closed',
    draftingWords,
    setting,
    setting.draftingOpen,
    setting.submissionDeadline,
    words,
    path,
  );
}

/**
 * Why an author may not save the year-end self-evaluation (绩效自评) of a table of the setting's year on
 * `today`: self-evaluation closed or its deadline over (409 budget_year.self_evaluation_closed, located at
 * `path`); null when allowed. Reviewers' score adjustments never ask.
 */
export function selfEvaluationRefusal(
  setting: BudgetYearSetting,
  today: string,
  path = 'year',
): AppError | null {
  if (selfEvaluationAllowed(setting, today)) return null;
  return windowRefusal(
    'budget_year.self_evaluation_closed',
    selfEvaluationWords,
    setting,
    setting.selfEvaluationOpen,
    setting.selfEvaluationDeadline,
    { zh: '不能保存自评', en: 'the self-evaluation cannot be saved' },
    path,
  );
}

/** Throws draftingRefusal's error when the step is not allowed. */
export function assertDraftingAllowed(
  setting: BudgetYearSetting,
  step: DraftingStep,
  today: string,
  path = 'year',
): void {
  const refusal = draftingRefusal(setting, step, today, path);
  if (refusal) throw refusal;
}
