/**
 * The official working-day calendar of mainland China and the time-limit rules built on it.
 *
 * - Calendar days are `YYYY-MM-DD` strings meaning a day in China (Asia/Shanghai, UTC+8, no DST) everywhere in
 *   this API. Arithmetic is done on day numbers, never on local `Date`s, so the host time zone does not matter.
 * - The data comes from the npm package `chinese-days` (State Council announcements: 放假 days and 调休 working
 *   weekends, per year); the server adds the city admin's overrides on top for years or days the package does
 *   not know or has wrong.
 * - Time limits follow the Administrative Licensing Law: Art. 82 (limits are counted in working days, statutory
 *   holidays excluded), Art. 45 (time needed for hearings, testing, expert review … is not counted) and Art. 32
 *   (an application not decided within 5 working days is deemed accepted as of the day it was received).
 */
import packageData from 'chinese-days/dist/chinese-days.json';

export type DayKind = 'WORKDAY' | 'HOLIDAY' | 'ADJUSTED_WORKDAY' | 'WEEKEND';

/** One day the calendar says something special about: a day off or a working day that differs from Mon–Fri. */
export interface CalendarDay {
  date: string;
  working: boolean;
  /** Chinese name (e.g. 国庆节); for a 调休 working day, the holiday it makes up for. */
  name?: string;
  /** English name when known (package data only). */
  nameEn?: string;
}

/** An admin's correction or addition; applied on top of the package data (the last one for a date wins). */
export interface CalendarOverride {
  date: string;
  working: boolean;
  name?: string;
}

export interface DayInfo {
  date: string;
  kind: DayKind;
  working: boolean;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  name?: string;
  nameEn?: string;
  source: 'PACKAGE' | 'OVERRIDE' | 'RULE';
}

export type TimeLimitUnitName = 'WORKING_DAYS' | 'CALENDAR_DAYS';

export interface Suspension {
  from: string;
  /** null while the special procedure is still running. */
  to: string | null;
}

export interface DueDateParams {
  acceptedOn: string;
  limit: number;
  unit: TimeLimitUnitName;
  suspensions?: readonly Suspension[];
  /** Needed when a suspension is still open: it counts up to this day. */
  today?: string;
  /** false: only the date and the suspended days (the explanation is left empty; the arithmetic is the same). */
  explain?: boolean;
}

