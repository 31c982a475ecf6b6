import { AppError } from '@jixiao/core/errors/app-error';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { copyTableToYear, type TableCopy } from '@jixiao/core/tables/table-copy';
import { diffTables } from '@jixiao/core/tables/table-diff';
import type {
  DuplicateChoice,
  TableCreate,
  TableRecord,
  TableUpdate,
} from '@jixiao/core/tables/table-record.schema';
import { assertEditable } from '@jixiao/core/workflow/workflow-machine';
import { type AuditActor, writeAudit, writeAuditMany } from '@jixiao/db/audit.repository';
import type { Database } from '@jixiao/db/database';
import { getSelfEvaluation } from '@jixiao/db/evaluation.repository';
import {
  assertTableVersion,
  confirmImportTables,
  createTableChecked,
  createTableRepository,
  deleteTableRow,
  derivedColumns,
  draftOnly,
  insertTableCopy,
  lockTableRecord,
  lockTableState,
  storeTableVersion,
} from '@jixiao/db/tables.repository';
import { assertCanResolveDuplicates, assertCanTable } from '../auth/authorize.ts';
import { auditActorOf, type Caller } from '../auth/caller.ts';
import { assertDraftingOpen } from '../guards/calendar.guards.ts';
import { tableChangeAudit } from './table-audit.ts';
import { withOrganisationUnit } from './table-unit.ts';

// Writes of target tables as the API asks for them: each authorises the caller with the accounts
// policies, runs the domain's checks (editable state, version, the budget year's calendar, duplicates)
// and writes the change with its audit entries in one transaction, the table's row locked first.

/**
 * The caller creates a draft (POST /api/tables), of their own unit unless another organisation is named;
 * a stored table of the same project and year needs a choice in `duplicates`. `created` is false when the
 * choice made a new version of, or skipped to, the stored table (which is then the record).
 */
export async function createTable(
  db: Database,
  caller: Caller,
  body: TableCreate,
  now?: Date,
): Promise<{ record: TableRecord; created: boolean }> {
  const organisationId = body.organisationId ?? caller.user?.organisationId ?? null;
  await assertCanTable(caller, db, 'table.create', { status: 'draft', organisationId });
  await assertDraftingOpen(db, [{ table: body.table, path: 'table.year' }], 'create', now);
  await assertCanResolveDuplicates(caller, db, organisationId, body.duplicates);
  const [table = body.table] = await withOrganisationUnit(db, [body.table], organisationId);
  const actor = auditActorOf(caller);
  // Computed before the transaction, which on PGlite holds the database for everyone (see saveTable).
  const derived = derivedColumns(table);
  const { record, skipped } = await db.transaction().execute(async (trx) => {
    const written = await createTableChecked(trx, table, actor, {
      organisationId,
      duplicates: body.duplicates ?? [],
      derived,
    });
    await writeAuditMany(
      trx,
      written.changes.map((change) => tableChangeAudit(change, actor, { reason: '新建', importId: null })),
    );
    return written;
  });
  return { record, created: !skipped && record.version === 1 };
}

/**
 * The caller saves a new version of table `tableId` (PUT /api/tables/:id), sending the version they edited.
 * Someone who could edit the table as a draft (its own unit's author) learns why it cannot be saved now
 * (frozen, under review: 409) instead of a bare "forbidden"; everyone else gets 401/403; a save since
 * the caller's version is 409 `table.version_conflict`.
 */
export async function saveTable(
  db: Database,
  caller: Caller,
  tableId: string,
  body: TableUpdate,
): Promise<TableRecord> {
  const actor = auditActorOf(caller);
  const reason = body.reason ?? null;
  // What needs no lock is done before the transaction, against the table as last read: its stored form
  // and the audit entry's diff are CPU work, and reading the content it replaces is megabytes for a table
  // at the schema's limits. On PGlite, whose one session every request takes in turn, the transaction
  // holds the database for everyone (a save at the limits held it 0.4-0.7 s doing this work inside).
  const seen = await createTableRepository(db).get(tableId);
  const prepared = await prepareSave(db, seen, body.table);
  return db.transaction().execute(async (trx) => {
    const current = await lockTableState(trx, tableId);
    await assertCanTable(caller, trx, 'table.update', { ...current, status: 'draft' });
    assertEditable(current.status);
    await assertCanTable(caller, trx, 'table.update', current);
    assertTableVersion(current, body.version);
    // Every write of a table's content makes a new version, so the same version is the same content.
    const before = current.version === seen.version ? seen : await lockTableRecord(trx, tableId);
    const [table] = await withOrganisationUnit(trx, [body.table], current.organisationId);
    const ready =
      before === seen && table?.unit === prepared.table.unit
        ? prepared
        : await prepareSave(trx, before, table ?? body.table);
    const after = await storeTableVersion(trx, current, ready.table, actor, reason, ready.derived);
    await writeAudit(
      trx,
      tableChangeAudit({ kind: 'versioned', before: { ...before, ...current }, after }, actor, {
        reason,
        diff: ready.diff,
      }),
    );
    return after;
  });
}

