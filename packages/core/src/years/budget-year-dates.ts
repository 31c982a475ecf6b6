import type { BudgetYear, BudgetYearSetting } from './budget-year.schema.ts';

// The parts of budget years that need only the settings and a day, not a table's framework: the workbench
// imports them without pulling in the rule sets (and with them zod and every review rule, about 45 KB gzip
// on the landing page). budget-year.ts re-exports them.

/** 2021年3月31日 */
export function formatDateZh(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const monthsEn = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 31 Mar 2021 */
export function formatDateEn(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${d} ${monthsEn[(m ?? 1) - 1]} ${y}`;
}

/** Whether the submission deadline of `setting` is over on `today` (YYYY-MM-DD; the deadline day counts). */
export function deadlinePassed(setting: BudgetYearSetting, today: string): boolean {
  return setting.submissionDeadline !== null && today > setting.submissionDeadline;
}

/** Whether authors may start or submit tables of the setting's year on `today`. */
export function draftingAllowed(setting: BudgetYearSetting, today: string): boolean {
  return setting.draftingOpen && !deadlinePassed(setting, today);
}

/**
 * Whether authors may save the year-end self-evaluation of the setting's year on `today`: self-evaluation
 * open and its deadline (the day counts) not over.
 */
export function selfEvaluationAllowed(setting: BudgetYearSetting, today: string): boolean {
  const deadline = setting.selfEvaluationDeadline;
  return setting.selfEvaluationOpen && (deadline === null || today <= deadline);
}

/**
 * The open years with a deadline still ahead on `today`, soonest first: what the workbench tells authors
 * (「2021 年度目标表申报截止：2021年3月31日」).
 */
export function upcomingDeadlines(settings: readonly BudgetYear[], today: string): BudgetYear[] {
  return settings
    .filter((s) => s.draftingOpen && s.submissionDeadline !== null && s.submissionDeadline >= today)
    .sort(
      (a, b) =>
        (a.submissionDeadline ?? '').localeCompare(b.submissionDeadline ?? '') ||
        a.region.localeCompare(b.region),
    );
}
