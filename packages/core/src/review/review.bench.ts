import type { BenchResult } from '../../../../scripts/bench-kit.ts';
import { medianMs } from '../../../../scripts/bench-kit.ts';
import type { PerformanceTable } from '../tables/table.schema.ts';
import { reviewTable } from './review-table.ts';
import { buildIndicator, buildTable } from './testing/table-factory.ts';

const COUNT = 100_000;

/** A realistic mix: the sound factory table with one or two of the seed's problems in some of them. */
function sample(k: number): PerformanceTable {
  const base = buildTable();
  const indicators = [...base.indicators];
  if (k % 3 === 0) indicators[8] = buildIndicator('投入与管理', '实施管理', '信息公开实现率', '规范');
  if (k % 5 === 0)
    indicators[12] = buildIndicator('效果目标', '社会效益', '提升园区知名度20%', `>=${k % 30}%`);
  indicators[9] = buildIndicator('产出目标', '数量', '举办科普活动场次', `>=${100 + (k % 50)}场`);
  return { ...base, name: `${base.name}${k}`, indicators };
}

/** Reviews 100,000 tables with shanghai-2020 against JSON.parse of the same tables. */
export default async function (): Promise<BenchResult[]> {
  const distinct = Array.from({ length: 1000 }, (_, k) => sample(k));
  const texts = Array.from({ length: COUNT }, (_, i) => JSON.stringify(distinct[i % distinct.length]));
  // Review objects parsed from the texts, so neither side benefits from shared objects.
  const tables = texts.map((t) => JSON.parse(t) as PerformanceTable);
  let findings = 0;
  const parseMs = await medianMs(() => {
    for (const text of texts) JSON.parse(text);
  }, 3);
  const reviewMs = await medianMs(() => {
    findings = 0;
    for (const table of tables) findings += reviewTable(table, 'shanghai-2020').length;
  }, 3);
  const bytes = texts.reduce((n, t) => n + t.length, 0);
  return [
    {
      name: `review ${COUNT.toLocaleString('en')} tables with shanghai-2020`,
      baseline: 'JSON.parse of the same tables',
      ratio: reviewMs / parseMs,
      goal: 3,
      detail: `review ${reviewMs.toFixed(0)} ms (${findings} findings), JSON.parse ${parseMs.toFixed(0)} ms of ${(bytes / 1e6).toFixed(0)} MB`,
    },
  ];
}
