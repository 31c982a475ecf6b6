/**
 * `npm run bench:scale [-- --url postgres://…/jixiao_scale] [--out results.json] [--rounds 40] [--node-flags="--cpu-prof …"]`
 * (`--curve a.json,b.json,…` prints the runs side by side instead, see bench-curve.ts):
 * starts the real server (packages/server/src/main.ts, as `npm start` does) on a database that
 * `npm run scale` generated, signs in as its finance reviewer, department reviewer and author, and times
 * every list, search, filter, sort, portal, open-data, workbench and dashboard endpoint over HTTP:
 * first call apart, then p50/p99, each as a ratio to the p99 of a primary-key lookup (GET
 * /api/tables/:id) measured in the same run, with the server's RSS (sampled from /proc) and its longest
 * event-loop block (JIXIAO_EVENT_LOOP_STATS), marked against the scale budgets in docs/scale.md.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { percentile } from '../bench-kit.ts';
import { type CurveRun, curveTable } from './bench-curve.ts';
import { benchUsers, scalePassword } from './generate.ts';
import { defaultScaleUrl } from './scale-data.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The scale budgets: p99 for lists and the portal, for the similar-project search (案例库, which ranks
 * by trigram distance), any call for dashboards; RSS; event-loop block.
 */
export const budgets = {
  list: 100,
  peers: 200,
  analytics: 1000,
  rssBytes: 1024 ** 3,
  eventLoopMs: 50,
} as const;

type Category = 'baseline' | 'list' | 'peers' | 'analytics' | 'open-data' | 'workbench';
type As = 'finance' | 'department' | 'author' | 'anonymous';

export interface Endpoint {
  name: string;
  as: As;
  path: string;
  category: Category;
}

export interface Measured {
  name: string;
  as: As;
  path: string;
  category: Category;
  calls: number;
  firstMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  ratioToBaseline: number;
  bytes: number;
  eventLoopMaxMs: number;
  /** The most CPU the server used between two 5 ms ticks: the block without waiting for a core. */
  eventLoopCpuMaxMs?: number;
  /**
   * The most the server's own thread ran between two 5 ms ticks, and the most it waited for a core
   * (Linux schedstat): what a block is made of. Where known, the loop budget is judged on the first.
   */
  eventLoopThreadMaxMs?: number;
  eventLoopThreadWaitMaxMs?: number;
  peakRssBytes: number;
  budgetMs: number | null;
  overBudget: string[];
  error?: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the server's RSS every 20 ms; `take()` returns the peak since the last take. */
function rssSampler(pid: number) {
  let peak = rssOf(pid);
  let overall = peak;
  const timer = setInterval(() => {
    const now = rssOf(pid);
    peak = Math.max(peak, now);
    overall = Math.max(overall, now);
  }, 20);
  timer.unref();
  return {
    take(): number {
      const result = Math.max(peak, rssOf(pid));
      peak = rssOf(pid);
      return result;
    },
    overall: () => overall,
    stop: () => clearInterval(timer),
  };
}

function cookiesOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [key, ...rest] = (pair ?? '').split('=');
    if (key) out[key.trim()] = rest.join('=');
  }
  return out;
}

async function signIn(base: string, username: string): Promise<Record<string, string>> {
  const me = await fetch(`${base}/api/auth/me`);
  const meCookies = cookiesOf(me);
  const meBody = (await me.json()) as { csrfToken?: string };
  const csrf = meCookies.jixiao_csrf ?? meBody.csrfToken ?? '';
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `jixiao_csrf=${csrf}`, 'x-csrf-token': csrf },
    body: JSON.stringify({ username, password: scalePassword }),
  });
  if (!login.ok) throw new Error(`Sign-in as ${username} failed: ${login.status} ${await login.text()}`);
  const cookies = { jixiao_csrf: csrf, ...cookiesOf(login) };
  const token = ((await login.json()) as { csrfToken: string }).csrfToken;
  cookies.jixiao_csrf = token;
  return {
    cookie: Object.entries(cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; '),
    'x-csrf-token': token,
  };
}

