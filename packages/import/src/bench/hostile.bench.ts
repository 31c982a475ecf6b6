import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchResult } from '../../../../scripts/bench-kit.ts';
import { parseFile } from '../parse-file.ts';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');

/** A real form with `length` characters of `run` in the middle of one of its lines (a long run inside one line, the shape that made a quadratic scan hang). */
function withRun(file: string, line: number, run: string, length: number): Uint8Array {
  const lines = readFileSync(path.join(fixtures, file), 'utf8').split('\n');
  const text = lines[line] ?? '';
  const middle = Math.floor(text.length / 2);
  lines[line] = `${text.slice(0, middle)}${run.repeat(length / run.length)}${text.slice(middle)}`;
  return new TextEncoder().encode(lines.join('\n'));
}

async function bestMs(bytes: Uint8Array, runs = 3): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await parseFile({ name: 'hostile.txt', bytes }).catch(() => undefined);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const attacks: [string, string, number, string][] = [
  ['spaces in a target', 'probe/02.txt', 9, ' '],
  ['digits in running text', 'corpus/train/east-07.txt', 21, '1'],
  ['≥ in running text', 'corpus/train/east-07.txt', 21, '≥'],
  ['pipes in a cell', 'corpus/train/topic-c-01.txt', 90, '|'],
  ['digits in a score cell', 'probe/15.txt', 18, '1'],
];

/**
 * The importer on forms holding a 200,000-character run against the same forms with 20,000: ten times
 * the text should cost about ten times the time (a quadratic spot costs a hundred). The absolute times are
 * in the detail; the server reads uploads in a worker with a 20 s limit, but a run should take well under
 * a second.
 */
export default async function bench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const [label, file, line, run] of attacks) {
    const small = await bestMs(withRun(file, line, run, 20_000));
    const large = await bestMs(withRun(file, line, run, 200_000));
    results.push({
      name: `import a form with 200,000 characters of ${label}`,
      baseline: 'the same form with 20,000',
      ratio: large / small,
      goal: 20,
      detail: `${large.toFixed(0)} ms vs ${small.toFixed(0)} ms (${file}:${line + 1})`,
    });
  }
  return results;
}