/** The table a save stores (unit from its organisation), its stored form, and its diff against `before`. */
async function prepareSave(db: Database, before: TableRecord, sent: PerformanceTable) {
  const [table = sent] = await withOrganisationUnit(db, [sent], before.organisationId);
  return { table, derived: derivedColumns(table), diff: diffTables(before.table, table) };
}

/** The caller deletes draft `tableId` (DELETE /api/tables/:id): 409 `table.not_editable` once submitted. */
export async function deleteTable(db: Database, caller: Caller, tableId: string): Promise<void> {
  const actor = auditActorOf(caller);
  await db.transaction().execute(async (trx) => {
    const current = await lockTableRecord(trx, tableId);
    await assertCanTable(caller, trx, 'table.delete', { ...current, status: 'draft' });
    if (current.status !== 'draft') throw draftOnly();
    await assertCanTable(caller, trx, 'table.delete', current);
    await deleteTableRow(trx, tableId);
    await writeAudit(trx, tableChangeAudit({ kind: 'deleted', before: current }, actor, { reason: null }));
  });
}

/**
 * The caller starts next year's draft from table `sourceId` (复制为新年度, POST /api/tables/:id/copy): they
 * must read the source and create tables of its unit; the year must be later than the source's and open
 * for drafting; 409 `table.year_conflict` when the project already has a target table that year.
 */
export async function copyTable(
  db: Database,
  caller: Caller,
  sourceId: string,
  body: TableCopy,
  now?: Date,
): Promise<TableRecord> {
  const source = await createTableRepository(db).get(sourceId);
  await assertCanTable(caller, db, 'table.read', source);
  // The draft belongs to the source's unit, so only that unit's authors may start it.
  const organisationId = source.organisationId;
  await assertCanTable(caller, db, 'table.create', { status: 'draft', organisationId });
  const year = body.year ?? source.table.year + 1;
  if (year <= source.table.year) {
    throw new AppError(
      'request.invalid',
      `新年度须晚于原表年度（${source.table.year} 年）`,
      `The new year must be later than the source table’s year (${source.table.year})`,
      { path: 'year' },
    );
  }
  const evaluation = await getSelfEvaluation(db, source.id);
  const table = copyTableToYear(source.table, { year, executed: evaluation?.entry.budget.executed });
  await assertDraftingOpen(db, [{ table, path: 'year' }], 'create', now);
  const actor = auditActorOf(caller);
  return db.transaction().execute(async (trx) => {
    const record = await insertTableCopy(trx, table, actor, organisationId);
    await writeAuditMany(trx, [
      tableChangeAudit({ kind: 'created', record }, actor, { reason: null }),
      {
        actor,
        action: 'table.copy',
        entity: 'table',
        entityId: record.id,
        diff: { sourceId, year: table.year, unit: table.unit, name: table.name },
      },
    ]);
    return record;
  });
}

/**
 * Writes the (possibly edited) tables of previewed import `importId` and marks it confirmed, with an audit
 * entry per table changed and `import.confirm`, in one transaction. Asks no policy: callers have checked
 * who may import into the preview's organisation and resolve its duplicates.
 */
export async function recordImportedTables(
  db: Database,
  actor: AuditActor,
  importId: string,
  tables: PerformanceTable[],
  duplicates: DuplicateChoice[],
): Promise<{ records: TableRecord[]; skipped: number[] }> {
  // Computed before the transaction, which on PGlite holds the database for everyone (see saveTable).
  const derived = tables.map(derivedColumns);
  return db.transaction().execute(async (trx) => {
    const { records, skipped, changes, file } = await confirmImportTables(
      trx,
      importId,
      tables,
      actor,
      duplicates,
      derived,
    );
    await writeAuditMany(trx, [
      ...changes.map((change) => tableChangeAudit(change, actor, { reason: file.reason, importId })),
      {
        actor,
        action: 'import.confirm',
        entity: 'import',
        entityId: importId,
        diff: {
          fileName: file.fileName,
          tableIds: records.map((record) => record.id),
          ...(duplicates.length > 0 ? { duplicates } : {}),
        },
      },
    ]);
    return { records, skipped };
  });
}
