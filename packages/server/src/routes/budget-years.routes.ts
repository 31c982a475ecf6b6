import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { calendarDay, isoDay } from '@jixiao/core/workflow/workbench';
import {
  budgetYearForTable,
  type DraftingStep,
  draftingRefusal,
  selfEvaluationRefusal,
} from '@jixiao/core/years/budget-year';
import {
  budgetYearListSchema,
  budgetYearSchema,
  budgetYearSettingSchema,
} from '@jixiao/core/years/budget-year.schema';
import { budgetYearsOf, listBudgetYears, upsertBudgetYear } from '@jixiao/db/budget-years.repository';
import type { Database } from '@jixiao/db/database';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditActor, authorize, signedIn } from '../auth/authorize.ts';

// Budget years (预算年度设置): every signed-in user reads the calendar (authors see deadlines, the editor
// and monitoring pages resolve their table's year); administrators (budget_year.manage) change it.

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

export const budgetYearsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/budget-years',
    {
      onRequest: signedIn,
      schema: {
        tags: ['budget-years'],
        summary:
          'Budget year settings per region: drafting open, submission deadline, monitoring cut-off month, self-evaluation',
        description:
          'A region and year without a setting is open, without deadline, with the default cut-off month (July).',
        response: { 200: budgetYearListSchema },
      },
    },
    async () => ({ items: await listBudgetYears(app.db) }),
  );

  app.put(
    '/budget-years',
    {
      onRequest: authorize('budget_year.manage'),
      schema: {
        tags: ['budget-years'],
        summary: 'Create or replace the setting of a region’s budget year (admins; audited)',
        body: budgetYearSettingSchema,
        response: { 200: budgetYearSchema },
      },
    },
    async (request) => upsertBudgetYear(app.db, request.body, auditActor(request)),
  );
};
