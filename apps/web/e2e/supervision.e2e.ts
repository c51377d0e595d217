/**
 * Supervision end to end: the city supervisor's dashboard shows exactly the API's `performance` figures and drills
 * from 六安市 to 金安区 to a township and back up; a citizen rates an application badly on its page, the township
 * clerk answers and closes the rectification, the citizen sees the answer, and the supervisor leaves the rating
 * out of the statistics after an appeal; a county assessment is computed, scored and published; the dashboard and
 * the public statistics pass an axe audit. Other suites add applications meanwhile: figures are compared at one
 * moment (retried when they moved), and every record this suite makes is its own.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  baseUrl,
  demoPlaces,
  describeBrowser,
  DESKTOP,
  gql,
  hasHorizontalScroll,
  launchBrowser,
  newContext,
  PHONE,
  screenshot,
  seriousA11yViolations,
  takeWebErrors,
  type Place,
} from './browser';

jest.setTimeout(60_000);

async function apiLogin(login: string): Promise<string> {
  const d = await gql<{ login: { token: string } }>(`mutation($l: String!) { login(login: $l, password: "weimin-demo") { token } }`, { l: login });
  return d.login.token;
}

/** A context logged in as `login` (the cookie the login page would set), and the token for API calls. */
async function loggedIn(browser: Browser, login: string, viewport = DESKTOP): Promise<{ context: BrowserContext; token: string }> {
  const context = await newContext(browser, viewport);
  const token = await apiLogin(login);
  await context.addCookies([{ name: 'weimin_session', value: token, url: baseUrl() }]);
  return { context, token };
}

// ---------- an application to rate, made through the API (as apps/server/test/helpers.ts does) ----------

interface ItemNode {
  id: string;
  name: string;
  handlingKind: string;
  onlineCapable: boolean;
  exemption: { office: string } | null;
  fee: { free: boolean };
  promisedUnit: string;
  handlingChain: Array<{ kind: string }>;
  materials: Array<{ name: string; necessity: string }>;
}

let pdfSeq = 0;
function pdf(): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% supervision ${Date.now()} ${++pdfSeq}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

