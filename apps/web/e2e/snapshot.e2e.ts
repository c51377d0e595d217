/**
 * The public pages as the server sends them (apps/server/src/common/web-snapshot.ts): the guide and the place
 * picker are in the HTML itself, in the reader's language and mode, escaped, current after a publish or withdraw,
 * usable before (or without) the app's code, and taken over by the app without being drawn again or fetched again.
 */
import type { Browser, Page } from 'playwright-core';
import { apiLogin, baseUrl, demoPlaces, describeBrowser, gql, launchBrowser, newContext, PHONE, seriousA11yViolations, takeWebErrors, townshipItemContent, type Place } from './browser';

jest.setTimeout(120_000);

const ADMIN = 'jinan.admin';
// every way out of an element, an attribute or the JSON data block
const HOSTILE = `</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">&amp;"'<!--`;

function content(name: string, materials: string[]) {
  return townshipItemContent(name, materials, `本乡镇户籍居民 ${HOSTILE}`);
}

async function createAndPublish(token: string, countyId: string, name: string, materials: string[]): Promise<string> {
  const code = `SNAP-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const d = await gql<{ createServiceItem: { id: string } }>(
    `mutation($input: CreateServiceItemInput!) { createServiceItem(input: $input) { id } }`,
    { input: { ownerId: countyId, code, ...content(name, materials) } },
    token,
  );
  const id = d.createServiceItem.id;
  await gql(`mutation($id: ID!) { publishServiceItem(id: $id) { id } }`, { id }, token);
  return id;
}

async function page(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl()}${path}`, { headers: { connection: 'close', ...headers }, redirect: 'manual' });
}

/** The data block the page carries for the app. */
function inlined(html: string): string {
  const m = /<script type="application\/json" id="weimin-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('the page carries no data block');
  return m[1];
}