export interface DueDateResult {
  dueDate: string;
  /** Human-readable steps in Chinese, in order. */
  explanation: string[];
  /** The same steps in English. */
  explanationEn: string[];
  /** Days added for suspensions (working days for WORKING_DAYS items, calendar days for CALENDAR_DAYS items). */
  suspendedDays: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Day arithmetic on YYYY-MM-DD strings
// ---------------------------------------------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export const WEEKDAY_NAMES_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;
export const WEEKDAY_NAMES_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

function dayNumberOrNull(date: string): number | null {
  const m = DATE_PATTERN.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return Math.round(t.getTime() / MS_PER_DAY);
}

/** True for a real calendar date written as YYYY-MM-DD. */
export function isValidDate(date: unknown): date is string {
  return typeof date === 'string' && dayNumberOrNull(date) !== null;
}

/** Days since 1970-01-01 for a YYYY-MM-DD string; throws RangeError on anything else. */
function dayNumber(date: string, what = 'date'): number {
  const n = typeof date === 'string' ? dayNumberOrNull(date) : null;
  if (n === null) throw new RangeError(`${what} must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return n;
}

function fromDayNumber(n: number): string {
  const t = new Date(n * MS_PER_DAY);
  const y = t.getUTCFullYear();
  const yyyy = y >= 0 && y <= 9999 ? String(y).padStart(4, '0') : String(y);
  return `${yyyy}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

/** The calendar day in China (UTC+8, no DST) at the given instant. */
export function chinaDate(instant: Date): string {
  const ms = instant instanceof Date ? instant.getTime() : NaN;
  if (Number.isNaN(ms)) throw new RangeError('chinaDate needs a valid Date');
  return fromDayNumber(Math.floor((ms + CHINA_OFFSET_MS) / MS_PER_DAY));
}

/** `date` plus `n` calendar days (n may be negative). */
export function addCalendarDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`days must be an integer, got ${n}`);
  return fromDayNumber(dayNumber(date) + n);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function calendarDaysBetween(from: string, to: string): number {
  return dayNumber(to, 'to') - dayNumber(from, 'from');
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** Compares two dates: negative, 0 or positive. */
export function compareDates(a: string, b: string): number {
  return dayNumber(a, 'a') - dayNumber(b, 'b');
}

function isWeekend(weekday: number): boolean {
  return weekday === 0 || weekday === 6;
}

// ---------------------------------------------------------------------------------------------------------------
// Package data
// ---------------------------------------------------------------------------------------------------------------

interface RawPackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** The package abbreviates some names; the State Council notices write them in full. */
const FULL_HOLIDAY_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

/** Package values look like "National Day,国庆节,3" (English, Chinese, length of the holiday). */
function parsePackageName(value: string): { name?: string; nameEn?: string } {
  const [en, zh] = value.split(',').map((x) => x.trim());
  const name = zh ? (FULL_HOLIDAY_NAMES[zh] ?? zh) : en;
  return { name: name || undefined, nameEn: en || undefined };
}

let packageDaysCache: readonly CalendarDay[] | undefined;

/**
 * Every special day the `chinese-days` package knows, sorted by date — what the server seeds its calendar table
 * from. Days off are the announced 放假 periods (including the weekend days inside them); working days are the
 * 调休 working weekends.
 */
export function packageCalendarDays(): readonly CalendarDay[] {
  if (!packageDaysCache) {
    const raw = packageData as unknown as RawPackageData;
    const days: CalendarDay[] = [];
    for (const [date, value] of Object.entries(raw.holidays)) days.push({ date, working: false, ...parsePackageName(value) });
    for (const [date, value] of Object.entries(raw.workdays)) days.push({ date, working: true, ...parsePackageName(value) });
    days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    packageDaysCache = Object.freeze(days.map((d) => Object.freeze(d)));
  }
  return packageDaysCache;
}

/** Years for which the package has the official arrangement. */
export function packageCalendarYears(): number[] {
  return [...new Set(packageCalendarDays().map((d) => Number(d.date.slice(0, 4))))].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------------------------
// WorkCalendar
// ---------------------------------------------------------------------------------------------------------------

interface Entry {
  working: boolean;
  name?: string;
  nameEn?: string;
  source: 'PACKAGE' | 'OVERRIDE';
}

/** Longest run of consecutive non-working days tolerated before we decide the calendar is broken. */
const MAX_DAYS_OFF_IN_A_ROW = 366;

export class WorkCalendar {
  private readonly entries = new Map<string, Entry>();
  private readonly years = new Set<number>();
  /** Day numbers of all entries, ascending (for range queries). */
  private readonly sortedDays: number[];

  /** The package's data first, `overrides` on top (validated; the last override for a date wins). */
  constructor(overrides?: Iterable<CalendarOverride>) {
    for (const d of packageCalendarDays()) {
      this.entries.set(d.date, { working: d.working, name: d.name, nameEn: d.nameEn, source: 'PACKAGE' });
      this.years.add(Number(d.date.slice(0, 4)));
    }
    for (const o of overrides ?? []) {
      dayNumber(o.date, 'override date');
      if (typeof o.working !== 'boolean') throw new RangeError(`override ${o.date}: working must be true or false`);
      const name = o.name?.trim() || undefined;
      this.entries.set(o.date, { working: o.working, name, nameEn: name, source: 'OVERRIDE' });
      this.years.add(Number(o.date.slice(0, 4)));
    }
    this.sortedDays = [...this.entries.keys()].map((d) => dayNumber(d)).sort((a, b) => a - b);
  }

  private isWorkingDayNumber(n: number): boolean {
    const e = this.entries.get(fromDayNumber(n));
    return e ? e.working : !isWeekend((((n + 4) % 7) + 7) % 7);
  }

  /** True if the package or an override covers the year (if not, only weekends are days off: warn the admin). */
  knowsYear(year: number): boolean {
    return this.years.has(year);
  }

  /** Years covered by the package or an override, ascending. */
  knownYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  day(date: string): DayInfo {
    dayNumber(date);
    const weekday = weekdayOf(date);
    const e = this.entries.get(date);
    if (!e) {
      const working = !isWeekend(weekday);
      return { date, kind: working ? 'WORKDAY' : 'WEEKEND', working, weekday, source: 'RULE' };
    }
    let kind: DayKind;
    if (e.working) kind = isWeekend(weekday) ? 'ADJUSTED_WORKDAY' : 'WORKDAY';
    // A named day off is a holiday even on a weekend (the weekend days inside an announced 放假 period);
    // an unnamed "day off" override on a weekend is just a weekend.
    else kind = !isWeekend(weekday) || e.name ? 'HOLIDAY' : 'WEEKEND';
    return { date, kind, working: e.working, weekday, name: e.name, nameEn: e.nameEn, source: e.source };
  }

  kind(date: string): DayKind {
    return this.day(date).kind;
  }

  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(dayNumber(date));
  }

  /** Special days (holidays, adjusted working days, overrides) with from ≤ date ≤ to. */
  specialDays(from: string, to: string): DayInfo[] {
    const a = dayNumber(from, 'from');
    const b = dayNumber(to, 'to');
    const out: DayInfo[] = [];
    let lo = 0;
    let hi = this.sortedDays.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortedDays[mid] < a) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sortedDays.length && this.sortedDays[i] <= b; i++) {
      out.push(this.day(fromDayNumber(this.sortedDays[i])));
    }
    return out;
  }

  /** The nth working day after `start` (`start` itself not counted); n = 0 gives `start`. */
  addWorkingDays(start: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer, got ${n}`);
    let d = dayNumber(start, 'start');
    let left = n;
    let off = 0;
    while (left > 0) {
      d += 1;
      if (this.isWorkingDayNumber(d)) {
        left -= 1;
        off = 0;
      } else if (++off > MAX_DAYS_OFF_IN_A_ROW) {
        throw new Error(`the calendar has no working day for more than ${MAX_DAYS_OFF_IN_A_ROW} days after ${start}`);
      }
    }
    return fromDayNumber(d);
  }

  /** The first working day on or after `date`. */
  nextWorkingDayOnOrAfter(date: string): string {
    return this.isWorkingDay(date) ? date : this.addWorkingDays(date, 1);
  }

  /** Number of working days d with from < d ≤ to; negative (−count of to < d ≤ from) when `to` is before `from`. */
  workingDaysBetween(from: string, to: string): number {
    const a = dayNumber(from, 'from');
    const b = dayNumber(to, 'to');
    if (b < a) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let d = a + 1; d <= b; d++) if (this.isWorkingDayNumber(d)) count++;
    return count;
  }

  /** Art. 32: the last day on which a decision on acceptance is still in time — the 5th working day after receipt. */
  deemedAcceptanceDeadline(receivedOn: string): string {
    return this.addWorkingDays(receivedOn, 5);
  }

  /** Overdue = not completed by the end of the due day. */
  isOverdue(dueDate: string, today: string): boolean {
    return compareDates(today, dueDate) > 0;
  }

  /** Not overdue, and at most `warningDays` working days left until the due date (the due day is one of them). */
  isWarning(dueDate: string, today: string, warningDays: number): boolean {
    if (!Number.isInteger(warningDays) || warningDays < 0) {
      throw new RangeError(`warningDays must be a non-negative integer, got ${warningDays}`);
    }
    return !this.isOverdue(dueDate, today) && this.workingDaysBetween(today, dueDate) <= warningDays;
  }

  /**
   * The due date of an accepted application, with the steps that lead to it.
   *
   * - WORKING_DAYS: the `limit`-th working day after the acceptance day (which is not counted); holidays are
   *   skipped, 调休 working weekends count (Art. 82).
   * - CALENDAR_DAYS: `limit` calendar days after the acceptance day; when that day is not a working day the
   *   period ends on the next working day.
   * - Suspensions (Art. 45, special procedures): each adds the days it covered — the days d with from < d ≤ to
   *   (the day the procedure starts is not counted, the day it ends is), counted as working days for
   *   WORKING_DAYS items and calendar days for CALENDAR_DAYS items; an open suspension counts up to `today`.
   */
  dueDate(params: DueDateParams): DueDateResult {
    const { acceptedOn, limit, unit } = params;
    const accepted = dayNumber(acceptedOn, 'acceptedOn');
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
    if (unit !== 'WORKING_DAYS' && unit !== 'CALENDAR_DAYS') throw new RangeError(`unknown time limit unit ${String(unit)}`);
    const today = params.today;
    if (today !== undefined) dayNumber(today, 'today');
    const explain = params.explain !== false;
    const working = unit === 'WORKING_DAYS';
    const unitNameZh = working ? '个工作日' : '个自然日';
    const unitNameEn = working ? 'working days' : 'calendar days';
    // Steps are collected per section and joined in reading order: acceptance day, limit, holidays and adjusted
    // working days passed over, suspensions, moving off a day off (calendar days), warnings, result.
    type Lines = { zh: string[]; en: string[] };
    const section = (): Lines => ({ zh: [], en: [] });
    const head = section();
    const passed = section();
    const suspended = section();
    const shift = section();
    const warnings = section();
    const result = section();

    // 1. Acceptance day.
    const acc = explain ? this.day(acceptedOn) : null;
    if (acc) head.zh.push(`受理日期：${acceptedOn}（${describeZh(acc)}），受理当日不计入期限。`);
    if (acc) head.en.push(`Accepted on ${acceptedOn} (${describeEn(acc)}); the acceptance day is not counted.`);

    // 2. Limit and unit.
    if (!explain) {
      // (no text)
    } else if (working) {
      head.zh.push(`办理时限：${limit} 个工作日。依据《行政许可法》第八十二条，期限以工作日计算，不含法定节假日；调休上班日计为工作日。`);
      head.en.push(
        `Time limit: ${limit} working days. Under Art. 82 of the Administrative Licensing Law the limit is counted ` +
          'in working days, statutory holidays excluded; adjusted working weekends count as working days.',
      );
    } else {
      head.zh.push(`办理时限：${limit} 个自然日（日历日），节假日照常计入；期限最后一日为法定节假日或休息日的，顺延至其后的第一个工作日。`);
      head.en.push(
        `Time limit: ${limit} calendar days, holidays included; ` +
          'if the last day is a holiday or a rest day, the period ends on the next working day.',
      );
    }

    // 3. Suspensions.
    const suspensions = [...(params.suspensions ?? [])].sort((a, b) => compareDates(a.from, b.from));
    let suspendedDays = 0;
    let previousEnd: number | null = null;
    suspensions.forEach((s, i) => {
      const from = dayNumber(s.from, 'suspension from');
      if (from < accepted) throw new RangeError(`suspension from ${s.from} is before the acceptance day ${acceptedOn}`);
      let to: string;
      const open = s.to === null;
      if (open) {
        if (i !== suspensions.length - 1) throw new RangeError(`only the last suspension may be open (from ${s.from})`);
        if (today === undefined) throw new RangeError(`an open suspension (from ${s.from}) needs today`);
        to = compareDates(today, s.from) > 0 ? today : s.from;
      } else {
        to = s.to as string;
        if (compareDates(to, s.from) < 0) throw new RangeError(`suspension ends (${to}) before it starts (${s.from})`);
      }
      if (previousEnd !== null && from < previousEnd) throw new RangeError(`suspensions overlap at ${s.from}`);
      previousEnd = dayNumber(to);
      const days = working ? this.workingDaysBetween(s.from, to) : calendarDaysBetween(s.from, to);
      suspendedDays += days;
      if (!explain) return;
      if (open) {
        suspended.zh.push(`中止（特殊程序，依据第四十五条所需时间不计入期限）自 ${s.from} 起，尚未结束，暂计至今日 ${to}：${days} ${unitNameZh}。`);
        suspended.en.push(
          `Suspended (special procedure; under Art. 45 its time is not counted) since ${s.from}, still open, ` +
            `counted up to today ${to}: ${days} ${unitNameEn}.`,
        );
      } else {
        suspended.zh.push(`中止（特殊程序，依据第四十五条所需时间不计入期限）${s.from} 至 ${to}：${days} ${unitNameZh}（中止当日不计，恢复当日计入）。`);
        suspended.en.push(
          `Suspended (special procedure; under Art. 45 its time is not counted) from ${s.from} to ${to}: ` +
            `${days} ${unitNameEn} (the day it started not counted, the day it ended counted).`,
        );
      }
    });
    if (!explain) {
      // (no text)
    } else if (suspensions.length > 1) {
      suspended.zh.push(`中止合计 ${suspendedDays} ${unitNameZh}，期限相应顺延。`);
      suspended.en.push(`Suspensions total ${suspendedDays} ${unitNameEn}; the limit is extended by that much.`);
    } else if (suspensions.length === 1) {
      suspended.zh.push(`期限相应顺延 ${suspendedDays} ${unitNameZh}。`);
      suspended.en.push(`The limit is extended by ${suspendedDays} ${unitNameEn}.`);
    }

    // 4. The due date.
    const total = limit + suspendedDays;
    let due: string;
    if (working) {
      due = this.addWorkingDays(acceptedOn, total);
    } else {
      const lastDay = addCalendarDays(acceptedOn, total);
      due = this.nextWorkingDayOnOrAfter(lastDay);
      if (explain && due !== lastDay) {
        const ld = this.day(lastDay);
        shift.zh.push(`第 ${total} 个自然日 ${lastDay}（${describeZh(ld)}）不是工作日，期限顺延至其后的第一个工作日。`);
        shift.en.push(
          `Calendar day ${total}, ${lastDay} (${describeEn(ld)}), is not a working day; the period ends on the next working day.`,
        );
      }
    }

    if (!explain) return { dueDate: due, explanation: [], explanationEn: [], suspendedDays };

    // 5. Holidays and adjusted working days passed over.
    const span = this.specialDays(addCalendarDays(acceptedOn, 1), due);
    for (const run of holidayRuns(span)) {
      const names = uniqueNames(run.map((d) => d.name ?? ''));
      const namesEn = uniqueNames(run.map((d) => d.nameEn ?? d.name ?? ''));
      const range = formatRange(run[0].date, run[run.length - 1].date);
      const rangeEn = formatRangeEn(run[0].date, run[run.length - 1].date);
      if (working) {
        passed.zh.push(`${range} ${names.join('、') || '休息日'} 放假，不计入期限。`);
        passed.en.push(`${rangeEn}: ${namesEn.join(', ') || 'day off'} holiday, not counted.`);
      } else {
        passed.zh.push(`${range} ${names.join('、') || '休息日'} 放假（按自然日计算，照常计入）。`);
        passed.en.push(`${rangeEn}: ${namesEn.join(', ') || 'day off'} holiday (calendar days: counted as usual).`);
      }
    }
    if (working) {
      for (const d of span) {
        if (d.kind !== 'ADJUSTED_WORKDAY') continue;
        passed.zh.push(`${d.date}（${WEEKDAY_NAMES_ZH[d.weekday]}）${d.name ? `${d.name} ` : ''}调休上班，计为工作日。`);
        const forHoliday = d.nameEn ? ` (${d.nameEn})` : '';
        passed.en.push(`${d.date} (${WEEKDAY_NAMES_EN[d.weekday]}) is an adjusted working day${forHoliday}, counted as a working day.`);
      }
    }

    // 6. Years the calendar does not know.
    const firstYear = Number(acceptedOn.slice(0, 4));
    const lastYear = Number(due.slice(0, 4));
    for (let y = firstYear; y <= lastYear; y++) {
      if (this.knowsYear(y)) continue;
      warnings.zh.push(`注意：${y} 年的法定节假日安排尚未录入日历，该年仅按周末计算休息日，结果可能有误。`);
      warnings.en.push(
        `Warning: the official holiday arrangement for ${y} is not in the calendar; ` +
          'only weekends are treated as days off that year, so the result may be wrong.',
      );
    }

    // 7. Result.
    const dueInfo = this.day(due);
    if (working) {
      result.zh.push(`办结期限：${due}（${WEEKDAY_NAMES_ZH[dueInfo.weekday]}），即受理日后第 ${total} 个工作日，当日办结即不超期。`);
      result.en.push(
        `Due date: ${due} (${WEEKDAY_NAMES_EN[dueInfo.weekday]}), the ${ordinal(total)} working day after the acceptance day; ` +
          'completed by the end of that day is on time.',
      );
    } else {
      result.zh.push(`办结期限：${due}（${WEEKDAY_NAMES_ZH[dueInfo.weekday]}），当日办结即不超期。`);
      result.en.push(`Due date: ${due} (${WEEKDAY_NAMES_EN[dueInfo.weekday]}); completed by the end of that day is on time.`);
    }
    const lines = [head, passed, suspended, shift, warnings, result];
    const zh = lines.flatMap((l) => l.zh);
    const en = lines.flatMap((l) => l.en);
    return { dueDate: due, explanation: zh, explanationEn: en, suspendedDays };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Explanation helpers
// ---------------------------------------------------------------------------------------------------------------

function describeZh(d: DayInfo): string {
  const wd = WEEKDAY_NAMES_ZH[d.weekday];
  switch (d.kind) {
    case 'HOLIDAY':
      return `${wd}，${d.name ?? '休息日'} 放假`;
    case 'ADJUSTED_WORKDAY':
      return `${wd}，${d.name ? `${d.name} ` : ''}调休上班`;
    case 'WEEKEND':
      return `${wd}，休息日`;
    default:
      return wd;
  }
}

function describeEn(d: DayInfo): string {
  const wd = WEEKDAY_NAMES_EN[d.weekday];
  switch (d.kind) {
    case 'HOLIDAY':
      return `${wd}, ${d.nameEn ?? d.name ?? 'day off'} holiday`;
    case 'ADJUSTED_WORKDAY':
      return `${wd}, adjusted working day${d.nameEn ? ` (${d.nameEn})` : ''}`;
    case 'WEEKEND':
      return `${wd}, weekend`;
    default:
      return wd;
  }
}

/** Groups consecutive HOLIDAY days into runs. */
function holidayRuns(days: DayInfo[]): DayInfo[][] {
  const runs: DayInfo[][] = [];
  let current: DayInfo[] = [];
  for (const d of days) {
    if (d.kind !== 'HOLIDAY') continue;
    const last = current[current.length - 1];
    if (last && calendarDaysBetween(last.date, d.date) === 1) current.push(d);
    else {
      if (current.length) runs.push(current);
      current = [d];
    }
  }
  if (current.length) runs.push(current);
  return runs;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

function uniqueNames(names: string[]): string[] {
  return [...new Set(names.filter((n) => n))];
}

/** '2026-10-01 至 10-07', '2026-12-31 至 2027-01-02', or a single date. */
function formatRange(from: string, to: string): string {
  if (from === to) return from;
  return `${from} 至 ${from.slice(0, 4) === to.slice(0, 4) ? to.slice(5) : to}`;
}

function formatRangeEn(from: string, to: string): string {
  if (from === to) return from;
  return `${from} to ${from.slice(0, 4) === to.slice(0, 4) ? to.slice(5) : to}`;
}
