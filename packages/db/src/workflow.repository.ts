import { AppError } from '@jixiao/core/errors/app-error';
import { type PerformanceTable, performanceTableSchema } from '@jixiao/core/tables/table.schema';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import type { WorkflowAction, WorkflowEvent } from '@jixiao/core/workflow/workflow.schema';
import { workflowVersionConflict } from '@jixiao/core/workflow/workflow-errors';
import type { Database, DatabaseTransaction } from './database.ts';
import { copyVersions } from './tables.repository.ts';
import { type HistoryActor, insertWorkflowEvent } from './workflow-history.repository.ts';

// The storage of the review flow. Which step is allowed, for whom, and what the audit log says of it are
// decided by the server's workflow use cases with core's machine and policies; this module reads and
// writes the rows they name.

/** A table as a workflow step sees it: state, version, organisation, content (see lockWorkflowTable). */
export interface WorkflowTable {
  id: string;
  status: TableStatus;
  version: number;
  organisationId: string | null;
  content: unknown;
}

function notFound(id: string): AppError {
  return new AppError('table.not_found', '找不到该目标表', `No table with id ${id}`, { path: 'id' });
}

/**
 * Reads and row-locks a table, so that concurrent steps on it run one after the other; `trx` must be the
 * transaction that then writes the step. `table.not_found` when there is no such table. A step that does
 * not look at the content reads it with `content: false` (null): a table at the schema's limits is
 * megabytes of JSON, read while the transaction holds PGlite's one session.
 */
export async function lockWorkflowTable(
  trx: DatabaseTransaction,
  id: string,
  options: { content: boolean } = { content: true },
): Promise<WorkflowTable> {
  const row = await trx
    .selectFrom('target_tables')
    .select(['id', 'status', 'version', 'organisation_id'])
    .$if(options.content, (qb) => qb.select('content'))
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(id);
  return {
    id: row.id,
    status: row.status as TableStatus,
    version: row.version,
    organisationId: row.organisation_id,
    content: 'content' in row ? row.content : null,
  };
}

/** A table's status, version and organisation, or `table.not_found`. */
export async function workflowTableStatus(
  db: Database,
  tableId: string,
): Promise<{ status: TableStatus; version: number; organisationId: string | null }> {
  const row = await db
    .selectFrom('target_tables')
    .select(['status', 'version', 'organisation_id'])
    .where('id', '=', tableId)
    .executeTakeFirst();
  if (!row) throw notFound(tableId);
  return { status: row.status as TableStatus, version: row.version, organisationId: row.organisation_id };
}

/** One step to keep: the locked table it starts from, the state it leads to, who fired it and what they wrote. */
export interface TransitionRecord {
  table: WorkflowTable;
  action: WorkflowAction;
  to: TableStatus;
  actor: HistoryActor;
  comment: string | null;
  reason: string | null;
}

/**
 * Keeps a step in `trx`: the table's status and next version (the status is part of the versioned record),
 * that version's row (content unchanged, the reason or else the comment as its note) and the workflow
 * event, which it returns. The write is guarded by the version read under the lock.
 */
export async function storeTransition(
  trx: DatabaseTransaction,
  step: TransitionRecord,
): Promise<WorkflowEvent> {
  const { table } = step;
  const toVersion = table.version + 1;
  const updated = await trx
    .updateTable('target_tables')
    .set({ status: step.to, version: toVersion, updated_at: new Date() })
    .where('id', '=', table.id)
    .where('version', '=', table.version)
    .returning('id')
    .execute();
  // The row lock makes this impossible; if it ever happens, losing beats writing on a stale version.
  if (updated.length !== 1) throw workflowVersionConflict(table.version, toVersion);
  await copyVersions(trx, [table.id], { by: step.actor.id, reason: step.reason ?? step.comment });
  return insertWorkflowEvent(trx, {
    tableId: table.id,
    action: step.action,
    fromStatus: table.status,
    toStatus: step.to,
    fromVersion: table.version,
    toVersion,
    actor: step.actor,
    comment: step.comment,
    reason: step.reason,
  });
}

/**
 * Takes a table's row out of the public catalogue (a trigger adds it when a version is published, so
 * taking the table off the portal has to remove it).
 */
export async function removeFromCatalogue(trx: DatabaseTransaction, tableId: string): Promise<void> {
  await trx.deleteFrom('published_tables').where('table_id', '=', tableId).execute();
}

/** The content of one stored version of a table (for "what changed since the last review"). */
export async function tableAtVersion(
  db: Database,
  tableId: string,
  version: number,
): Promise<PerformanceTable | null> {
  const row = await db
    .selectFrom('table_versions')
    .select('content')
    .where('table_id', '=', tableId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? performanceTableSchema.parse(row.content) : null;
}

/** A stored table's status, version, organisation and current content, or `table.not_found`. */
export async function tableForReview(
  db: Database,
  tableId: string,
): Promise<{ status: TableStatus; version: number; organisationId: string | null; table: PerformanceTable }> {
  const row = await db
    .selectFrom('target_tables')
    .select(['status', 'version', 'organisation_id', 'content'])
    .where('id', '=', tableId)
    .executeTakeFirst();
  if (!row) throw notFound(tableId);
  return {
    status: row.status as TableStatus,
    version: row.version,
    organisationId: row.organisation_id,
    table: performanceTableSchema.parse(row.content),
  };
}

/** A table waiting in some review queue, as the queue lists it. */
export interface QueuedTable {
  id: string;
  version: number;
  status: TableStatus;
  year: number;
  unit: string;
  name: string;
  currentYearBudget: number | null;
  updatedAt: string;
  organisationId: string | null;
}

/** Up to `limit` tables in one of `statuses`, the longest unchanged first so that nothing waits forever. */
export async function tablesWaitingIn(
  db: Database,
  statuses: readonly TableStatus[],
  limit: number,
): Promise<QueuedTable[]> {
  if (statuses.length === 0) return [];
  const rows = await db
    .selectFrom('target_tables')
    .select([
      'id',
      'version',
      'status',
      'year',
      'unit',
      'name',
      'current_year_budget',
      'updated_at',
      'organisation_id',
    ])
    .where('status', 'in', statuses)
    .orderBy('updated_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    status: row.status as TableStatus,
    year: row.year,
    unit: row.unit,
    name: row.name,
    currentYearBudget: row.current_year_budget === null ? null : Number(row.current_year_budget),
    updatedAt: new Date(row.updated_at).toISOString(),
    organisationId: row.organisation_id,
  }));
}
