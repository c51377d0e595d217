/**
 * antd's own icons (a finished step's tick, the clear buttons, the select arrows) carry their English names as
 * aria-label ("check", "close-circle", "down"), which a screen reader would read out in the middle of Chinese; an
 * icon beside words is decoration, so it is hidden from assistive technology, as the app's own icons are. The
 * number fields' step buttons ("Increase Value") get the reader's language instead, and a search field's and a
 * text field's clear button, which show only an icon, a name in words.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

const STEP = { 'Increase Value': 'up', 'Decrease Value': 'down' } as const;

export function useQuietAntdIcons(): void {
  const { t } = useTranslation();
  useEffect(() => {
    const label = { up: t('app.increase'), down: t('app.decrease') };
    const named = [
      ['.ant-input-search-btn', t('app.search')],
      ['.ant-input-clear-icon', t('app.clearText')],
    ] as const;
    let queued = false;
    const fix = () => {
      queued = false;
      for (const el of Array.from(document.querySelectorAll('.anticon[role="img"]:not([aria-hidden])'))) el.setAttribute('aria-hidden', 'true');
      for (const el of Array.from(document.querySelectorAll('[aria-label="Increase Value"], [aria-label="Decrease Value"]'))) {
        el.setAttribute('data-step', STEP[el.getAttribute('aria-label') as keyof typeof STEP]);
      }
      // a search field's button and a text field's clear button show only an icon: with the icon hidden, they are named in words
      // (set again when the language changes, like the step buttons' names)
      for (const [selector, name] of named) {
        for (const el of Array.from(document.querySelectorAll(selector))) if (el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
      }
      for (const el of Array.from(document.querySelectorAll('[data-step]'))) {
        const want = label[el.getAttribute('data-step') as 'up' | 'down'];
        if (want && el.getAttribute('aria-label') !== want) el.setAttribute('aria-label', want);
      }
    };
    fix();
    const observer = new MutationObserver(() => {
      if (queued) return;
      queued = true;
      queueMicrotask(fix);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [t]);
}
