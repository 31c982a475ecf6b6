import type { z } from 'zod';
import type { PerformanceTable } from './table.schema.ts';
import type {
  TableList,
  TableListQuery,
  TableRecord,
  TableStatus,
  tableVersionSchema,
} from './table-record.schema.ts';

/** One saved version of a table, as kept forever in storage (shape: `tableVersionSchema`). */
export type TableVersion = z.infer<typeof tableVersionSchema>;

/** The bytes of an imported file, kept beside the tables it produced. */
export interface SourceFile {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** Who is acting, for version history and (later) the audit log. */
export interface Actor {
  userId: string | null;
  address?: string | null;
}

/**
 * Storage of performance tables, declared here so the domain and the server depend on the contract,
 * not on PostgreSQL. `packages/db` implements it for PGlite and node-postgres.
 *
 * Failures are AppErrors with codes: `table.not_found`, `table.version_conflict` (optimistic lock lost).
 * Saving a version and deleting a draft are the server's use cases, which audit them in the transaction
 * that writes them: they are not part of this contract.
 */
export interface TableStore {
  list(query: TableListQuery): Promise<TableList>;
  get(id: string): Promise<TableRecord>;
  create(
    table: PerformanceTable,
    actor: Actor,
    options?: { organisationId?: string | null },
  ): Promise<TableRecord>;
  versions(id: string): Promise<TableVersion[]>;
  version(id: string, version: number): Promise<TableVersion>;
  /** Writes all tables of one import and the source file in one transaction: all or nothing. */
  importBatch(
    tables: PerformanceTable[],
    source: SourceFile,
    actor: Actor,
    options?: { organisationId?: string | null },
  ): Promise<TableRecord[]>;
  setStatus(id: string, expectedVersion: number, status: TableStatus, actor: Actor): Promise<TableRecord>;
}
