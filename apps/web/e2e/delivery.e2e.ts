/**
 * The first visit's JavaScript budget: each public page (home, place, guide, track, login; register when the app
 * has it) is loaded in Chromium with a cold cache, and the compressed bytes of every script it fetched until it
 * was ready are summed. Over 150 kB (150,000 bytes) fails. Reads the built app; builds nothing.
 */
import type { Browser, Page } from 'playwright-core';
import { demoPlaces, describeBrowser, gql, launchBrowser, newContext, PHONE, takeWebErrors } from './browser';

jest.setTimeout(90_000);

export const JS_BUDGET_BYTES = 150_000;

interface Load {
  scripts: number;
  bytes: number;
  files: string[];
}

/** Opens `url` in a fresh context, waits for `ready` and for the network to settle; sums the scripts' encoded bytes. */
async function firstLoad(browser: Browser, url: string, ready: (page: Page) => Promise<unknown>, lang?: 'en'): Promise<Load> {
  const context = await newContext(browser, PHONE);
  if (lang) await context.addInitScript(() => localStorage.setItem('weimin.lang', 'en'));
  const page = await context.newPage();
  const pending: Array<Promise<{ url: string; bytes: number }>> = [];
  page.on('requestfinished', (req) => {
    if (req.resourceType() !== 'script') return;
    pending.push(
      (async () => {
        const res = await req.response();
        const sizes = await req.sizes();
        expect(res?.headers()['content-encoding']).toBe('br');
        return { url: req.url(), bytes: sizes.responseBodySize };
      })(),
    );
  });
  await page.goto(url);
  await ready(page);
  await page.waitForLoadState('networkidle');
  const got = await Promise.all(pending);
  await context.close();
  return { scripts: got.length, bytes: got.reduce((s, g) => s + g.bytes, 0), files: got.map((g) => `${g.url.replace(/.*\//, '')} ${g.bytes}`) };
}

describeBrowser('first-load JavaScript of the public pages', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => {
    expect(takeWebErrors()).toEqual([]);
  });

  test(`home, place, guide, track, login (and register) each need at most ${JS_BUDGET_BYTES / 1000} kB of compressed JavaScript`, async () => {
    const { village } = await demoPlaces();
    const items = await gql<{ serviceItems: { nodes: Array<{ id: string }> } }>(
      `query($p: ID!) { serviceItems(filter: { availableAt: $p }, first: 1) { nodes { id } } }`,
      { p: village.id },
    );
    const itemId = items.serviceItems.nodes[0].id;
    const pages: Array<[string, string, (p: Page) => Promise<unknown>]> = [
      ['home', '/', (p) => p.getByLabel('市', { exact: true }).waitFor()],
      ['place', `/place/${village.id}`, (p) => p.getByRole('list', { name: '可办事项' }).waitFor()],
      ['guide', `/items/${itemId}`, (p) => p.locator('table').first().waitFor()],
      ['track', '/track', (p) => p.getByLabel('办件编号').waitFor()],
      ['login', '/login', (p) => p.getByLabel('密码').waitFor()],
    ];
    const results: Record<string, Load> = {};
    for (const [name, url, ready] of pages) results[name] = await firstLoad(browser, url, ready);
    // the self-registration page belongs to the accounts work; measured whenever the app has it
    const register = await firstLoad(browser, '/register', (p) => p.locator('h1').first().waitFor());
    const hasRegister = register.files.some((f) => /^Register/i.test(f));
    if (hasRegister) results.register = register;

    console.log(
      `first-load JavaScript (Brotli, bytes):\n${Object.entries(results)
        .map(([n, r]) => `  ${n.padEnd(8)} ${String(r.bytes).padStart(7)} in ${r.scripts} files: ${r.files.join(', ')}`)
        .join('\n')}`,
    );
    const over = Object.entries(results).filter(([, r]) => r.bytes > JS_BUDGET_BYTES);
    expect(over.map(([n, r]) => `${n}: ${r.bytes}`)).toEqual([]);
    // the staff code stays out: no antd, no ECharts on any public page
    for (const [n, r] of Object.entries(results)) {
      expect([n, r.files.filter((f) => /^(DashboardPage|Table|AntdProvider|echarts)/.test(f))]).toEqual([n, []]);
    }
  });
});
