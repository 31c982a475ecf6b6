import { expect, it } from 'vitest';
import { queryAuditLog } from './audit-query.repository.ts';
import {
  blockedUntil,
  clearThrottles,
  deleteThrottle,
  listThrottles,
  recordFailure,
  sweepThrottles,
} from './login-throttles.repository.ts';
import { describeEachDatabase } from './testing/test-database.ts';

// Two free failures, then 1 s, 2 s, 4 s … held back, the count forgotten after a minute without failures.
const policy = () => ({
  windowMs: 60_000,
  delayMs: (n: number) => (n <= 2 ? 0 : 1_000 * 2 ** (n - 3)),
});
let counter = 0;

describeEachDatabase('login throttles repository', (getDb) => {
  it('counts parallel failures atomically and holds the key back by the count', async () => {
    const db = getDb();
    counter += 1;
    const key = { scope: 'account' as const, key: `parallel${counter}` };
    const now = new Date('2026-12-06T10:00:00Z');
    await Promise.all(Array.from({ length: 5 }, () => recordFailure(db, [key], now, policy)));
    const [row] = (await listThrottles(db, now, new Date(0))).filter((t) => t.key === key.key);
    expect(row?.failures).toBe(5);
    // Whichever write came last, the longest delay (the 5th failure's 4 s) is what a count of 5 gives.
    const until = await blockedUntil(db, [key], now);
    expect(until?.toISOString()).toBe('2026-12-06T10:00:04.000Z');
    expect(await blockedUntil(db, [key], new Date('2026-12-06T10:00:05Z'))).toBeNull();
  });

  it('starts the count afresh after the window and forgets cleared keys', async () => {
    const db = getDb();
    counter += 1;
    const pair = { scope: 'pair' as const, key: `someone${counter} @ 10.0.0.${counter}` };
    const t0 = new Date('2026-12-06T11:00:00Z');
    for (let i = 0; i < 3; i++) await recordFailure(db, [pair], t0, policy);
    const later = new Date(t0.getTime() + 61_000);
    const [fresh] = await recordFailure(db, [pair], later, policy);
    expect(fresh?.failures).toBe(1);
    expect(fresh?.blockedUntil).toBeNull();
    await clearThrottles(db, [pair]);
    expect((await listThrottles(db, later, new Date(0))).some((t) => t.key === pair.key)).toBe(false);
  });

  it('lets an administrator clear one, audited, and sweeps old ones', async () => {
    const db = getDb();
    counter += 1;
    const address = { scope: 'address' as const, key: `192.0.2.${counter}` };
    const now = new Date('2026-12-06T12:00:00Z');
    for (let i = 0; i < 4; i++) await recordFailure(db, [address], now, policy);
    expect(await deleteThrottle(db, address, { userId: null, address: '10.9.9.9' })).toBe(true);
    expect(await deleteThrottle(db, address, null)).toBe(false);
    const audit = await queryAuditLog(db, { action: 'auth.throttle_cleared', page: 1, pageSize: 50 });
    expect(audit.items.some((e) => JSON.stringify(e.diff).includes(address.key))).toBe(true);

    const old = { scope: 'address' as const, key: `198.51.100.${counter}` };
    await recordFailure(db, [old], new Date('2026-12-01T00:00:00Z'), policy);
    await sweepThrottles(db, new Date('2026-12-05T00:00:00Z'), now);
    expect((await listThrottles(db, now, new Date(0))).some((t) => t.key === old.key)).toBe(false);
  });
});
