/**
 * One language at a time on the public pages: in English no Chinese character outside data, in Chinese no English
 * word outside data. "Data" is every string the page received from the API (place, item and centre names, guide
 * text…), collected from its own GraphQL answers and from the answers the server rendered it from (inlined in the
 * page), and removed from the page's text before the check; the language
 * switch (marked with its own `lang`) is the one exception by design.
 */
import type { Browser, Page } from 'playwright-core';
import { baseUrl, demoPlaces, describeBrowser, gql, launchBrowser, newContext, PHONE, takeWebErrors } from './browser';

jest.setTimeout(120_000);

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]/;
// words that are the same in Chinese text: file formats and the like
const LATIN_ALLOWED = new Set(['PDF', 'JPEG', 'JPG', 'PNG', 'OFD', 'Excel', 'QR', 'A4']);

function strings(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') {
    if (value.trim()) out.add(value.trim());
  } else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
}

/** The page's own text (visible, outside elements in another language), data strings removed. */
async function textOutsideData(page: Page, data: Set<string>): Promise<string> {
  let text = await page.evaluate(() => {
    const lang = document.documentElement.lang;
    const parts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || ['SCRIPT', 'STYLE'].includes(el.tagName)) continue;
      const other = el.closest('[lang]');
      if (other && other.getAttribute('lang') !== lang) continue;
      if (!el.getClientRects().length) continue;
      parts.push(n.textContent ?? '');
    }
    for (const el of Array.from(document.querySelectorAll('[aria-label], [placeholder], [title]'))) {
      const other = el.closest('[lang]');
      if (other && other.getAttribute('lang') !== lang) continue;
      for (const a of ['aria-label', 'placeholder', 'title']) if (el.getAttribute(a)) parts.push(el.getAttribute(a)!);
    }
    return parts.join('\n');
  });
  for (const s of [...data].sort((a, b) => b.length - a.length)) text = text.split(s).join(' ');
  return text;
}

describeBrowser('one language at a time on the public pages', () => {
  let browser: Browser;
  let pages: Array<[string, string, (p: Page) => Promise<unknown>]>;

  beforeAll(async () => {
    browser = await launchBrowser();
    const { village } = await demoPlaces();
    const items = await gql<{ serviceItems: { nodes: Array<{ id: string }> } }>(
      `query($p: ID!) { serviceItems(filter: { availableAt: $p }, first: 1) { nodes { id } } }`,
      { p: village.id },
    );
    pages = [
      ['home', '/', (p) => p.locator('.place-picker select option:nth-child(2)').first().waitFor({ state: 'attached' })],
      ['place', `/place/${village.id}`, (p) => p.locator('.item-list li').first().waitFor()],
      ['guide', `/items/${items.serviceItems.nodes[0].id}`, (p) => p.locator('.guide table').first().waitFor()],
      ['track', '/track', (p) => p.locator('form.track-form').waitFor()],
      ['login', '/login', (p) => p.locator('form[name="login"]').waitFor()],
      ['not found', '/no/such/page', (p) => p.locator('.ui-result').waitFor()],
    ];
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => {
    expect(takeWebErrors()).toEqual([]);
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    test(`${lang}: no word of the other language outside data`, async () => {
      const report: string[] = [];
      for (const [name, url, ready] of pages) {
        const context = await newContext(browser, PHONE);
        await context.addInitScript((l) => {
          try {
            localStorage.setItem('weimin.lang', l);
          } catch {
            /* about:blank */
          }
        }, lang);
        // the cookie the language switch writes: the server renders its public pages in it
        await context.addCookies([{ name: 'weimin_lang', value: lang, url: baseUrl() }]);
        const page = await context.newPage();
        const data = new Set<string>();
        const answers: Array<Promise<void>> = [];
        page.on('response', (res) => {
          if (!res.url().endsWith('/graphql')) return;
          answers.push(res.json().then((j: unknown) => strings((j as { data?: unknown }).data, data), () => undefined));
        });
        try {
          await page.goto(url);
          await ready(page);
          await page.waitForLoadState('networkidle');
          await Promise.all(answers);
          const inlined = await page.evaluate(() => document.getElementById('weimin-data')?.textContent ?? null);
          if (inlined) strings(JSON.parse(inlined), data);
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
          const text = await textOutsideData(page, data);
          const wrong =
            lang === 'en'
              ? text.split('\n').filter((l) => CJK.test(l))
              : (text.match(/[A-Za-z][A-Za-z'-]+/g) ?? []).filter((w) => !LATIN_ALLOWED.has(w));
          if (wrong.length) report.push(`${name} (${url}): ${[...new Set(wrong)].slice(0, 15).map((w) => JSON.stringify(w.trim())).join(', ')}`);
        } finally {
          await context.close();
        }
      }
      console.log(`${lang}: ${pages.length} public pages checked${report.length ? `\n${report.join('\n')}` : ': clean'}`);
      expect(report).toEqual([]);
    });
  }
});
