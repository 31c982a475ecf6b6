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
