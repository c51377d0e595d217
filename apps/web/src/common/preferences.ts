/**
 * The reader's choices the server needs to render a page as they read it — language and 长辈版 — are kept in
 * localStorage (the app's own record) and mirrored into two cookies that the server's page snapshot reads
 * (apps/server/src/common/web-snapshot.ts). Not secrets: plain, readable, a year long.
 */
export const LANG_COOKIE = 'weimin_lang';
export const ELDER_COOKIE = 'weimin_elder';

export function setPreferenceCookie(name: typeof LANG_COOKIE | typeof ELDER_COOKIE, value: string): void {
  try {
    document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=31536000; samesite=lax`;
  } catch {
    /* no document (server render) or cookies disabled: the page then renders in the defaults first */
  }
}

/** What the server rendered the page with, read from <html> (lang and the `elder` class), when it did. */
export function renderedPreferences(): { lang: 'zh-CN' | 'en'; elder: boolean } | null {
  if (typeof document === 'undefined' || !document.getElementById('root')?.hasChildNodes()) return null;
  const html = document.documentElement;
  return { lang: html.lang === 'en' ? 'en' : 'zh-CN', elder: html.classList.contains('elder') };
}
