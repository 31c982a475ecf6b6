import { can, type TableResource } from '@jixiao/core/accounts/policies';
import { AppError } from '@jixiao/core/errors/app-error';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import type { Database } from '@jixiao/db/database';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { tableForReview } from '@jixiao/db/workflow.repository';
import { assertCan, assertCanTable, requireUser, tableResource } from '../auth/authorize.ts';
import type { Caller } from '../auth/caller.ts';

/** Loads a table the caller may read, with its policy view. */
export async function readableTable(
  caller: Caller,
  db: Database,
  id: string,
): Promise<{ record: TableRecord; resource: TableResource }> {
  const record = await createTableRepository(db).get(id);
  const resource = await tableResource(db, record);
  assertCan(caller, 'table.read', resource);
  return { record, resource };
}

/**
 * Loads a table the caller's user may report on (`table.report`: an author of its own unit, approved or
 * published). The right author on a table not yet approved gets 409 evaluation.not_approved, not a 403.
 */
export async function enterableTable(caller: Caller, db: Database, id: string): Promise<TableRecord> {
  const { record, resource } = await readableTable(caller, db, id);
  const user = requireUser(caller);
  const reportsOnceApproved = can(user, 'table.report', { ...resource, status: 'approved' });
  if (reportsOnceApproved && !can(user, 'table.report', resource)) {
    throw new AppError(
      'evaluation.not_approved',
      '只有已批复或已公开的绩效目标表才能填报监控和自评。',
      'Only approved or published tables are monitored and self-evaluated.',
      { path: 'status' },
    );
  }
  assertCan(caller, 'table.report', resource);
  return record;
}

/**
 * Loads a table for the review flow (its status, version, organisation and current content) when the
 * caller's user is signed in and may read it: reviews and comments are working papers, not public.
 */
export async function reviewableTable(caller: Caller, db: Database, id: string) {
  requireUser(caller);
  const table = await tableForReview(db, id);
  await assertCanTable(caller, db, 'table.read', table);
  return table;
}