async function call(url: string, headers: Record<string, string>): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const response = await fetch(url, { headers });
  const body = await response.arrayBuffer();
  const ms = performance.now() - start;
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}: ${Buffer.from(body).toString('utf8').slice(0, 200)}`);
  }
  return { ms, bytes: body.byteLength };
}

export interface Fixture {
  tables: number;
  published: number;
  tableId: string;
  publishedId: string;
  rareWord: string;
  rareTables: number;
  commonTables: number;
  year: number;
  departmentId: string;
  departmentName: string;
  /** A table whose project name is the least common among the published: its peers are far apart. */
  rareNameTableId: string;
}

async function fixtureOf(url: string): Promise<Fixture> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = async <R>(text: string, values: unknown[] = []) =>
      (await client.query(text, values)).rows[0] as R;
    const { tables } = await one<{ tables: number }>('SELECT count(*)::int AS tables FROM target_tables');
    const { published } = await one<{ published: number }>(
      "SELECT count(DISTINCT table_id)::int AS published FROM table_versions WHERE status = 'published'",
    );
    const department = await one<{ id: string; name: string }>(
      `SELECT o.id, o.name FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.username = $1`,
      [benchUsers.department],
    );
    const author = await one<{ organisation_id: string }>(
      'SELECT organisation_id FROM users WHERE username = $1',
      [benchUsers.author],
    );
    const { id: tableId } = await one<{ id: string }>(
      'SELECT id FROM target_tables WHERE organisation_id = $1 ORDER BY id LIMIT 1',
      [author.organisation_id],
    );
    const { table_id: publishedId } = await one<{ table_id: string }>(
      "SELECT table_id FROM table_versions WHERE status = 'published' ORDER BY table_id LIMIT 1",
    );
    // The least printed indicator name in the data (the generator draws the rarest corpus names rarely).
    const rare = await one<{ name: string; tables: number }>(
      `SELECT name, count(*)::int AS tables FROM indicators WHERE length(name) BETWEEN 4 AND 20
        GROUP BY name ORDER BY count(*), name LIMIT 1`,
    );
    const { table_id: rareNameTableId } = await one<{ table_id: string }>(
      `SELECT min(table_id::text) AS table_id FROM published_tables
        GROUP BY name ORDER BY count(*), name LIMIT 1`,
    );
    const { common } = await one<{ common: number }>(
      "SELECT count(*)::int AS common FROM target_tables WHERE search_text LIKE '%满意度%'",
    );
    return {
      tables,
      published,
      tableId,
      publishedId,
      rareWord: rare.name,
      rareTables: rare.tables,
      commonTables: common,
      year: 2024,
      departmentId: department.id,
      departmentName: department.name,
      rareNameTableId,
    };
  } finally {
    await client.end();
  }
}

export function endpointsFor(f: Fixture): Endpoint[] {
  const q = encodeURIComponent;
  const common = q('满意度');
  const rare = q(f.rareWord);
  const dept = q(f.departmentName);
  const list = (name: string, as: As, query: string): Endpoint => ({
    name,
    as,
    path: `/api/tables${query ? `?${query}` : ''}`,
    category: 'list',
  });
  return [
    {
      name: 'baseline: GET /api/tables/:id',
      as: 'finance',
      path: `/api/tables/${f.tableId}`,
      category: 'baseline',
    },
    list('list, finance (default)', 'finance', ''),
    list('list, department reviewer (default)', 'department', ''),
    list('list, author (default)', 'author', ''),
    list('search common 满意度, finance', 'finance', `q=${common}`),
    list('search common 满意度, department', 'department', `q=${common}`),
    list('search rare word, finance', 'finance', `q=${rare}`),
    list(`filter year=${f.year}`, 'finance', `year=${f.year}`),
    list('filter status=submitted', 'finance', 'status=submitted'),
    list(`filter year=${f.year}&status=published`, 'finance', `year=${f.year}&status=published`),
    list('filter department (unit=its name)', 'finance', `unit=${dept}`),
    list('sort name asc', 'finance', 'sort=name&order=asc'),
    list('sort budget desc', 'finance', 'sort=budget&order=desc'),
    list('sort year asc, page 200', 'finance', 'sort=year&order=asc&page=200'),
    list('search 满意度 + year, sort unit', 'finance', `q=${common}&year=${f.year}&sort=unit&order=asc`),
    { name: 'portal catalogue', as: 'anonymous', path: '/api/public/tables', category: 'list' },
    {
      name: 'portal search common 满意度',
      as: 'anonymous',
      path: `/api/public/tables?q=${common}`,
      category: 'list',
    },
    {
      name: 'portal search rare word',
      as: 'anonymous',
      path: `/api/public/tables?q=${rare}`,
      category: 'list',
    },
    {
      name: `portal year=${f.year}`,
      as: 'anonymous',
      path: `/api/public/tables?year=${f.year}`,
      category: 'list',
    },
    {
      name: 'portal department',
      as: 'anonymous',
      path: `/api/public/tables?department=${dept}`,
      category: 'list',
    },
    { name: 'portal page 100', as: 'anonymous', path: '/api/public/tables?page=100', category: 'list' },
    {
      name: 'portal one table',
      as: 'anonymous',
      path: `/api/public/tables/${f.publishedId}`,
      category: 'list',
    },
    {
      name: 'portal statistics (公开统计)',
      as: 'anonymous',
      path: '/api/public/statistics',
      category: 'analytics',
    },
    {
      name: `portal statistics year=${f.year}`,
      as: 'anonymous',
      path: `/api/public/statistics?year=${f.year}`,
      category: 'analytics',
    },
    {
      name: 'similar projects (案例库), author',
      as: 'author',
      path: `/api/tables/${f.tableId}/peers`,
      category: 'peers',
    },
    {
      name: 'similar projects (案例库), rarest project name',
      as: 'finance',
      path: `/api/tables/${f.rareNameTableId}/peers`,
      category: 'peers',
    },
    { name: 'workbench, author', as: 'author', path: '/api/workbench', category: 'list' },
    { name: 'workbench, department reviewer', as: 'department', path: '/api/workbench', category: 'list' },
    { name: 'workbench, finance', as: 'finance', path: '/api/workbench', category: 'list' },
    { name: 'dashboard, finance, all years', as: 'finance', path: '/api/dashboard', category: 'analytics' },
    {
      name: `dashboard, finance, ${f.year}`,
      as: 'finance',
      path: `/api/dashboard?year=${f.year}`,
      category: 'analytics',
    },
    {
      name: 'dashboard, finance, one department',
      as: 'finance',
      path: `/api/dashboard?department=${f.departmentId}`,
      category: 'analytics',
    },
    {
      name: 'dashboard, department reviewer, all years',
      as: 'department',
      path: '/api/dashboard',
      category: 'analytics',
    },
    {
      name: `dashboard, department reviewer, ${f.year}`,
      as: 'department',
      path: `/api/dashboard?year=${f.year}`,
      category: 'analytics',
    },
    {
      name: `open data JSON ${f.year}`,
      as: 'anonymous',
      path: `/api/public/open-data/tables.json?year=${f.year}`,
      category: 'open-data',
    },
    {
      name: `open data CSV ${f.year}`,
      as: 'anonymous',
      path: `/api/public/open-data/tables.csv?year=${f.year}`,
      category: 'open-data',
    },
  ];
}

function commitOf(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

async function startServer(
  url: string,
  nodeFlags: readonly string[],
): Promise<{ child: ChildProcess; base: string; startMs: number }> {
  const port = await freePort();
  const started = performance.now();
  // main.ts through tsx's loader in the same process, so /proc/<pid> is the server itself.
  const child = spawn(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', join(repoRoot, 'packages', 'server', 'src', 'main.ts')],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: String(port),
        HOST: '127.0.0.1',
        JIXIAO_DEMO_DATA: '0',
        JIXIAO_EVENT_LOOP_STATS: '1',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}) before answering`);
    try {
      const health = await fetch(`${base}/api/health`);
      if (health.ok) return { child, base, startMs: performance.now() - started };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGTERM');
  throw new Error('The server did not answer /api/health within 15 minutes');
}

