import type { Role } from '@jixiao/core/accounts/account.schema';
import type { FastifyInstance } from 'fastify';

/**
 * Headers (session cookie, CSRF token) that make a request act as a demo user of `as`.
 * ACCOUNTS replaces this body when sign-in exists; until then requests carry no identity.
 */
export async function signInHeaders(
  _app: FastifyInstance,
  _as: Role | 'anonymous',
): Promise<Record<string, string>> {
  return {};
}
