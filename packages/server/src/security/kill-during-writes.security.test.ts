import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTable } from '@jixiao/core/review/testing/table-factory';
import { demoOrganisations, demoPassword, demoUserFor } from '@jixiao/db/accounts-demo';
import { closeDatabase, type Database, openDatabase } from '@jixiao/db/database';
import { migrate } from '@jixiao/db/migrate';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemoAccounts } from '../auth/demo-accounts.ts';
import { HttpSession } from '../testing/http-session.ts';

// The server is killed with SIGKILL while import confirms, saves and workflow transitions are in
// flight, on PGlite (a data folder) and PostgreSQL; the database is then opened again and checked with SQL
// for partial state: every table's current version stored, its indicator rows and count agreeing with its
// content, its status agreeing with the transition that made its version, no table of an unconfirmed
// import, and the analytics rows that triggers keep in the same transaction matching the tables.
// Runs in `npm run test:security` (it starts the real server several times).

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const rounds = Number(process.env.KILL_ROUNDS ?? 3);

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

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'packages/server/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      JIXIAO_DEMO_DATA: '0',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode})`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

const unit =
  demoOrganisations.find((o) => o.id === demoUserFor('author').organisationId)?.name ??
  '上海推进科技创新中心建设办公室';
const seedText = readFileSync(join(root, 'fixtures/seed.txt'));

/** Writes of every kind, in parallel, until the server dies under them. */
async function writeUntilKilled(base: string, round: number, stopped: () => boolean): Promise<void> {
  const author = new HttpSession(base);
  const dept = new HttpSession(base);
  await author.signIn('author', demoPassword);
  await dept.signIn('dept', demoPassword);
  const drafts: { id: string; version: number }[] = [];
  for (let i = 0; i < 4; i++) {
    const table = buildTable({
      unit,
      year: 2026,
      name: `断电测试${round}-${i}-${randomBytes(3).toString('hex')}`,
    });
    const created = await author.request('POST', '/api/tables', { table });
    if (created.ok) drafts.push((await created.json()) as { id: string; version: number });
  }
  const loop = async (work: () => Promise<unknown>) => {
    while (!stopped()) await work().catch(() => undefined);
  };
  void loop(async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(seedText)], { type: 'text/plain' }), 'seed.txt');
    const preview = (await (await author.request('POST', '/api/imports', undefined, form)).json()) as {
      importId: string;
      tables: unknown[];
    };
    await author.request('POST', `/api/imports/${preview.importId}/confirm`, {
      tables: preview.tables,
      duplicates: preview.tables.map((_, index) => ({ index, action: 'create-anyway' })),
    });
  });
  for (const draft of drafts) {
    void loop(async () => {
      const current = (await (await author.request('GET', `/api/tables/${draft.id}`)).json()) as {
        version: number;
        status: string;
        table: { name: string; indicators: unknown[] };
      };
      if (current.status === 'draft' || current.status === 'returned') {
        if (Math.random() < 0.5) {
          const table = {
            ...current.table,
            indicators: current.table.indicators.slice(0, 1 + Math.floor(Math.random() * 3)),
          };
          await author.request('PUT', `/api/tables/${draft.id}`, { version: current.version, table });
        } else {
          await author.request('POST', `/api/tables/${draft.id}/transitions`, {
            action: 'submit',
            expectedVersion: current.version,
            comment: '断电测试',
          });
        }
      } else if (current.status === 'submitted') {
        await dept.request('POST', `/api/tables/${draft.id}/transitions`, {
          action: Math.random() < 0.5 ? 'return' : 'forward',
          expectedVersion: current.version,
          comment: '断电测试',
        });
      }
    });
  }
}

