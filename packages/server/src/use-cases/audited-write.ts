import type { Action } from '@jixiao/core/accounts/policies';
import { type AuditActor, type AuditEntry, writeAudit } from '@jixiao/db/audit.repository';
import type { Database, DatabaseTransaction } from '@jixiao/db/database';
import { assertCan } from '../auth/authorize.ts';
import { auditActorOf, type Caller } from '../auth/caller.ts';

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

/**
 * `auditedWrite` by a caller whom `policy` must allow (401/403 before anything is written), the
 * caller's audit actor handed to `write` for the rows it stamps.
 */
export function authorisedWrite<T>(
  db: Database,
  caller: Caller,
  policy: Action,
  write: (trx: DatabaseTransaction, actor: AuditActor) => Promise<T>,
  entry: (written: T) => Omit<AuditEntry, 'actor'>,
): Promise<T> {
  assertCan(caller, policy);
  const actor = auditActorOf(caller);
  return auditedWrite(db, actor, (trx) => write(trx, actor), entry);
}
