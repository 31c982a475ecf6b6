import type { ThrottleKey, ThrottleScope } from '@jixiao/db/login-throttles.repository';

/**
 * How failed sign-ins slow down further ones, per scope: the first `freeFailures` within `windowMs` cost
 * nothing, each later one holds the key back twice as long as the one before, from `baseDelayMs` up to
 * `maxDelayMs`. The count starts afresh once a key's last failure is older than `windowMs`.
 */
export interface ThrottlePolicy {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  windowMs: number;
}

export type ThrottlePolicies = Record<ThrottleScope, ThrottlePolicy>;

/**
 * - pair (name and address): one address guessing one account is held back up to 15 minutes; nobody
 *   else is affected, so an attacker cannot lock the owner out from the attacker's address.
 * - address (any name): one address spraying many names is held back up to 15 minutes.
 * - account (any address): many addresses guessing one account (ASVS 2.2.1: at most 100 failures an hour
 *   per account) are slowed to one guess a minute; its cap is short because the owner shares it: the
 *   right password from a fresh address works at once below 20 failures an hour, else within a minute.
 */
export const defaultThrottlePolicies: ThrottlePolicies = {
  pair: { freeFailures: 5, baseDelayMs: 2_000, maxDelayMs: 15 * 60_000, windowMs: 60 * 60_000 },
  address: { freeFailures: 20, baseDelayMs: 2_000, maxDelayMs: 15 * 60_000, windowMs: 60 * 60_000 },
  account: { freeFailures: 20, baseDelayMs: 2_000, maxDelayMs: 60_000, windowMs: 60 * 60_000 },
};

/** How long a key is held back after its `failures`-th failure within the window. */
export function throttleDelayMs(policy: ThrottlePolicy, failures: number): number {
  const over = failures - policy.freeFailures;
  if (over <= 0) return 0;
  // 2^over grows past any cap quickly; the exponent is bounded so the number stays finite.
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(over - 1, 40));
}

/** The keys a sign-in attempt counts against. The name is normalised as sign-in compares it. */
export function throttleKeys(username: string, address: string): ThrottleKey[] {
  const name = username.trim().toLowerCase();
  return [
    { scope: 'pair', key: `${name} @ ${address}` },
    { scope: 'address', key: address },
    { scope: 'account', key: name },
  ];
}

/** The longest window of the throttle policies: a throttle older than that counts nothing any more. */
export function throttleWindowMs(policies: ThrottlePolicies): number {
  return Math.max(...Object.values(policies).map((p) => p.windowMs + p.maxDelayMs));
}
