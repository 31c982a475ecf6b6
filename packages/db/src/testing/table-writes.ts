import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { DuplicateChoice, TableRecord } from '@jixiao/core/tables/table-record.schema';
import type { Actor } from '@jixiao/core/tables/table-store';
import { assertEditable } from '@jixiao/core/workflow/workflow-machine';
import type { Database } from '../database.ts';
import {
  assertTableVersion,
  confirmImportTables,
  deleteTableRow,
  draftOnly,
  type ImportPreviewInput,
  type ImportPreviewRecord,
  insertImportPreview,
  lockTableRecord,
  storeTableVersion,
} from '../tables.repository.ts';

// Table writes without their audit entries, for tests that arrange tables and imports straight in
// storage. The application writes these through the server's use cases, which authorise the caller and
// write the audit entries in the same transaction; only tests (and their helpers) may import this file.

/** Saves a new version of an editable table at `expectedVersion` (`table.version_conflict` otherwise). */
export async function updateStoredTable(
  db: Database,
  id: string,
  expectedVersion: number,
  table: PerformanceTable,
  actor: Actor,
  reason?: string,
): Promise<TableRecord> {
  return db.transaction().execute(async (trx) => {
    const current = await lockTableRecord(trx, id);
    assertTableVersion(current, expectedVersion);
    assertEditable(current.status);
    return storeTableVersion(trx, current, table, actor, reason ?? null);
  });
}

/** Deletes a table that is still a draft (`table.not_editable` otherwise). */
export async function removeStoredTable(db: Database, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await lockTableRecord(trx, id);
    if (current.status !== 'draft') throw draftOnly();
    await deleteTableRow(trx, id);
  });
}

/** Keeps an upload's file and preview. */
export function storePreview(db: Database, input: ImportPreviewInput): Promise<ImportPreviewRecord> {
  return insertImportPreview(db, input);
}

/** Writes the tables of previewed import `importId` and marks it confirmed, in one transaction. */
export async function confirmStoredImport(
  db: Database,
  importId: string,
  tables: PerformanceTable[],
  actor: Actor,
  options: { duplicates?: DuplicateChoice[] } = {},
): Promise<{ records: TableRecord[]; skipped: number[] }> {
  return db.transaction().execute(async (trx) => {
    const { records, skipped } = await confirmImportTables(
      trx,
      importId,
      tables,
      actor,
      options.duplicates ?? [],
    );
    return { records, skipped };
  });
}
