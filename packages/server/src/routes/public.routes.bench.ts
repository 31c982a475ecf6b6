/**
 * Public catalogue and open data at scale: the anonymous GET /api/public/tables (latest published version
 * of each table) versus a finance reviewer's GET /api/tables on the same database (the working list,
 * searched by SQL with the bigram index), both answering "published tables matching a word"; and the
 * open-data CSV versus a bare JSON.stringify of the same published contents. In-process requests
 * (inject), medians. PGlite.
 */
import { openDatabase } from '@jixiao/db/database';
import { migrate } from '@jixiao/db/migrate';
import { generateTables } from '@jixiao/db/testing/bulk-tables';
import { type BenchResult, medianMs } from '../../../../scripts/bench-kit.ts';
import { buildApp } from '../app.ts';
import { signInHeaders } from '../testing/test-auth.ts';

// generateTables publishes one table in six.
const tableCount = Number(process.env.BENCH_PUBLIC_TABLES ?? 12_000);

export default async function bench(): Promise<BenchResult[]> {
  const db = await openDatabase({});
  await migrate(db);
  await generateTables(db, tableCount);
  const app = await buildApp({ db, webDist: null });
  await app.ready();
  // The working list is for signed-in users; the portal and open data for anyone.
  const finance = await signInHeaders(app, 'finance_reviewer');
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const response = await app.inject({ method: 'GET', url, headers });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
    return response.body;
  };
  const q = encodeURIComponent('教育');
  const portal = await medianMs(() => get(`/api/public/tables?q=${q}`));
  const list = await medianMs(() => get(`/api/tables?q=${q}&status=published`, finance));
  const csv = await medianMs(() => get('/api/public/open-data/tables.csv'), 3);
  const bare = await medianMs(async () => {
    const rows = await db
      .selectFrom('table_versions')
      .select('content')
      .where('status', '=', 'published')
      .execute();
    return JSON.stringify(rows);
  }, 3);
  await app.close();
  const published = Math.round(tableCount / 6);
  return [
    {
      name: `public catalogue search, ${published} published of ${tableCount} tables`,
      baseline: 'a finance reviewer’s GET /api/tables search (SQL, bigram index) on the same data',
      ratio: portal / list,
      goal: 3,
      detail: `${portal.toFixed(1)} ms vs ${list.toFixed(1)} ms`,
    },
    {
      name: `open-data CSV of ${published} published tables`,
      baseline: 'SELECT the same published contents and JSON.stringify them',
      ratio: csv / bare,
      goal: 3,
      detail: `${csv.toFixed(1)} ms vs ${bare.toFixed(1)} ms`,
    },
  ];
}
