import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgliteThread, startPgliteThread } from './pglite-thread.ts';

describe('PGlite in a worker thread', () => {
  let db: PgliteThread;
  beforeAll(async () => {
    db = await startPgliteThread({});
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('returns rows with their types: int8 and numeric as numbers, dates, bytes', async () => {
    const { rows } = await db.query<{ n: number; amount: number; at: Date; bytes: Uint8Array; text: string }>(
      `SELECT 9007199254740::int8 AS n, 12.5::numeric AS amount, '2026-01-02T03:04:05Z'::timestamptz AS at,
              '\\x0102'::bytea AS bytes, $1::text AS text`,
      ['绩效'],
    );
    expect(rows).toEqual([
      {
        n: 9007199254740,
        amount: 12.5,
        at: new Date('2026-01-02T03:04:05Z'),
        bytes: new Uint8Array([1, 2]),
        text: '绩效',
      },
    ]);
  });

  it('keeps a database error’s fields (code, constraint) and the caller’s stack', async () => {
    await db.exec('CREATE TABLE thread_test (id int PRIMARY KEY); INSERT INTO thread_test VALUES (1);');
    const error = await db.query('INSERT INTO thread_test VALUES (1)').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: '23505', constraint: 'thread_test_pkey' });
    expect((error as Error).stack).toContain('pglite-thread.test.ts');
  });

  it.runIf(process.platform === 'linux')(
    'names its OS thread, whose CPU time is what its statements cost',
    async () => {
      const cpuMs = () =>
        Number(readFileSync(`/proc/self/task/${db.osThreadId}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
      const before = cpuMs();
      await db.query('SELECT count(*) FROM generate_series(1, 2000000)');
      expect(cpuMs() - before).toBeGreaterThan(20);
    },
  );

  it('reports affected rows, loads a blob through COPY, dumps a data folder that opens again, then closes', async () => {
    const copied = await db.query("COPY thread_test (id) FROM '/dev/blob'", [], {
      blob: new Blob(['2\n3\n']),
    });
    expect(copied.affectedRows).toBe(2);
    const again = await startPgliteThread({ loadDataDir: await db.dumpDataDir() });
    expect((await again.query<{ n: number }>('SELECT count(*)::int8 AS n FROM thread_test')).rows).toEqual([
      { n: 3 },
    ]);
    await again.close();
    expect(again.closed).toBe(true);
    await expect(again.query('SELECT 1')).rejects.toThrow(/closed/);
  }, 60_000);
});
