/**
 * Bulk import: `importBatch` of 10,000 tables (one transaction: projects, the file's bytes, tables,
 * first versions, indicators, audit rows) versus PostgreSQL COPY of exactly the same rows into the same
 * tables, each on a fresh migrated database. PGlite (COPY from a blob) always; a PostgreSQL server
 * (COPY FROM STDIN) when one answers.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { buildTable } from '@jixiao/core/review/testing/table-factory';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { SourceFile } from '@jixiao/core/tables/table-store';
import { from as copyFrom } from 'pg-copy-streams';
import type { BenchResult } from '../../../scripts/bench-kit.ts';
import { type Database, type Engine, rawClient, rawTransaction } from './database.ts';
import { bigramsLiteral } from './search-text.ts';
import { createTableRepository, derivedColumns, indicatorRows } from './tables.repository.ts';
import { benchEngines, openBenchDatabase } from './testing/bench-database.ts';

const tableCount = Number(process.env.BENCH_IMPORT_TABLES ?? 10_000);
const runs = Number(process.env.BENCH_IMPORT_RUNS ?? 2);
const actor = { userId: 'bench', address: '127.0.0.1' };

function benchTables(): PerformanceTable[] {
  const base = buildTable();
  return Array.from({ length: tableCount }, (_, i) => ({
    ...base,
    unit: `某市第${i % 200}预算单位`,
    name: `批量导入项目${i}`,
    budget: { ...base.budget, currentYear: 10_000 + i },
  }));
}

/** One value in COPY's text format. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\\\x${Buffer.from(value).toString('hex')}`;
  return String(value).replace(
    /[\\\t\n\r]/g,
    (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!,
  );
}

function copyText(rows: Record<string, unknown>[], columns: string[]): string {
  return rows.map((row) => `${columns.map((column) => copyValue(row[column])).join('\t')}\n`).join('');
}

/** The rows `importBatch` writes, built the same way, as COPY payloads per table. */
function copyPayloads(tables: PerformanceTable[], source: SourceFile) {
  const now = new Date();
  const importId = randomUUID();
  const projects = new Map<string, Record<string, unknown>>();
  const tableRows = tables.map((table) => {
    const key = `${table.unit}\u0000${table.name}`;
    let project = projects.get(key);
    if (!project) {
      project = { id: randomUUID(), unit: table.unit, name: table.name, code: table.code ?? null };
      projects.set(key, project);
    }
    const derived = derivedColumns(table);
    return {
      id: randomUUID(),
      project_id: project.id,
      import_id: importId,
      version: 1,
      status: 'draft',
      ...derived,
      search_grams: bigramsLiteral(derived.search_grams),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
  });
  const payloads: { table: string; columns: string[]; text: string }[] = [];
  const add = (table: string, rows: Record<string, unknown>[]) => {
    const columns = Object.keys(rows[0] ?? {});
    payloads.push({ table, columns, text: copyText(rows, columns) });
  };
  add('projects', [...projects.values()]);
  add('imports', [
    {
      id: importId,
      file_name: source.name,
      media_type: source.mediaType,
      size: source.bytes.byteLength,
      sha256: 'bench',
      bytes: source.bytes,
      status: 'confirmed',
      created_by: actor.userId,
    },
  ]);
  add('target_tables', tableRows);
  add(
    'table_versions',
    tableRows.map((row) => ({
      table_id: row.id,
      version: 1,
      content: row.content,
      status: 'draft',
      saved_at: now,
      saved_by: actor.userId,
    })),
  );
  add(
    'indicators',
    tableRows.flatMap((row, i) => indicatorRows(row.id, tables[i]!)),
  );
  add(
    'audit_log',
    tableRows.map((row) => ({
      actor: actor.userId,
      actor_address: actor.address,
      action: 'table.create',
      entity: 'table',
      entity_id: row.id,
      diff: JSON.stringify({ year: row.year, unit: row.unit, name: row.name, importId }),
    })),
  );
  return payloads;
}

async function copyAll(db: Database, tables: PerformanceTable[], source: SourceFile): Promise<void> {
  const payloads = copyPayloads(tables, source);
  const { pool, pglite } = rawClient(db);
  if (pglite) {
    await rawTransaction(db, async () => {
      for (const { table, columns, text } of payloads) {
        await pglite.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], {
          blob: new Blob([text]),
        });
      }
    });
    return;
  }
  const client = await pool!.connect();
  try {
    await client.query('BEGIN');
    for (const { table, columns, text } of payloads) {
      await pipeline(
        Readable.from([text]),
        client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)),
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function timeOnFresh(engine: Engine, work: (db: Database) => Promise<unknown>): Promise<number> {
  const fresh = await openBenchDatabase(engine);
  try {
    const start = performance.now();
    await work(fresh.db);
    const ms = performance.now() - start;
    const count = await fresh.db
      .selectFrom('target_tables')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(count.n) !== tableCount) throw new Error(`expected ${tableCount} tables, found ${count.n}`);
    return ms;
  } finally {
    await fresh.dispose();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export default async function (): Promise<BenchResult[]> {
  const tables = benchTables();
  const source: SourceFile = {
    name: 'bench.json',
    mediaType: 'application/json',
    bytes: new TextEncoder().encode(JSON.stringify(tables.slice(0, 10))),
  };
  const { engines, skipped } = await benchEngines();
  if (skipped) process.stdout.write(`  (PostgreSQL run skipped: ${skipped})\n`);
  const results: BenchResult[] = [];
  for (const engine of engines) {
    const ours: number[] = [];
    const copy: number[] = [];
    for (let run = 0; run < runs; run++) {
      ours.push(
        await timeOnFresh(engine, (db) => createTableRepository(db).importBatch(tables, source, actor)),
      );
      copy.push(await timeOnFresh(engine, (db) => copyAll(db, tables, source)));
    }
    const indicatorCount = tables.reduce((n, t) => n + t.indicators.length, 0);
    results.push({
      name: `bulk import of ${tableCount.toLocaleString('en')} tables [${engine}]`,
      baseline: 'COPY of the same rows (projects, file, tables, versions, indicators, audit)',
      ratio: median(ours) / median(copy),
      goal: 3,
      detail:
        `median of ${runs}: importBatch ${(median(ours) / 1000).toFixed(2)} s vs COPY ${(median(copy) / 1000).toFixed(2)} s ` +
        `(${indicatorCount.toLocaleString('en')} indicator rows); runs ${ours.map((t) => (t / 1000).toFixed(2)).join('/')} vs ` +
        `${copy.map((t) => (t / 1000).toFixed(2)).join('/')} s`,
    });
  }
  return results;
}
