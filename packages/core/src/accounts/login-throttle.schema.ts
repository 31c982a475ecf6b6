import { z } from 'zod';

/** What a sign-in throttle counts: one account name, one client address, or a name from one address. */
export const throttleScopeSchema = z.enum(['account', 'address', 'pair']);
export type ThrottleScope = z.infer<typeof throttleScopeSchema>;

/** Failed sign-ins counted against one key and how long further attempts are held back. */
export const loginThrottleSchema = z.object({
  scope: throttleScopeSchema,
  key: z.string().describe('The account name, the address, or `name @ address`'),
  failures: z.number().int().positive().describe('Failures within the window'),
  firstFailureAt: z.string().datetime(),
  lastFailureAt: z.string().datetime(),
  blockedUntil: z
    .string()
    .datetime()
    .nullable()
    .describe('Attempts are answered 429 auth.throttled until then'),
});
export type LoginThrottle = z.infer<typeof loginThrottleSchema>;

export const loginThrottleListSchema = z.object({ items: z.array(loginThrottleSchema) });
