import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listening } from '../testing/listening-app.ts';
import { signInHeaders } from '../testing/test-auth.ts';

const fixtures = join(import.meta.dirname, '../../../..');
const seed = readFileSync(join(fixtures, 'fixtures/seed.txt'), 'utf8');

async function upload(base: string, headers: Record<string, string>, name: string, text: string) {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/plain' }), name);
  const response = await fetch(`${base}/api/imports`, { method: 'POST', headers, body: form });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describeEachDatabase('upload size limit', (getDb) => {
  let server: { app: FastifyInstance; base: string };
  let author: Record<string, string>;
  beforeAll(async () => {
    server = await listening(getDb);
    author = await signInHeaders(server.app, 'author');
  });
  afterAll(async () => {
    await server.app.close();
  });

  it('refuses an upload declaring a body over the limit with 413 before reading it', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { port, hostname } = new URL(server.base);
      const req = httpRequest({
        host: hostname,
        port,
        method: 'POST',
        path: '/api/imports',
        headers: {
          ...author,
          'content-type': 'multipart/form-data; boundary=x',
          'content-length': String(1024 * 1024 * 1024),
        },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString('utf8');
        });
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body });
          req.destroy();
        });
      });
      req.on('error', reject);
      // A few bytes of the gigabyte it announces, and no more.
      req.write('--x\r\n');
    });
    expect(answer.status).toBe(413);
    const problem = JSON.parse(answer.body) as { code: string; path: string; zh: string; en: string };
    expect(problem.code).toBe('import.too_large');
    expect(problem.path).toBe('file');
    expect(problem.en).toMatch(/1024\.0 MiB.*limit is 20\.0 MiB/);
  });
});

describeEachDatabase('uploads past the parse limits', (getDb) => {
  let server: { app: FastifyInstance; base: string };
  beforeAll(async () => {
    server = await listening(getDb, { parseLimits: { timeLimitMs: 100 } });
  });
  afterAll(async () => {
    await server.app.close();
  });

  it('answers 422 import.too_slow (zh/en, located at the file field) for a parse past its wall time', async () => {
    const author = await signInHeaders(server.app, 'author');
    const result = await upload(server.base, author, 'big.txt', seed.repeat(200));
    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({ code: 'import.too_slow', path: 'file', status: 422 });
    expect(result.body.zh).toMatch(/big\.txt.*0\.1 秒/);
    expect(result.body.en).toMatch(/big\.txt.*over 0\.1 s/);
  });
});
