import {
  type BudgetYear,
  type BudgetYearSettingInput,
  budgetYearSettingSchema,
} from '@jixiao/core/years/budget-year.schema';
import { sql } from 'kysely';
import type { AuditActor } from './audit.repository.ts';
import type { Database } from './database.ts';

// Storage of the administrator's budget year settings (预算年度设置), one row per region and year. The
// server's use case writes each change's audit entry (before and after) in the transaction it stores in.

interface Row {
  region: string;
  year: number;
  drafting_open: boolean;
  submission_deadline: string | null;
  cut_off_month: number;
  self_evaluation_open: boolean;
  self_evaluation_deadline: string | null;
  updated_by: string | null;
  updated_at: Date | string;
}

function toBudgetYear(row: Row): BudgetYear {
  return {
    region: row.region,
    year: row.year,
    draftingOpen: row.drafting_open,
    submissionDeadline: row.submission_deadline,
    cutOffMonth: row.cut_off_month,
    selfEvaluationOpen: row.self_evaluation_open,
    selfEvaluationDeadline: row.self_evaluation_deadline,
    updatedAt: (row.updated_at instanceof Date ? row.updated_at : new Date(row.updated_at)).toISOString(),
    updatedBy: row.updated_by,
  };
}

// Dates as text: drivers turn a `date` into a JavaScript Date at local midnight, which shifts the day in
// any time zone east or west of the server's; a deadline is a calendar day, so it stays YYYY-MM-DD.
function selectRows(db: Database) {
  return db
    .selectFrom('budget_years')
    .select([
      'region',
      'year',
      'drafting_open',
      sql<string | null>`submission_deadline::text`.as('submission_deadline'),
      'cut_off_month',
      'self_evaluation_open',
      sql<string | null>`self_evaluation_deadline::text`.as('self_evaluation_deadline'),
      'updated_by',
      'updated_at',
    ]);
}

/** Every setting, by year (newest first) then region. */
export async function listBudgetYears(db: Database): Promise<BudgetYear[]> {
  const rows = await selectRows(db).orderBy('year', 'desc').orderBy('region').execute();
  return rows.map(toBudgetYear);
}

/** The settings of the given years (what a request about tables of those years needs). */
export async function budgetYearsOf(db: Database, years: readonly number[]): Promise<BudgetYear[]> {
  if (years.length === 0) return [];
  const rows = await selectRows(db)
    .where('year', 'in', [...new Set(years)])
    .execute();
  return rows.map(toBudgetYear);
}

/** The setting of one region's year, if an administrator made one. */
export async function findBudgetYear(db: Database, region: string, year: number): Promise<BudgetYear | null> {
  const row = await selectRows(db).where('region', '=', region).where('year', '=', year).executeTakeFirst();
  return row ? toBudgetYear(row) : null;
}

/**
 * Creates or replaces the setting of a region's year as `actor`, in the caller's transaction; reports the
 * setting before (null when there was none) and after, for the audit entry.
 */
export async function storeBudgetYear(
  db: Database,
  input: BudgetYearSettingInput,
  actor: AuditActor,
): Promise<{ before: BudgetYear | null; after: BudgetYear }> {
  const setting = budgetYearSettingSchema.parse(input);
  const before = await findBudgetYear(db, setting.region, setting.year);
  const values = {
    drafting_open: setting.draftingOpen,
    submission_deadline: setting.submissionDeadline,
    cut_off_month: setting.cutOffMonth,
    self_evaluation_open: setting.selfEvaluationOpen,
    self_evaluation_deadline: setting.selfEvaluationDeadline,
    updated_by: actor.userId,
    updated_at: new Date(),
  };
  await db
    .insertInto('budget_years')
    .values({ region: setting.region, year: setting.year, ...values })
    .onConflict((oc) => oc.columns(['region', 'year']).doUpdateSet(values))
    .execute();
  const after = await findBudgetYear(db, setting.region, setting.year);
  if (!after) throw new Error('budget year vanished inside its own transaction');
  return { before, after };
}
