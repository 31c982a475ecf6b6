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
  type ScoredSelfEvaluation,
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

/**
 * A 自评表 whose indicator names are wider than their column (~12 Chinese characters) and wrap, as do
 * a level-2 label, the 得分说明 and the reason and measure.
 */
function buildLongNames(): ScoredSelfEvaluation {
  const table = buildSelfEvaluationTable(
    [
      buildIndicator('>=95%', {
        name: '农村饮水安全巩固提升工程受益人口覆盖率',
        weight: 30,
      }),
      buildIndicator('<=3天', {
        level2: '时效指标',
        name: 'Average repair time of water facilities',
        weight: 30,
      }),
      buildIndicator('>=90%', {
        level1: '满意度指标',
        level2: '服务对象满意度指标',
        name: '受益群众对供水质量和服务态度的满意度',
        weight: 30,
      }),
    ],
    { name: '农村供水保障工程', budget: { currentYear: 2_000_000 } },
  );
  const entry = buildEntry(
    [
      {
        actual: '90%',
        reason: '部分山区管网改造因雨季推迟，约 3,200 人未能按期接通自来水',
        measure: '下年度一季度前完成剩余管网铺设并开展水质检测',
      },
      '2天',
      '93%',
    ],
    { budget: { adjusted: 2_000_000, executed: 1_900_000 } },
  );
  return { table, entry, score: scoreSelfEvaluation(table, entry, getScoringScheme()) };
}

describe('a scored 自评表 printed to PDF imports back with every indicator', () => {
  // One PDF per locale holding three forms: the training project (2 rows, a reason and measure), the
  // demo's year-end self-evaluation of the first seed table (15 rows, free text wrapping over lines)
  // and a form whose indicator names wrap in their column.
  for (const locale of ['zh', 'en'] as const) {
    it(`${locale} labels: every printed field of each row, 得分说明 and 偏差原因 included`, async () => {
      const forms = [buildTrainingScored(), buildSeedSelfEvaluation(), buildLongNames()];
      const pdf = await layoutToPdf(forms.map((f) => layoutOf(f, locale)));
      const parsed = await parseFile({ name: `自评表-${locale}.pdf`, bytes: pdf });
      expect(parsed.tables).toHaveLength(3);
      forms.forEach((form, n) => {
        const table = parsed.tables[n];
        const read = readSelfEvaluation(table, true);
        const printed = printedSelfEvaluation(form, locale, true);
        if (locale === 'en') {
          // The export breaks lines anywhere (word-break: break-all), and the PDF keeps no trace of a
          // space at a line end: `does|not` and `weigh|t` look alike, and English text wrapped between
          // two letters may lose or gain that space. Everything else must be equal.
          const unspaced = (t: string | null | undefined) => t?.replace(/ /g, '');
          for (const indicators of [read?.indicators ?? [], printed.indicators])
            for (const i of indicators) {
              i.explanation = unspaced(i.explanation);
              i.deviationReason = unspaced(i.deviationReason);
            }
        }
        expect(read).toEqual(printed);
        expect(table?.incomplete).toBe(false);
      });
      expect(parsed.warnings.map((w) => w.code)).toEqual([]);
    });
  }

  it('the long names do wrap in the PDF (the test above would prove nothing otherwise)', async () => {
    const pdf = await layoutToPdf(layoutOf(buildLongNames(), 'zh'));
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
    let text = '';
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      for (const item of content.items) if ('str' in item) text += item.hasEOL ? `${item.str}\n` : item.str;
    }
    await doc.destroy();
    expect(text).not.toContain('农村饮水安全巩固提升工程受益人口覆盖率');
    expect(text).not.toContain('受益群众对供水质量和服务态度的满意度');
  });
});
