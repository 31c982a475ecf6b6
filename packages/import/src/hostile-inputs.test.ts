import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { timedRead } from './testing/timed-read.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');

/** A real form with `run` inserted in the middle of one of its lines, as a hostile upload would. */
function withRun(file: string, line: number, run: string): Uint8Array {
  const lines = readFileSync(path.join(fixtures, file), 'utf8').split('\n');
  const text = lines[line] ?? '';
  const middle = Math.floor(text.length / 2);
  lines[line] = `${text.slice(0, middle)}${run}${text.slice(middle)}`;
  return new TextEncoder().encode(lines.join('\n'));
}

// Each took from 20 s to minutes before (a regular expression or a split rescanning the rest of a run
// from each of its characters); linear now, a few hundred milliseconds. The bound is generous on purpose.
const cases: [string, string, number, string][] = [
  ['200,000 spaces in a target', 'probe/02.txt', 9, ' '.repeat(200_000)],
  ['200,000 digits in running text', 'corpus/train/east-07.txt', 21, '1'.repeat(200_000)],
  ['200,000 ≥ in running text', 'corpus/train/east-07.txt', 21, '≥'.repeat(200_000)],
  ['200,000 pipes in a cell', 'corpus/train/topic-c-01.txt', 90, '|'.repeat(200_000)],
  ['200,000 digits in a score cell', 'probe/15.txt', 18, '1'.repeat(200_000)],
  ['200,000 digits after a level label', 'corpus/train/header-b-08.txt', 450, '1'.repeat(200_000)],
  // Each figure once asked whether the rest of its row were values (a name column check): 51 s at 20,000.
  ['20,000 space-separated figures in a row', 'probe/24.txt', 6, ' 1'.repeat(20_000)],
];

describe('hostile runs in real forms', () => {
  it.each(cases)('reads a form with %s in linear time', async (_label, file, line, run) => {
    const { outcome, ms } = await timedRead(withRun(file, line, run));
    expect(outcome).toBeDefined();
    expect(ms).toBeLessThan(5000);
  });
});
