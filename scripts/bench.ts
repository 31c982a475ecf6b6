/**
 * `npm run bench`: runs every `packages/<pkg>/src/**\/*.bench.ts` (or only those whose path contains
 * one of the arguments) and prints each result as a ratio to its in-process baseline, with the goal.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './bench-kit.ts';

const root = path.resolve(import.meta.dirname, '..');

async function findBenches(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await findBenches(full)));
    else if (entry.name.endsWith('.bench.ts')) found.push(full);
  }
  return found;
}

const filters = process.argv.slice(2);
const files = (await findBenches(path.join(root, 'packages'))).filter(
  (file) => filters.length === 0 || filters.some((f) => file.includes(f)),
);
let failed = 0;
for (const file of files.sort()) {
  const rel = path.relative(root, file);
  process.stdout.write(`\n${rel}\n`);
  const mod = (await import(pathToFileURL(file).href)) as { default: () => Promise<BenchResult[]> };
  for (const r of await mod.default()) {
    const ok = r.ratio <= r.goal;
    if (!ok) failed++;
    process.stdout.write(
      `  ${ok ? 'ok  ' : 'MISS'} ${r.name}: ${r.ratio.toFixed(2)}× ${r.baseline} (goal ≤ ${r.goal}×)` +
        `${r.detail ? `\n       ${r.detail}` : ''}\n`,
    );
  }
}
process.stdout.write(`\n${files.length} benchmark files, ${failed} results above their goal\n`);