/**
 * Waits until the server's start-up work on stored tables is done (the automatic-review findings a
 * database loaded in bulk or upgraded lacks), so that it does not run beside the measured requests.
 */
async function waitForStartupWork(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  try {
    const column = await client.query(
      "SELECT 1 FROM information_schema.columns WHERE table_name = 'target_tables' AND column_name = 'review_findings'",
    );
    if (column.rowCount === 0) return 0;
    for (let last = -1; ; ) {
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM target_tables WHERE review_findings IS NULL',
      );
      const left = rows[0]?.n ?? 0;
      if (left === 0) return performance.now() - started;
      if (left !== last) console.log(`waiting for the server's start-up review of ${left} stored tables…`);
      last = left;
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
  } finally {
    await client.end();
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

const fmt = (ms: number) =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MB`;

const threadCell = (r: Measured) =>
  r.eventLoopThreadMaxMs === undefined
    ? '—'
    : `${fmt(r.eventLoopThreadMaxMs)} / ${fmt(r.eventLoopThreadWaitMaxMs ?? 0)}`;

/**
 * The block a request is answerable for: the thread's own run time between two ticks where the
 * machine tells it, else the wall-clock delay (which also counts waiting for a core).
 */
export function ownBlockMs(r: Pick<Measured, 'eventLoopMaxMs' | 'eventLoopThreadMaxMs'>): number {
  return r.eventLoopThreadMaxMs ?? r.eventLoopMaxMs;
}

export function markdownTable(results: Measured[]): string {
  const lines = [
    '| endpoint | as | calls | first | p50 | p99 | p99 ÷ baseline p99 | budget | loop block | its CPU | thread ran / waited | peak RSS | verdict |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const budget = r.budgetMs === null ? '—' : `p99 < ${fmt(r.budgetMs)}`;
    const verdict = r.error
      ? `error: ${r.error}`
      : r.overBudget.length === 0
        ? 'ok'
        : `**over** (${r.overBudget.join(', ')})`;
    lines.push(
      `| ${r.name} | ${r.as} | ${r.calls} | ${fmt(r.firstMs)} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} | ${r.ratioToBaseline.toFixed(1)} | ${budget} | ${fmt(r.eventLoopMaxMs)} | ${r.eventLoopCpuMaxMs === undefined ? '—' : fmt(r.eventLoopCpuMaxMs)} | ${threadCell(r)} | ${mb(r.peakRssBytes)} | ${verdict} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: process.env.SCALE_DATABASE_URL ?? defaultScaleUrl },
      out: { type: 'string' },
      rounds: { type: 'string', default: '40' },
      'max-seconds': { type: 'string', default: '20' },
      only: { type: 'string' },
      curve: { type: 'string' },
      // Flags for the server's node, e.g. "--cpu-prof --cpu-prof-dir=prof --trace-gc" (which
      // NODE_OPTIONS does not take): what held its thread, measured in the run itself.
      'node-flags': { type: 'string' },
    },
  });
  if (values.curve) {
    // Runs already measured (--out files), side by side: nothing is started or timed.
    const runs = values.curve
      .split(',')
      .map((file) => JSON.parse(readFileSync(file.trim(), 'utf8')) as CurveRun);
    console.log(curveTable(runs));
    return;
  }
  const url = values.url!;
  const rounds = Number(values.rounds);
  const maxSeconds = Number(values['max-seconds']);
  const fixture = await fixtureOf(url);
  console.log(
    `${fixture.tables.toLocaleString('en')} tables (${fixture.published.toLocaleString('en')} published); ` +
      `满意度 in ${fixture.commonTables.toLocaleString('en')}, rare word 「${fixture.rareWord}」 in ${fixture.rareTables}`,
  );
  const nodeFlags = values['node-flags']?.split(/\s+/).filter(Boolean) ?? [];
  const { child, base, startMs } = await startServer(url, nodeFlags);
  const settleMs = await waitForStartupWork(url);
  const pid = child.pid!;
  const rss = rssSampler(pid);
  const results: Measured[] = [];
  let startRss = 0;
  try {
    startRss = rssOf(pid);
    console.log(
      `server up in ${fmt(startMs)}${settleMs > 0 ? `, start-up work done ${fmt(settleMs)} later` : ''} (pid ${pid}, RSS ${mb(startRss)})`,
    );
    const headers: Record<As, Record<string, string>> = {
      finance: await signIn(base, benchUsers.finance),
      department: await signIn(base, benchUsers.department),
      author: await signIn(base, benchUsers.author),
      anonymous: {},
    };
    const loop = async (reset: boolean) =>
      (await (await fetch(`${base}/api/internal/event-loop${reset ? '?reset=1' : ''}`)).json()) as {
        maxMs: number;
        maxCpuMs?: number;
        maxThreadMs?: number | null;
        maxThreadWaitMs?: number | null;
      };
    // Let start-up work settle and the JIT warm on the cheapest route before anything is timed.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (let i = 0; i < 30; i++) await call(`${base}/api/tables/${fixture.tableId}`, headers.finance);
    let baselineP99 = 0;
    // --only a,b: the endpoints whose name holds any of them, and the baseline their ratio is taken to.
    const only = values.only
      ?.split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    const endpoints = endpointsFor(fixture).filter(
      (e) => !only || e.category === 'baseline' || only.some((part) => e.name.includes(part)),
    );
    for (const endpoint of endpoints) {
      await loop(true);
      await new Promise((resolve) => setTimeout(resolve, 30));
      rss.take();
      const target = `${base}${endpoint.path}`;
      const times: number[] = [];
      let firstMs = 0;
      let bytes = 0;
      let error: string | undefined;
      try {
        const first = await call(target, headers[endpoint.as]);
        firstMs = first.ms;
        bytes = first.bytes;
        const limit = endpoint.category === 'open-data' ? Math.min(rounds, 5) : rounds;
        const until = performance.now() + maxSeconds * 1000;
        for (let i = 0; i < limit && (i < 3 || performance.now() < until); i++) {
          times.push((await call(target, headers[endpoint.as])).ms);
        }
      } catch (e) {
        error = (e as Error).message;
      }
      const {
        maxMs: eventLoopMaxMs,
        maxCpuMs: eventLoopCpuMaxMs,
        maxThreadMs,
        maxThreadWaitMs,
      } = await loop(false);
      const thread =
        typeof maxThreadMs === 'number'
          ? { eventLoopThreadMaxMs: maxThreadMs, eventLoopThreadWaitMaxMs: maxThreadWaitMs ?? 0 }
          : {};
      const peakRssBytes = rss.take();
      const p99Ms = times.length ? percentile(times, 99) : firstMs;
      if (endpoint.category === 'baseline') baselineP99 = p99Ms;
      const budgetMs =
        endpoint.category === 'list'
          ? budgets.list
          : endpoint.category === 'peers'
            ? budgets.peers
            : endpoint.category === 'analytics'
              ? budgets.analytics
              : null;
      const overBudget: string[] = [];
      if (budgetMs !== null && p99Ms >= budgetMs) overBudget.push(`p99 ≥ ${fmt(budgetMs)}`);
      if (endpoint.category === 'analytics' && firstMs >= budgets.analytics)
        overBudget.push('first call ≥ 1 s');
      if (ownBlockMs({ eventLoopMaxMs, ...thread }) >= budgets.eventLoopMs)
        overBudget.push(`loop block ≥ ${budgets.eventLoopMs} ms`);
      if (peakRssBytes >= budgets.rssBytes) overBudget.push('RSS ≥ 1 GB');
      const measured: Measured = {
        ...endpoint,
        calls: times.length,
        firstMs,
        p50Ms: times.length ? percentile(times, 50) : firstMs,
        p99Ms,
        maxMs: times.length ? Math.max(...times) : firstMs,
        ratioToBaseline: baselineP99 > 0 ? p99Ms / baselineP99 : 1,
        bytes,
        eventLoopMaxMs,
        ...(eventLoopCpuMaxMs === undefined ? {} : { eventLoopCpuMaxMs }),
        ...thread,
        peakRssBytes,
        budgetMs,
        overBudget,
        ...(error ? { error } : {}),
      };
      results.push(measured);
      console.log(
        `${measured.name.padEnd(44)} first ${fmt(firstMs).padStart(8)}  p50 ${fmt(measured.p50Ms).padStart(8)}  ` +
          `p99 ${fmt(p99Ms).padStart(8)}  ×${measured.ratioToBaseline.toFixed(1).padStart(6)}  loop ${fmt(eventLoopMaxMs).padStart(8)} (CPU ${eventLoopCpuMaxMs === undefined ? '—' : fmt(eventLoopCpuMaxMs)}, thread ${threadCell(measured)})  ` +
          `RSS ${mb(peakRssBytes).padStart(7)}  ${error ? `ERROR ${error}` : overBudget.length ? `OVER: ${overBudget.join(', ')}` : 'ok'}`,
      );
    }
  } finally {
    rss.stop();
    await stopServer(child);
  }
  const over = results.filter((r) => r.overBudget.length > 0 || r.error);
  const summary = {
    date: new Date().toISOString(),
    commit: commitOf(),
    url: url.replace(/\/\/[^@]*@/, '//'),
    fixture,
    server: { startMs, settleMs, startRssBytes: startRss, peakRssBytes: rss.overall() },
    // Other work on the machine slows every figure: the load average says how busy it was.
    machine: { cpus: cpus().length, loadAverage: loadavg() },
    results,
  };
  console.log(`\n${markdownTable(results)}\n`);
  console.log(
    `server start ${fmt(startMs)}, RSS at start ${mb(startRss)}, peak ${mb(rss.overall())}` +
      `${rss.overall() >= budgets.rssBytes ? ' (over 1 GB)' : ''}; ${over.length} of ${results.length} endpoints over budget; ` +
      `load average ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
  );
  if (values.out) writeFileSync(values.out, `${JSON.stringify(summary, null, 2)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
