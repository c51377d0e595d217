/**
 * What a visitor chooses for reading the site — language and 长辈版 (elder mode) — remembered in localStorage
 * and applied to <html> (lang attribute, `elder` class for the base font size) and, on the pages that use antd, to
 * its ConfigProvider (common/AntdProvider.tsx, loaded with those pages).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { rememberLang, storedLang, loadLanguage, type Lang } from './i18n';

const ELDER_KEY = 'weimin.elder';

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

function storedElder(): boolean {
  try {
    return localStorage.getItem(ELDER_KEY) === '1';
  } catch {
    return false;
  }
}

export function SettingsProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const [elder, setElderState] = useState<boolean>(storedElder);

  useEffect(() => {
    document.documentElement.lang = lang;
    void loadLanguage(lang);
  }, [lang]);

  useEffect(() => {
    document.documentElement.classList.toggle('elder', elder);
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
