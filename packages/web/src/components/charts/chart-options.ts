/**
 * ECharts options of the few chart shapes the UI draws. Plain objects (only the types come from the
 * chart module), so pages build them without loading the chart library.
 */
import type { ChartOption } from './chart.tsx';

/** One bar: its category label, its value, the text printed beside it (and read out), its colour. */
export interface BarRow {
  label: string;
  value: number;
  text: string;
  color?: string;
}

const axisText = { color: '#555', fontSize: 12 };

// Tooltips use ECharts' own markup (valueFormatter), which escapes names: department names come from
// published tables and must never be read as HTML.
function valueFormatter(format: (value: number) => string) {
  return (value: unknown) => (typeof value === 'number' ? format(value) : String(value ?? ''));
}

/** Horizontal bars, one per row in the given order, each labelled with its text. */
export function horizontalBars(
  rows: readonly BarRow[],
  options: { color: string; name: string; format: (value: number) => string },
): ChartOption {
  return {
    grid: { left: 8, right: 140, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: valueFormatter(options.format),
    },
    xAxis: { type: 'value', show: false },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((row) => row.label),
      axisTick: { show: false },
      axisLabel: { ...axisText, width: 180, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: options.name,
        barMaxWidth: 18,
        itemStyle: { color: options.color, borderRadius: 3 },
        data: rows.map((row) => ({
          value: row.value,
          ...(row.color ? { itemStyle: { color: row.color, borderRadius: 3 } } : {}),
        })),
        label: {
          show: true,
          position: 'right',
          ...axisText,
          formatter: (params: { dataIndex: number }) => rows[params.dataIndex]?.text ?? '',
        },
      },
    ],
  };
}

/** Horizontal bars stacked by series (e.g. lights per department), with a legend. */
export function stackedBars(
  categories: readonly string[],
  series: readonly { name: string; color: string; values: readonly number[] }[],
): ChartOption {
  return {
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: axisText },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, axisLabel: axisText },
    yAxis: {
      type: 'category',
      inverse: true,
      data: [...categories],
      axisTick: { show: false },
      axisLabel: { ...axisText, width: 180, overflow: 'truncate' },
    },
    series: series.map((s) => ({
      type: 'bar' as const,
      name: s.name,
      stack: 'total',
      barMaxWidth: 18,
      itemStyle: { color: s.color },
      data: [...s.values],
      label: {
        show: true,
        ...axisText,
        color: '#fff',
        formatter: (params: { value: unknown }) => (params.value ? String(params.value) : ''),
      },
    })),
  };
}

/** The text a screen reader hears for a chart: its title, then every row with its numbers. */
export function describeRows(title: string, rows: readonly BarRow[], locale: 'zh' | 'en'): string {
  const [colon, separator] = locale === 'zh' ? ['：', '；'] : [': ', '; '];
  return `${title}${colon}${rows.map((row) => `${row.label} ${row.text}`).join(separator)}`;
}
