import { expect, it } from 'vitest';
import { type CurveRun, curveTable } from './bench-curve.ts';

const run = (tables: number, p99Ms: number, overBudget: string[] = []): CurveRun => ({
  fixture: { tables },
  server: { peakRssBytes: 300 * 1024 ** 2 },
  results: [
    { name: 'list, finance', p50Ms: p99Ms / 2, p99Ms, firstMs: p99Ms, eventLoopMaxMs: 12, overBudget },
  ],
});

it('puts the sizes side by side, smallest first, with the verdict of the largest', () => {
  const table = curveTable([run(1_000_000, 140, ['p99 ≥ 100 ms']), run(100_000, 20), run(300_000, 60)]);
  const lines = table.split('\n');
  expect(lines[0]).toBe(
    '| endpoint | 100k p50 / p99 | 300k p50 / p99 | 1M p50 / p99 | loop block (1M) | verdict |',
  );
  expect(lines[2]).toBe(
    '| list, finance | 10 ms / 20 ms | 30 ms / 60 ms | 70 ms / 140 ms | 12 ms | **over** (p99 ≥ 100 ms) |',
  );
  expect(lines[3]).toBe('| server peak RSS | 300 MB | 300 MB | 300 MB | | |');
  expect(lines[4]).toBe('| load average (1 min, at the end) | — | — | — | | |');
});

it("shows the server thread's own part of a block beside the wall-clock delay, where a run has it", () => {
  const measured = { ...run(1_000_000, 40), machine: { loadAverage: [27.04, 26.6, 20.3] } };
  measured.results[0]!.eventLoopMaxMs = 310;
  measured.results[0]!.eventLoopThreadMaxMs = 9.5;
  const lines = curveTable([measured]).split('\n');
  expect(lines[2]).toBe('| list, finance | 20 ms / 40 ms | 9.5 ms (wall 310 ms) | ok |');
  expect(lines[4]).toBe('| load average (1 min, at the end) | 27.0 | | |');
});
