import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// A web page that prints its form one cell per paragraph (a blank line between cells): empty cells
// leave nothing, so a row is as long as its filled cells, and the page's own footer follows the form.
function paragraphs(cells: string[]): string {
  return cells.join('\n\n');
}

const head = [
  '项目支出绩效目标表',
  '(2022年度)',
  '项目名称',
  '社区养老服务补助',
  '实施单位',
  '某区民政局',
  '项目资金',
  '年度资金总额:',
  '120',
  '绩效指标表',
];

// 备注 is printed letter-spaced and its cells are empty in every row.
const caption = ['一级指标', '二级指标', '指标内容', '指标值', '备 注'];

const rows = [
  ['产出指标', '数量指标', '服务老人人数', '≥300人'],
  ['质量指标', '服务合格率', '100%'],
  ['效益指标', '社会效益指标', '老人生活质量', '提高'],
];

function names(text: string): [string, string | null, string | null, string][] {
  const [table] = importText(text).tables;
  return (table?.indicators ?? []).map((i) => [i.name, i.level1, i.level2, i.target.raw]);
}

describe('one cell per paragraph', () => {
  it('reads a letter-spaced caption (`备 注`) as one caption, not as one-character cells', () => {
    const text = paragraphs([...head, ...caption, ...rows.flat(), '填表人:张三']);
    expect(names(text)).toEqual([
      ['服务老人人数', '产出指标', '数量指标', '≥300人'],
      ['服务合格率', '产出指标', '质量指标', '100%'],
      ['老人生活质量', '效益指标', '社会效益指标', '提高'],
    ]);
  });

  it('joins a level-2 label centred around its row (`社会公众或服务` … `对象满意度指标`)', () => {
    const wrapped = ['社会公众或服务', '老人满意度', '≥95%', '对象满意度指标'];
    const text = paragraphs([...head, ...caption, ...rows.flat(), ...wrapped, '填表人:张三']);
    const last = names(text).at(-1);
    expect(last).toEqual(['老人满意度', '效益指标', '社会公众或服务对象满意度指标', '≥95%']);
    expect(names(text)).toHaveLength(4);
  });

  it('keeps an unknown level-2 label whose next label is a label of its own', () => {
    const own = [
      '配套设施',
      '活动室开放天数',
      '≥300天',
      '满意度指标',
      '服务对象满意度指标',
      '老人满意度',
      '≥95%',
    ];
    const text = paragraphs([...head, ...caption, ...rows.flat(), ...own, '填表人:张三']);
    const read = names(text);
    expect(read.find((r) => r[0] === '活动室开放天数')?.[2]).toBe('配套设施');
    expect(read.find((r) => r[0] === '老人满意度')?.[2]).toBe('服务对象满意度指标');
  });

  it('ends the table at `附件:` and does not mark a form cut inside the page footer as incomplete', () => {
    const text = paragraphs([
      ...head,
      ...caption,
      ...rows.flat(),
      '满意度指标',
      '服务对象满意度指标',
      '老人满意度',
      '≥95%',
      '附件:',
      '扫一扫在手机打开当前页',
      '[下载] [打印] [',
    ]);
    const [table] = importText(text).tables;
    expect(table?.indicators.map((i) => i.name)).toEqual([
      '服务老人人数',
      '服务合格率',
      '老人生活质量',
      '老人满意度',
    ]);
    expect(table?.incomplete).toBe(false);
    // The same form cut inside its table stays incomplete.
    const cut = paragraphs([
      ...head,
      ...caption,
      ...rows.flat(),
      '满意度指标',
      '服务对象满意度指标',
      '老人满',
    ]);
    expect(importText(cut).tables[0]?.incomplete).toBe(true);
  });
});
