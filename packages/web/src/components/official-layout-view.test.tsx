import { readFileSync } from 'node:fs';
import { FORM_CSS, renderLayoutFragment } from '@jixiao/core/export/layout-html';
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
  const layout = officialLayout(table, 'zh');
  const html = renderToStaticMarkup(<OfficialLayoutView layout={layout} />);

  it('shows the very markup the HTML and PDF exports print, with their style sheet', () => {
    expect(html).toContain(renderLayoutFragment(layout));
    expect(FORM_CSS).toContain('.jx-form .jx-grid thead { display: table-header-group;');
    expect(html).toContain('.jx-form .jx-grid thead { display: table-header-group;');
    expect(html).toContain('data-testid="official-layout"');
  });

  it('prints the labels as the published form does: a full-width colon after each', () => {
    expect(html).toContain('<th class="jx-label" scope="row">申报单位名称：</th>');
    expect(html).toContain('<th class="jx-label" scope="row">同名项目上年预算执行数（元）：</th>');
    expect(html).toContain('科创中心建设工作经费');
    expect(html).toContain('41,098,620');
  });

  it('merges each level-1 cell over its indicators, as the printed form does', () => {
    const spans = [
      ...html.matchAll(/<td class="jx-level"(?: rowspan="(\d+)")? data-field="indicators\.(\d+)\.level1"/g),
    ].map((m) => [Number(m[2]), Number(m[1] ?? 1)]);
    expect(spans).toEqual([
      [0, 9],
      [9, 3],
      [12, 2],
      [14, 1],
    ]);
  });
});
