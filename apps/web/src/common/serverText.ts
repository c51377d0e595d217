/**
 * Texts the server composes, shown in the reader's language: the server sends a key of the shared catalogue
 * (packages/domain/src/texts) and its parameters; this renders them with the catalogue's own function, as the
 * server does for SMS. Each area's Chinese text is registered by the pages that show it (e.g.
 * applications/application-text.ts); the English is in the English chunk. Calendar days among the parameters are
 * written as the reader reads dates. Rows from before keys have none: their words are shown as they are.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { renderText, type TextParams } from '@weimin/domain/src/texts/render';
import { useDates } from './dates';

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

export type ServerText = (key: string | null | undefined, params: unknown, fallback?: string | null) => string;

export function useServerText(): ServerText {
  const { i18n } = useTranslation();
  const { day } = useDates();
  const lang = i18n.language;
  return useCallback(
    (key, params, fallback) => {
      if (!key) return fallback ?? '';
      const lookup = (k: string) => {
        const v = i18n.getResource(lang, 'translation', `texts.${k}`) as unknown;
        return typeof v === 'string' ? v : undefined;
      };
      const format = (_name: string, v: string | number) => (typeof v === 'string' && CALENDAR_DAY.test(v) ? day(v) : undefined);
      return renderText(lookup, key, (params ?? {}) as TextParams, format) ?? fallback ?? '';
    },
    [i18n, lang, day],
  );
}
