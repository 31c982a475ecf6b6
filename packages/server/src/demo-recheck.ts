import { selfEvaluationOfPrintedForm } from '@jixiao/core/scoring/printed-form';
import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import { buildIndicator, buildSelfEvaluationTable } from '@jixiao/core/scoring/self-evaluation.factory';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { demoUsers } from '@jixiao/db/accounts-demo';
import type { Database } from '@jixiao/db/database';
import { saveSelfEvaluation } from '@jixiao/db/evaluation.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { recheckFigures } from './use-cases/import-self-evaluation.ts';

// The 财政复核 view would be empty on a first start: the demo imports two filled 自评表 of 2023 — years
// before the system, so each comes with its own target table — as the author's unit, through the same
// functions as an upload's confirmation, with the inconsistencies real forms print.

const UNIT = '上海推进科技创新中心建设办公室';

/**
 * National scheme, total printed 100 while its rows add to 95; a met row printed below its weight, a
 * missed row printed at full marks, a 其中 sub-item without weight and a qualitative row.
 */
function outreachForm(): { form: PerformanceTable; printedTotal: number } {
  const form = buildSelfEvaluationTable(
    [
      buildIndicator('>=40场', { name: '科创政策宣讲场次', weight: 30, actual: '45场', score: 28 }),
      buildIndicator('>=10场', { name: '其中：线上宣讲场次', weight: null, actual: '12场', score: null }),
      buildIndicator('>=5000份', { name: '政策材料印发数量', weight: 15, actual: '4000份', score: 15 }),
      buildIndicator('2023年12月31日前', {
        name: '宣讲完成时间',
        level2: '时效指标',
        weight: 15,
        actual: '2023年11月30日',
        score: 15,
      }),
      buildIndicator('显著提升', {
        level1: '效益指标',
        level2: '社会效益指标',
        name: '企业政策知晓度',
        weight: 20,
        actual: '明显提升',
        score: 17,
      }),
      buildIndicator('>=90%', {
        level1: '满意度指标',
        level2: '服务对象满意度指标',
        name: '参会企业满意度',
        weight: 10,
        actual: '92%',
        score: 10,
      }),
    ],
    {
      year: 2023,
      unit: UNIT,
      name: '科创政策宣讲经费',
      budget: { adjusted: 1_200_000, executed: 1_080_000, executionScore: 10 },
    },
  );
  return { form, printedTotal: 100 };
}

/** A local scheme (execution 20, indicators 80): execution printed 18 for 95 %, a missed row at full marks. */
function exhibitionForm(): { form: PerformanceTable; printedTotal: number } {
  const form = buildSelfEvaluationTable(
    [
      buildIndicator('>=20000人次', { name: '展厅接待参观人次', weight: 40, actual: '21000人次', score: 40 }),
      buildIndicator('>=95%', {
        name: '展项完好率',
        level2: '质量指标',
        weight: 20,
        actual: '97%',
        score: 20,
      }),
      buildIndicator('>=90%', {
        level1: '满意度指标',
        level2: '服务对象满意度指标',
        name: '观众满意度',
        weight: 20,
        actual: '88%',
        score: 20,
      }),
    ],
    {
      year: 2023,
      unit: UNIT,
      name: '科创展厅运营经费',
      budget: { adjusted: 2_000_000, executed: 1_900_000, executionScore: 18 },
    },
  );
  return { form, printedTotal: 98 };
}

/** Imports the demo's filled 自评表 forms with their own tables; returns how many were saved. */
/** The demo's imported 自评表 tables (drafts of the author's unit, a past year), in the order they are stored. */
export const demoRecheckTables = ['科创政策宣讲经费', '科创展厅运营经费'] as const;

export async function runDemoRecheck(db: Database, log: (message: string) => void = () => undefined) {
  const author = demoUsers.find((u) => u.username === 'author');
  if (!author) return 0;
  const store = createTableRepository(db);
  const actor = { userId: author.id, address: 'demo-data' };
  let saved = 0;
  for (const { form, printedTotal } of [outreachForm(), exhibitionForm()]) {
    const record = await store.create(form, actor, { organisationId: author.organisationId });
    const { entry, scheme } = selfEvaluationOfPrintedForm(form, {
      printedTotal,
      fileName: `${form.name}自评表`,
    });
    const score = scoreSelfEvaluation(record.table, entry, scheme);
    await saveSelfEvaluation(db, {
      tableId: record.id,
      tableVersion: record.version,
      schemeId: scheme.id,
      entry,
      total: score.total,
      grade: score.grade,
      complete: score.complete,
      actor,
      recheck: recheckFigures(score),
    });
    saved += 1;
    log(
      `demo re-check: ${form.name} ${form.year} → claimed ${score.claim?.claimedTotal}, rules ${score.claim?.ruleTotal}`,
    );
  }
  return saved;
}
