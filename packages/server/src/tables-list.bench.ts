/**
 * List/search API at 100,000 stored tables: p99 latency of GET /api/tables (validation, session, policy
 * scope, Kysely, zod serialisation) versus a bare Fastify route in the same process that runs the same
 * SQL by hand on the same database and returns JSON.stringify of the rows. Real HTTP on localhost for
 * both, requests interleaved so both see the same noise. PGlite always; PostgreSQL when reachable.
 */
import type { Engine } from '@jixiao/db/database';
import { rawClient } from '@jixiao/db/database';
import { containsPattern, normalizeSearch, searchBigrams } from '@jixiao/db/search-text';
import { benchEngines, openBenchDatabase } from '@jixiao/db/testing/bench-database';
import { generateTables } from '@jixiao/db/testing/bulk-tables';
import Fastify from 'fastify';
import { type BenchResult, percentile } from '../../../scripts/bench-kit.ts';
import { buildApp } from './app.ts';
import { signInHeaders } from './testing/test-auth.ts';

const tableCount = Number(process.env.BENCH_TABLES ?? 100_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 60);

/** What users do on the list page: browse, search (two-character words too), filter, sort, page. */
const queries = [
  'page=1&pageSize=20',
  `q=${encodeURIComponent('教育')}`,
  `q=${encodeURIComponent('设备购置')}&sort=year&order=asc`,
  'year=2022&status=approved&sort=budget&order=asc',
  `unit=${encodeURIComponent('卫生局第3')}`,
  'page=50&pageSize=20&sort=name&order=asc',
];

const sortColumns: Record<string, string> = {
  updatedAt: 'updated_at',
  year: 'year',
  name: 'name',
  unit: 'unit',
  budget: 'current_year_budget',
};

/** The same query as the repository's, written by hand (what a bare route would do). */
function handWrittenSql(params: URLSearchParams): {
  where: string;
  values: unknown[];
  order: string;
  limit: string;
} {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const add = (text: string, value: unknown) => {
    values.push(value);
    conditions.push(text.replace('?', `$${values.length}`));
  };
  if (params.get('year')) add('year = ?', Number(params.get('year')));
  if (params.get('status')) add('status = ?', params.get('status'));
  const unit = normalizeSearch(params.get('unit') ?? '');
  if (unit) {
    if (unit.length >= 2)
      add("search_grams @> string_to_array(?::text, E'\\n')", searchBigrams(unit).join('\n'));
    add('unit_key LIKE ?', containsPattern(unit));
  }
  const q = normalizeSearch(params.get('q') ?? '');
  if (q) {
    if (q.length >= 2) add("search_grams @> string_to_array(?::text, E'\\n')", searchBigrams(q).join('\n'));
    add('search_text LIKE ?', containsPattern(q));
  }
  const column = sortColumns[params.get('sort') ?? 'updatedAt'] ?? 'updated_at';
  const direction = params.get('order') === 'asc' ? 'ASC' : 'DESC';
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  return {
    where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '',
    values,
    order: `ORDER BY ${column} ${direction}, id ${direction}`,
    limit: `LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  };
}

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, { headers });
  await response.text();
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return performance.now() - start;
}

async function benchEngine(engine: Engine): Promise<BenchResult> {
  const testDb = await openBenchDatabase(engine);
  try {
    const db = testDb.db;
    const setupStart = performance.now();
    await generateTables(db, tableCount);
    const setupMs = performance.now() - setupStart;
    const { pool, pglite } = rawClient(db);
    const run = async (text: string, values: unknown[]) =>
      pool ? (await pool.query(text, values)).rows : (await pglite!.query(text, values)).rows;

    const app = await buildApp({ db, webDist: null });
    const bare = Fastify();
    bare.get('/bare/tables', async (request, reply) => {
      const params = new URLSearchParams(request.url.split('?')[1] ?? '');
      const { where, values, order, limit } = handWrittenSql(params);
      const rows = await run(
        `SELECT id, version, status, kind, year, unit, name, current_year_budget, indicator_count,
                warning_count, updated_at FROM target_tables ${where} ${order} ${limit}`,
        values,
      );
      const [count] = await run(`SELECT count(*) AS total FROM target_tables ${where}`, values);
      reply.header('content-type', 'application/json');
      return JSON.stringify({ items: rows, total: Number((count as { total: number }).total) });
    });
    bare.get('/bare/empty', async () => ({}));
    const apiBase = await app.listen({ host: '127.0.0.1', port: 0 });
    const bareBase = await bare.listen({ host: '127.0.0.1', port: 0 });
    try {
      // The list as a finance reviewer sees it (every table), signed in through the real login.
      const headers = await signInHeaders(app, 'finance_reviewer');
      const api: number[] = [];
      const baseline: number[] = [];
      const empty: number[] = [];
      const perQuery = new Map<string, { api: number[]; bare: number[] }>();
      for (let round = -5; round < rounds; round++) {
        for (const query of queries) {
          const a = await timed(`${apiBase}/api/tables?${query}`, headers);
          const b = await timed(`${bareBase}/bare/tables?${query}`, {});
          const e = await timed(`${bareBase}/bare/empty`, {});
          if (round < 0) continue; // warm-up
          api.push(a);
          baseline.push(b);
          empty.push(e);
          const entry = perQuery.get(query) ?? { api: [], bare: [] };
          entry.api.push(a);
          entry.bare.push(b);
          perQuery.set(query, entry);
        }
      }
      const apiP99 = percentile(api, 99);
      const bareP99 = percentile(baseline, 99);
      const slowest = [...perQuery.entries()]
        .map(
          ([query, s]) =>
            `${decodeURIComponent(query)}: ${percentile(s.api, 99).toFixed(1)}/${percentile(s.bare, 99).toFixed(1)}`,
        )
        .join('; ');
      return {
        name: `list/search API p99 at ${tableCount.toLocaleString('en')} tables [${engine}]`,
        baseline: 'bare Fastify route running the same SQL by hand',
        ratio: apiP99 / bareP99,
        goal: 2,
        detail:
          `p99 ${apiP99.toFixed(1)} ms vs ${bareP99.toFixed(1)} ms (p50 ${percentile(api, 50).toFixed(1)} vs ` +
          `${percentile(baseline, 50).toFixed(1)}); empty bare route p99 ${percentile(empty, 99).toFixed(2)} ms; ` +
          `${api.length} requests each; setup ${(setupMs / 1000).toFixed(1)} s; p99 api/bare per query (ms): ${slowest}`,
      };
    } finally {
      await bare.close();
      await app.close();
    }
  } finally {
    await testDb.dispose();
  }
}

export default async function (): Promise<BenchResult[]> {
  const { engines, skipped } = await benchEngines();
  if (skipped) process.stdout.write(`  (PostgreSQL run skipped: ${skipped})\n`);
  const results: BenchResult[] = [];
  for (const engine of engines) results.push(await benchEngine(engine));
  return results;
}
