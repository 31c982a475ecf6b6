import type { UsedTemplate } from '@jixiao/core/tables/column-mapping.schema';
import type { ImportConfirm, ImportResult } from '@jixiao/core/tables/table-record.schema';
import type { SourceFile } from '@jixiao/core/tables/table-store';
import { writeAudit } from '@jixiao/db/audit.repository';
import type { Database } from '@jixiao/db/database';
import {
  createTableRepository,
  type ImportPreviewRecord,
  insertImportPreview,
} from '@jixiao/db/tables.repository';
import type { ParsedFile } from '@jixiao/import/parse-file';
import { withoutSources } from '@jixiao/import/preview/row-sources';
import { assertCanResolveDuplicates, assertCanTable } from '../auth/authorize.ts';
import { auditActorOf, type Caller } from '../auth/caller.ts';
import { assertDraftingOpen } from '../guards/calendar.guards.ts';
import { confirmMonitoringImport, isMonitoringImport } from './import-monitoring.ts';
import { confirmSelfEvaluationImport, isSelfEvaluationImport } from './import-self-evaluation.ts';
import { withOrganisationUnit } from './table-unit.ts';
import { recordImportedTables } from './table-writes.ts';

// Imports as the API asks for them: an upload is kept with its preview (the caller imports into their own
// unit), and a confirmation writes the previewed tables, or fills the monitoring report or self-evaluation
// a filled form belongs to. Each writes its change with its audit entries in one transaction.

/** An uploaded file as read for its preview. */
export interface ReadFile {
  source: SourceFile;
  parsed: ParsedFile;
  template: UsedTemplate | null;
}

/**
 * The caller uploads a document into their unit (POST /api/imports): 401/403 before `receive` reads a
 * byte unless they may import; the file and what was read from it are kept as a preview, audited as
 * `import.upload`.
 */
export async function uploadImport(
  db: Database,
  caller: Caller,
  receive: (organisationId: string | null) => Promise<ReadFile>,
): Promise<ImportPreviewRecord> {
  const organisationId = caller.user?.organisationId ?? null;
  await assertCanTable(caller, db, 'table.import', { status: 'draft', organisationId });
  const { source, parsed, template } = await receive(organisationId);
  const actor = auditActorOf(caller);
  return db.transaction().execute(async (trx) => {
    const preview = await insertImportPreview(trx, {
      source,
      sourceText: parsed.sourceText,
      // Each row carries the lines it was read from, for the preview; confirming takes them off.
      tables: parsed.tables,
      warnings: parsed.warnings,
      actor,
      organisationId,
      template,
      sourceCells: parsed.sourceCells,
    });
    await writeAudit(trx, {
      actor,
      action: 'import.upload',
      entity: 'import',
      entityId: preview.id,
      diff: { fileName: source.name, size: source.bytes.byteLength, tables: parsed.tables.length },
    });
    return preview;
  });
}

/** A kept preview the caller may import into (its organisation's), or 401/403. */
export async function importablePreview(
  db: Database,
  caller: Caller,
  importId: string,
): Promise<ImportPreviewRecord> {
  const preview = await createTableRepository(db).getImport(importId);
  await assertCanTable(caller, db, 'table.import', {
    status: 'draft',
    organisationId: preview.organisationId,
  });
  return preview;
}

/**
 * The caller confirms preview `importId` with the tables as they edited them (POST
 * /api/imports/:id/confirm): a monitoring form or a filled 自评表 fills its table's report or
 * self-evaluation; other tables are created in the preview's organisation, the budget year open for
 * drafting, each duplicate of a stored table resolved by the caller's choice, all or nothing.
 */
export async function confirmImport(
  db: Database,
  caller: Caller,
  importId: string,
  body: ImportConfirm,
  now?: Date,
): Promise<ImportResult> {
  const preview = await importablePreview(db, caller, importId);
  const tables = await withOrganisationUnit(db, withoutSources(body.tables), preview.organisationId);
  const confirm = { ...body, tables };
  if (isMonitoringImport(tables)) return confirmMonitoringImport(caller, db, preview, confirm);
  if (isSelfEvaluationImport(tables)) return confirmSelfEvaluationImport(caller, db, preview, confirm);
  await assertDraftingOpen(
    db,
    tables.map((table, i) => ({ table, path: `tables.${i}.year` })),
    'create',
    now,
  );
  await assertCanResolveDuplicates(caller, db, preview.organisationId, body.duplicates);
  const { records, skipped } = await recordImportedTables(
    db,
    auditActorOf(caller),
    importId,
    tables,
    body.duplicates ?? [],
  );
  return { importId, records, skipped };
}
