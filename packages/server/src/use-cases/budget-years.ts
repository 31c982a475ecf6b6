import type { BudgetYear, BudgetYearSettingInput } from '@jixiao/core/years/budget-year.schema';
import { storeBudgetYear } from '@jixiao/db/budget-years.repository';
import type { Database } from '@jixiao/db/database';
import type { Caller } from '../auth/caller.ts';
import { authorisedWrite } from './audited-write.ts';

/**
 * An administrator creates or replaces the setting of a region's budget year (PUT /api/budget-years),
 * written with its `budget_year.update` entry (before and after) in one transaction; 401/403 for others.
 */
export async function saveBudgetYear(
  db: Database,
  caller: Caller,
  setting: BudgetYearSettingInput,
): Promise<BudgetYear> {
  const { after } = await authorisedWrite(
    db,
    caller,
    'budget_year.manage',
    (trx, actor) => storeBudgetYear(trx, setting, actor),
    ({ before, after }) => ({
      action: 'budget_year.update',
      entity: 'budget_year',
      entityId: `${after.region}/${after.year}`,
      diff: { before, after },
    }),
  );
  return after;
}
