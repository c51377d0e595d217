/**
 * What a visitor chooses for reading the site — language and 长辈版 (elder mode) — remembered in localStorage
 * and in cookies (common/preferences.ts: the server renders pages with them), applied to <html> (lang attribute,
 * `elder` class for the base font size) and, on the pages that use antd, to its ConfigProvider
 * (common/AntdProvider.tsx, loaded with those pages).
 *
 * A page the server rendered is hydrated with the settings it was rendered with (`initial`); a choice stored on
 * this device that differs (made before the cookies existed) is applied right after.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { rememberLang, storedLang, storedLangChoice, loadLanguage, type Lang } from './i18n';
import { ELDER_COOKIE, LANG_COOKIE, setPreferenceCookie } from './common/preferences';

const ELDER_KEY = 'weimin.elder';

export interface InitialSettings {
  lang: Lang;
  elder: boolean;
}

interface Settings {
  lang: Lang;
  setLang(lang: Lang): void;
  elder: boolean;
  setElder(on: boolean): void;
}

const SettingsContext = createContext<Settings | null>(null);

export function useSettings(): Settings {
  const s = useContext(SettingsContext);
  if (!s) throw new Error('useSettings outside SettingsProvider');
  return s;
}

function storedElderChoice(): boolean | null {
  try {
    const v = localStorage.getItem(ELDER_KEY);
    return v === '1' ? true : v === '0' ? false : null;
  } catch {
    return null;
  }
}

export function SettingsProvider({ initial, children }: { initial?: InitialSettings | null; children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => initial?.lang ?? storedLang());
  const [elder, setElderState] = useState<boolean>(() => initial?.elder ?? storedElderChoice() ?? false);

  useEffect(() => {
    if (!initial) return;
    const l = storedLangChoice();
    if (l && l !== initial.lang) setLangState(l);
    const e = storedElderChoice();
    if (e != null && e !== initial.elder) setElderState(e);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    setPreferenceCookie(LANG_COOKIE, lang);
    void loadLanguage(lang);
  }, [lang]);

  useEffect(() => {
    document.documentElement.classList.toggle('elder', elder);
    setPreferenceCookie(ELDER_COOKIE, elder ? '1' : '0');
  }, [elder]);

  const setLang = useCallback((l: Lang) => {
    rememberLang(l);
    setLangState(l);
  }, []);
  const setElder = useCallback((on: boolean) => {
    try {
      localStorage.setItem(ELDER_KEY, on ? '1' : '0');
    } catch {
      /* private mode */
    }
    setElderState(on);
  }, []);

  const value = useMemo(() => ({ lang, setLang, elder, setElder }), [lang, setLang, elder, setElder]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}
