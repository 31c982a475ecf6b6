import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCorpus, loadCorpus, ratio } from './corpus-eval.ts';

const corpusDir =
  process.env.JIXIAO_CORPUS ?? path.resolve(import.meta.dirname, '../../../../../shared/corpus');
const present = existsSync(corpusDir);
if (!present) {
  // Visible in the test output: the labelled corpus lives outside the repository.
  console.warn(`corpus eval skipped: ${corpusDir} not found (set JIXIAO_CORPUS to the labelled corpus)`);
}

describe.runIf(present)('importer on the labelled corpus (seed + dev)', () => {
  it('keeps the floor reached: every row matched, none invented, fields accurate', async () => {
    const report = await evaluateCorpus(loadCorpus(corpusDir));
    const t = report.total;
    expect(report.documents.length).toBeGreaterThanOrEqual(11);
    expect(report.documents.filter((d) => d.error)).toEqual([]);
    expect(t.matched / t.expected).toBeGreaterThanOrEqual(1);
    expect(t.invented).toBe(0);
    expect(ratio(t.fields.name)).toBeGreaterThanOrEqual(0.99);
    for (const field of [
      'level1',
      'level2',
      'operator',
      'value',
      'unit',
      'budget',
      'header',
      'incomplete',
    ] as const) {
      expect(ratio(t.fields[field]), field).toBeGreaterThanOrEqual(1);
    }
  });
});
