/** Days and times as people read them: 2025年3月5日 in Chinese, 2025-03-05 in English; times in the browser's zone. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';

export function formatDay(day: string | null | undefined, lang: string): string {
  if (!day) return '—';
  const d = dayjs(day);
  if (!d.isValid()) return day;
  return lang === 'en' ? d.format('YYYY-MM-DD') : d.format('YYYY年M月D日');
}

export function formatTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  if (!d.isValid()) return iso;
  return lang === 'en' ? d.format('YYYY-MM-DD HH:mm') : d.format('YYYY年M月D日 HH:mm');
}

/** `day` and `time` formatters for the current language. */
export function useDates(): { day: (d: string | null | undefined) => string; time: (iso: string | null | undefined) => string } {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const day = useCallback((d: string | null | undefined) => formatDay(d, lang), [lang]);
  const time = useCallback((iso: string | null | undefined) => formatTime(iso, lang), [lang]);
  return { day, time };
}
