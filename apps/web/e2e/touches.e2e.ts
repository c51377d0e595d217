/**
 * The finishing touches at both ends, in Chromium: staff land on their work after logging in, and the printed
 * refusal and one-time notice say who decides, under which law and where to appeal, for an administrative
 * licence and for an item of another type, in Chinese and in English.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { baseUrl, demoPlaces, describeBrowser, gql, launchBrowser, loginThroughUi, newContext, seriousA11yViolations, takeWebErrors, type Place } from './browser';

interface Item {
  id: string;
  name: string;
  type: string;
  legalBasis: string;
  onlineCapable: boolean;
  exemption: { office: string } | null;
  handlingChain: Array<{ kind: string; level: string }>;
  materials: Array<{ name: string; necessity: string }>;
}

async function apiLogin(login: string): Promise<string> {
  return (await gql<{ login: { token: string } }>(`mutation($l: String!) { login(login: $l, password: "weimin-demo") { token } }`, { l: login })).login.token;
}

async function loggedIn(browser: Browser, login: string, lang?: 'en'): Promise<BrowserContext> {
  const context = await newContext(browser);
  await context.addCookies([{ name: 'weimin_session', value: await apiLogin(login), url: baseUrl() }]);
  if (lang) {
    await context.addInitScript(() => {
      try {
        localStorage.setItem('weimin.lang', 'en');
      } catch {
        /* a new page's about:blank has no storage */
      }
    });
    await context.addCookies([{ name: 'weimin_lang', value: 'en', url: baseUrl() }]);
  }
  return context;
}

async function pdfId(token: string): Promise<string> {
  const body = new FormData();
  body.append('file', new Blob([Buffer.from(`%PDF-1.4\n% ${Math.random()}\ntrailer << >>\n%%EOF\n`, 'latin1')], { type: 'application/pdf' }), '材料.pdf');
  const res = await fetch(`${baseUrl()}/api/files`, { method: 'POST', body, headers: { authorization: `Bearer ${token}`, 'x-requested-with': 'e2e', connection: 'close' } });
  return ((await res.json()) as { id: string }).id;
}

/** Submits an application for the item at the place as the citizen; returns its id. */
async function submit(item: Item, place: Place): Promise<string> {
  const citizen = await apiLogin('citizen');
  const materials = await Promise.all(item.materials.filter((m) => m.necessity === 'REQUIRED').map(async (m) => ({ requirement: m.name, fileIds: [await pdfId(citizen)] })));
  const d = await gql<{ submitApplication: { id: string } }>(
    `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id } }`,
    { i: { serviceItemId: item.id, jurisdictionId: place.id, materials, idempotencyKey: `touches-${Date.now()}-${Math.random()}` } },
    citizen,
  );
  return d.submitApplication.id;
}

