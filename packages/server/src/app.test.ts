import { buildTable } from '@jixiao/core/review/testing/table-factory';
import type { Problem } from '@jixiao/core/tables/table-record.schema';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { describe, expect, it } from 'vitest';
import { useTestApp } from './testing/test-app.ts';

// One database per engine for the file: opening one costs more than these tests.
describeEachDatabase('app', (getDb) => {
  describe('app skeleton', () => {
    const getApp = useTestApp(getDb);

    it('answers the health check', async () => {
      const response = await getApp().call<{ status: string }>('GET', '/api/health', { as: 'anonymous' });
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('ok');
    });

    it('serves the OpenAPI document and the docs page', async () => {
      const spec = await getApp().call<{ openapi: string; paths: Record<string, unknown> }>(
        'GET',
        '/api/openapi.json',
        { as: 'anonymous' },
      );
      expect(spec.status).toBe(200);
      expect(spec.body.openapi).toMatch(/^3\./);
      expect(Object.keys(spec.body.paths)).toContain('/api/health');
      const docs = await getApp().call('GET', '/api/docs/', { as: 'anonymous' });
      expect(docs.status).toBe(200);
      expect(docs.text).toContain('<html');
    });

    it('answers unknown API routes with a 404 problem', async () => {
      const response = await getApp().call<Problem>('GET', '/api/nothing-here', { as: 'anonymous' });
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'route.not_found', status: 404 });
      expect(response.body.zh).toContain('找不到');
    });
  });

  describe('request limits', () => {
    const getApp = useTestApp(getDb, { bodyLimit: 4096 });

    it('refuses a JSON body above the limit with a 413 problem', async () => {
      const table = { name: 'x'.repeat(10_000) };
      const response = await getApp().call<Problem>('POST', '/api/tables', { body: { table } });
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ code: 'request.too_large', status: 413 });
      expect(response.body.zh).toContain('过大');
    });
  });

  describe('characters the database refuses', () => {
    const getApp = useTestApp(getDb);

    it('answers NUL characters in a table with a 400 problem, not a crash', async () => {
      const table = buildTable({ name: '含空字符\u0000的项目' });
      const response = await getApp().call<Problem>('POST', '/api/tables', { body: { table } });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('request.invalid_characters');
    });
  });
});
