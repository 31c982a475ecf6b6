import { can, type TableResource } from '@jixiao/core/accounts/policies';
import { AppError } from '@jixiao/core/errors/app-error';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import type { Database } from '@jixiao/db/database';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { tableForReview } from '@jixiao/db/workflow.repository';
import type { FastifyRequest } from 'fastify';
import { assertCan, assertCanTable, requireUser, tableResource } from '../auth/authorize.ts';

/** Loads a table the request may read, with its policy view. */
export async function readableTable(
  request: FastifyRequest,
  db: Database,
  id: string,
): Promise<{ record: TableRecord; resource: TableResource }> {
  const record = await createTableRepository(db).get(id);
  const resource = await tableResource(db, record);
  assertCan(request, 'table.read', resource);
  return { record, resource };
}

/**
 * Loads a table the request's user may report on (`table.report`: an author of its own unit, approved or
 * published). The right author on a table not yet approved gets 409 evaluation.not_approved, not a 403.
 */
export async function enterableTable(
  request: FastifyRequest,
  db: Database,
  id: string,
): Promise<TableRecord> {
  const { record, resource } = await readableTable(request, db, id);
  const user = requireUser(request);
  const reportsOnceApproved = can(user, 'table.report', { ...resource, status: 'approved' });
  if (reportsOnceApproved && !can(user, 'table.report', resource)) {
    throw new AppError(
      'evaluation.not_approved',
      '只有已批复或已公开的绩效目标表才能填报监控和自评。',
      'Only approved or published tables are monitored and self-evaluated.',
      { path: 'status' },
    );
  }
  assertCan(request, 'table.report', resource);
  return record;
}

/**
 * Loads a table for the review flow (its status, version, organisation and current content) when the
 * request's user is signed in and may read it: reviews and comments are working papers, not public.
 */
export async function reviewableTable(request: FastifyRequest, db: Database, id: string) {
  requireUser(request);
  const table = await tableForReview(db, id);
  await assertCanTable(request, db, 'table.read', table);
  return table;
}
