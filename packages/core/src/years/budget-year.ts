import { AppError } from '../errors/app-error.ts';
import { DEFAULT_MONITORING_SCHEME } from '../monitoring/monitoring-scheme.schema.ts';
import { ruleSetFor } from '../review/rule-sets.ts';
import type { PerformanceTable } from '../tables/table.schema.ts';
import type { BudgetYear, BudgetYearSetting } from './budget-year.schema.ts';
import { draftingAllowed, formatDateEn, formatDateZh } from './budget-year-dates.ts';

// Budget years (预算年度设置): which years are open for drafting, until when tables may be submitted,
// and which monitoring cut-off month applies. Pure, so the server enforces and the browser shows the same
// answer from the same settings. A year without a setting behaves as before the settings existed: open,
// no deadline, the default monitoring scheme's cut-off month.

export {
  deadlinePassed,
  draftingAllowed,
  formatDateEn,
  formatDateZh,
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
  const { region, year, submissionDeadline } = setting;
  const stepZh = step === 'create' ? '不能新建该年度的目标表' : '不能提交';
  const stepEn =
    step === 'create' ? 'no new tables of that year can be started' : 'tables cannot be submitted';
  const deadlineZh = submissionDeadline ? `（申报截止：${formatDateZh(submissionDeadline)}）` : '';
  const deadlineEn = submissionDeadline ? ` (submission deadline: ${formatDateEn(submissionDeadline)})` : '';
  if (!setting.draftingOpen) {
    return new AppError(
      'budget_year.closed',
      `${region} ${year} 年度目标表编报已关闭${deadlineZh}，${stepZh}`,
      `Drafting of ${region}'s ${year} target tables is closed${deadlineEn}; ${stepEn}`,
      { path },
    );
  }
  return new AppError(
    'budget_year.closed',
    `${region} ${year} 年度目标表申报已截止${deadlineZh}，${stepZh}`,
    `The submission deadline of ${region}'s ${year} target tables has passed${deadlineEn}; ${stepEn}`,
    { path },
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
