import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';

/** The layouts extraction tools produce, rendered from one table. */
export const layouts = ['rows', 'pipe-cells', 'markdown', 'paragraphs', 'one-line'] as const;
export type GeneratedLayout = (typeof layouts)[number];

function headerLines(t: PerformanceTable, n: number): string[] {
  return [
    '项目支出绩效目标表',
    `（${t.year}年度）`,
    '项目名称',
    `${t.name}${n}`,
    '实施单位',
    t.unit,
    '项目总预算（元）',
    (t.budget.total ?? 0).toLocaleString('en-US'),
  ];
}

/** Renders a table as extracted text in one of the layouts (the numbers make every table distinct). */
export function renderTable(t: PerformanceTable, layout: GeneratedLayout, n: number): string {
  // Self-evaluations and weighted forms carry 实际完成值 / 分值 / 得分 columns.
  const scored = t.indicators.some(
    (i) => i.weight !== undefined || i.score !== undefined || i.actual !== undefined,
  );
  const extra = scored ? ['实际完成值', '分值', '得分'] : [];
  const captions = ['一级指标', '二级指标', '三级指标', '指标值', ...extra];
  const rows = t.indicators.map((i) => [
    i.level1 ?? '',
    i.level2 ?? '',
    i.name,
    i.target.raw,
    ...(scored
      ? [
          i.actual ?? '',
          i.weight === null || i.weight === undefined ? '' : String(i.weight),
          i.score === null || i.score === undefined ? '' : String(i.score),
        ]
      : []),
  ]);
  switch (layout) {
    case 'rows':
      return [
        ...headerLines(t, n).slice(0, 2),
        ...[0, 2, 4].map((k) =>
          headerLines(t, n)
            .slice(k + 2, k + 4)
            .join(' '),
        ),
        captions.join(' '),
        ...rows.map((r) => r.join(' ')),
        '填表人：',
      ].join('\n');
    case 'markdown':
      return [
        ...headerLines(t, n).slice(0, 2),
        ...[0, 2, 4].map(
          (k) =>
            `| ${headerLines(t, n)
              .slice(k + 2, k + 4)
              .join(' | ')} |`,
        ),
        `| ${captions.join(' | ')} |`,
        ...rows.map((r) => `| ${r.join(' | ')} |`),
        '| 合计 | |',
      ].join('\n');
    case 'pipe-cells':
      return [
        ...headerLines(t, n).map((l) => `${l} |`),
        ...captions.map((c) => `${c} |`),
        '||',
        ...rows.flatMap((r) => [...r.map((c) => (c === '' ? '|' : `${c} |`)), '||']),
        '合计 |',
      ].join('\n');
    case 'one-line':
      // A Word table extracted as one line: every cell separated by a single space.
      return [
        ...headerLines(t, n),
        captions.join(' '),
        ...rows.flat().filter((c) => c !== ''),
        '填表人：',
      ].join(' ');
    case 'paragraphs':
      return [
        ...headerLines(t, n),
        ...captions,
        ...rows.flat().filter((c) => c !== ''),
        '注：以上为申报内容。',
      ].join('\n\n');
  }
}

/**
 * Writes `tables` generated tables into `dir`, `perFile` to a file, cycling through the sample tables
 * and the layouts. Returns the file paths.
 */
export async function writeCorpus(
  dir: string,
  samples: readonly PerformanceTable[],
  tables: number,
  perFile: number,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (let start = 0; start < tables; start += perFile) {
    const parts: string[] = [];
    for (let n = start; n < Math.min(tables, start + perFile); n++) {
      const sample = samples[n % samples.length];
      const layout = layouts[Math.floor(n / perFile) % layouts.length] ?? 'rows';
      if (sample) parts.push(renderTable(sample, layout, n));
    }
    const file = path.join(dir, `${String(files.length).padStart(5, '0')}.txt`);
    await writeFile(file, `${parts.join('\n\n')}\n`);
    files.push(file);
  }
  return files;
}
