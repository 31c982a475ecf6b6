/**
 * Tables for browser tests: the seed's three tables as the shipped fixture holds them, stored as the demo
 * author of the seed unit would have saved them (so every role sees them as in the demo).
 */
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import { demoOrganisationIds, demoUserFor } from '@jixiao/db/accounts-demo';
import type { Database } from '@jixiao/db/database';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { seedTables } from '@jixiao/export/testing/export-fixtures';

export { seedTables };

/** One seed table by its project name. */
export function seedTable(name: string): PerformanceTable {
  const table = seedTables().find((t) => t.name === name);
  if (!table) throw new Error(`seed table ${name} missing`);
  return table;
}

/** Saves a draft as the demo author, in the seed unit. */
export function storeAsAuthor(db: Database, table: PerformanceTable): Promise<TableRecord> {
  return createTableRepository(db).create(
    table,
    { userId: demoUserFor('author').id },
    { organisationId: demoOrganisationIds.seedUnit },
  );
}
