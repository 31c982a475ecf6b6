import { readFileSync } from 'node:fs';
import { officialLayout } from '@jixiao/core/export/official-layout';
import { performanceTableSchema } from '@jixiao/core/tables/table.schema';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { OfficialLayoutView } from './official-layout-view.tsx';

const seed = JSON.parse(
  readFileSync(new URL('../../../../fixtures/seed.expected.json', import.meta.url), 'utf8'),
) as {
  tables: unknown[];
};
const table = performanceTableSchema.parse(seed.tables[0]);

describe('OfficialLayoutView', () => {
  const html = renderToStaticMarkup(<OfficialLayoutView layout={officialLayout(table, 'zh')} />);

  it('prints the title, the year line and the fields as the seed prints them', () => {
    expect(html).toContain('财政项目支出绩效目标表');
    expect(html).toContain('（2020年度）');
    expect(html).toContain('科创中心建设工作经费');
    expect(html).toContain('41,098,620');
  });

  it('merges each level-1 cell over its indicators, as the printed form does', () => {
    const spans = [...html.matchAll(/<td rowSpan="(\d+)" data-field="indicators\.(\d+)\.level1"/g)].map(
      (m) => [Number(m[2]), Number(m[1])],
    );
    expect(spans).toEqual([
      [0, 9],
      [9, 3],
      [12, 2],
    ]);
    // 影响力目标 has one indicator: no rowSpan attribute, but its own cell.
    expect(html).toContain('data-field="indicators.14.level1"');
  });
});
