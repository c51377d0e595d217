/**
 * The shared text catalogue (STYLE 13): what the server composes from keys — next steps, history lines,
 * notifications, SMS — in zh-CN and en, one file per area so that the web loads only the area a page shows.
 * The server renders zh-CN (the applicant's language) for SMS; the web renders the reader's language.
 */
import { accountTextEn, accountTextZh } from './account';
import { applicationTextEn, applicationTextZh } from './application';
import { catalogueLookup, renderText, type KeyedText, type TextParams } from './render';

export * from './render';
export * from './application';
export * from './account';

export type TextLocale = 'zh-CN' | 'en';

/** The areas the server composes from; keys start with the area (`application.nextStep.SUBMITTED`). */
export const SERVER_TEXTS = {
  'zh-CN': { application: applicationTextZh, account: accountTextZh },
  en: { application: applicationTextEn, account: accountTextEn },
};

const LOOKUPS = { 'zh-CN': catalogueLookup(SERVER_TEXTS['zh-CN']), en: catalogueLookup(SERVER_TEXTS.en) };

/** The words of a key (zh-CN unless told); throws on a key the catalogue does not have, so a typo fails loudly. */
export function textOf(key: string, params: TextParams = {}, locale: TextLocale = 'zh-CN'): string {
  const s = renderText(LOOKUPS[locale], key, params);
  if (s === undefined) throw new Error(`no text for the key ${key}`);
  return s;
}

/** A keyed text and its zh-CN words (what the row keeps for SMS and for readers of the old fields). */
export function keyed(key: string, params: TextParams = {}): KeyedText & { text: string } {
  return { key, params, text: textOf(key, params) };
}
export * from './jurisdiction-import';