describeBrowser('public pages rendered by the server', () => {
  let browser: Browser;
  let places: { city: Place; county: Place; township: Place; village: Place };
  let token: string;
  let itemId: string;
  const name = `快照事项 ${HOSTILE}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    places = await demoPlaces();
    token = await apiLogin(ADMIN);
    itemId = await createAndPublish(token, places.county.id, name, ['居民身份证', `户口簿 ${HOSTILE}`]);
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => {
    expect(takeWebErrors()).toEqual([]);
  });

  test('the guide is in the HTML, escaped, with ETag; a publish and a withdraw show at once', async () => {
    const res = await page(`/items/${itemId}`, { 'accept-encoding': 'br' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    const html = await res.text();
    // the materials table, its rows and the item's text, as text
    expect(html).toContain('id="g-materials"');
    expect(html).toContain('<th scope="row" data-label="材料名称">居民身份证</th>');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;&amp;amp;&quot;&#x27;&lt;!--');
    // nothing hostile got out: one data block, no raw markup of the name anywhere
    expect(html).not.toContain('<script>window.__pwned');
    expect(html).not.toContain('<img src=x');
    const data = inlined(html);
    expect(data).not.toMatch(/<|>/);
    expect(JSON.stringify(JSON.parse(data))).toContain(JSON.stringify(name).slice(1, -1));
    expect(html.match(/<script/g)?.length).toBe(html.match(/<script type="module"|<script type="application\/json"/g)?.length);

    // revalidation: the same bytes answer 304
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await page(`/items/${itemId}`, { 'if-none-match': etag! })).status).toBe(304);

    // a new version: the next visit reads it
    const renamed = `快照事项改名 ${Date.now()}`;
    const { serviceItem } = await gql<{ serviceItem: { version: number } }>(`query($id: ID!) { serviceItem(id: $id, edition: WORKING) { version } }`, { id: itemId }, token);
    await gql(
      `mutation($id: ID!, $v: Int!, $c: ServiceItemContentInput!) { updateServiceItem(id: $id, version: $v, input: $c) { id } }`,
      { id: itemId, v: serviceItem.version, c: content(renamed, ['居民身份证', `户口簿 ${HOSTILE}`]) },
      token,
    );
    await gql(`mutation($id: ID!) { publishServiceItem(id: $id) { id } }`, { id: itemId }, token);
    const after = await (await page(`/items/${itemId}`)).text();
    expect(after).toContain(renamed);
    expect((await page(`/items/${itemId}`, { 'if-none-match': etag! })).status).toBe(200);

    // withdrawn: the page no longer shows the guide
    await gql(`mutation($id: ID!, $r: String!) { withdrawServiceItem(id: $id, reason: $r) { id } }`, { id: itemId, r: '测试撤回' }, token);
    const gone = await (await page(`/items/${itemId}`)).text();
    expect(gone).not.toContain(renamed);
    expect(gone).not.toContain('id="g-materials"');
    await gql(`mutation($id: ID!) { publishServiceItem(id: $id) { id } }`, { id: itemId }, token);
  });

  test('the reader’s language and 长辈版 come from the cookies the app writes', async () => {
    const zh = await (await page(`/items/${itemId}`)).text();
    expect(zh).toMatch(/<html lang="zh-CN">/);
    expect(zh).toContain('申请材料');
    const en = await (await page(`/items/${itemId}`, { cookie: 'weimin_lang=en; weimin_elder=1' })).text();
    expect(en).toMatch(/<html lang="en" class="elder">/);
    expect(en).toContain('>Required materials<');
    expect(en).not.toContain('申请材料');

    // the switch in the app writes the cookies: the next page from the server is in English
    const context = await newContext(browser, PHONE);
    try {
      const p = await context.newPage();
      await p.goto(`/items/${itemId}`);
      await p.getByRole('button', { name: 'Switch to English' }).click();
      await p.getByRole('heading', { level: 2, name: 'Required materials' }).waitFor();
      await p.getByRole('switch', { name: 'Large text' }).click();
      const cookies = Object.fromEntries((await context.cookies()).map((c) => [c.name, c.value]));
      expect([cookies.weimin_lang, cookies.weimin_elder]).toEqual(['en', '1']);
      const res = await p.goto(`/items/${itemId}`);
      const html = await res!.text();
      expect(html).toMatch(/<html lang="en" class="elder">/);
      // the elder styles apply to the page as sent: 长辈版's larger text before the app runs
      await expect(p.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).resolves.toBeGreaterThanOrEqual(20);
    } finally {
      await context.close();
    }
  });

  test('the app takes the guide over: nothing redrawn, nothing fetched again', async () => {
    const context = await newContext(browser, PHONE);
    try {
      const p = await context.newPage();
      const guideQueries: string[] = [];
      p.on('request', (r) => {
        if (r.url().endsWith('/graphql') && /"operationName":"Guide"/.test(r.postData() ?? '')) guideQueries.push(r.url());
      });
      // mark the table as the server sent it: a redraw would replace the element and lose the mark
      await p.route(`**/items/${itemId}`, async (route) => {
        const res = await route.fetch();
        const body = (await res.text()).replace('<table class="data-table">', '<table class="data-table" data-from-server="1">');
        await route.fulfill({ response: res, body, headers: { ...res.headers(), 'content-encoding': '' } });
      });
      await p.goto(`/items/${itemId}`);
      await p.locator('section[aria-labelledby="g-materials"] table[data-from-server="1"]').waitFor();
      // hydrated: the app's print button works and the table is still the one from the server
      await p.waitForFunction(() => {
        const b = document.querySelector('.guide-toolbar button') as (HTMLElement & Record<string, unknown>) | null;
        return !!b && Object.keys(b).some((k) => k.startsWith('__reactProps'));
      });
      await expect(p.locator('section[aria-labelledby="g-materials"] table[data-from-server="1"] tbody tr').count()).resolves.toBe(2);
      await p.waitForLoadState('networkidle');
      expect(guideQueries).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('before the code runs: the picker is a form that leads to a village, its items and a guide; axe finds nothing serious', async () => {
    const context = await newContext(browser, PHONE);
    try {
      // the app's code never arrives
      await context.route('**/assets/*.js', (route) => route.abort());
      const p = await context.newPage();
      await p.goto('/');
      // one city: chosen already, its counties offered
      await p.getByLabel('县(区)').selectOption({ label: places.county.name });
      expect(await seriousA11yViolations(p, 'home snapshot')).toEqual([]);
      await p.getByRole('button', { name: '查看可办事项' }).click();
      await p.getByLabel('乡镇(街道)').selectOption({ label: places.township.name });
      await p.getByRole('button', { name: '查看可办事项' }).click();
      await p.getByLabel('村(社区)').selectOption({ label: places.village.name });
      await p.getByRole('button', { name: '查看可办事项' }).click();
      await p.waitForURL(`**/place/${places.village.id}`);
      await p.getByRole('list', { name: '可办事项' }).getByRole('link').first().click();
      await p.waitForURL(/\/items\//);
      await p.locator('section[aria-labelledby="g-materials"] table tbody tr').first().waitFor();
      expect(await seriousA11yViolations(p, 'guide snapshot')).toEqual([]);
    } finally {
      await context.close();
    }
    takeWebErrors(); // the aborted scripts are the point of this test
  });
});

export type { Page };
