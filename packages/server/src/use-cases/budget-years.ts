import type { BudgetYear, BudgetYearSettingInput } from '@jixiao/core/years/budget-year.schema';
import { writeAudit } from '@jixiao/db/audit.repository';
import { storeBudgetYear } from '@jixiao/db/budget-years.repository';
import type { Database } from '@jixiao/db/database';
import { assertCan } from '../auth/authorize.ts';
import { auditActorOf, type Caller } from '../auth/caller.ts';

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
  return db.transaction().execute(async (trx) => {
    const { before, after } = await storeBudgetYear(trx, setting, actor);
    await writeAudit(trx, {
      actor,
      action: 'budget_year.update',
      entity: 'budget_year',
      entityId: `${after.region}/${after.year}`,
      diff: { before, after },
    });
    return after;
  });
}
