import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { TableRecord, TableStatus } from '@jixiao/core/tables/table-record.schema';
import { demoOrganisationIds, demoUserFor } from '@jixiao/db/accounts-demo';
import type { Database } from '@jixiao/db/database';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { storePreview } from '@jixiao/db/testing/table-writes';

/**
 * A table of the demo author's unit moved along `path` straight in the repository, so that a test starts
 * from a table in the state it needs without walking the review flow over HTTP.
 */
export async function storeSeedUnitTable(
  db: Database,
  table: PerformanceTable,
  path: TableStatus[],
): Promise<TableRecord> {
  const store = createTableRepository(db);
  let record = await store.create(
    table,
    { userId: demoUserFor('author').id },
    { organisationId: demoOrganisationIds.seedUnit },
  );
  for (const status of path)
    record = await store.setStatus(record.id, record.version, status, { userId: null });
  return record;
}

/**
 * An upload's preview as the author of the seed unit would have it kept, with `table` as the reader's output
 * and `text` as the uploaded file; returns the import's id.
 */
export async function storeSeedUnitPreview(
  db: Database,
  table: PerformanceTable,
  file: { name: string; text: string },
): Promise<string> {
  const saved = await storePreview(db, {
    source: { name: file.name, mediaType: 'text/plain', bytes: new TextEncoder().encode(file.text) },
    sourceText: file.text,
    tables: [table],
    warnings: [],
    actor: { userId: demoUserFor('author').id },
    organisationId: demoOrganisationIds.seedUnit,
  });
  return saved.id;
}
