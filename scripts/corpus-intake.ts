// Copies finished documents of the collectors' folders (fixtures/corpus/incoming/<who>/NN.txt + NN.json)
// into the frozen split (fixtures/corpus/train|test/<who>-NN.*), after checking each against the reserved
// set again and against the documents already filed. It prints the train documents by name and only a
// count for test and for duplicates, so that whoever runs it does not read the test split.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { splitOf } from '../packages/import/src/eval/corpus-split.ts';

const root = path.join(import.meta.dirname, '..', 'packages', 'import', 'fixtures', 'corpus');
const incoming = path.join(root, 'incoming');
const reserved = path.join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'reserved.mjs');
const counts = { train: 0, test: 0, skipped: 0, reserved: 0, duplicates: 0 };

// A page collected by an earlier batch (often under another name) must not come in twice: the same text
// counted twice, or once on each side of the split, would skew the figures. The filed documents are
// compared by address and by text only, and a duplicate is counted, never named.
const normalisedUrl = (u: string) =>
  u
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^(www\.|m\.|wap\.)/, '')
    .replace(/\/+$/, '');
const textKey = (t: string) => createHash('sha256').update(t.replace(/\s+/gu, ''), 'utf8').digest('hex');
const filedUrls = new Set<string>();
const filedTexts = new Set<string>();
for (const side of ['train', 'test']) {
  const dir = path.join(root, side);
  for (const entry of existsSync(dir) ? readdirSync(dir) : []) {
    const file = path.join(dir, entry);
    if (entry.endsWith('.txt')) filedTexts.add(textKey(readFileSync(file, 'utf8')));
    if (!entry.endsWith('.json')) continue;
    try {
      const { source_url } = JSON.parse(readFileSync(file, 'utf8')) as { source_url?: unknown };
      if (typeof source_url === 'string' && source_url) filedUrls.add(normalisedUrl(source_url));
    } catch {}
  }
}

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
    const body = readFileSync(text, 'utf8');
    if ((url && filedUrls.has(normalisedUrl(url))) || filedTexts.has(textKey(body))) {
      counts.duplicates++;
      continue;
    }
    const side = splitOf(url || body);
    const target = path.join(root, side);
    mkdirSync(target, { recursive: true });
    copyFileSync(text, path.join(target, `${who}-${base}.txt`));
    copyFileSync(path.join(dir, entry), path.join(target, `${who}-${base}.json`));
    counts[side]++;
    if (side === 'train') console.log(`train\t${who}-${base}\t${url}`);
  }
}
console.log(
  `train ${counts.train}, test ${counts.test} (not listed), unreadable labels ${counts.skipped}, reserved ${counts.reserved}, already filed ${counts.duplicates}`,
);
