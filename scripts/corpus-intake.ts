// Copies finished documents of the collectors' folders (fixtures/corpus/incoming/<who>/NN.txt + NN.json)
// into the frozen split (fixtures/corpus/train|test/<who>-NN.*), after checking each against the reserved
// set again. It prints the train documents by name and only a count for test, so that whoever runs it
// does not read the test split.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { splitOf } from '../packages/import/src/eval/corpus-split.ts';

const root = path.join(import.meta.dirname, '..', 'packages', 'import', 'fixtures', 'corpus');
const incoming = path.join(root, 'incoming');
const reserved = path.join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'reserved.mjs');
const counts = { train: 0, test: 0, skipped: 0, reserved: 0 };

for (const who of existsSync(incoming) ? readdirSync(incoming).sort() : []) {
  const dir = path.join(incoming, who);
  for (const entry of readdirSync(dir).sort()) {
    if (!/^\d+\.json$/.test(entry)) continue;
    const base = entry.slice(0, -5);
    const text = path.join(dir, `${base}.txt`);
    if (!existsSync(text)) continue;
    let label: { source_url?: unknown; indicators?: unknown };
    try {
      label = JSON.parse(readFileSync(path.join(dir, entry), 'utf8'));
    } catch {
      counts.skipped++;
      continue;
    }
    const url = typeof label.source_url === 'string' ? label.source_url : '';
    try {
      execFileSync('node', [reserved, ...(url ? ['--url', url] : []), text], { stdio: 'pipe' });
    } catch {
      counts.reserved++;
      continue;
    }
    const side = splitOf(url || readFileSync(text, 'utf8'));
    const target = path.join(root, side);
    mkdirSync(target, { recursive: true });
    copyFileSync(text, path.join(target, `${who}-${base}.txt`));
    copyFileSync(path.join(dir, entry), path.join(target, `${who}-${base}.json`));
    counts[side]++;
    if (side === 'train') console.log(`train\t${who}-${base}\t${url}`);
  }
}
console.log(
  `train ${counts.train}, test ${counts.test} (not listed), unreadable labels ${counts.skipped}, reserved ${counts.reserved}`,
);
