/**
 * How dashboard figures read: shares as percentages with one decimal, "暂无数据" for null (never 0 or 100%),
 * handling days in working days (61 from the API means "more than 60"), grades with two decimals.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { serviceToday } from '../common/dates';
import './text';

export type FigureKind = 'count' | 'share' | 'days' | 'grade';

/** A share 0..1 as "93.5%" (no rounding up to 100% unless it is 100%). */
export function percent(v: number | null | undefined): string | null {
  if (v == null || !Number.isFinite(v)) return null;
  const p = v * 100;
  const fixed = p >= 99.95 && p < 100 ? '99.9' : p.toFixed(1);
  return `${fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed}%`;
}

export function useFigureFormat() {
  const { t } = useTranslation();
  return useCallback(
    /** `compact`: for table cells (days as a bare number, ">60"). */
    (v: number | null | undefined, kind: FigureKind, compact = false): string => {
      if (v == null || !Number.isFinite(v)) return t('supervision.noData');
      if (compact && kind === 'days') return v > 60 ? '>60' : String(v);
      if (compact && kind === 'grade') return v.toFixed(2);
      switch (kind) {
        case 'share':
          return percent(v) as string;
        case 'days':
          return v > 60 ? t('supervision.daysOver60') : t('supervision.days', { count: v });
        case 'grade':
          return t('supervision.grade', { value: v.toFixed(2) });
        default:
          return v.toLocaleString('zh-CN');
      }
    },
    [t],
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(s: string | null | undefined): s is string {
  return !!s && DAY.test(s) && dayjs(s).isValid() && dayjs(s).format('YYYY-MM-DD') === s;
}

/** Today in the service area (Asia/Shanghai), whatever the browser's zone: the day the server's figures count to. */
export function today(): string {
  return serviceToday();
}

/** The default range of a dashboard: this year to date (days of the service area). */
export function defaultRange(): { from: string; to: string } {
  const now = dayjs(serviceToday());
  return { from: now.startOf('year').format('YYYY-MM-DD'), to: now.format('YYYY-MM-DD') };
}

export type Preset = 'thisMonth' | 'thisQuarter' | 'thisYear' | 'last12Months';
export const PRESETS: readonly Preset[] = ['thisMonth', 'thisQuarter', 'thisYear', 'last12Months'];

export function presetRange(p: Preset): { from: string; to: string } {
  const now = dayjs(serviceToday());
  const to = now.format('YYYY-MM-DD');
  switch (p) {
    case 'thisMonth':
      return { from: now.startOf('month').format('YYYY-MM-DD'), to };
    case 'thisQuarter': {
      const q = Math.floor(now.month() / 3);
      return { from: now.month(q * 3).startOf('month').format('YYYY-MM-DD'), to };
    }
    case 'thisYear':
      return defaultRange();
    default:
      return { from: now.subtract(1, 'year').add(1, 'day').format('YYYY-MM-DD'), to };
  }
}

/** A range the API takes: both days valid, from ≤ to, to before the day three years after from. */
export function validRange(from: string, to: string): boolean {
  if (!isDay(from) || !isDay(to) || from > to) return false;
  return to < dayjs(from).add(3, 'year').format('YYYY-MM-DD');
}

/** Quarters `2026-Q4` from the current one back `count` quarters, newest first. */
export function recentQuarters(count: number): string[] {
  const now = dayjs(serviceToday());
  let year = now.year();
  let q = Math.floor(now.month() / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${year}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}

export function splitQuarter(period: string): { year: string; q: string } {
  const [year, q] = period.split('-Q');
  return { year, q };
}
