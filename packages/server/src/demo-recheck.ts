import { selfEvaluationOfPrintedForm } from '@jixiao/core/scoring/printed-form';
import { readPrintedTotal } from '@jixiao/core/scoring/printed-total';
import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import { buildIndicator, buildSelfEvaluationTable } from '@jixiao/core/scoring/self-evaluation.factory';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { SourceFile } from '@jixiao/core/tables/table-store';
import { demoUsers } from '@jixiao/db/accounts-demo';
import type { Database } from '@jixiao/db/database';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { parseFile } from '@jixiao/import/parse-file';
import { recordSelfEvaluation, scoredEntryWrite } from './use-cases/self-evaluation.ts';

// The 财政复核 view would be empty on a first start: the demo imports two filled 自评表 of 2023 — years
// before the system, so each comes with its own target table — as the author's unit, through the same
// functions as an upload's confirmation, with the inconsistencies real forms print. The first is a
// document the importer reads, kept with its file.

const UNIT = '上海推进科技创新中心建设办公室';

/**
 * National scheme, as the unit published it and the demo imports it (the importer reads it like an upload):
 * total printed 100 while its rows and execution add to 95; a met row printed below its weight, a missed
 * row printed at full marks, a 其中 sub-item without weight and a qualitative row.
 */
const OUTREACH_FORM = [
  '项目支出绩效自评表',
  '（2023年度）',
  '项目名称\t科创政策宣讲经费',
  `主管部门\t上海市科学技术委员会\t实施单位\t${UNIT}`,
  '项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分',
  '年度资金总额\t120\t120\t108\t10\t90%\t10',
  '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施',
  '产出指标\t数量指标\t科创政策宣讲场次\t≥40场\t45场\t30\t28\t',
  '\t\t其中：线上宣讲场次\t≥10场\t12场\t\t\t',
  '\t\t政策材料印发数量\t≥5000份\t4000份\t15\t15\t印刷招标延迟，已调整至次年一季度补印',
  '\t时效指标\t宣讲完成时间\t2023年12月31日前\t2023年11月30日\t15\t15\t',
  '效益指标\t社会效益指标\t企业政策知晓度\t显著提升\t明显提升\t20\t17\t',
  '满意度指标\t服务对象满意度指标\t参会企业满意度\t≥90%\t92%\t10\t10\t',
  '总分\t100\t100',
  '',
].join('\n');

async function outreachForm(): Promise<{
  form: PerformanceTable;
  printedTotal: number | null;
  file: SourceFile;
}> {
  const file = {
    name: '科创政策宣讲经费绩效自评表.txt',
    mediaType: 'text/plain',
    bytes: new TextEncoder().encode(OUTREACH_FORM),
  };
  const parsed = await parseFile({ name: file.name, bytes: file.bytes });
  const form = parsed.tables[0];
  if (!form) throw new Error('demo 自评表 read no table');
  return { form, printedTotal: readPrintedTotal(parsed.sourceText), file };
}

/** A local scheme (execution 20, indicators 80): execution printed 18 for 95 %, a missed row at full marks. */
function exhibitionForm(): { form: PerformanceTable; printedTotal: number; file?: SourceFile } {
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
  for (const { form, printedTotal, file } of [await outreachForm(), exhibitionForm()]) {
    const options = { organisationId: author.organisationId };
    // The imported form keeps its file, as an upload's confirmation does.
    const record = file
      ? (await store.importBatch([form], file, actor, options))[0]
      : await store.create(form, actor, options);
    if (!record) continue;
    const { entry, scheme } = selfEvaluationOfPrintedForm(form, {
      printedTotal,
      fileName: `${form.name}自评表`,
    });
    const score = scoreSelfEvaluation(record.table, entry, scheme);
    await recordSelfEvaluation(db, scoredEntryWrite(record, scheme.id, entry, score, actor));
    saved += 1;
    log(
      `demo re-check: ${form.name} ${form.year} → claimed ${score.claim?.claimedTotal}, rules ${score.claim?.ruleTotal}`,
    );
  }
  return saved;
}
