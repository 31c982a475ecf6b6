import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { performanceTableSchema } from '../tables/table.schema.ts';
import {
  continuesGroup,
  escapeHtml,
  FORM_CSS,
  renderLayoutFragment,
  SHEET_COLUMN_WIDTHS,
} from './layout-html.ts';
import { officialLayout } from './official-layout.ts';

const seedExpected = new URL('../../../../fixtures/seed.expected.json', import.meta.url);
const seedTables = (JSON.parse(readFileSync(seedExpected, 'utf8')) as { tables: unknown[] }).tables.map((t) =>
  performanceTableSchema.parse(t),
);
const first = seedTables[0];
if (!first) throw new Error('no seed table');

describe('renderLayoutFragment', () => {
  const zh = renderLayoutFragment(officialLayout(first, 'zh'));

  it('lays header, narratives and money on one grid: every label column has the same width', () => {
    expect(zh.match(/<table class="jx-sheet">/g)).toHaveLength(1);
    const [label1, , label2] = SHEET_COLUMN_WIDTHS;
    expect(label1).toBe(label2);
    expect(SHEET_COLUMN_WIDTHS.reduce((a, b) => a + b, 0)).toBe(100);
    expect(zh).toContain(
      `<table class="jx-sheet"><colgroup>${SHEET_COLUMN_WIDTHS.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>`,
    );
    for (const section of ['jx-header', 'jx-narratives', 'jx-budget']) {
      expect(zh).toContain(`<tbody class="${section}">`);
    }
  });

  it('prints each label with the colon of its language, as the published form does', () => {
    expect(zh).toContain('<th class="jx-label" scope="row">申报单位名称：</th>');
    expect(zh).toContain('<th class="jx-label" scope="row">项目概况：</th>');
    expect(zh).toContain('<th class="jx-label" scope="row">同名项目上年预算执行数（元）：</th>');
    const en = renderLayoutFragment(officialLayout(first, 'en'));
    expect(en).toContain('<th class="jx-label" scope="row">Budget unit:</th>');
    expect(en).toContain('<article class="jx-form jx-en" lang="en">');
  });

  it('puts the column headings in a repeated table header and the caption above them once', () => {
    const grid = zh.slice(zh.indexOf('<table class="jx-grid">'));
    expect(grid).toMatch(
      /^<table class="jx-grid">\n<caption class="jx-caption">2020年绩效目标<\/caption>\n<colgroup>.*<\/colgroup>\n<thead>\n<tr class="jx-heads"><th scope="col">一级目标<\/th><th scope="col">二级目标<\/th><th scope="col">三级目标<\/th><th scope="col">指标目标值<\/th><\/tr>\n<\/thead>\n<tbody>/,
    );
    expect(FORM_CSS).toContain('.jx-form .jx-grid thead { display: table-header-group;');
    expect(FORM_CSS).toContain('.jx-form .jx-grid tr.jx-cont { break-after: avoid;');
  });

  it('marks every row its level-2 group continues after, so a page never splits the group', () => {
    const layout = officialLayout(first, 'zh');
    // Seed table 1: 投入管理 3, 财务管理 3, 实施管理 3, 数量 1, 质量 1, 时效 1, 社会效益 2, 满意度 1, 长效管理 1 …
    const groups = layout.grid.rows.map((r) => first.indicators[r.indicatorIndex]?.level2);
    const expected = groups.map((g, i) => i + 1 < groups.length && groups[i + 1] === g);
    expect(continuesGroup(layout.grid.rows)).toEqual(expected);
    expect(expected.filter(Boolean).length).toBeGreaterThan(3);
    const marked = [...zh.matchAll(/<tr( class="jx-cont")? data-indicator="(\d+)">/g)].map(
      (m) => m[1] !== undefined,
    );
    expect(marked).toEqual(expected);
  });

  it('escapes what users typed', () => {
    const html = renderLayoutFragment(officialLayout({ ...first, name: '<b>"x"</b> & 展厅' }, 'zh'));
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; 展厅');
    expect(escapeHtml(`a'b`)).toBe('a&#39;b');
  });

  it('scopes every rule of the style sheet to the form, so the app can load it beside its own', () => {
    const selectors = FORM_CSS.replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/@media screen \{([\s\S]*)\}\s*$/, '$1')
      .split('}')
      .map((block) => block.split('{')[0]?.trim() ?? '')
      .filter((s) => s !== '' && !s.startsWith('@'));
    expect(selectors.length).toBeGreaterThan(10);
    for (const selector of selectors) {
      for (const part of selector.split(',')) expect(part.trim(), selector).toMatch(/^\.jx-form\b/);
    }
  });
});
