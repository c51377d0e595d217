/**
 * What a visitor chooses for reading the site — language and 长辈版 (elder mode) — remembered in localStorage
 * and applied to <html> (lang attribute, `elder` class for the base font size) and to antd's ConfigProvider.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, theme as antTheme, type ThemeConfig } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { i18n, rememberLang, storedLang, type Lang } from './i18n';

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

/**
 * Colours chosen for contrast (WCAG AA, 4.5:1 on white): antd's default blue and its grey secondary text are too
 * light for body text, which matters here more than anywhere.
 */
const baseToken: ThemeConfig['token'] = {
  colorPrimary: '#1554ad',
  colorLink: '#1554ad',
  colorError: '#c0141b',
  colorSuccess: '#237804',
  colorWarning: '#ad6800',
  colorInfo: '#1554ad',
  colorText: 'rgba(0, 0, 0, 0.88)',
  colorTextSecondary: 'rgba(0, 0, 0, 0.72)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.68)',
  colorTextDescription: 'rgba(0, 0, 0, 0.68)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  borderRadius: 6,
  fontFamily:
    "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
};

const normalToken: ThemeConfig['token'] = { ...baseToken, fontSize: 15, controlHeight: 36 };
const elderToken: ThemeConfig['token'] = { ...baseToken, fontSize: 20, controlHeight: 48, lineHeight: 1.6 };

const components: ThemeConfig['components'] = {
  Breadcrumb: { linkColor: 'rgba(0, 0, 0, 0.72)', separatorColor: 'rgba(0, 0, 0, 0.6)', itemColor: 'rgba(0, 0, 0, 0.72)' },
  Descriptions: { labelColor: 'rgba(0, 0, 0, 0.75)' },
};

export function SettingsProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const [elder, setElderState] = useState<boolean>(storedElder);

  useEffect(() => {
    document.documentElement.lang = lang;
    dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
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
  const theme = useMemo<ThemeConfig>(
    () => ({ algorithm: antTheme.defaultAlgorithm, token: elder ? elderToken : normalToken, components }),
    [elder],
  );

  return (
    <SettingsContext.Provider value={value}>
      {/* autoInsertSpace off: no "保 存" — screen readers and page search see the real word */}
      <ConfigProvider
        locale={lang === 'zh-CN' ? zhCNLocale : enUSLocale}
        theme={theme}
        componentSize={elder ? 'large' : 'middle'}
        button={{ autoInsertSpace: false }}
      >
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </SettingsContext.Provider>
  );
}