describeBrowser('finishing touches', () => {
  let browser: Browser;
  let places: { city: Place; county: Place; township: Place; village: Place };
  let licence: Item;
  let other: Item;
  let clerk: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    places = await demoPlaces();
    const d = await gql<{ serviceItems: { nodes: Item[] } }>(
      `query($p: ID!) { serviceItems(filter: { availableAt: $p }, first: 100) { nodes { id name type legalBasis onlineCapable exemption { office } handlingChain { kind level } materials { name necessity } } } }`,
      { p: places.township.id },
    );
    const simple = d.serviceItems.nodes.filter((n) => n.onlineCapable && !n.exemption && n.handlingChain.length === 2 && n.handlingChain[0].level === 'TOWNSHIP');
    licence = simple.find((n) => n.type === 'ADMINISTRATIVE_LICENSE')!;
    other = simple.find((n) => n.type !== 'ADMINISTRATIVE_LICENSE' && n.legalBasis.length > 4)!;
    expect(licence).toBeDefined();
    expect(other).toBeDefined();
    clerk = await apiLogin('town.clerk');
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => {
    expect(takeWebErrors()).toEqual([]);
  });

  test('the guide offers the blank form of a material that must be filled in, as a cacheable download', async () => {
    const d = await gql<{ serviceItems: { nodes: Array<{ id: string; name: string }> } }>(
      `query($p: ID!) { serviceItems(filter: { availableAt: $p, search: "高龄津贴" }, first: 5) { nodes { id name } } }`,
      { p: places.village.id },
    );
    const item = d.serviceItems.nodes.find((n) => n.name.includes('高龄津贴'))!;
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      // the demo's forms are generated in the background right after the server starts
      const link = page.getByRole('link', { name: /^下载空白表格（PDF，\d+ KB）$/ });
      const until = Date.now() + 90_000;
      for (;;) {
        await page.goto(`/items/${item.id}`);
        await page.getByRole('heading', { level: 1, name: `${item.name} 办事指南` }).waitFor();
        if ((await link.count()) || Date.now() > until) break;
        await page.waitForTimeout(2000);
      }
      const row = page.getByRole('row').filter({ hasText: '高龄津贴申请表' });
      const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: /^下载空白表格/ }).click()]);
      expect(download.suggestedFilename()).toBe('高龄津贴申请表.pdf');
      const res = await fetch(new URL((await row.getByRole('link', { name: /^下载空白表格/ }).getAttribute('href'))!, baseUrl()), { headers: { connection: 'close' } });
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      await context.close();
    }
  }, 240_000);

  test('staff land on their work after logging in', async () => {
    const cases: Array<[string, RegExp, string]> = [
      ['town.clerk', /\/clerk\/queue$/, '窗口工作台'],
      ['village.agent', new RegExp(`/place/${places.village.id}$`), places.village.name],
      ['supervisor', new RegExp(`/supervision/${places.city.id}$`), '六安市'],
      ['jinan.admin', /\/admin\/items$/, '事项管理'],
    ];
    for (const [login, url, heading] of cases) {
      const context = await newContext(browser);
      try {
        const page = await context.newPage();
        await loginThroughUi(page, login);
        await page.waitForURL(url);
        await page.getByRole('heading', { level: 1 }).filter({ hasText: heading }).first().waitFor();
      } finally {
        await context.close();
      }
    }
  }, 240_000);

  test('the refusal names the centre, the 行政复议 body and the court; the notice cites the licensing law only for a licence', async () => {
    const cases: Array<[Item, boolean]> = [
      [licence, true],
      [other, false],
    ];
    for (const [item, isLicence] of cases) {
      const refused = await submit(item, places.township);
      await gql(`mutation($id: ID!) { rejectApplication(id: $id, input: { reason: "不属于本中心受理范围", legalBasis: "依据事项办理规定" }) { id } }`, { id: refused }, clerk);
      const noticed = await submit(item, places.township);
      await gql(`mutation($id: ID!, $m: String!) { notifyDeficiency(id: $id, input: { items: [{ material: $m, problem: "复印件不清晰" }] }) { id } }`, { id: noticed, m: item.materials.find((m) => m.necessity === 'REQUIRED')!.name }, clerk);
      const { application } = await gql<{ application: { handlingCenter: string } }>(`query($id: ID!) { application(id: $id) { handlingCenter } }`, { id: refused }, clerk);

      const context = await loggedIn(browser, 'citizen');
      try {
        const page = await context.newPage();
        await page.goto(`/applications/${refused}/print/rejection`);
        await page.getByRole('heading', { level: 1, name: '不予受理通知书' }).waitFor();
        const paper = (await page.locator('article.paper').textContent())!;
        expect(paper).toContain(`经审查，${application.handlingCenter}决定不予受理`);
        expect(paper).not.toContain('本机关');
        expect(paper).toContain('六十日内向六安市金安区人民政府申请行政复议');
        expect(paper).toContain('六个月内向六安市金安区人民法院提起行政诉讼');
        expect(await seriousA11yViolations(page, 'rejection letter')).toEqual([]);

        await page.goto(`/applications/${noticed}/print/notice/1`);
        await page.getByRole('heading', { level: 1, name: '补齐补正材料一次性告知书' }).waitFor();
        const notice = (await page.locator('article.paper').textContent())!;
        if (isLicence) expect(notice).toContain('依照《中华人民共和国行政许可法》第三十二条');
        else {
          expect(notice).not.toContain('行政许可法');
          expect(notice).toContain(`依照${item.legalBasis.replace(/[。.;；\s]+$/u, '')}`);
        }
        expect(notice).toContain(`${application.handlingCenter}将重新审查`);
      } finally {
        await context.close();
      }

      const en = await loggedIn(browser, 'citizen', 'en');
      try {
        const page = await en.newPage();
        await page.goto(`/applications/${refused}/print/rejection`);
        await page.getByRole('heading', { level: 1, name: 'Notice of non-acceptance' }).waitFor();
        const paper = (await page.locator('article.paper').textContent())!;
        expect(paper).toContain('apply to 六安市金安区人民政府 for administrative reconsideration within 60 days');
        expect(paper).toContain('before 六安市金安区人民法院 within six months');
        expect(paper).not.toMatch(/如对本决定不服|本机关/);
      } finally {
        await en.close();
      }
    }
  }, 240_000);
});
