import { type AuditActor, type AuditEntry, writeAudit } from '@jixiao/db/audit.repository';
import type { Database, DatabaseTransaction } from '@jixiao/db/database';

/**
 * A change and its audit entry in one transaction: `write` stores the change, `entry` describes it from
 * what `write` returned, and neither is kept without the other. Returns what `write` returned.
 */
export function auditedWrite<T>(
  db: Database,
  actor: AuditActor,
  write: (trx: DatabaseTransaction) => Promise<T>,
  entry: (written: T) => Omit<AuditEntry, 'actor'>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const written = await write(trx);
    await writeAudit(trx, { actor, ...entry(written) });
    return written;
  });
}
