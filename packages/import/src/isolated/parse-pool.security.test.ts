import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '@jixiao/core/errors/app-error';
import { afterAll, describe, expect, it } from 'vitest';
import { tableFromMapping } from '../mapping/mapped-table.ts';
import { parseFile } from '../parse-file.ts';
import { createParsePool, type ParsePool } from './parse-pool.ts';
import { uploadLimits } from './parse-worker.ts';

const seed = readFileSync(path.resolve(import.meta.dirname, '../../../../fixtures/seed.txt'));
const encoded = (text: string) => new TextEncoder().encode(text);

async function refusal(pool: ParsePool, name: string, bytes: Uint8Array): Promise<AppError> {
  const error = await pool.parse({ name, bytes }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Longest gap between timer ticks of this thread while `work` runs: how long its event loop was held. */
async function longestStall<T>(work: Promise<T>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  await work.catch(() => undefined);
  clearInterval(tick);
  return longest;
}

describe('parse pool', () => {
  const pools: ParsePool[] = [];
  const pool = (limits: Parameters<typeof createParsePool>[0]) => {
    const made = createParsePool({ threads: 1, ...limits });
    pools.push(made);
    return made;
  };
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('reads a file in a worker as parseFile does in the caller, and passes its errors on with their codes', async () => {
    const parser = pool({});
    const inWorker = await parser.parse({ name: 'seed.txt', bytes: seed });
    const inCaller = await parseFile({ name: 'seed.txt', bytes: seed });
    expect(inWorker.tables).toEqual(inCaller.tables);
    expect(inWorker.warnings).toEqual(inCaller.warnings);
    const error = await refusal(parser, 'notes.txt', encoded('会议纪要\n今天下雨。\n'));
    expect(error.code).toBe('import.unknown_form');
    expect(error.location?.file).toBe('notes.txt');
  });

  it('stops a parse past its wall time with import.too_slow while this thread keeps its event loop', async () => {
    const parser = pool({ timeLimitMs: 100 });
    await parser.ready();
    // Two hundred seed documents in one text: a second or more of honest work, far past 100 ms.
    const big = encoded(seed.toString('utf8').repeat(200));
    const started = performance.now();
    let error: AppError | undefined;
    const stall = await longestStall(
      refusal(parser, 'big.txt', big).then((e) => {
        error = e;
      }),
    );
    expect(error?.code).toBe('import.too_slow');
    expect(error?.location).toEqual({ file: 'big.txt', path: 'file' });
    expect(error?.en).toMatch(/over 0\.1 s/);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(stall).toBeLessThan(200);
    // The pool replaced the terminated worker.
    expect((await parser.parse({ name: 'seed.txt', bytes: seed })).tables).toHaveLength(3);
  });

  it('reads a column mapping and a saved layout in a worker, and stops one past its wall time', async () => {
    const parser = pool({});
    // A 项目库 form whose 指标名称 column holds the level-2 category, mapped as a person would.
    const text = readFileSync(
      path.resolve(import.meta.dirname, '../../fixtures/corpus/train/header-a-05.txt'),
      'utf8',
    );
    const mapping = {
      region: { line: 12, endLine: 19 },
      roles: ['level1', 'level2', 'target', 'explanation'] as (
        | 'level1'
        | 'level2'
        | 'target'
        | 'explanation'
      )[],
    };
    const inWorker = await parser.map('seed.txt', { text, mapping, base: undefined });
    const inCaller = tableFromMapping(text, mapping, undefined);
    expect(inWorker.table.indicators).toEqual(inCaller.table.indicators);
    expect(inWorker.table.indicators.length).toBeGreaterThan(0);
    const layout = { signature: inWorker.signature, separator: inWorker.separator, roles: mapping.roles };
    // The saved layouts go with the file: read and matched in one task.
    const other = { ...layout, signature: { ...layout.signature, headerWords: ['得分', '备注'] } };
    const found = await parser.parse({ name: 'seed.txt', bytes: encoded(text), layouts: [other, layout] });
    expect(found.layout?.index).toBe(1);
    expect(found.layout?.fit.score).toBe(1);
    expect(found.layout?.mapped.table.indicators).toEqual(inWorker.table.indicators);

    // A preview of two thousand such forms mapped in 100 ms: stopped, and this thread never held.
    const slow = pool({ timeLimitMs: 100 });
    await slow.ready();
    const big = text.repeat(2000);
    const all = { region: { line: 1, endLine: big.split('\n').length }, roles: mapping.roles };
    let error: unknown;
    const stall = await longestStall(
      slow.map('big.txt', { text: big, mapping: all, base: undefined }).catch((e: unknown) => {
        error = e;
      }),
    );
    expect(error).toMatchObject({ code: 'import.too_slow', location: { file: 'big.txt', path: 'file' } });
    expect(stall).toBeLessThan(200);
  });

  it('stops a parse past its heap limit with import.too_large', async () => {
    const parser = pool({ memoryLimitMb: 24 });
    const error = await refusal(parser, 'huge.txt', encoded(seed.toString('utf8').repeat(400)));
    expect(error.code).toBe('import.too_large');
    expect(error.location).toEqual({ file: 'huge.txt', path: 'file' });
    expect(error.zh).toMatch(/24 MiB/);
  });

  it('refuses a file that reads as more tables than one upload may hold, before the caller gets them', async () => {
    const parser = pool({});
    const many = encoded(seed.toString('utf8').repeat(Math.ceil((uploadLimits.tables + 1) / 3)));
    const error = await refusal(parser, 'many.txt', many);
    expect(error.code).toBe('import.too_large');
    expect(error.location).toEqual({ file: 'many.txt', path: 'file' });
    expect(error.en).toMatch(/102 tables.*more than the 100 tables/);
  });

  it('refuses uploads beyond the waiting line with import.busy', async () => {
    const parser = pool({ maxWaiting: 1 });
    await parser.ready();
    const three = [1, 2, 3].map(() =>
      parser.parse({ name: 'seed.txt', bytes: seed }).then(
        () => 'read',
        (e: AppError) => e.code,
      ),
    );
    expect((await Promise.all(three)).sort()).toEqual(['import.busy', 'read', 'read']);
  });
});
