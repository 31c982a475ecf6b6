import type { AddressInfo } from 'node:net';
import type { Database } from '@jixiao/db/database';
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../app.ts';

/**
 * The real app on `getDb()`, listening on a free port of 127.0.0.1: for tests that need real HTTP (a
 * client closing mid-request, /api/health polled beside another request) rather than `inject`.
 */
export async function listening(
  getDb: () => Database,
  options: Partial<Omit<AppOptions, 'db'>> = {},
): Promise<{ app: FastifyInstance; base: string }> {
  const app = await buildApp({ webDist: null, ...options, db: getDb() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { app, base: `http://127.0.0.1:${port}` };
}
