import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateScores, formatScoreReport } from './eval-score.ts';

const corpusDir =
  process.env.JIXIAO_CORPUS ?? path.resolve(import.meta.dirname, '../../../../../shared/corpus');
const present = existsSync(path.join(corpusDir, 'dev', '03.json'));
if (!present) console.warn(`eval:score test skipped: ${corpusDir} has no dev self-evaluations`);

describe.runIf(present)('eval:score on the corpus self-evaluations (dev 01, 03, 04)', () => {
  it('re-scores each form from its label and from the importer, and explains every difference', async () => {
    const all = await evaluateScores(corpusDir);
    const find = (id: string, source: 'label' | 'import') => {
      const c = all.find((x) => x.id === id && x.source === source);
      if (!c) throw new Error(`no ${id} ${source}`);
      return c;
    };
    // 01: an unfilled form under a local 60/30 split.
    const d01 = find('dev/01', 'label');
    expect(d01.rows.map((r) => r.difference?.code)).toEqual(['score.not_printed', 'score.not_printed']);
    expect(d01.notes.map((n) => n.code)).toEqual(['scheme.local_weights']);
    expect(d01.execution.jixiao).toBe(10);
    // 03: every printed indicator score re-derived; the budget rows contradict each other.
    const d03 = find('dev/03', 'label');
    expect(d03.rows.every((r) => r.difference === null && r.printed === r.jixiao)).toBe(true);
    expect(d03.execution.difference?.code).toBe('budget.contradiction');
    expect(d03.execution.difference?.zh).toContain('应得 10 分');
    expect(d03.notes.map((n) => n.code)).toEqual(['document.truncated']);
    expect(d03.printedTotal).toBe(80);
    expect(d03.jixiaoTotal).toBe(80);
    // 04: six rows print only 分值 and 得分: they cannot be re-derived.
    const d04 = find('dev/04', 'label');
    expect(d04.rows.filter((r) => r.difference?.code === 'score.missing_target')).toHaveLength(6);
    expect(d04.rows.filter((r) => r.difference === null)).toHaveLength(3);
    expect([d04.printedTotal, d04.jixiaoTotal, d04.grade]).toEqual([100, 100, '优']);
    // What the importer reads scores the same as the hand label.
    for (const id of ['dev/01', 'dev/03', 'dev/04']) {
      expect(find(id, 'import').rows.map((r) => r.jixiao)).toEqual(
        find(id, 'label').rows.map((r) => r.jixiao),
      );
    }
    expect(formatScoreReport(all)).toContain('budget.contradiction');
  });
});
