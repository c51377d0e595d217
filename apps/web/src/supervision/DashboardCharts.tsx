/**
 * The dashboard charts of one group of figures: the trend over the range (line; day, week or month), the children
 * compared (bars) and the top 10 service items (horizontal bars). Shares are drawn as percentages, missing values
 * (no data) as gaps, never as 0.
 */
import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import type { TrendGranularity } from '../gql/graphql';
import { LoadError, Loading } from '../common/Status';
import type { Range } from './common';
import { DashboardTrendDocument } from './documents';
import { EChart, type ChartOption } from './EChart';
import { KIND, type FigureKey, type Figures, type Group } from './figures';
import { useFigureFormat } from './format';
import './text';

type Value = number | '-';

function plotValue(v: number | null | undefined, share: boolean): Value {
  if (v == null || !Number.isFinite(v)) return '-';
  return share ? Math.round(v * 1000) / 10 : v;
}

/** Axis, tooltip and aria settings shared by the three charts of a group. */
function useAxes(group: Group) {
  const { t } = useTranslation();
  const fmt = useFigureFormat();
  const share = KIND[group.series[0]] === 'share';
  return useMemo(() => {
    const valueAxis = {
      type: 'value' as const,
      minInterval: share ? undefined : 1,
      max: share ? 100 : undefined,
      axisLabel: { formatter: share ? '{value}%' : '{value}' },
    };
    const tooltip = {
      valueFormatter: (v: unknown) => (typeof v === 'number' ? (share ? `${v}%` : fmt(v, 'count')) : t('supervision.noData')),
    };
    const seriesName = (k: FigureKey) => t(`supervision.figure.${k}`);
    return { share, valueAxis, tooltip, seriesName };
  }, [share, fmt, t]);
}

function label(start: string, end: string, granularity: TrendGranularity): string {
  if (granularity === 'MONTH') return start.slice(0, 7);
  if (granularity === 'WEEK') return start === end ? start.slice(5) : `${start.slice(5)}~${end.slice(5)}`;
  return start.slice(5);
}

export function TrendChart({ jurisdictionId, range, granularity, group, title }: { jurisdictionId: string; range: Range; granularity: TrendGranularity; group: Group; title: string }) {
  const { t } = useTranslation();
  // Not cached: the dashboard query holds the same root field with other sub-fields.
  const { data, error, loading, refetch } = useQuery(DashboardTrendDocument, {
    variables: { id: jurisdictionId, from: range.from, to: range.to, granularity },
    fetchPolicy: 'no-cache',
  });
  const { share, valueAxis, tooltip, seriesName } = useAxes(group);
  const points = data?.performance.trend;
  const option = useMemo<ChartOption | null>(() => {
    if (!points) return null;
    const names = points.map((p) => label(p.start, p.end, granularity));
    return {
      title: { text: title },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', ...tooltip },
      xAxis: { type: 'category', data: names, boundaryGap: false, axisLabel: { hideOverlap: true } },
      yAxis: valueAxis,
      series: group.series.map((k) => ({
        type: 'line',
        name: seriesName(k),
        data: points.map((p, i) => ({ name: names[i], value: plotValue((p as Figures)[k], share) })),
        showSymbol: points.length <= 40,
        symbolSize: 7,
        connectNulls: false,
        lineStyle: { width: 2.5 },
      })),
    };
  }, [points, granularity, group, share, tooltip, valueAxis, seriesName, title]);
  if (error && !data) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (!option) return <Loading />;
  if (!points?.length) return <p className="hint">{t('supervision.dashboard.chartEmpty')}</p>;
  return (
    <div aria-busy={loading}>
      <EChart option={option} height={300} />
    </div>
  );
}

export function ChildrenChart({ rows, group, title }: { rows: ReadonlyArray<Figures & { jurisdiction: { id: string; name: string } }>; group: Group; title: string }) {
  const { share, valueAxis, tooltip, seriesName } = useAxes(group);
  const option = useMemo<ChartOption>(() => {
    const names = rows.map((r) => r.jurisdiction.name);
    const many = names.length > 6;
    return {
      title: { text: title },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, ...tooltip },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: many ? 40 : 0, width: 90, overflow: 'truncate' } },
      yAxis: valueAxis,
      series: group.series.map((k) => ({
        type: 'bar',
        name: seriesName(k),
        data: rows.map((r, i) => ({ name: names[i], value: plotValue(r[k], share) })),
        barMaxWidth: 28,
      })),
    };
  }, [rows, group, share, tooltip, valueAxis, seriesName, title]);
  return <EChart option={option} height={rows.length > 6 ? 360 : 300} />;
}

export function ItemsChart({ items, group, title }: { items: ReadonlyArray<Figures & { serviceItemId: string; name: string; ownerName: string }>; group: Group; title: string }) {
  const { t } = useTranslation();
  const { share, valueAxis, tooltip, seriesName } = useAxes(group);
  const key = group.series[0];
  const top = useMemo(
    () =>
      [...items]
        .filter((i) => i[key] != null && (share || (i[key] as number) > 0))
        .sort((a, b) => (b[key] as number) - (a[key] as number) || a.name.localeCompare(b.name))
        .slice(0, 10),
    [items, key, share],
  );
  const option = useMemo<ChartOption>(() => {
    // the same item name in two counties' directories: say whose
    const names = top.map((i) => (items.some((o) => o !== i && o.name === i.name) ? t('app.nameWithCode', { name: i.name, code: i.ownerName }) : i.name));
    return {
      title: { text: title },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, ...tooltip },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: window.innerWidth < 600 ? 96 : 180, overflow: 'truncate' } },
      xAxis: valueAxis,
      series: group.series.map((k) => ({
        type: 'bar',
        name: seriesName(k),
        data: top.map((i, n) => ({ name: names[n], value: plotValue(i[k], share) })),
        barMaxWidth: 18,
      })),
    };
  }, [top, items, group, share, tooltip, valueAxis, seriesName, title, t]);
  if (!top.length) return <p className="hint">{t('supervision.dashboard.chartEmpty')}</p>;
  return <EChart option={option} height={60 + top.length * (14 + 12 * group.series.length)} />;
}
