import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { calendarDay, isoDay } from '@jixiao/core/workflow/workbench';
import {
  budgetYearForTable,
  type DraftingStep,
  draftingRefusal,
  selfEvaluationRefusal,
} from '@jixiao/core/years/budget-year';
import { budgetYearsOf } from '@jixiao/db/budget-years.repository';
import type { Database } from '@jixiao/db/database';

/** Options of the route files that check the calendar: the clock "today" is read from (tests fix it). */
export interface CalendarRouteOptions {
  now?: (() => Date) | undefined;
}

/**
 * Throws 409 budget_year.closed when an author may not start (`create`) or submit tables of these
 * tables' years on `now`: drafting closed, or the submission deadline over. `path` locates each table in
 * the request (`table.year`, `tables.<i>.year`). Reviewers' actions never call this.
 */
export async function assertDraftingOpen(
  db: Database,
  tables: readonly { table: PerformanceTable; path: string }[],
  step: DraftingStep,
  now: Date = new Date(),
): Promise<void> {
  const settings = await budgetYearsOf(
    db,
    tables.map((t) => t.table.year),
  );
  const today = isoDay(calendarDay(now));
  for (const { table, path } of tables) {
    const refusal = draftingRefusal(budgetYearForTable(settings, table), step, today, path);
    if (refusal) throw refusal;
  }
}

/**
 * Throws 409 budget_year.self_evaluation_closed when the author may not save the year-end self-evaluation
 * of `table` on `now` (Beijing's day): its year's self-evaluation closed or its deadline over. Reviewers'
 * score adjustments never call this.
 */
export async function assertSelfEvaluationOpen(
  db: Database,
  table: PerformanceTable,
  now: Date = new Date(),
): Promise<void> {
  const settings = await budgetYearsOf(db, [table.year]);
  const refusal = selfEvaluationRefusal(budgetYearForTable(settings, table), isoDay(calendarDay(now)));
  if (refusal) throw refusal;
}
