/**
 * antd's theme, locale and App context for the pages built with antd (staff pages, forms). Loaded with those pages
 * (App.tsx's `Lazy`), so the public pages never download antd. Follows the visitor's language and 长辈版.
 */
import { useMemo, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, theme as antTheme, type ThemeConfig } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useSettings } from '../settings';
import { useQuietAntdIcons } from './quietIcons';

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

const normalToken: ThemeConfig['token'] = { ...baseToken, fontSize: 16, controlHeight: 36 };
const elderToken: ThemeConfig['token'] = { ...baseToken, fontSize: 20, fontSizeSM: 18, controlHeight: 48, controlHeightSM: 48, controlHeightLG: 56, lineHeight: 1.6, lineHeightSM: 1.5 };

const components: ThemeConfig['components'] = {
  Breadcrumb: { linkColor: 'rgba(0, 0, 0, 0.72)', separatorColor: 'rgba(0, 0, 0, 0.6)', itemColor: 'rgba(0, 0, 0, 0.72)' },
  Descriptions: { labelColor: 'rgba(0, 0, 0, 0.75)' },
};

export default function AntdProvider({ children }: { children: ReactNode }) {
  const { lang, elder } = useSettings();
  useQuietAntdIcons();
  // antd's date pickers read dayjs's global locale (the app's own dates are formatted explicitly, common/dates.ts)
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  const theme = useMemo<ThemeConfig>(
    () => ({ algorithm: antTheme.defaultAlgorithm, token: elder ? elderToken : normalToken, components }),
    [elder],
  );
  return (
    // autoInsertSpace off: no "保 存" — screen readers and page search see the real word
    <ConfigProvider
      locale={lang === 'zh-CN' ? zhCNLocale : enUSLocale}
      theme={theme}
      componentSize={elder ? 'large' : 'middle'}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
