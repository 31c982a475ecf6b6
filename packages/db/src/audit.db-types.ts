import type { ColumnType, Generated } from 'kysely';

/** The append-only audit trail: one row per change, written in the same transaction as the change. */
export interface AuditLogTable {
  id: Generated<number>;
  at: ColumnType<Date, never, never>;
  actor: string | null;
  actor_address: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  diff: unknown;
}

export interface AuditDb {
  audit_log: AuditLogTable;
}
