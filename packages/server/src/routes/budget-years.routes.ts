import {
  budgetYearListSchema,
  budgetYearSchema,
  budgetYearSettingSchema,
} from '@jixiao/core/years/budget-year.schema';
import { listBudgetYears } from '@jixiao/db/budget-years.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize, signedIn } from '../auth/authorize.ts';
import { callerOf } from '../auth/caller.ts';
import { saveBudgetYear } from '../use-cases/budget-years.ts';

// Budget years (预算年度设置): every signed-in user reads the calendar (authors see deadlines, the editor
// and monitoring pages resolve their table's year); administrators (budget_year.manage) change it.

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
    async (request) => saveBudgetYear(app.db, callerOf(request), request.body),
  );
};
