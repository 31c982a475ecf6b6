import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HttpSession } from '@jixiao/server/testing/http-session';

// npm run soak -- --minutes M: the real server (main.ts, demo accounts, PGlite in a fresh folder or
// --database-url) under mixed traffic from several signed-in clients — list and table reads, portal
// reads, saves, import previews and confirms, exports (HTML, Excel, Word) — for M minutes. Every 5 s it
// samples the server's RSS (/proc, every thread of the process: the import worker pool included) and its
// longest event-loop block. At the end it fits a line to the RSS of the second half of the run and reports
// the slope: memory "ends flat" when the slope is under --max-slope MB per hour. Exit 1 when it is not,
// or when any request answered 5xx.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '2' },
    clients: { type: 'string', default: '4' },
    'database-url': { type: 'string' },
    'max-slope': { type: 'string', default: '30' },
    out: { type: 'string', default: join(root, 'test-output/soak') },
  },
});
const minutes = Number(values.minutes);
const clients = Number(values.clients);
const maxSlopeMbPerHour = Number(values['max-slope']);
const outDir = values.out;

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
    server.on('error', reject);
  });
}

function rssOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function startServer(): Promise<{ child: ChildProcess; base: string; dataDir: string | null }> {
  const port = await freePort();
  const dataDir = values['database-url'] ? null : mkdtempSync(join(tmpdir(), 'jixiao-soak-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'packages/server/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      JIXIAO_DEMO_DATA: '1',
      JIXIAO_SKIP_WEB_BUILD: '1',
      JIXIAO_EVENT_LOOP_STATS: '1',
      LOG_LEVEL: 'warn',
      ...(dataDir
        ? { JIXIAO_DATA_DIR: dataDir, DATABASE_URL: '' }
        : { DATABASE_URL: values['database-url'] }),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before answering`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base, dataDir };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGTERM');
  throw new Error('the server did not answer /api/health within 10 minutes');
}

interface OpStats {
  count: number;
  errors: number;
  serverErrors: number;
  ms: number[];
}

const stats = new Map<string, OpStats>();
function note(op: string, ms: number, status: number): void {
  const s = stats.get(op) ?? { count: 0, errors: 0, serverErrors: 0, ms: [] };
  s.count++;
  if (status >= 400) s.errors++;
  if (status >= 500) s.serverErrors++;
  if (s.ms.length < 50_000) s.ms.push(ms);
  stats.set(op, s);
}

async function timed(
  op: string,
  work: () => Promise<Response>,
): Promise<{ ok: boolean; text: string } | null> {
  const started = performance.now();
  try {
    const response = await work();
    // The body is read whole, as a browser would, so the server's streams finish.
    const text = await response.text();
    note(op, performance.now() - started, response.status);
    return { ok: response.ok, text };
  } catch {
    note(op, performance.now() - started, 599);
    return null;
  }
}

function corpusFiles(): { name: string; bytes: Buffer }[] {
  const dir = join(root, 'packages/import/fixtures/corpus/train');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .slice(0, 20)
    .map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));
}

/** One client's loop: picks an operation by weight until the deadline. */
async function traffic(
  client: HttpSession,
  deadline: number,
  ownTables: string[],
  files: { name: string; bytes: Buffer }[],
  seed: number,
) {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
  while (Date.now() < deadline) {
    const r = random();
    const id = pick(ownTables);
    if (r < 0.3) {
      await timed('list', () =>
        client.request('GET', `/api/tables?page=${1 + Math.floor(random() * 3)}&pageSize=20`),
      );
    } else if (r < 0.45) {
      await timed('read', () => client.request('GET', `/api/tables/${id}`));
    } else if (r < 0.55) {
      await timed('portal', () => client.request('GET', '/api/public/tables?pageSize=20'));
    } else if (r < 0.7) {
      const current = await client.request('GET', `/api/tables/${id}`);
      if (!current.ok) continue;
      const record = (await current.json()) as { version: number; table: { name: string } };
      const table = {
        ...record.table,
        name: `${record.table.name.replace(/（第\d+次）$/, '')}（第${Math.floor(random() * 1000)}次）`,
      };
      await timed('save', () =>
        client.request('PUT', `/api/tables/${id}`, { version: record.version, table }),
      );
    } else if (r < 0.85) {
      const file = pick(files);
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file.bytes)], { type: 'text/plain' }), file.name);
      const preview = await timed('import', () => client.request('POST', '/api/imports', undefined, form));
      if (preview?.ok && random() < 0.2) {
        // Confirmed as new tables: the database grows as it does in use.
        const body = JSON.parse(preview.text) as { importId: string; tables: unknown[] };
        if (body.importId) {
          await timed('confirm', () =>
            client.request('POST', `/api/imports/${body.importId}/confirm`, {
              tables: body.tables,
              duplicates: body.tables.map((_, index) => ({ index, action: 'create-anyway' })),
            }),
          );
        }
      }
    } else {
      const format = pick(['html', 'xlsx', 'docx']);
      await timed(`export.${format}`, () => client.request('GET', `/api/tables/${id}/export.${format}`));
    }
  }
}

function slopePerHour(samples: { t: number; rss: number }[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mt = samples.reduce((a, s) => a + s.t, 0) / n;
  const mr = samples.reduce((a, s) => a + s.rss, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.t - mt) * (s.rss - mr);
    den += (s.t - mt) ** 2;
  }
  // bytes per ms → MB per hour
  return den === 0 ? 0 : ((num / den) * 3_600_000) / 1024 / 1024;
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function main(): Promise<void> {
  const { child, base, dataDir } = await startServer();
  const pid = child.pid ?? 0;
  const samples: { t: number; rss: number; loopMaxMs: number; loopP99Ms: number }[] = [];
  try {
    // Sessions of one author: every operation is one this user may do, so errors are conflicts of
    // parallel saves (409) and unreadable corpus documents (422), never authorisation.
    const sessions: HttpSession[] = [];
    for (let i = 0; i < clients; i++) {
      const client = new HttpSession(base);
      await client.signIn('author', 'jixiao2026');
      sessions.push(client);
    }
    // Each author saves drafts of their own unit: a few fresh ones, so saves never wait on review.
    const seedText = readFileSync(join(root, 'fixtures/seed.txt'));
    const owner = sessions[0] as HttpSession;
    const ownTables: string[] = [];
    for (let i = 0; i < 3; i++) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(seedText)], { type: 'text/plain' }), 'seed.txt');
      const preview = (await (await owner.request('POST', '/api/imports', undefined, form)).json()) as {
        importId: string;
        tables: unknown[];
      };
      const confirmed = (await (
        await owner.request('POST', `/api/imports/${preview.importId}/confirm`, {
          tables: preview.tables,
          duplicates: preview.tables.map((_, index) => ({ index, action: 'create-anyway' })),
        })
      ).json()) as { records?: { id: string }[] };
      for (const t of confirmed.records ?? []) ownTables.push(t.id);
    }
    if (ownTables.length === 0) throw new Error('could not create the soak tables');
    const files = corpusFiles();
    const started = Date.now();
    const deadline = started + minutes * 60_000;
    await owner.request('GET', '/api/internal/event-loop?reset=1');
    const sampler = setInterval(async () => {
      try {
        const loop = (await (await fetch(`${base}/api/internal/event-loop?reset=1`)).json()) as {
          maxMs: number;
          p99Ms: number;
        };
        samples.push({
          t: Date.now() - started,
          rss: rssOf(pid),
          loopMaxMs: loop.maxMs,
          loopP99Ms: loop.p99Ms,
        });
        if (samples.length % 12 === 0) {
          const last = samples[samples.length - 1];
          process.stderr.write(
            `soak: ${((Date.now() - started) / 60_000).toFixed(1)} min, RSS ${((last?.rss ?? 0) / 1024 / 1024).toFixed(0)} MB, ${[...stats.values()].reduce((a, s) => a + s.count, 0)} requests\n`,
          );
        }
      } catch {
        // a missed sample
      }
    }, 5_000);
    await Promise.all(
      sessions.map((client, i) =>
        traffic(client, deadline, ownTables, files, i + 1).catch((error: unknown) => {
          process.stderr.write(`soak client ${i} stopped: ${String(error)}\n`);
        }),
      ),
    );
    clearInterval(sampler);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }

  const secondHalf = samples.slice(Math.floor(samples.length / 2));
  const slope = slopePerHour(secondHalf);
  const whole = slopePerHour(samples);
  const mb = (b: number) => Math.round(b / 1024 / 1024);
  const operations = Object.fromEntries(
    [...stats].map(([op, s]) => [
      op,
      {
        count: s.count,
        errors: s.errors,
        serverErrors: s.serverErrors,
        p50Ms: Math.round(percentile(s.ms, 50)),
        p99Ms: Math.round(percentile(s.ms, 99)),
      },
    ]),
  );
  const serverErrors = [...stats.values()].reduce((a, s) => a + s.serverErrors, 0);
  const report = {
    minutes,
    clients,
    requests: [...stats.values()].reduce((a, s) => a + s.count, 0),
    serverErrors,
    rssStartMb: mb(samples[0]?.rss ?? 0),
    rssEndMb: mb(samples[samples.length - 1]?.rss ?? 0),
    rssMaxMb: mb(Math.max(0, ...samples.map((s) => s.rss))),
    rssSlopeSecondHalfMbPerHour: Number(slope.toFixed(1)),
    rssSlopeWholeRunMbPerHour: Number(whole.toFixed(1)),
    maxSlopeMbPerHour,
    eventLoopMaxMs: Math.max(0, ...samples.map((s) => s.loopMaxMs)),
    eventLoopP99MaxMs: Math.max(0, ...samples.map((s) => s.loopP99Ms)),
    operations,
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(
    join(outDir, 'samples.csv'),
    `seconds,rss_mb,loop_max_ms,loop_p99_ms\n${samples.map((s) => `${(s.t / 1000).toFixed(0)},${mb(s.rss)},${s.loopMaxMs},${s.loopP99Ms}`).join('\n')}\n`,
  );
  console.log(JSON.stringify(report, null, 2));
  const flat = Math.abs(slope) <= maxSlopeMbPerHour;
  if (!flat) console.error(`soak: RSS still growing (${slope.toFixed(1)} MB/h over the second half)`);
  if (serverErrors > 0) console.error(`soak: ${serverErrors} requests answered 5xx`);
  process.exit(flat && serverErrors === 0 ? 0 : 1);
}

await main();