async function uploadPdf(token: string, name: string): Promise<string> {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(pdf())], { type: 'application/pdf' }), name);
  const res = await fetch(`${baseUrl()}/api/files`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${token}`, 'x-requested-with': 'weimin', connection: 'close' },
  });
  const json = (await res.json()) as { id: string };
  if (res.status !== 201) throw new Error(`upload failed: ${JSON.stringify(json)}`);
  return json.id;
}

/** Submitted by `citizen` at the place, accepted, approved and delivered by `town.clerk`: ready to be rated. */
async function deliveredApplication(placeId: string): Promise<{ id: string; number: string; itemName: string }> {
  const citizen = await apiLogin('citizen');
  const clerk = await apiLogin('town.clerk');
  const items = await gql<{ serviceItems: { nodes: ItemNode[] } }>(
    `query($at: ID!) { serviceItems(filter: { availableAt: $at }, first: 100) {
       nodes { id name handlingKind onlineCapable exemption { office } fee { free } promisedUnit handlingChain { kind } materials { name necessity } } } }`,
    { at: placeId },
  );
  const item = items.serviceItems.nodes.find((n) => n.handlingKind === 'PROMISED' && n.handlingChain.length === 2 && n.onlineCapable && !n.exemption && n.fee.free && n.promisedUnit === 'WORKING_DAYS');
  if (!item) throw new Error('no suitable item at the township');
  const materials = [];
  for (const m of item.materials) materials.push({ requirement: m.name, fileIds: [await uploadPdf(citizen, `${m.name}.pdf`)] });
  const { submitApplication: a } = await gql<{ submitApplication: { id: string; number: string } }>(
    `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id number } }`,
    { i: { serviceItemId: item.id, jurisdictionId: placeId, materials, idempotencyKey: `sup-${Date.now()}-${Math.random()}` } },
    citizen,
  );
  await gql(`mutation($id: ID!) { acceptApplication(id: $id) { id } }`, { id: a.id }, clerk);
  await gql(`mutation($id: ID!) { completeApplication(id: $id, input: { result: APPROVED }) { id } }`, { id: a.id }, clerk);
  await gql(`mutation($id: ID!) { deliverApplication(id: $id, input: { method: PICKUP }) { id } }`, { id: a.id }, clerk);
  return { ...a, itemName: item.name };
}

// ---------- the headline figures as the page must show them ----------

const FIGURES = `received accepted rejected completed completionRate onTimeRate overdueOpen warningOpen medianHandlingDays p90HandlingDays
  evaluations satisfactionRate averageGrade badReviews rectifiedInTime deficient deficiencyRate repeatNotices`;
type Perf = Record<string, number | null>;

const COUNTS = ['received', 'accepted', 'rejected', 'completed', 'overdueOpen', 'warningOpen', 'evaluations', 'badReviews', 'deficient', 'repeatNotices'];
const SHARES = ['completionRate', 'onTimeRate', 'satisfactionRate', 'deficiencyRate'];
const DAYS = ['medianHandlingDays', 'p90HandlingDays'];

function percent(v: number): string {
  const p = v * 100;
  const fixed = p >= 99.95 && p < 100 ? '99.9' : p.toFixed(1);
  return `${fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed}%`;
}

/** What each headline card must read for these API figures (暂无数据 for null). */
function expectedCards(p: Perf): Record<string, string> {
  const out: Record<string, string> = {};
  const none = '暂无数据';
  for (const k of COUNTS) out[k] = p[k] == null ? none : (p[k] as number).toLocaleString('zh-CN');
  for (const k of SHARES) out[k] = p[k] == null ? none : percent(p[k] as number);
  for (const k of DAYS) out[k] = p[k] == null ? none : (p[k] as number) > 60 ? '60 个工作日以上' : `${p[k]} 个工作日`;
  out.averageGrade = p.averageGrade == null ? none : `${p.averageGrade.toFixed(2)} 分`;
  out.rectifiedInTime = `${p.rectifiedInTime} / ${p.badReviews}`;
  return out;
}

async function shownCards(page: Page, keys: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const k of keys) out[k] = ((await page.locator(`[data-figure="${k}"] .kpi-value`).textContent()) ?? '').trim();
  return out;
}

function dashboardHeading(page: Page, name: string) {
  return page.getByRole('heading', { level: 1, name: `${name} 监督看板` });
}

describeBrowser('supervision', () => {
  let browser: Browser;
  let places: { city: Place; county: Place; township: Place; village: Place };

  beforeAll(async () => {
    browser = await launchBrowser();
    places = await demoPlaces();
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => {
    expect(takeWebErrors()).toEqual([]);
  });

  test('the supervisor sees the API figures of 六安市 and drills down to a township and back up', async () => {
    const { context, token } = await loggedIn(browser, 'supervisor');
    try {
      const page = await context.newPage();
      await page.goto('/supervision');
      await page.waitForURL(`**/supervision/${places.city.id}`);
      await dashboardHeading(page, '六安市').waitFor();
      await page.getByText(/^数据更新于 /).waitFor();
      const from = await page.getByLabel('起始日期').inputValue();
      const to = await page.getByLabel('截止日期').inputValue();
      expect(from).toBe(`${to.slice(0, 4)}-01-01`);

      // Compare at one moment: other suites add applications, so read again when the figures moved.
      const keys = [...COUNTS, ...SHARES, ...DAYS, 'averageGrade', 'rectifiedInTime'];
      for (let attempt = 0; ; attempt++) {
        await page.locator('[data-figure="received"] .kpi-value').waitFor();
        const shown = await shownCards(page, keys);
        const api = await gql<{ performance: Perf }>(`query($id: ID!, $from: Date!, $to: Date!) { performance(jurisdictionId: $id, from: $from, to: $to) { ${FIGURES} } }`, { id: places.city.id, from, to }, token);
        const expected = expectedCards(api.performance);
        if (JSON.stringify(shown) === JSON.stringify(expected) || attempt >= 4) {
          expect(shown).toEqual(expected);
          break;
        }
        await page.reload();
        await dashboardHeading(page, '六安市').waitFor();
      }

      // charts carry a text description; the trend follows the granularity and the group
      await page.getByRole('img', { name: /趋势：办件量/ }).waitFor();
      await page.getByLabel('按周').check();
      await page.getByLabel('指标组').selectOption({ label: '群众满意度' });
      await page.getByRole('img', { name: /趋势：群众满意度/ }).waitFor();
      await page.getByRole('img', { name: /下级对比：群众满意度/ }).waitFor();

      // the exports carry the same jurisdiction and range
      const query = `jurisdictionId=${places.city.id}&from=${from}&to=${to}`;
      await expect(page.getByRole('link', { name: '导出 Excel' }).getAttribute('href')).resolves.toBe(`/api/dashboard/export.xlsx?${query}`);
      const csvHref = await page.getByRole('link', { name: '导出 CSV' }).getAttribute('href');
      expect(csvHref).toBe(`/api/dashboard/export.csv?${query}`);
      const csv = await context.request.get(csvHref!);
      expect(csv.status()).toBe(200);
      expect(await csv.text()).toContain('金安区');
      await screenshot(page, 'dashboard-desktop');

      // drill down: 六安市 → 金安区 → its first township (the range goes along)
      const children = page.getByRole('region', { name: '下级辖区' });
      await children.getByRole('link', { name: places.county.name, exact: true }).click();
      await page.waitForURL(`**/supervision/${places.county.id}?from=${from}&to=${to}`);
      await dashboardHeading(page, places.county.name).waitFor();
      await children.getByRole('link', { name: places.township.name, exact: true }).click();
      await page.waitForURL(`**/supervision/${places.township.id}?from=${from}&to=${to}`);
      await dashboardHeading(page, places.township.name).waitFor();

      // and back up through the breadcrumb
      const crumbs = page.getByRole('navigation', { name: '辖区层级' });
      await expect(crumbs.getByText(places.township.name).getAttribute('aria-current')).resolves.toBe('page');
      await crumbs.getByRole('link', { name: places.county.name }).click();
      await dashboardHeading(page, places.county.name).waitFor();
      await crumbs.getByRole('link', { name: '六安市' }).click();
      await page.waitForURL(`**/supervision/${places.city.id}?from=${from}&to=${to}`);
      await dashboardHeading(page, '六安市').waitFor();
    } finally {
      await context.close();
    }

    const phone = await loggedIn(browser, 'supervisor', PHONE);
    try {
      const page = await phone.context.newPage();
      await page.goto(`/supervision/${places.county.id}`);
      await dashboardHeading(page, places.county.name).waitFor();
      await page.getByRole('img', { name: /趋势/ }).waitFor();
      await screenshot(page, 'dashboard-375');
      expect(await hasHorizontalScroll(page)).toBe(false);
    } finally {
      await phone.context.close();
    }
  });

  test('the supervisor opens the applications behind a stage figure, page by page, and downloads them', async () => {
    const mine = await deliveredApplication(places.township.id);
    const { context, token } = await loggedIn(browser, 'supervisor');
    try {
      const page = await context.newPage();
      await page.goto(`/supervision/${places.township.id}`);
      await dashboardHeading(page, places.township.name).waitFor();
      const from = await page.getByLabel('起始日期').inputValue();
      const to = await page.getByLabel('截止日期').inputValue();
      const figures = page.getByRole('table', { name: '各层级各环节办理情况' });
      const row = figures.locator('tr', { has: page.getByRole('rowheader', { name: '乡镇(街道) · 受理', exact: true }) });
      await row.getByRole('link').first().click();
      await page.waitForURL(`**/supervision/${places.township.id}/stages?from=${from}&to=${to}&level=TOWNSHIP&kind=ACCEPT&mode=ARRIVED`);
      await page.getByRole('heading', { level: 1, name: `${places.township.name} · 乡镇(街道) · 受理 · 期间到达` }).waitFor();

      const api = await gql<{ performance: { stageApplications: { totalCount: number } } }>(
        `query($id: ID!, $f: Date!, $t: Date!) { performance(jurisdictionId: $id, from: $f, to: $t) { stageApplications(level: TOWNSHIP, kind: ACCEPT) { totalCount } } }`,
        { id: places.township.id, f: from, t: to },
        token,
      );
      const count = await page.locator('.result-count').textContent();
      // other suites may add applications meanwhile: never fewer than the API said a moment ago
      expect(Number(/共 (\d+) 件/.exec(count ?? '')?.[1])).toBeGreaterThanOrEqual(api.performance.stageApplications.totalCount);

      // oldest first: today's application is on the last page; "load more" appends pages until it shows
      const table = page.getByRole('table', { name: /期间到达/ });
      for (let i = 0; i < 50 && !(await table.getByRole('rowheader', { name: mine.number }).count()); i++) {
        const before = await table.locator('tbody tr').count();
        await page.getByRole('button', { name: '加载更多' }).click();
        await page.waitForFunction((n) => document.querySelectorAll('table tbody tr').length > n, before);
      }
      const line = table.locator('tr', { has: page.getByRole('rowheader', { name: mine.number }) });
      await expect(line.textContent()).resolves.toContain(mine.itemName);

      // the same rows as a workbook
      const href = await page.getByRole('link', { name: '导出明细（Excel）' }).getAttribute('href');
      expect(href).toBe(`/api/dashboard/stages.xlsx?jurisdictionId=${places.township.id}&from=${from}&to=${to}&level=TOWNSHIP&kind=ACCEPT&mode=ARRIVED`);
      const res = await context.request.get(href!);
      expect(res.status()).toBe(200);
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await res.body()) as any);
      const numbers: string[] = [];
      wb.getWorksheet('明细')!.eachRow((r, i) => {
        if (i > 1) numbers.push(String(r.getCell(1).value));
      });
      expect(numbers).toContain(mine.number);

      // back to the dashboard with its range
      await page.getByRole('link', { name: '返回统计页' }).click();
      await page.waitForURL(`**/supervision/${places.township.id}?from=${from}&to=${to}`);
    } finally {
      await context.close();
    }
  });

  test('a bad rating is answered and closed by the township clerk; the citizen sees the answer; an appeal leaves it out', async () => {
    const app = await deliveredApplication(places.township.id);
    const comment = `窗口排队太久 ${app.number}`;
    const response = `已核实并调整窗口排班 ${app.number}`;
    const followUp = `电话回访，群众表示满意 ${app.number}`;

    const citizen = await loggedIn(browser, 'citizen');
    try {
      const page = await citizen.context.newPage();
      await page.goto(`/applications/${app.id}`);
      const panel = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: '服务评价' }) });
      await panel.waitFor();
      await panel.getByLabel('不满意(2)', { exact: true }).check();
      // the indicators follow the grade until changed
      await expect(panel.getByRole('group', { name: '办事效率' }).getByLabel('2分').isChecked()).resolves.toBe(true);
      await panel.getByRole('group', { name: '办事效率' }).getByLabel('1分').check();
      await panel.getByLabel('评价意见（选填）').fill(comment);
      expect(await seriousA11yViolations(page, 'evaluation form')).toEqual([]);
      await screenshot(page, 'evaluation-form');
      await panel.getByRole('button', { name: '提交评价' }).click();
      await panel.getByText(/感谢您的评价！办理单位将在 .+ 前核实整改并答复您。/).waitFor();
      await panel.getByText('不满意（2分）').waitFor();
      await panel.getByText('待整改', { exact: true }).waitFor();
      await expect(panel.getByRole('button', { name: '提交评价' }).count()).resolves.toBe(0);
    } finally {
      await citizen.context.close();
    }

    const clerk = await loggedIn(browser, 'town.clerk');
    try {
      const page = await clerk.context.newPage();
      await page.goto('/clerk/rectifications?status=OPEN');
      await page.getByRole('heading', { level: 1, name: '差评整改' }).waitFor();
      const open = page.getByRole('button', { name: `处理 ${app.number} 的差评整改` });
      for (let i = 0; !(await open.count()) && i < 20; i++) {
        const more = page.getByRole('button', { name: '加载更多' });
        if (await more.isVisible()) await more.click();
        else await page.waitForTimeout(200);
      }
      await open.click();
      const drawer = page.getByRole('dialog', { name: `差评整改 · ${app.number}` });
      await drawer.getByText(comment).waitFor();
      await drawer.getByLabel('核实情况').fill('调取窗口监控，当日排队超过40分钟，情况属实');
      await drawer.getByLabel('整改答复').fill(response);
      expect(await seriousA11yViolations(page, 'rectification drawer')).toEqual([]);
      await screenshot(page, 'rectification-drawer');
      await drawer.getByRole('button', { name: '提交答复' }).click();
      await drawer.getByText('已答复，待回访', { exact: true }).waitFor();
      await drawer.getByLabel('回访情况').fill(followUp);
      await drawer.getByRole('button', { name: '回访并办结' }).click();
      await drawer.getByText('已办结', { exact: true }).waitFor();
      await expect(drawer.getByRole('button', { name: '回访并办结' }).count()).resolves.toBe(0);
    } finally {
      await clerk.context.close();
    }

    const back = await loggedIn(browser, 'citizen');
    try {
      const page = await back.context.newPage();
      await page.goto(`/applications/${app.id}`);
      const panel = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: '服务评价' }) });
      await panel.getByText(response).waitFor();
      await panel.getByText(followUp).waitFor();
      await panel.getByText('已办结', { exact: true }).waitFor();
      // staff-only verification is not shown to the citizen
      await expect(panel.getByText('情况属实').count()).resolves.toBe(0);
    } finally {
      await back.context.close();
    }

    // an appeal upheld by the supervisor: the rating leaves the statistics, with the reason
    const citizenToken = await apiLogin('citizen');
    const d = await gql<{ application: { evaluation: { rectification: { id: string } } } }>(
      `query($id: ID!) { application(id: $id) { evaluation { rectification { id } } } }`,
      { id: app.id },
      citizenToken,
    );
    const supervisor = await loggedIn(browser, 'supervisor');
    try {
      const page = await supervisor.context.newPage();
      await page.goto(`/clerk/rectifications?open=${d.application.evaluation.rectification.id}`);
      const drawer = page.getByRole('dialog', { name: `差评整改 · ${app.number}` });
      await drawer.getByRole('button', { name: '不计入统计' }).click();
      await drawer.getByText('请填写不计入统计的原因').waitFor();
      await drawer.getByLabel('不计入统计的原因').fill('经调查核实，该评价与办理事项无关，属恶意差评');
      await drawer.getByRole('button', { name: '不计入统计' }).click();
      const confirm = page.getByRole('dialog').filter({ hasText: '确定将这条评价排除在统计之外吗' });
      await confirm.getByRole('button', { name: '不计入统计' }).click();
      await drawer.getByText('该评价经申诉核实，已不计入统计').waitFor();
      await drawer.getByText('不计入统计的原因：经调查核实，该评价与办理事项无关，属恶意差评').waitFor();
    } finally {
      await supervisor.context.close();
    }
  });

  test('a county assessment is computed, scored and published, then locked', async () => {
    const county = await gql<{ jurisdiction: { id: string } }>(`{ jurisdiction(code: "341524000000") { id } }`);
    // the quarter before this one (nobody else assesses 金寨县)
    const now = new Date();
    const q = Math.floor(now.getMonth() / 3);
    const period = q === 0 ? `${now.getFullYear() - 1}-Q4` : `${now.getFullYear()}-Q${q}`;
    const [first] = (await gql<{ jurisdiction: { children: Array<{ name: string }> } }>(`query($id: ID!) { jurisdiction(id: $id) { children { name } } }`, { id: county.jurisdiction.id })).jurisdiction.children;
    const { context } = await loggedIn(browser, 'supervisor');
    try {
      const page = await context.newPage();
      await page.goto(`/supervision/assessments?county=${county.jurisdiction.id}&period=${period}`);
      await page.getByRole('heading', { level: 1, name: '乡镇考评' }).waitFor();
      await expect(page.getByLabel('县(区)').inputValue()).resolves.toBe(county.jurisdiction.id);
      await page.getByText('该季度尚未考评。').waitFor();
      await page.getByRole('button', { name: '计算考评' }).click();
      const table = page.getByRole('table', { name: /金寨县 .* 乡镇考评/ });
      await table.waitFor();
      const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: first.name, exact: true }) });
      await row.getByLabel(`${first.name} 现场检查得分`).fill('120');
      await row.getByRole('button', { name: `保存 ${first.name} 的现场检查得分` }).click();
      await row.getByText('现场检查得分应在 0 到 100 之间。').waitFor();
      await row.getByLabel(`${first.name} 现场检查得分`).fill('88.5');
      await row.getByRole('button', { name: `保存 ${first.name} 的现场检查得分` }).click();
      await page.getByText(`已保存 ${first.name} 的现场检查得分。`).waitFor();
      await screenshot(page, 'assessment');
      expect(await seriousA11yViolations(page, 'assessment')).toEqual([]);
      await page.getByRole('button', { name: '发布考评结果' }).click();
      await page.getByRole('dialog').filter({ hasText: '发布后考评结果将锁定' }).getByRole('button', { name: '发布' }).click();
      await page.getByText(/已于 .+ 发布，结果已锁定。/).waitFor();
      await row.getByText('88.5').waitFor();
      await expect(page.getByRole('button', { name: '重新计算' }).count()).resolves.toBe(0);
      await expect(page.getByLabel(`${first.name} 现场检查得分`).count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  });

  test('the dashboard, the coverage view and the public statistics pass an axe audit', async () => {
    const { context } = await loggedIn(browser, 'supervisor');
    try {
      const page = await context.newPage();
      await page.goto(`/supervision/${places.county.id}`);
      await dashboardHeading(page, places.county.name).waitFor();
      await page.getByRole('img', { name: /趋势/ }).waitFor();
      expect(await seriousA11yViolations(page, 'dashboard')).toEqual([]);

      await page.getByRole('link', { name: '服务中心建设覆盖' }).click();
      await page.getByRole('heading', { level: 1, name: `${places.county.name} 服务中心建设覆盖` }).waitFor();
      const village = page.getByRole('region', { name: '村(社区)' });
      await village.getByText('建成率').waitFor();
      await screenshot(page, 'coverage');
      expect(await seriousA11yViolations(page, 'coverage')).toEqual([]);
    } finally {
      await context.close();
    }

    const visitor = await newContext(browser);
    try {
      const page = await visitor.newPage();
      await page.goto('/');
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计公开' }).click();
      await page.getByRole('heading', { level: 1, name: '统计公开' }).waitFor();
      await page.getByRole('table', { name: '六安市 按时办结率和满意率' }).getByRole('rowheader', { name: places.county.name }).waitFor();
      await page.getByRole('heading', { level: 2, name: '办理结果公开' }).waitFor();
      expect(await seriousA11yViolations(page, 'public statistics')).toEqual([]);
      await page.getByLabel('查看范围').selectOption({ label: places.county.name });
      await page.getByRole('table', { name: `${places.county.name} 按时办结率和满意率` }).getByRole('rowheader', { name: places.township.name }).waitFor();
      await screenshot(page, 'statistics');
      expect(await seriousA11yViolations(page, 'public statistics of a county')).toEqual([]);
      // names are masked in the published results
      const names = await page.locator('td[data-label="申请人"]').allTextContents();
      for (const n of names) expect(n).toMatch(/^.\*+$|^.\*/);
    } finally {
      await visitor.close();
    }
  });
});
