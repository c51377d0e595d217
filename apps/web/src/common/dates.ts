/**
 * Days and times as people read them: 2025年3月5日 in Chinese, 2025-03-05 in English. Instants are shown in the
 * service area's zone (Asia/Shanghai) whatever the browser's zone, so a paper printed abroad or on a machine set
 * to UTC carries the same date as the one printed at the window; calendar days (YYYY-MM-DD) are shown as they are.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const local = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** [year, month, day, hour, minute] of a calendar day or an instant, in Asia/Shanghai; null when unreadable. */
function partsOf(value: string): [string, string, string, string, string] | null {
  const d = CALENDAR_DAY.exec(value);
  if (d) return [d[1], d[2], d[3], '00', '00'];
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return null;
  const p = Object.fromEntries(local.formatToParts(at).map((x) => [x.type, x.value]));
  return [p.year, p.month, p.day, p.hour, p.minute];
}

/** Today's calendar day (YYYY-MM-DD) in the service area (Asia/Shanghai), as the server counts days. */
export function serviceToday(now = new Date()): string {
  const p = partsOf(now.toISOString());
  return p ? `${p[0]}-${p[1]}-${p[2]}` : now.toISOString().slice(0, 10);
}

export function formatDay(day: string | null | undefined, lang: string): string {
  if (!day) return '—';
  const p = partsOf(day);
  if (!p) return day;
  return lang === 'en' ? `${p[0]}-${p[1]}-${p[2]}` : `${p[0]}年${Number(p[1])}月${Number(p[2])}日`;
}

export function formatTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const p = partsOf(iso);
  if (!p) return iso;
  return `${formatDay(`${p[0]}-${p[1]}-${p[2]}`, lang)} ${p[3]}:${p[4]}`;
}

/** `day` and `time` formatters for the current language. */
export function useDates(): { day: (d: string | null | undefined) => string; time: (iso: string | null | undefined) => string } {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const day = useCallback((d: string | null | undefined) => formatDay(d, lang), [lang]);
  const time = useCallback((iso: string | null | undefined) => formatTime(iso, lang), [lang]);
  return { day, time };
}
