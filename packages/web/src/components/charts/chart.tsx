/**
 * One chart, drawn by ECharts as SVG. Pages import this file lazily (`lazy(() => import(...))`), so the
 * chart library is a chunk of its own that only the dashboard and the portal's statistics fetch, after
 * their figures and tables are already on screen. Only the charts and components used here are
 * registered (echarts/core), which keeps that chunk small.
 */
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  type AriaComponentOption,
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type ECharts, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([BarChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | AriaComponentOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export interface ChartProps {
  option: ChartOption;
  /** What the chart shows, with its numbers, for screen readers (the container's aria-label). */
  label: string;
  height?: number;
  testId?: string;
}

/** An ECharts chart in SVG (its text is DOM that screen readers and browser tests read). */
export default function Chart({ option, label, height = 240, testId }: ChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    // The cards resize with the window and the side menu; the chart follows its box.
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // ECharts' aria component writes the description onto the container as its aria-label.
    chart.current?.setOption(
      { aria: { enabled: true, label: { description: label } }, animationDuration: 300, ...option },
      { notMerge: true },
    );
  }, [option, label]);

  return (
    <div
      ref={container}
      role="img"
      aria-label={label}
      style={{ width: '100%', height }}
      data-testid={testId}
    />
  );
}
