/**
 * One ECharts chart, tree-shaken: only the line and bar charts and the grid, tooltip, legend and aria components
 * are registered, drawn with the SVG renderer (sharp at any zoom and in 长辈版). Every chart gets the aria
 * component — a generated text description on the container (role="img") — and decal patterns on its series, so
 * it reads without colour. This module is only imported by lazily loaded pages, so echarts stays out of the main
 * bundle.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { useSettings } from '../settings';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export type ChartOption = echarts.ComposeOption<
  LineSeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | AriaComponentOption
> & {
  /** Not drawn (no title component): the aria description starts with it. */
  title?: { text: string };
};

/** Colours distinguishable from each other and dark enough on white; decals tell series apart without them. */
export const PALETTE = ['#1554ad', '#c2410c', '#237804', '#7c3aed', '#a8071a', '#0e7490'];

export function EChart({ option, height }: { option: ChartOption; height: number }) {
  const { lang, elder } = useSettings();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'svg', locale: lang === 'en' ? 'EN' : 'ZH' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [lang]);

  useEffect(() => {
    // the text minimum of the page (16 px, 18 px in 长辈版) applies to the axis labels too
    const fontSize = elder ? 18 : 16;
    type Axis = Record<string, unknown> & { axisLabel?: object; nameTextStyle?: object };
    const sized = (axis: Axis) => ({ ...axis, axisLabel: { ...axis.axisLabel, fontSize }, nameTextStyle: { ...axis.nameTextStyle, fontSize } });
    const axes = (a: unknown) => (Array.isArray(a) ? a.map((x: Axis) => sized(x)) : a ? sized(a as Axis) : a);
    chart.current?.setOption(
      {
        color: PALETTE,
        textStyle: { fontSize, color: 'rgba(0, 0, 0, 0.85)' },
        aria: { enabled: true, decal: { show: true } },
        tooltip: { trigger: 'axis', textStyle: { fontSize } },
        legend: { top: 0, textStyle: { fontSize } },
        ...option,
        ...(option.xAxis ? { xAxis: axes(option.xAxis) } : {}),
        ...(option.yAxis ? { yAxis: axes(option.yAxis) } : {}),
      } as ChartOption,
      { notMerge: true },
    );
  }, [option, elder, lang]);

  return <div ref={ref} className="chart" style={{ height: elder ? Math.round(height * 1.2) : height }} />;
}
