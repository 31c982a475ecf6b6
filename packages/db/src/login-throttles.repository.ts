import { sql } from 'kysely';
import type { AuditActor } from './audit.repository.ts';
import { writeAudit } from './audit.repository.ts';
import type { Database } from './database.ts';
import type { LoginThrottlesTable } from './login-throttles.db-types.ts';

// Storage of sign-in throttles. The policy (how many failures are free, how the delay grows) is the
// server's; this layer counts failures atomically, so parallel guesses cannot slip past a count, and keeps
// the time until which a key is held back.

export type ThrottleScope = LoginThrottlesTable['scope'];

export interface ThrottleKey {
  scope: ThrottleScope;
  key: string;
}

export interface LoginThrottle extends ThrottleKey {
  failures: number;
  firstFailureAt: string;
  lastFailureAt: string;
  blockedUntil: string | null;
}

function toThrottle(row: LoginThrottlesTable): LoginThrottle {
  const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();
  return {
    scope: row.scope,
    key: row.key,
    failures: row.failures,
    firstFailureAt: iso(row.first_failure_at),
    lastFailureAt: iso(row.last_failure_at),
    blockedUntil: row.blocked_until === null ? null : iso(row.blocked_until),
  };
}

function matching(keys: readonly ThrottleKey[]) {
  return sql<boolean>`(scope, key) in (${sql.join(keys.map((k) => sql`(${k.scope}, ${k.key})`))})`;
}

/** The latest time until which any of the keys is held back, when later than `now`. */
export async function blockedUntil(
  db: Database,
  keys: readonly ThrottleKey[],
  now: Date,
): Promise<Date | null> {
  if (keys.length === 0) return null;
  const row = await db
    .selectFrom('login_throttles')
    .select((eb) => eb.fn.max('blocked_until').as('until'))
    .where(matching(keys))
    .where('blocked_until', '>', now)
    .executeTakeFirst();
  return row?.until ? new Date(row.until) : null;
}

/**
 * Counts one failed sign-in against each key (the count starts afresh when the key's last failure is older
 * than `windowMs`) and holds each key back for the delay the policy gives its new count.
 */
export async function recordFailure(
  db: Database,
  keys: readonly ThrottleKey[],
  now: Date,
  policy: (scope: ThrottleScope) => { windowMs: number; delayMs: (failures: number) => number },
): Promise<LoginThrottle[]> {
  return db.transaction().execute(async (trx) => {
    const out: LoginThrottle[] = [];
    for (const { scope, key } of keys) {
      const { windowMs, delayMs } = policy(scope);
      const stale = new Date(now.getTime() - windowMs);
      const counted = await trx
        .insertInto('login_throttles')
        .values({ scope, key, failures: 1, first_failure_at: now, last_failure_at: now, blocked_until: null })
        .onConflict((oc) =>
          oc.columns(['scope', 'key']).doUpdateSet({
            failures: sql`case when login_throttles.last_failure_at < ${stale} then 1 else login_throttles.failures + 1 end`,
            first_failure_at: sql`case when login_throttles.last_failure_at < ${stale} then ${now} else login_throttles.first_failure_at end`,
            last_failure_at: now,
          }),
        )
        .returning(['failures'])
        .executeTakeFirstOrThrow();
      const delay = delayMs(counted.failures);
      const until = delay > 0 ? new Date(now.getTime() + delay) : null;
      const row = await trx
        .updateTable('login_throttles')
        .set({ blocked_until: until })
        .where('scope', '=', scope)
        .where('key', '=', key)
        .returningAll()
        .executeTakeFirstOrThrow();
      out.push(toThrottle(row));
    }
    return out;
  });
}

/** Forgets the keys' failures (a good password clears the account's and the pair's count). */
export async function clearThrottles(db: Database, keys: readonly ThrottleKey[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom('login_throttles').where(matching(keys)).execute();
}

/** Throttles still in force or with a failure since `since`, the most recent first. */
export async function listThrottles(db: Database, now: Date, since: Date): Promise<LoginThrottle[]> {
  const rows = await db
    .selectFrom('login_throttles')
    .selectAll()
    .where((eb) => eb.or([eb('blocked_until', '>', now), eb('last_failure_at', '>=', since)]))
    .orderBy('last_failure_at', 'desc')
    .limit(1_000)
    .execute();
  return rows.map(toThrottle);
}

/** An administrator clears one throttle; audited with what it held. False when there was none. */
export async function deleteThrottle(
  db: Database,
  key: ThrottleKey,
  actor: AuditActor | null,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('login_throttles')
      .where('scope', '=', key.scope)
      .where('key', '=', key.key)
      .returningAll()
      .executeTakeFirst();
    if (!row) return false;
    const cleared = toThrottle(row);
    await writeAudit(trx, {
      actor,
      action: 'auth.throttle_cleared',
      entity: 'login_throttle',
      entityId: null,
      diff: {
        scope: cleared.scope,
        key: cleared.key,
        failures: cleared.failures,
        blockedUntil: cleared.blockedUntil,
      },
    });
    return true;
  });
}

/** Drops throttles whose last failure is older than `before` and that hold nothing back any more. */
export async function sweepThrottles(db: Database, before: Date, now: Date): Promise<void> {
  await db
    .deleteFrom('login_throttles')
    .where('last_failure_at', '<', before)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
    .execute();
}
