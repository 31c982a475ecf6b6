import type { Role } from '@jixiao/core/accounts/account.schema';
import type { Database } from '@jixiao/db/database';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { type AppOptions, buildApp } from '../app.ts';
import { signInHeaders } from './test-auth.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export interface CallOptions {
  /** Which demo user makes the request (default `author`); `anonymous` sends no session. */
  as?: Role | 'anonymous';
  /** JSON-serialised unless it is a string, Buffer or FormData. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface CallResult<T> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  /** Parsed JSON when the response is JSON, else the text. */
  body: T;
  text: string;
  raw: Buffer;
}

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  call<T = unknown>(method: HttpMethod, url: string, options?: CallOptions): Promise<CallResult<T>>;
  close(): Promise<void>;
}

/** Builds the real app on `getDb()` and a `call` that signs in as a demo user of a role. */
export async function createTestApp(
  getDb: () => Database,
  options: Partial<Omit<AppOptions, 'db'>> = {},
): Promise<TestApp> {
  const db = getDb();
  const app = await buildApp({ webDist: null, ...options, db });
  await app.ready();
  const sessions = new Map<string, Record<string, string>>();

  async function call<T>(method: HttpMethod, url: string, options: CallOptions = {}): Promise<CallResult<T>> {
    const as = options.as ?? 'author';
    let session = sessions.get(as);
    if (!session) {
      session = await signInHeaders(app, as);
      sessions.set(as, session);
    }
    const headers: Record<string, string> = { ...session, ...options.headers };
    let payload: string | Buffer | FormData | undefined;
    const body = options.body;
    if (body === undefined) payload = undefined;
    else if (typeof body === 'string' || Buffer.isBuffer(body) || body instanceof FormData) payload = body;
    else {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload }),
    });
    const contentType = String(response.headers['content-type'] ?? '');
    const parsed: unknown =
      /json/.test(contentType) && response.body ? JSON.parse(response.body) : response.body;
    return {
      status: response.statusCode,
      headers: response.headers,
      body: parsed as T,
      text: response.body,
      raw: response.rawPayload,
    };
  }

  return { app, db, call, close: () => app.close() };
}

/**
 * Registers hooks that build the app before the suite's tests and close it after; returns a getter.
 * Use inside `describeEachDatabase(name, (getDb) => { const getApp = useTestApp(getDb); … })`.
 */
export function useTestApp(
  getDb: () => Database,
  options: Partial<Omit<AppOptions, 'db'>> = {},
): () => TestApp {
  let testApp: TestApp | null = null;
  beforeAll(async () => {
    testApp = await createTestApp(getDb, options);
  });
  afterAll(async () => {
    await testApp?.close();
  });
  return () => {
    if (!testApp) throw new Error('The test app is not built yet (use it inside tests or hooks)');
    return testApp;
  };
}
