import type { BenchResult } from '../../../../scripts/bench-kit.ts';
import { medianMs } from '../../../../scripts/bench-kit.ts';
import { scoreSelfEvaluation } from './score-self-evaluation.ts';
import { getScoringScheme } from './scoring-schemes.ts';
import { buildEntry, buildIndicator, buildSelfEvaluationTable } from './self-evaluation.factory.ts';

const COUNT = 100_000;

/**
 * A realistic mix: 10 indicators, some unmet, one reverse, one qualitative graded, printed weights or not,
 * and the unit's claimed scores to compare (claims and causes included in the measured work).
 */
function sample(k: number) {
  const weighted = k % 2 === 0;
  const w = (n: number) => (weighted ? n : null);
  const table = buildSelfEvaluationTable([
    buildIndicator(`>=${100 + (k % 50)}个`, { name: '培训人次', weight: w(10) }),
    buildIndicator('>=95%', { name: '验收合格率', level2: '质量指标', weight: w(10) }),
    buildIndicator('2023年12月31日前', { name: '完成时间', level2: '时效指标', weight: w(10) }),
    buildIndicator(`≤${80 + (k % 7)}万元`, { name: '项目总成本', level2: '成本指标', weight: w(10) }),
    buildIndicator('=0起', { name: '安全事故', level2: '质量指标', weight: w(10) }),
    buildIndicator('>=3个', { name: '覆盖乡镇', weight: w(0) }),
    buildIndicator('显著提升', {
      level1: '效益指标',
      level2: '社会效益指标',
      name: '服务水平',
      weight: w(15),
    }),
    buildIndicator('>=20%', { level1: '效益指标', level2: '经济效益指标', name: '增收比例', weight: w(15) }),
    buildIndicator('长期', {
      level1: '效益指标',
      level2: '可持续影响指标',
      name: '持续发挥作用',
      weight: w(0),
    }),
    buildIndicator('≥90%', {
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      name: '群众满意度',
      weight: w(10),
    }),
  ]);
  const entry = buildEntry(
    [
      `${90 + (k % 30)}个`,
      '96%',
      '2023年11月30日',
      `${70 + (k % 20)}万元`,
      '0起',
      { actual: '3个', applicable: k % 3 !== 0 },
      { actual: '明显提升', grade: { band: '达成', score: weighted ? 13 : 9 } },
      `${10 + (k % 15)}%`,
      { actual: '是', grade: { band: '部分达成', score: weighted ? 0 : 7 } },
      '92%',
    ],
    {
      budget: { adjusted: 1_000_000 + k, executed: 850_000 + (k % 200_000) },
      // The unit's printed scores (an imported 自评表): compared row by row with the rules, causes named.
      claim: {
        source: 'import',
        rows: table.indicators.map((indicator, index) => ({
          index,
          weight: indicator.weight ?? null,
          actual: null,
          score: indicator.weight == null ? null : indicator.weight - ((k + index) % 3),
        })),
        executionScore: 9,
        total: 90 + (k % 10),
      },
    },
  );
  return { table, entry };
}

export default async function bench(): Promise<BenchResult[]> {
  const scheme = getScoringScheme();
  const samples = Array.from({ length: COUNT }, (_, k) => sample(k));
  const json = samples.map((s) => JSON.stringify(s));
  let sink = 0;
  const parseMs = await medianMs(() => {
    for (const text of json)
      sink += (JSON.parse(text) as { entry: { indicators: unknown[] } }).entry.indicators.length;
  }, 3);
  const scoreMs = await medianMs(() => {
    for (const { table, entry } of samples) sink += scoreSelfEvaluation(table, entry, scheme).total;
  }, 3);
  const bytes = json.reduce((s, t) => s + t.length, 0);
  return [
    {
      name: `score ${COUNT.toLocaleString('en-US')} self-evaluations (10 indicators each, with explanations, claims and causes)`,
      baseline: `JSON.parse of the same ${COUNT.toLocaleString('en-US')} self-evaluations`,
      ratio: scoreMs / parseMs,
      goal: 3,
      detail: `score ${scoreMs.toFixed(0)} ms, parse ${parseMs.toFixed(0)} ms (${(bytes / 1e6).toFixed(0)} MB of JSON), checksum ${sink > 0 ? 'ok' : '0'}`,
    },
  ];
}
