import { escapeHtml, renderLayoutFragment } from '@jixiao/core/export/layout-html';
import { officialLayout } from '@jixiao/core/export/official-layout';
import { describe, expect, it } from 'vitest';
import { LAYOUT_CSS, renderLayoutHtml } from './layout-html.ts';
import { buildSelfEvaluation, seedTable, seedTables } from './testing/export-fixtures.ts';

/** Text of the page as a reader sees it: tags removed, entities decoded, whitespace collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('renderLayoutHtml', () => {
  it('prints a complete A4 document of the seed form in the order the seed text reads', () => {
    const html = renderLayoutHtml(officialLayout(seedTable(0), 'zh'));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>财政项目支出绩效目标表 · 科创中心建设工作经费</title>');
    expect(LAYOUT_CSS).toContain('size: A4 portrait');
    expect(LAYOUT_CSS).toContain('"Noto Serif CJK SC"');
    expect(LAYOUT_CSS).toContain('"Noto Sans CJK SC"');
    const text = visibleText(html);
    const order = [
      '财政项目支出绩效目标表',
      '（2020年度）',
      '申报单位名称： 上海推进科技创新中心建设办公室',
      '项目名称： 科创中心建设工作经费 项目类别： 经常性专项业务费',
      '计划开始日期： 2020-01-01 计划完成日期： 2020-12-31',
      '是否含有政府购买服务： 否 绩效类型： 事业/专业类',
      '项目概况：',
      '立项依据： 《关于调整完善张江管理机构职能等事宜的批复》（沪委[2018]390号）',
      '本项目上年度市级财政资金使用情况',
      '项目总预算（元）： 41,098,620 项目当年预算（元）： 41,098,620',
      '2020年绩效目标',
      '一级目标 二级目标 三级目标 指标目标值',
      '投入与管理 投入管理 预算编制合理性 合理',
      '影响力目标 长效管理 项目长效机制完备性 >=90%',
    ];
    let at = 0;
    for (const part of order) {
      const found = text.indexOf(part, at);
      expect(found, part).toBeGreaterThanOrEqual(at);
      at = found + part.length;
    }
  });

  it('merges level cells with rowspan exactly as the layout groups them', () => {
    const html = renderLayoutHtml(officialLayout(seedTable(1), 'zh'));
    const spans = [
      ...html.matchAll(/<td class="jx-level"(?: rowspan="(\d+)")? data-field="[^"]+">([^<]*)</g),
    ].map((m) => [m[2], Number(m[1] ?? 1)]);
    expect(spans.slice(0, 4)).toEqual([
      ['投入与管理', 9],
      ['投入管理', 3],
      ['财务管理', 3],
      ['实施管理', 3],
    ]);
    expect(spans).toContainEqual(['社会效益', 2]);
    // 17 indicator rows, each with its own name and target cell.
    expect(html.match(/<tr(?: class="jx-cont")? data-indicator="/g)).toHaveLength(17);
    expect(html.match(/class="jx-name"/g)).toHaveLength(17);
    expect(html.match(/class="jx-target"/g)).toHaveLength(17);
  });

  it('escapes what users typed and keeps field paths for linking warnings', () => {
    const table = { ...seedTable(2), name: '<script>alert("x")</script> & 展厅' };
    const html = renderLayoutHtml(officialLayout(table, 'zh'));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 展厅');
    expect(html).toContain('data-field="name"');
    expect(html).toContain('data-field="indicators.12.target"');
    expect(escapeHtml(`a'b`)).toBe('a&#39;b');
  });

  it('prints several tables one per page run and leaves empty prior-year money empty', () => {
    const html = renderLayoutHtml(seedTables().map((t) => officialLayout(t, 'zh')));
    expect(html.match(/<article class="jx-form/g)).toHaveLength(3);
    expect(LAYOUT_CSS).toMatch(/\.jx-form \+ \.jx-form \{ break-before: page/);
    expect(html).toContain('<title>财政项目支出绩效目标表</title>');
    const third = renderLayoutFragment(officialLayout(seedTable(2), 'zh'));
    expect(third).toContain('<td class="jx-money" data-field="budget.priorYearBudget"></td>');
  });

  it('renders the self-evaluation form with its extra columns and English labels when asked', () => {
    const zh = visibleText(renderLayoutHtml(officialLayout(buildSelfEvaluation(), 'zh')));
    expect(zh).toContain('项目支出绩效自评表');
    expect(zh).toContain(
      '一级指标 二级指标 三级指标 分值 年度指标值 实际完成值 得分 指标解释 偏差原因分析及改进措施',
    );
    expect(zh).toContain('预算执行率： 96.25%');
    const en = renderLayoutHtml(officialLayout(buildSelfEvaluation(), 'en'), {
      documentTitle: 'Self-evaluation',
    });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<title>Self-evaluation</title>');
    expect(visibleText(en)).toContain('Budget unit: 上海推进科技创新中心建设办公室');
  });
});
