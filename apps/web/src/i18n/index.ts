/**
 * i18next set-up: zh-CN by default, English second. The chosen language is remembered in localStorage (and a
 * cookie, so that the server renders pages in it) and mirrored into <html lang> so screen readers pronounce the
 * page correctly. The English resources are a chunk of
 * their own, loaded when English is chosen (`loadLanguage`), so a Chinese reader's first load does not carry them.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN } from './zh-CN';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
const LANG_KEY = 'weimin.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}

/** The language the reader chose on this device, or null when they never chose one. */
export function storedLangChoice(): Lang | null {
  try {
    const v = localStorage.getItem(LANG_KEY);
    return v === 'en' || v === 'zh-CN' ? v : null;
  } catch {
    return null;
  }
}

export function storedLang(): Lang {
  return storedLangChoice() ?? 'zh-CN';
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  partialBundledLanguages: true,
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

/** Loads a language's resources (once) and switches to it. */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (lang === 'en' && !i18n.hasResourceBundle('en', 'translation')) {
    const { en } = await import('./en');
    i18n.addResourceBundle('en', 'translation', en);
  }
  if (i18n.language !== lang) await i18n.changeLanguage(lang);
}

/**
 * Settles when `lang` is ready (main.tsx renders after it, so nothing flashes in zh-CN): the remembered language,
 * or the one the server rendered the page in, which the first render must repeat word for word.
 */
export function languageReady(lang: Lang): Promise<void> {
  return loadLanguage(lang).catch(() => undefined);
}

export { i18n };
