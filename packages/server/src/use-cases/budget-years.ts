import type { BudgetYear, BudgetYearSettingInput } from '@jixiao/core/years/budget-year.schema';
import { storeBudgetYear } from '@jixiao/db/budget-years.repository';
import type { Database } from '@jixiao/db/database';
import { assertCan } from '../auth/authorize.ts';
import { auditActorOf, type Caller } from '../auth/caller.ts';
import { auditedWrite } from './audited-write.ts';

/**
 * An administrator creates or replaces the setting of a region's budget year (PUT /api/budget-years),
 * written with its `budget_year.update` entry (before and after) in one transaction; 401/403 for others.
 */
export async function saveBudgetYear(
  db: Database,
  caller: Caller,
  setting: BudgetYearSettingInput,
): Promise<BudgetYear> {
  assertCan(caller, 'budget_year.manage');
  const actor = auditActorOf(caller);
  const { after } = await auditedWrite(
    db,
    actor,
    (trx) => storeBudgetYear(trx, setting, actor),
    ({ before, after }) => ({
      action: 'budget_year.update',
      entity: 'budget_year',
      entityId: `${after.region}/${after.year}`,
      diff: { before, after },
    }),
  );
  return after;
}
