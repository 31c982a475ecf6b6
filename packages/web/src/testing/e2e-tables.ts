/**
 * Tables for browser tests: the seed's three tables as the shipped fixture holds them, stored as the demo
 * author of the seed unit would have saved them (so every role sees them as in the demo).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type PerformanceTable, performanceTableSchema } from '@jixiao/core/tables/table.schema';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import { demoOrganisationIds, demoUserFor } from '@jixiao/db/accounts-demo';
import type { Database } from '@jixiao/db/database';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { repoRoot } from './web-build.ts';

/** The seed's three tables (fixtures/seed.expected.json), validated by the table schema. */
export async function seedTables(): Promise<PerformanceTable[]> {
  const seed = JSON.parse(await readFile(join(repoRoot, 'fixtures/seed.expected.json'), 'utf8')) as {
    tables: unknown[];
  };
  return seed.tables.map((t) => performanceTableSchema.parse(t));
}

/** One seed table by its project name. */
export async function seedTable(name: string): Promise<PerformanceTable> {
  const table = (await seedTables()).find((t) => t.name === name);
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
