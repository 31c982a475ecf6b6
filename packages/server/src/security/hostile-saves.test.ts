import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import { tableLimits } from '@jixiao/core/tables/table-limits';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { expect, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';

interface Problem {
  code: string;
  zh: string;
  en: string;
  issues?: { path: string; zh: string; en: string }[];
}

// A table at the limits saved, confirmed, moved through the workflow and exported without holding the
// server: blocking-steps.security.test.ts.
describeEachDatabase('hostile saves', (getDb) => {
  const getApp = useTestApp(getDb);
  const row = buildIndicator('产出指标', '数量指标', '培训人数', '>=100人');

  it('refuses a 50,000-character project name with 400 at table.name, naming the limit, at once', async () => {
    const started = performance.now();
    // Before the limit: PGlite froze 16.7 s on its bigrams, later a 500 from the project index.
    const saved = await getApp().call<Problem>('POST', '/api/tables', {
      body: { table: { ...buildTable(), name: '项'.repeat(50_000) } },
    });
    expect(saved.status).toBe(400);
    expect(saved.body.code).toBe('request.invalid');
    const issue = saved.body.issues?.find((i) => i.path === 'table.name');
    expect(issue?.en).toMatch(/200/);
    expect(issue?.zh).toMatch(/200/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a 3,000-character CJK unit and name (the project index) with 400, not 500', async () => {
    const saved = await getApp().call<Problem>('POST', '/api/tables', {
      body: { table: { ...buildTable(), unit: '单'.repeat(3000), name: '项'.repeat(3000) } },
    });
    expect(saved.status).toBe(400);
    expect(saved.body.issues?.map((i) => i.path).sort()).toEqual(['table.name', 'table.unit']);
  });

  it(`refuses ${tableLimits.indicators + 1} indicators with 400 at table.indicators before any work`, async () => {
    const rows = Array.from({ length: tableLimits.indicators + 1 }, (_, i) => ({ ...row, name: `指标${i}` }));
    const saved = await getApp().call<Problem>('POST', '/api/tables', {
      body: { table: { ...buildTable(), indicators: rows } },
    });
    expect(saved.status).toBe(400);
    const issue = saved.body.issues?.find((i) => i.path === 'table.indicators');
    expect(issue?.en).toMatch(/500/);
  });
});