/** Rows that break one of the consistency rules; empty when the database holds no partial state. */
async function partialState(db: Database): Promise<Record<string, unknown[]>> {
  const rows = async (query: ReturnType<typeof sql>) => (await query.execute(db)).rows as unknown[];
  return {
    versionMissing: await rows(sql`
      SELECT t.id FROM target_tables t
      WHERE NOT EXISTS (SELECT 1 FROM table_versions v WHERE v.table_id = t.id AND v.version = t.version)
         OR EXISTS (SELECT 1 FROM table_versions v WHERE v.table_id = t.id AND v.version > t.version)`),
    indicatorCounts: await rows(sql`
      SELECT t.id FROM target_tables t
      WHERE t.indicator_count <> (SELECT count(*) FROM indicators i WHERE i.table_id = t.id)
         OR t.indicator_count <> jsonb_array_length(t.content -> 'indicators')`),
    statusVsLastEvent: await rows(sql`
      SELECT t.id FROM target_tables t
      JOIN LATERAL (SELECT e.to_status, e.to_version FROM workflow_events e WHERE e.table_id = t.id
                    ORDER BY e.to_version DESC LIMIT 1) e ON true
      WHERE e.to_version > t.version OR (e.to_version = t.version AND e.to_status <> t.status)`),
    statusWithoutEvent: await rows(sql`
      SELECT t.id FROM target_tables t
      WHERE t.status IN ('submitted', 'department_reviewed', 'approved', 'published')
        AND NOT EXISTS (SELECT 1 FROM workflow_events e WHERE e.table_id = t.id AND e.to_version = t.version)`),
    tablesOfUnconfirmedImports: await rows(sql`
      SELECT t.id FROM target_tables t JOIN imports i ON i.id = t.import_id WHERE i.status <> 'confirmed'`),
    analyticsRows: await rows(sql`
      SELECT t.id FROM target_tables t LEFT JOIN analytics_tables a ON a.table_id = t.id
      WHERE a.table_id IS NULL OR a.status <> t.status OR a.indicators <> t.indicator_count
      UNION ALL
      SELECT a.table_id FROM analytics_tables a LEFT JOIN target_tables t ON t.id = a.table_id WHERE t.id IS NULL`),
    statusCounts: await rows(sql`
      SELECT coalesce(x.status, y.status) AS status FROM
        (SELECT status, count(*) AS n FROM target_tables GROUP BY status) x
        FULL JOIN (SELECT status, sum(tables) AS n FROM analytics_status_counts GROUP BY status HAVING sum(tables) <> 0) y
        ON x.status = y.status
      WHERE x.n IS DISTINCT FROM y.n`),
  };
}

async function tableCount(db: Database): Promise<number> {
  const result = await sql<{ n: string }>`SELECT count(*) AS n FROM target_tables`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

interface Engine {
  name: string;
  available: boolean;
  prepare(): Promise<{ env: Record<string, string>; open(): Promise<Database>; dispose(): Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'pglite',
    available: true,
    async prepare() {
      const dataDir = mkdtempSync(join(tmpdir(), 'jixiao-kill-'));
      return {
        env: { JIXIAO_DATA_DIR: dataDir, DATABASE_URL: '' },
        open: () => openDatabase({ dataDir }),
        dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    available: Boolean(process.env.TEST_DATABASE_URL),
    async prepare() {
      const url = new URL(process.env.TEST_DATABASE_URL ?? '');
      const name = `kill_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url.toString() });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const own = new URL(url.toString());
      own.pathname = `/${name}`;
      return {
        env: { DATABASE_URL: own.toString() },
        open: () => openDatabase({ url: own.toString(), maxConnections: 2 }),
        dispose: async () => {
          const dropper = new pg.Client({ connectionString: url.toString() });
          await dropper.connect();
          await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await dropper.end();
        },
      };
    },
  },
];

describe('kill -9 during writes leaves no partial state', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  for (const engine of engines) {
    it.skipIf(!engine.available)(
      `${engine.name}: ${rounds} kills during import confirms, saves and transitions`,
      async () => {
        const target = await engine.prepare();
        cleanups.push(target.dispose);
        const setup = await target.open();
        await migrate(setup);
        await seedDemoAccounts(setup);
        await closeDatabase(setup);

        let grew = 0;
        let before = 0;
        for (let round = 0; round < rounds; round++) {
          const { child, base } = await startServer(target.env);
          const exited = new Promise((r) => child.once('exit', r));
          let stop = false;
          void writeUntilKilled(base, round, () => stop).catch(() => undefined);
          // Long enough for writes to be in flight, different each round.
          await new Promise((r) => setTimeout(r, 1_500 + Math.random() * 2_000));
          child.kill('SIGKILL');
          await exited;
          stop = true;

          const db = await target.open();
          try {
            const problems = await partialState(db);
            expect(problems, `round ${round}`).toEqual({
              versionMissing: [],
              indicatorCounts: [],
              statusVsLastEvent: [],
              statusWithoutEvent: [],
              tablesOfUnconfirmedImports: [],
              analyticsRows: [],
              statusCounts: [],
            });
            const after = await tableCount(db);
            if (after > before) grew++;
            before = after;
          } finally {
            await closeDatabase(db);
          }
        }
        // The writes did happen before the kills (else the test would prove nothing).
        expect(grew).toBeGreaterThan(0);
      },
      300_000,
    );
  }
});
