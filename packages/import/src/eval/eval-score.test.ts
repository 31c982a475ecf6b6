import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultCorpusDirs,
  evaluateScores,
  figuresOf,
  formatScoreReport,
  tableOfLabel,
} from './eval-score.ts';

const dirs = defaultCorpusDirs();
const devPresent = existsSync(path.join(dirs.dev, '04.json'));
if (!devPresent) console.warn(`eval:score dev documents skipped: ${dirs.dev} has none`);

describe('eval:score on the labelled self-evaluations', () => {
  it('imports every document, keeps the claim and explains every difference; never throws', async () => {
    const reports = await evaluateScores(devPresent ? dirs : { grown: dirs.grown });
    expect(reports.filter((r) => r.split === 'train').length).toBeGreaterThanOrEqual(14);
    expect(reports.filter((r) => r.split === 'test').length).toBeGreaterThanOrEqual(11);
    for (const r of reports) {
      for (const f of r.failures) {
        expect(f.code).not.toBe('');
        expect(f.path ?? r.file).toBeTruthy();
      }
    }
    const tuned = reports.filter((r) => r.split !== 'test');
    const figures = figuresOf(tuned);
    expect(figures.unexplained).toBe(0);
    expect(figures.consistentEqual).toBeGreaterThan(0);
    // The floors reached on the train split: a change that reads fewer printed scores fails here.
    const train = figuresOf(reports.filter((r) => r.split === 'train'));
    expect(train.consistentRows).toBeGreaterThanOrEqual(55);
    expect(train.consistentEqual).toBeGreaterThanOrEqual(48);
    for (const row of tuned.flatMap((r) => r.rows)) {
      // Where the importer read the printed score of a row the label says follows the rule, the rule agrees.
      if (row.labelConsistent && typeof row.printed === 'number' && row.claimed === row.printed) {
        expect(Math.abs(row.rule - row.printed)).toBeLessThanOrEqual(0.1);
      }
      if (row.cause === null && row.difference !== null)
        expect(Math.abs(row.difference)).toBeLessThanOrEqual(0.1);
    }
    // A row printed without a weight leaves the printed weights of the others in force.
    const d05 = reports.find((r) => r.id === 'train/topic-d-05');
    expect(d05?.rows.map((row) => [row.weight, row.rule, row.cause])).toEqual([
      [12, 12, null],
      [12, 12, null],
      [null, 0, 'not_scored'],
    ]);
    expect(d05?.notes.map((n) => n.code)).toEqual(['weights_total']);
    const text = formatScoreReport(reports);
    expect(text).toContain('test (frozen, figures only)');
    expect(text).not.toMatch(/^test\//m);
    expect(text).not.toMatch(/\d\.\d{6,}/);
  });

  it.runIf(devPresent)('dev 04: the consistent printed total equals the rule’s after import', async () => {
    const reports = await evaluateScores({ dev: dirs.dev });
    const d04 = reports.find((r) => r.id === 'dev/04');
    expect(d04?.total).toMatchObject({ printed: 100, rule: 100, labelConsistent: true });
  });

  it('reads a label row without a level-3 name instead of failing on it', () => {
    const table = tableOfLabel({
      year: 2022,
      unit: '某单位',
      project: '某项目',
      indicators: [
        { level1: '产出指标', level2: '数量指标', level3: null, target: '≥1个', weight: 10, score: 10 },
      ],
    });
    expect(table.indicators[0]?.name).toBe('数量指标');
  });

  it('reads a label target printed in cells with a unit gloss from the label’s operator, value and unit', () => {
    const row = { level1: '产出指标', level2: '质量指标', level3: '覆盖率', weight: 25, score: 25 };
    const table = tableOfLabel({
      year: 2020,
      unit: '某单位',
      project: '某项目',
      indicators: [
        { ...row, target: '>= | 98 | %(百分比)', operator: '>=', value: 98, unit: '%', actual: '100%' },
        { ...row, level3: '群众评价', target: '好评', operator: 'qualitative', value: null, unit: null },
      ],
    });
    expect(table.indicators[0]?.target).toMatchObject({
      kind: 'quantitative',
      operator: '>=',
      value: 98,
      unit: '%',
    });
    expect(table.indicators[1]?.target).toMatchObject({ kind: 'qualitative', text: '好评' });
  });
});
