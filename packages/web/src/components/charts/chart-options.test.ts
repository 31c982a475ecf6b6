import { describe, expect, it } from 'vitest';
import { describeRows, horizontalBars, stackedBars } from './chart-options.ts';

const rows = [
  { label: '2021', value: 123.45, text: '2 张 · 123.45 万元' },
  { label: '<b>部门</b>', value: 0.5, text: '1 张 · 0.5 万元', color: '#f00' },
];

describe('chart options', () => {
  it('draws one bar per row in order, labelled with its own text and coloured when asked', () => {
    const option = horizontalBars(rows, { color: '#1d4f91', name: '预算', format: (v) => `${v} 万元` });
    const yAxis = option.yAxis as { data: string[] };
    expect(yAxis.data).toEqual(['2021', '<b>部门</b>']);
    const [series] = option.series as {
      data: { value: number; itemStyle?: { color: string } }[];
      label: { formatter: (p: { dataIndex: number }) => string };
    }[];
    expect(series?.data.map((d) => d.value)).toEqual([123.45, 0.5]);
    expect(series?.data[1]?.itemStyle?.color).toBe('#f00');
    expect(series?.label.formatter({ dataIndex: 1 })).toBe('1 张 · 0.5 万元');
    const tooltip = option.tooltip as { valueFormatter: (v: unknown) => string };
    expect(tooltip.valueFormatter(1.5)).toBe('1.5 万元');
  });

  it('stacks one series per light with the counts as values', () => {
    const option = stackedBars(['甲', '乙'], [{ name: '红灯', color: '#c00', values: [1, 0] }]);
    const [series] = option.series as { stack: string; data: number[] }[];
    expect(series).toMatchObject({ stack: 'total', data: [1, 0] });
  });

  it('describes a chart with every row and its numbers in the reader’s language', () => {
    expect(describeRows('按年度', rows.slice(0, 1), 'zh')).toBe('按年度：2021 2 张 · 123.45 万元');
    expect(describeRows('By year', rows, 'en')).toBe(
      'By year: 2021 2 张 · 123.45 万元; <b>部门</b> 1 张 · 0.5 万元',
    );
  });
});
