/**
 * Pure arithmetic of the dashboards: summing rollup rows, rates (GLOSSARY.md), percentiles from merged
 * handling-time histograms, splitting a date range into whole months and loose days, trend periods.
 */
import { addCalendarDays, calendarDaysBetween, isValidDate, rate, weekdayOf } from '@weimin/domain';
import { InputError } from '../../common/errors';
import { HIST_SIZE, METRICS, type Metric } from './rollup.sql';

export type Totals = Record<Metric, number> & { hist: number[] };

/** A rollup row as read: the metrics and the (possibly shortened, possibly NULL) histogram. */
export type RollupRow = Record<Metric, number> & { hist: number[] | null };

export function emptyTotals(): Totals {
  const t = { hist: new Array<number>(HIST_SIZE).fill(0) } as Totals;
  for (const m of METRICS) t[m] = 0;
  return t;
}

export function addRow(t: Totals, r: RollupRow): Totals {
  for (const m of METRICS) t[m] += Number(r[m]);
  if (r.hist) for (let i = 0; i < r.hist.length && i < HIST_SIZE; i++) t.hist[i] += r.hist[i] ?? 0;
  return t;
}

export function sumRows(rows: Iterable<RollupRow>): Totals {
  const t = emptyTotals();
  for (const r of rows) addRow(t, r);
  return t;
}

/**
 * The p-quantile of a histogram by nearest rank, exactly as PostgreSQL's percentile_disc: the value of the
 * ceil(p·n)-th smallest observation. Null when the histogram is empty.
 */
export function percentile(hist: readonly number[], p: number): number | null {
  const n = hist.reduce((a, b) => a + b, 0);
  if (n <= 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i];
    if (seen >= rank) return i;
  }
  return hist.length - 1;
}

export interface Figures {
  received: number;
  accepted: number;
  rejected: number;
  completed: number;
  completedOnTime: number;
  completionRate: number | null;
  onTimeRate: number | null;
  medianHandlingDays: number | null;
  p90HandlingDays: number | null;
  evaluations: number;
  satisfied: number;
  satisfactionRate: number | null;
  averageGrade: number | null;
  badReviews: number;
  rectifiedInTime: number;
  deficient: number;
  deficiencyRate: number | null;
  repeatNotices: number;
}

export function toFigures(t: Totals): Figures {
  return {
    received: t.received,
    accepted: t.accepted,
    rejected: t.rejected,
    completed: t.completed,
    completedOnTime: t.completed_on_time,
    completionRate: rate(t.completed, t.accepted),
    onTimeRate: rate(t.completed_on_time, t.completed),
    medianHandlingDays: percentile(t.hist, 0.5),
    p90HandlingDays: percentile(t.hist, 0.9),
    evaluations: t.evaluations,
    satisfied: t.satisfied,
    satisfactionRate: rate(t.satisfied, t.evaluations),
    averageGrade: rate(t.grade_sum, t.evaluations),
    badReviews: t.bad_reviews,
    rectifiedInTime: t.rectified_in_time,
    deficient: t.deficient,
    deficiencyRate: rate(t.deficient, t.received),
    repeatNotices: t.repeat_notices,
  };
}

export function isEmpty(t: Totals): boolean {
  return METRICS.every((m) => t[m] === 0);
}

// ------------------------------------------------------------------------------------------------------------
// Date ranges
// ------------------------------------------------------------------------------------------------------------

export const MAX_RANGE_YEARS = 3;

/** The same day `years` later (29 February → 28 February). */
export function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  const candidate = `${String(y).padStart(4, '0')}-${md}`;
  return isValidDate(candidate) ? candidate : `${String(y).padStart(4, '0')}-02-28`;
}

/** from ≤ to, and at most three years (to before the same day three years later). */
export function checkRange(from: string, to: string): void {
  if (!isValidDate(from)) throw new InputError('from', 'must be a calendar day YYYY-MM-DD', {}, 'input.notADay');
  if (!isValidDate(to)) throw new InputError('to', 'must be a calendar day YYYY-MM-DD', {}, 'input.notADay');
  if (to < from) throw new InputError('to', 'must be on or after from', {}, 'input.toBeforeFrom');
  if (to >= addYears(from, MAX_RANGE_YEARS)) throw new InputError('to', `the range may span at most ${MAX_RANGE_YEARS} years`, { years: MAX_RANGE_YEARS }, 'dashboard.rangeTooLong');
}

export const monthOf = (date: string) => `${date.slice(0, 7)}-01`;

export function lastDayOfMonth(date: string): string {
  const first = monthOf(date);
  const next = addCalendarDays(first, 32);
  return addCalendarDays(monthOf(next), -1);
}

/** How a range reads from the rollups: whole months from the monthly rows, the rest day by day. */
export interface Segments {
  /** First and last whole month (first days), or null. */
  months: [string, string] | null;
  /** At most two runs of loose days, each [first, last]. */
  days: Array<[string, string]>;
}

export function segments(from: string, to: string): Segments {
  const firstWhole = from === monthOf(from) ? from : addCalendarDays(lastDayOfMonth(from), 1);
  const lastWholeEnd = to === lastDayOfMonth(to) ? to : addCalendarDays(monthOf(to), -1);
  if (firstWhole > lastWholeEnd) return { months: null, days: [[from, to]] };
  const days: Array<[string, string]> = [];
  if (from < firstWhole) days.push([from, addCalendarDays(firstWhole, -1)]);
  if (to > lastWholeEnd) days.push([addCalendarDays(lastWholeEnd, 1), to]);
  return { months: [firstWhole, monthOf(lastWholeEnd)], days };
}

export type Granularity = 'DAY' | 'WEEK' | 'MONTH';

/** The first day of the trend period holding `date` (weeks start on Monday). */
export function periodStart(date: string, g: Granularity): string {
  if (g === 'DAY') return date;
  if (g === 'MONTH') return monthOf(date);
  return addCalendarDays(date, -((weekdayOf(date) + 6) % 7));
}

/** The periods covering [from, to], each clipped to the range. */
export function periods(from: string, to: string, g: Granularity): Array<{ start: string; end: string }> {
  const out: Array<{ start: string; end: string }> = [];
  let start = from;
  while (start <= to) {
    const natural = g === 'DAY' ? start : g === 'WEEK' ? addCalendarDays(periodStart(start, 'WEEK'), 6) : lastDayOfMonth(start);
    const end = natural < to ? natural : to;
    out.push({ start, end });
    start = addCalendarDays(end, 1);
  }
  return out;
}

export function daysInRange(from: string, to: string): number {
  return calendarDaysBetween(from, to) + 1;
}
