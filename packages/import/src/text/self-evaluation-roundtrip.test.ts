import { selfEvaluationLayout } from '@jixiao/core/export/self-evaluation-layout';
import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import { getScoringScheme } from '@jixiao/core/scoring/scoring-schemes';
import {
  buildEntry,
  buildIndicator,
  buildSelfEvaluationTable,
} from '@jixiao/core/scoring/self-evaluation.factory';
import { closeSharedBrowser } from '@jixiao/export/chromium';
import { layoutToPdf } from '@jixiao/export/layout-pdf';
import { layoutToXlsx } from '@jixiao/export/layout-xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFile } from '../parse-file.ts';
import {
  buildSeedSelfEvaluation,
  buildTrainingScored,
  layoutOf,
  printedSelfEvaluation,
  readSelfEvaluation,
} from './self-evaluation-roundtrip.fixtures.ts';

afterAll(closeSharedBrowser);

/** A scored 自评表 whose budget was adjusted during the year and not fully spent. */
function exported() {
  const table = buildSelfEvaluationTable(
    [
      buildIndicator('>=100个', { name: '培训人次', weight: 50 }),
      buildIndicator('>=90%', {
        level1: '满意度指标',
        level2: '服务对象满意度指标',
        name: '满意度',
        weight: 40,
      }),
    ],
    { kind: 'target', narrative: { goals: '完成培训任务' }, budget: { currentYear: 1_000_000 } },
  );
  const entry = buildEntry(['80个', '95%'], { budget: { adjusted: 1_200_000.5, executed: 950_000 } });
  const score = scoreSelfEvaluation(table, entry, getScoringScheme());
  return {
    layout: selfEvaluationLayout(table, entry, score, 'zh'),
    budget: {
      initial: 1_000_000,
      adjusted: 1_200_000.5,
      executed: 950_000,
      executionScore: score.execution.score,
    },
  };
}

describe('a 自评表 exported and imported back keeps its budget', () => {
  it('through Excel (layoutToXlsx → parseFile)', async () => {
    const { layout, budget } = exported();
    const bytes = await layoutToXlsx(layout);
    const { tables } = await parseFile({ name: '自评表.xlsx', bytes: new Uint8Array(bytes) });
    expect(tables).toHaveLength(1);
    expect(tables[0]?.kind).toBe('self-evaluation');
    expect(tables[0]?.budget).toMatchObject(budget);
  });

  it('through PDF (layoutToPdf → parseFile, read by the text importer)', async () => {
    const { layout, budget } = exported();
    const { tables } = await parseFile({ name: '自评表.pdf', bytes: await layoutToPdf(layout) });
    expect(tables).toHaveLength(1);
    expect(tables[0]?.kind).toBe('self-evaluation');
    expect(tables[0]?.budget).toMatchObject(budget);
  });
});

describe('a scored 自评表 printed to PDF imports back with every indicator', () => {
  // One PDF per locale holding both forms: the training project (2 rows, a reason and measure) and the
  // demo's year-end self-evaluation of the first seed table (15 rows, free text wrapping over lines).
  for (const locale of ['zh', 'en'] as const) {
    it(`${locale} labels: levels, name, target, direction, 分值, actual and 得分 of each row; no free text misread`, async () => {
      const forms = [buildTrainingScored(), buildSeedSelfEvaluation()];
      const pdf = await layoutToPdf(forms.map((f) => layoutOf(f, locale)));
      const parsed = await parseFile({ name: `自评表-${locale}.pdf`, bytes: pdf });
      expect(parsed.tables).toHaveLength(2);
      forms.forEach((form, n) => {
        const table = parsed.tables[n];
        expect(readSelfEvaluation(table, false)).toEqual(printedSelfEvaluation(form, locale, false));
        expect(table?.incomplete).toBe(false);
        // PDF text runs the words of 得分说明 and 偏差原因 together: what is read of them must be whole.
        const printed = printedSelfEvaluation(form, locale, true).indicators;
        table?.indicators.forEach((indicator, k) => {
          if (indicator.explanation !== undefined)
            expect(indicator.explanation).toBe(printed[k]?.explanation);
          if (indicator.deviationReason !== undefined)
            expect(indicator.deviationReason).toBe(printed[k]?.deviationReason);
        });
      });
      expect(parsed.warnings.map((w) => w.code)).toEqual([]);
    });
  }
});
