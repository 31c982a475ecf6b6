import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { organisationName } from '@jixiao/db/accounts.repository';
import type { Database } from '@jixiao/db/database';

/**
 * 申报单位 is the organisation the table belongs to, not text its author types: every table saved through
 * the API (created, saved, imported) gets its organisation's registered name as `unit`, so lists, the
 * portal, exports and duplicate checks all name the unit one way. A table of no organisation keeps its text.
 */
export async function withOrganisationUnit<T extends Pick<PerformanceTable, 'unit'>>(
  db: Database,
  tables: T[],
  organisationId: string | null | undefined,
): Promise<T[]> {
  if (!organisationId) return tables;
  const name = await organisationName(db, organisationId);
  if (name === null) return tables;
  return tables.map((table) => (table.unit === name ? table : { ...table, unit: name }));
}
