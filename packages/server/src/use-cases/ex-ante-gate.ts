import { AppError } from '@jixiao/core/errors/app-error';
import type { ExAnteAssessment } from '@jixiao/core/ex-ante/ex-ante.schema';
import type { Finding } from '@jixiao/core/review/finding.schema';
import { reviewTable } from '@jixiao/core/review/review-table';
import type { RuleSet } from '@jixiao/core/review/rule-sets';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { Database } from '@jixiao/db/database';
import { getExAnteAssessment } from '@jixiao/db/ex-ante.repository';
import { ruleSetForRequest } from '../guards/rule-set.guards.ts';

/** The ex-ante rules of `set` alone: the gate needs neither peers nor last year's table. */
export function exAnteFindings(
  table: PerformanceTable,
  set: RuleSet,
  exAnte: ExAnteAssessment | null,
): Finding[] {
  const only = { ...set, rules: set.rules.filter((entry) => entry.rule.category === 'ex-ante') };
  return reviewTable(table, only, { exAnte });
}

/**
 * Refuses (409 ex_ante.blocked) to submit a table on which the ex-ante rules of its rule set report an
 * error: an assessment the set asks for and that was not made (E01), or one that does not support the
 * project (E02). A set that switches the rules off, or lowers them to warnings, lets the table through.
 */
export async function assertExAnteGate(
  db: Database,
  tableId: string,
  table: PerformanceTable,
): Promise<void> {
  const set = await ruleSetForRequest(db, 'auto', table);
  const errors = exAnteFindings(table, set, await getExAnteAssessment(db, tableId)).filter(
    (f) => f.severity === 'error',
  );
  if (errors.length === 0) return;
  throw new AppError(
    'ex_ante.blocked',
    `不能提交：${errors.map((f) => `${f.zh}（${f.ruleId}）`).join('；')}`,
    `Cannot submit: ${errors.map((f) => `${f.en} (${f.ruleId})`).join('; ')}`,
    { path: 'exAnte' },
  );
}
