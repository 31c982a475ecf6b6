import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { BenchResult } from '../../../../scripts/bench-kit.ts';
import { parseFile } from '../parse-file.ts';
import { writeCorpus } from './generated-corpus.ts';

const TABLES = 10_000;
const PER_FILE = 4;

async function seedTables(): Promise<PerformanceTable[]> {
  const fixture = path.resolve(import.meta.dirname, '../../../../fixtures/seed.txt');
  return (await parseFile({ name: 'seed.txt', bytes: await readFile(fixture) })).tables;
}

// Files are read one at a time and dropped after use, as `jixiao import` does: memory should not grow
// with the number of files.
async function importAll(files: readonly string[]): Promise<{ tables: number; peakHeap: number }> {
  let tables = 0;
  let peakHeap = 0;
  for (const [n, file] of files.entries()) {
    const parsed = await parseFile({ name: file, bytes: await readFile(file) });
    tables += parsed.tables.length;
    if (n % 50 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  return { tables, peakHeap };
}

async function splitAll(files: readonly string[]): Promise<number> {
  let lines = 0;
  const decoder = new TextDecoder('utf-8');
  for (const file of files) lines += decoder.decode(await readFile(file)).split('\n').length;
  return lines;
}

/** Import throughput on ~10,000 generated tables in four layouts, against splitting the same bytes into lines. */
export default async function bench(): Promise<BenchResult[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jixiao-import-bench-'));
  try {
    const files = await writeCorpus(dir, await seedTables(), TABLES, PER_FILE);
    const half = files.slice(0, files.length / 2);
    await importAll(half.slice(0, 20)); // warm-up
    // Machines here are shared and noisy: alternate the two measurements and keep the best of each.
    let importMs = Number.POSITIVE_INFINITY;
    let splitMs = Number.POSITIVE_INFINITY;
    let fullRun = { tables: 0, peakHeap: 0 };
    let lines = 0;
    for (let round = 0; round < 3; round++) {
      const a = performance.now();
      fullRun = await importAll(files);
      const b = performance.now();
      lines = await splitAll(files);
      const c = performance.now();
      importMs = Math.min(importMs, b - a);
      splitMs = Math.min(splitMs, c - b);
    }
    // Memory: half the input after the full runs, so the corpus generator's garbage is gone from both.
    const t0 = performance.now();
    const halfRun = await importAll(half);
    const halfMs = performance.now() - t0;
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
    return [
      {
        name: `import ${fullRun.tables.toLocaleString('en-US')} tables from ${files.length} files`,
        baseline: 'reading and splitting the same files into lines',
        ratio: importMs / splitMs,
        goal: 5,
        detail: `import ${importMs.toFixed(0)} ms (${((fullRun.tables / importMs) * 1000).toFixed(0)} tables/s), split ${splitMs.toFixed(0)} ms (${lines} lines); half the input ${halfMs.toFixed(0)} ms`,
      },
      {
        name: 'peak heap importing all files',
        baseline: 'peak heap importing half of them',
        ratio: fullRun.peakHeap / halfRun.peakHeap,
        goal: 1.5,
        detail: `${mib(fullRun.peakHeap)} vs ${mib(halfRun.peakHeap)}`,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
