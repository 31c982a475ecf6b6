import type { Kysely, Transaction } from 'kysely';
import type { DB } from './db-schema.ts';

/** Who did it: a user id (null for the system) and where the request came from. */
export interface AuditActor {
  userId: string | null;
  address?: string | null;
}

export interface AuditEntry {
  actor: AuditActor | null;
  /** What happened, as a stable code: `table.create`, `table.update`, `import.confirm`, … */
  action: string;
  /** What kind of thing changed: `table`, `import`, `user`, … */
  entity: string;
  entityId: string | null;
  /** What changed (a diff, or the new values); stored as jsonb. */
  diff?: unknown;
}

/**
 * Appends one row to `audit_log`. Call it with the transaction that makes the change, so the change
 * and its record commit or roll back together. The table rejects UPDATE and DELETE (trigger).
 */
export async function writeAudit(trx: Transaction<DB> | Kysely<DB>, entry: AuditEntry): Promise<void> {
  await writeAuditMany(trx, [entry]);
}

/** Appends many audit rows in few statements (bulk imports), in the caller's transaction. */
export async function writeAuditMany(
  trx: Transaction<DB> | Kysely<DB>,
  entries: AuditEntry[],
): Promise<void> {
  // 7 parameters a row; PostgreSQL allows 65,535 parameters a statement.
  for (let start = 0; start < entries.length; start += 5000) {
    await trx
      .insertInto('audit_log')
      .values(
        entries.slice(start, start + 5000).map((entry) => ({
          actor: entry.actor?.userId ?? null,
          actor_address: entry.actor?.address ?? null,
          action: entry.action,
          entity: entry.entity,
          entity_id: entry.entityId,
          diff: entry.diff === undefined ? null : JSON.stringify(entry.diff),
        })),
      )
      .execute();
  }
}

/** Whether the audit log holds any entry of `action` (e.g. `demo.load`, which marks a one-time step done). */
export async function hasAuditEntry(db: Kysely<DB>, action: string): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('id')
    .where('action', '=', action)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
