/**
 * Applications (办件) end to end: a citizen applies online from a guide with uploaded materials; the township clerk
 * finds it in the work queue, issues a one-time notice; the citizen supplements; the clerk accepts (and prints the
 * receipt with its QR code), completes and delivers; the citizen sees the result. A village agent applies for a
 * villager; anyone tracks an application with its number and lookup code; a clerk on a stale page and a repeat
 * notice get the server's refusal in words.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  apiLogin,
  baseUrl,
  demoPlaces,
  describeBrowser,
  gql,
  hasHorizontalScroll,
  launchBrowser,
  loggedInContext,
  loginThroughUi,
  newContext,
  PHONE,
  DESKTOP,
  screenshot,
  seriousA11yViolations,
  takeWebErrors,
  type Place,
} from './browser';

jest.setTimeout(120_000);

interface Material {
  name: string;
  necessity: string;
}

interface ItemNode {
  id: string;
  name: string;
  handlingKind: string;
  handlingLevel: string;
  handlingChain: Array<{ kind: string }>;
  onlineCapable: boolean;
  exemption: { office: string } | null;
  fee: { free: boolean };
  promisedLimit: number;
  promisedUnit: string;
  materials: Material[];
}

async function itemsAt(placeId: string): Promise<ItemNode[]> {
  const d = await gql<{ serviceItems: { nodes: ItemNode[] } }>(
    `query($p: ID!) { serviceItems(filter: { availableAt: $p }, first: 100) {
       nodes { id name handlingKind handlingLevel handlingChain { kind } onlineCapable exemption { office } fee { free } promisedLimit promisedUnit materials { name necessity } } } }`,
    { p: placeId },
  );
  // One-stage items (acceptance and decision at one window); the multi-level chains have their own test.
  return d.serviceItems.nodes.filter((n) => n.handlingChain.length === 2);
}

/** A context logged in as `login` (the cookie the login page would set). */
const loggedIn = (browser: Browser, login: string, viewport = DESKTOP): Promise<BrowserContext> => loggedInContext(browser, login, viewport);

let pdfSeq = 0;
/** A small but real PDF, different each time. */
function pdf(): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% e2e ${Date.now()} ${++pdfSeq}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

async function uploadApi(token: string, name: string): Promise<string> {
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

/** Submits an application through the API (citizen, all required materials). */
async function submitApi(token: string, item: ItemNode, placeId: string): Promise<{ id: string; number: string }> {
  const materials = [];
  for (const m of item.materials.filter((x) => x.necessity === 'REQUIRED')) materials.push({ requirement: m.name, fileIds: [await uploadApi(token, `${m.name}.pdf`)] });
  const d = await gql<{ submitApplication: { id: string; number: string } }>(
    `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id number } }`,
    { input: { serviceItemId: item.id, jurisdictionId: placeId, idempotencyKey: `e2e-${Date.now()}-${Math.random()}`, materials } },
    token,
  );
  return d.submitApplication;
}

/** Chooses a file for one material on the page (or in a dialog) and waits until it is uploaded. */
async function upload(scope: Page | ReturnType<Page['getByRole']>, material: string, name = `${material}.pdf`, buffer = pdf()): Promise<void> {
  await scope.getByLabel(`选择文件：${material}`, { exact: true }).setInputFiles({ name, mimeType: 'application/pdf', buffer });
  await scope.getByRole('list', { name: `${material} 的文件` }).getByRole('listitem').filter({ hasText: name }).getByText('已上传').waitFor();
}

/** The row of an application in a list, loading more pages as needed (the list may still be reloading). */
async function findRow(page: Page, number: string) {
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: number }) });
  const more = page.getByRole('button', { name: '加载更多' });
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    if (await row.count()) return row;
    if (await more.isVisible()) await more.click({ timeout: 2_000 }).catch(() => undefined);
    else await page.waitForTimeout(100);
  }
  throw new Error(`application ${number} is not in the list`);
}

function statusLine(page: Page) {
  return page.locator('.app-header .app-status');
}

describeBrowser('applications', () => {
  let browser: Browser;
  let places: { city: Place; county: Place; township: Place; village: Place };
  let townshipItems: ItemNode[];

  beforeAll(async () => {
    browser = await launchBrowser();
    places = await demoPlaces();
    townshipItems = await itemsAt(places.township.id);
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => {
    expect(takeWebErrors()).toEqual([]);
  });

  test('a citizen applies online; the clerk notifies once, accepts with a printed receipt, completes and delivers', async () => {
    const item = townshipItems.find((i) => i.handlingKind === 'PROMISED' && i.onlineCapable && !i.exemption && i.materials.length >= 2 && i.fee.free);
    expect(item).toBeDefined();
    const required = item!.materials.filter((m) => m.necessity === 'REQUIRED');
    expect(required.length).toBeGreaterThan(0);

    const citizenCtx = await newContext(browser);
    const clerkCtx = await loggedIn(browser, 'town.clerk');
    try {
      // ---- the citizen finds the item at the township and applies
      const citizen = await citizenCtx.newPage();
      await loginThroughUi(citizen, 'citizen');
      await citizen.goto(`/place/${places.township.id}`);
      await citizen.getByLabel('搜索事项').fill(item!.name);
      await citizen.getByRole('button', { name: '搜索', exact: true }).click();
      await citizen.getByRole('link', { name: item!.name, exact: true }).click();
      await citizen.getByRole('heading', { level: 1, name: `${item!.name} 办事指南` }).waitFor();
      await citizen.getByRole('link', { name: '在线申办' }).click();
      await citizen.waitForURL(`**/apply/${item!.id}?at=${places.township.id}`);
      await citizen.getByRole('heading', { level: 1, name: `在线申办：${item!.name}` }).waitFor();
      await expect(citizen.title()).resolves.toContain('在线申办');

      // nothing uploaded: every required material is marked
      await citizen.getByRole('button', { name: '下一步：核对信息' }).click();
      await citizen.getByText('请先处理下面标出的问题。').waitFor();
      await expect(citizen.getByText('这是必须提交的材料，请上传').count()).resolves.toBe(required.length);

      // a file that is not a PDF although named so: refused by the server, explained in words, removable
      const first = required[0].name;
      await citizen.getByLabel(`选择文件：${first}`, { exact: true }).setInputFiles({ name: '假文件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') });
      const files = citizen.getByRole('list', { name: `${first} 的文件` });
      await files.getByText('只能上传 PDF、JPG、PNG 或 OFD 文件').waitFor();
      // (the browser logs the refused upload's 400 as a console error: expected here)
      expect(takeWebErrors()).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
      await files.getByRole('button', { name: '删除文件 假文件.pdf' }).click();
      await expect(files.count()).resolves.toBe(0);

      for (const m of required) await upload(citizen, m.name);
      await expect(citizen.getByRole('list', { name: `${first} 的文件` }).getByText(/\d+(\.\d)? (B|KB)/).count()).resolves.toBe(1);
      await screenshot(citizen, 'apply-desktop');
      expect(await seriousA11yViolations(citizen, 'apply page')).toEqual([]);
      await citizen.setViewportSize(PHONE);
      expect(await hasHorizontalScroll(citizen)).toBe(false);
      await screenshot(citizen, 'apply-375');
      await citizen.setViewportSize(DESKTOP);

      await citizen.getByRole('button', { name: '下一步：核对信息' }).click();
      const review = citizen.getByRole('region', { name: '核对提交内容' });
      await review.waitFor();
      await review.getByText('张秀英（本人申请）').waitFor();
      for (const m of required) await review.getByRole('row', { name: new RegExp(m.name) }).getByText(`${m.name}.pdf`).waitFor();
      await review.getByRole('button', { name: '确认提交' }).click();
      await citizen.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
      await statusLine(citizen).getByText('已提交').waitFor();
      const kicker = await citizen.getByText(/^办件编号 \d+$/).textContent();
      const number = kicker!.replace('办件编号 ', '').trim();
      const appUrl = citizen.url();
      // the confirmation: number, lookup code, the SMS and what happens next, and a tracking link that works
      const confirmation = citizen.getByRole('region', { name: '申请已提交' });
      await confirmation.getByRole('heading', { name: '接下来' }).waitFor();
      await expect(confirmation.locator('.submitted-number').textContent()).resolves.toBe(number);
      const lookupCode = (await confirmation.locator('.submitted-code').textContent())!.trim();
      expect(lookupCode).toMatch(/^[0-9A-Za-z]{10}$/);
      await confirmation.getByText('办件编号和查询码已用短信发送到 13905640001。').waitFor();
      await confirmation.getByText(/自收到材料之日起 5 个工作日内审查/).waitFor();
      await confirmation.getByText(new RegExp(`受理后 ${item!.promisedLimit} ${item!.promisedUnit === 'WORKING_DAYS' ? '个工作' : ''}日内办结`)).waitFor();
      expect(await seriousA11yViolations(citizen, 'confirmation')).toEqual([]);
      await confirmation.getByRole('link', { name: '查询办理进度' }).click();
      await citizen.waitForURL(/\/track\?/);
      await citizen.getByText(item!.name).first().waitFor();
      await expect(citizen.locator('main').textContent()).resolves.not.toContain('受理凭证');
      await citizen.goto(appUrl);
      await statusLine(citizen).getByText('已提交').waitFor();
      // the citizen may withdraw, nothing else
      await expect(citizen.getByRole('region', { name: '可办理的操作' }).getByRole('button').allTextContents()).resolves.toEqual(['撤回申请']);

      // ---- the township clerk finds it in the queue and issues a one-time notice
      const clerk = await clerkCtx.newPage();
      await clerk.goto('/');
      await clerk.getByRole('link', { name: '窗口工作台' }).click();
      await clerk.getByRole('heading', { level: 1, name: '窗口工作台' }).waitFor();
      await clerk.getByRole('checkbox', { name: '已提交' }).check();
      await clerk.waitForURL(/status=SUBMITTED/);
      await clerk.getByLabel('事项', { exact: true }).selectOption({ value: item!.id });
      await clerk.waitForURL(/item=/);
      const row = await findRow(clerk, number);
      await row.getByText('张秀英').waitFor();
      await screenshot(clerk, 'queue-desktop');
      expect(await seriousA11yViolations(clerk, 'work queue')).toEqual([]);
      await row.getByRole('link', { name: number }).click();
      await clerk.waitForURL(appUrl);
      // the clerk reads a material in the page: the PDF is framed, served inline and never sniffed
      const firstFile = `${required[0].name}.pdf`;
      await clerk.getByRole('button', { name: `预览 ${firstFile}` }).click();
      const preview = clerk.getByRole('figure', { name: `${firstFile} 的预览` });
      const frame = preview.locator('iframe');
      await frame.waitFor();
      const served = await clerk.request.get(new URL((await frame.getAttribute('src'))!, baseUrl()).toString());
      expect(served.headers()).toMatchObject({ 'content-type': 'application/pdf', 'x-content-type-options': 'nosniff' });
      expect(served.headers()['content-disposition']).toMatch(/^inline;/);
      await preview.getByRole('link', { name: '下载' }).waitFor();
      await preview.getByRole('button', { name: '关闭预览' }).click();
      await preview.waitFor({ state: 'detached' });
      const actions = clerk.getByRole('region', { name: '可办理的操作' });
      await actions.getByRole('button', { name: '受理', exact: true }).waitFor();
      // Before acceptance the window may also refer it to the right centre (移送).
      await expect(actions.getByRole('button').allTextContents()).resolves.toEqual(['受理', '一次性告知补正', '不予受理', '移送']);
      await screenshot(clerk, 'clerk-application-desktop');
      expect(await seriousA11yViolations(clerk, 'application page (clerk)')).toEqual([]);
      await clerk.setViewportSize(PHONE);
      expect(await hasHorizontalScroll(clerk)).toBe(false);
      await screenshot(clerk, 'clerk-application-375');
      await clerk.setViewportSize(DESKTOP);

      const cited = item!.materials[0].name;
      await actions.getByRole('button', { name: '一次性告知补正' }).click();
      let dialog = clerk.getByRole('dialog', { name: '一次性告知补正材料' });
      await dialog.getByText('一次性告知：请一次列明全部问题，再次告知只能针对本次补正的材料').waitFor();
      await expect(dialog.getByRole('checkbox').count()).resolves.toBe(item!.materials.length);
      await dialog.getByRole('checkbox', { name: cited }).check();
      await dialog.getByRole('group', { name: `常用问题：${cited}` }).getByRole('button', { name: '复印件不清晰' }).click();
      await expect(dialog.getByLabel(`${cited}存在的问题`).inputValue()).resolves.toBe('复印件不清晰');
      await screenshot(clerk, 'notice-dialog');
      await dialog.getByRole('button', { name: '出具告知书' }).click();
      await dialog.waitFor({ state: 'detached' });
      await statusLine(clerk).getByText('待补正').waitFor();
      await clerk.getByRole('heading', { name: '第 1 次告知' }).waitFor();

      // ---- the citizen sees the notice and supplements that material
      await citizen.reload();
      await statusLine(citizen).getByText('待补正').waitFor();
      const notices = citizen.getByRole('region', { name: '一次性告知' });
      await notices.getByRole('row', { name: new RegExp(cited) }).getByText('复印件不清晰').waitFor();
      await citizen.getByRole('region', { name: '可办理的操作' }).getByRole('button', { name: '补正材料' }).click();
      dialog = citizen.getByRole('dialog', { name: '补正材料' });
      await dialog.getByText('复印件不清晰').waitFor();
      await upload(dialog, cited, '清晰版.pdf');
      await dialog.getByRole('button', { name: '提交补正' }).click();
      await dialog.waitFor({ state: 'detached' });
      await statusLine(citizen).getByText('已提交').waitFor();
      await citizen.getByRole('heading', { name: '第 1 次补正' }).waitFor();
      await citizen.getByRole('link', { name: '清晰版.pdf' }).waitFor();

      // ---- the clerk accepts and prints the receipt
      await clerk.reload();
      await statusLine(clerk).getByText('已提交').waitFor();
      await actions.getByRole('button', { name: '受理', exact: true }).click();
      dialog = clerk.getByRole('dialog', { name: '受理申请' });
      await dialog.getByRole('button', { name: '受理', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await statusLine(clerk).getByText('已受理').waitFor();
      const receipt = clerk.getByRole('region', { name: '受理凭证' });
      await receipt.getByText('时限如何计算').click();
      await receipt.locator('.explain li').first().waitFor();
      const app = await gql<{ application: { receipt: { dueDate: string; lookupCode: string } } }>(
        `query($id: ID!) { application(id: $id) { receipt { dueDate lookupCode } } }`,
        { id: appUrl.split('/').pop() },
        await apiLogin('town.clerk'),
      );
      const [y, m, d] = app.application.receipt.dueDate.split('-').map(Number);
      const due = `${y}年${m}月${d}日`;
      await clerk.getByRole('link', { name: '打印受理凭证' }).click();
      await clerk.waitForURL('**/print/receipt');
      await clerk.getByRole('heading', { level: 1, name: '受理凭证' }).waitFor();
      const paper = clerk.locator('article.paper');
      await expect(paper.textContent()).resolves.toContain(number);
      await expect(paper.textContent()).resolves.toContain(due);
      await expect(paper.textContent()).resolves.toContain(app.application.receipt.lookupCode);
      const qr = clerk.getByRole('img', { name: '办件查询二维码' });
      await expect(qr.evaluate((el) => el.tagName.toLowerCase())).resolves.toBe('svg');
      await expect(clerk.getByRole('button', { name: '打印' }).isVisible()).resolves.toBe(true);
      await screenshot(clerk, 'receipt-desktop');
      expect(await seriousA11yViolations(clerk, 'receipt')).toEqual([]);
      await clerk.emulateMedia({ media: 'print' });
      await expect(clerk.getByRole('banner').isVisible()).resolves.toBe(false);
      await expect(clerk.getByRole('button', { name: '打印' }).isVisible()).resolves.toBe(false);
      await expect(qr.isVisible()).resolves.toBe(true);
      await screenshot(clerk, 'receipt-print');
      await clerk.emulateMedia({ media: 'screen' });
      await clerk.setViewportSize(PHONE);
      expect(await hasHorizontalScroll(clerk)).toBe(false);
      await screenshot(clerk, 'receipt-375');
      await clerk.setViewportSize(DESKTOP);

      // ---- complete (准予) and deliver (自取)
      await clerk.getByRole('link', { name: '返回办件' }).click();
      await actions.getByRole('button', { name: '办结' }).click();
      dialog = clerk.getByRole('dialog', { name: '办结' });
      await expect(dialog.getByRole('radio', { name: '准予' }).isChecked()).resolves.toBe(true);
      await dialog.getByLabel('结果文书编号').fill('金民准字〔2025〕E2E号');
      await dialog.getByRole('button', { name: '办结' }).click();
      await dialog.waitFor({ state: 'detached' });
      await statusLine(clerk).getByText('已办结').waitFor();
      await actions.getByRole('button', { name: '送达' }).click();
      dialog = clerk.getByRole('dialog', { name: '送达办理结果' });
      await expect(dialog.getByRole('radio', { name: '自取' }).isChecked()).resolves.toBe(true);
      await dialog.getByRole('button', { name: '送达' }).click();
      await dialog.waitFor({ state: 'detached' });
      await statusLine(clerk).getByText('已送达').waitFor();

      // ---- the citizen sees the delivered decision, and was notified
      await citizen.reload();
      await statusLine(citizen).getByText('已送达').waitFor();
      const result = citizen.getByRole('region', { name: '办理结果' });
      await result.getByText('准予', { exact: true }).waitFor();
      await result.getByText('金民准字〔2025〕E2E号').waitFor();
      await result.getByText(/自取/).waitFor();
      await expect(citizen.getByRole('region', { name: '可办理的操作' }).count()).resolves.toBe(0);
      await citizen.getByRole('link', { name: '准予办理决定书' }).click();
      await citizen.getByRole('heading', { level: 1, name: '准予办理决定书' }).waitFor();
      await citizen.getByRole('link', { name: /^通知，\d+\+? 条未读$/ }).click();
      await citizen.getByRole('heading', { level: 1, name: '我的通知' }).waitFor();
      await citizen.getByRole('heading', { name: '办理结果已送达' }).first().waitFor();
      await citizen.getByRole('link', { name: '查看办件' }).first().click();
      await citizen.waitForURL(appUrl);
    } finally {
      await citizenCtx.close();
      await clerkCtx.close();
    }
  });

  test('a village agent applies for a villager with consent and finds it under 代办记录', async () => {
    const villageItems = await itemsAt(places.village.id);
    const item = villageItems.find((i) => !i.exemption && i.materials.some((m) => m.necessity === 'REQUIRED'));
    expect(item).toBeDefined();
    const context = await loggedIn(browser, 'village.agent');
    try {
      const page = await context.newPage();
      await page.goto(`/items/${item!.id}?at=${places.village.id}`);
      await page.getByRole('link', { name: '在线申办' }).click();
      await page.getByRole('heading', { level: 1, name: `代办申请：${item!.name}` }).waitFor();
      const who = page.getByRole('region', { name: '代办对象' });
      await who.getByLabel('村民姓名').fill('王老汉');
      await who.getByLabel('公民身份号码').fill('341502194501010011');
      await expect(who.getByLabel('同意方式').inputValue()).resolves.toBe('本人签字的代办委托书，存村服务站');
      for (const m of item!.materials.filter((x) => x.necessity === 'REQUIRED')) await upload(page, m.name);
      await page.getByRole('button', { name: '下一步：核对信息' }).click();
      await who.getByText('请填写正确的18位公民身份号码').waitFor();
      await who.getByText('须取得本人同意后才能代办').waitFor();
      // an empty phone is a decision: without a number, 没有手机 must be ticked
      await who.getByText('请填写手机号码，或勾选“没有手机”').waitFor();
      await who.getByRole('checkbox', { name: '没有手机（不发短信）' }).check();
      await who.getByLabel('公民身份号码').fill('341502194501010010');
      await who.getByRole('checkbox', { name: '已取得本人同意' }).check();
      await screenshot(page, 'apply-agent');
      await page.getByRole('button', { name: '下一步：核对信息' }).click();
      const review = page.getByRole('region', { name: '核对提交内容' });
      await review.getByText('341502194501010010').waitFor();
      await review.getByRole('button', { name: '确认提交' }).click();
      await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
      await statusLine(page).getByText('已提交').waitFor();
      await statusLine(page).getByText('代办').waitFor();
      const number = (await page.getByText(/^办件编号 \d+$/).textContent())!.replace('办件编号 ', '').trim();
      await page.getByRole('region', { name: '办件信息' }).getByText('王老汉').waitFor();

      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '代办记录' }).click();
      await page.getByRole('heading', { level: 1, name: '代办记录' }).waitFor();
      const row = await findRow(page, number);
      await row.getByText('王老汉').waitFor();
      await row.getByText('已提交').waitFor();
      expect(await seriousA11yViolations(page, 'agent records')).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('tracking: the number and lookup code of an accepted application show its status; a wrong code does not', async () => {
    const item = townshipItems.find((i) => i.onlineCapable && !i.exemption && i.materials.length > 0);
    const citizen = await apiLogin('citizen');
    const clerk = await apiLogin('town.clerk');
    const a = await submitApi(citizen, item!, places.township.id);
    await gql(`mutation($id: ID!) { acceptApplication(id: $id) { id } }`, { id: a.id }, clerk);
    const d = await gql<{ application: { receipt: { lookupCode: string } } }>(`query($id: ID!) { application(id: $id) { receipt { lookupCode } } }`, { id: a.id }, citizen);
    const code = d.application.receipt.lookupCode;
    // the same shape (10 characters from the code alphabet), one character off
    const wrong = code.slice(0, -1) + (code.endsWith('2') ? '3' : '2');

    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      // a visitor reading the guide is offered to log in and apply there
      await page.goto(`/items/${item!.id}?at=${places.township.id}`);
      await page.getByRole('link', { name: '登录后申办' }).click();
      await page.waitForURL('**/login');
      await page.goto('/');
      await page.getByRole('link', { name: '办件查询' }).click();
      await page.getByRole('heading', { level: 1, name: '办件查询' }).waitFor();
      await page.getByLabel('办件编号').fill(a.number);
      await page.getByLabel('查询码').fill(code);
      await page.getByRole('button', { name: '查询' }).click();
      const result = page.getByRole('region', { name: item!.name });
      await result.locator('.app-status').getByText('已受理').waitFor();
      await result.getByText(a.number).waitFor();
      // nobody's name or ID number on the public page
      await expect(result.textContent()).resolves.not.toContain('张秀英');
      await screenshot(page, 'track-desktop');
      expect(await seriousA11yViolations(page, 'tracking')).toEqual([]);

      await page.getByLabel('查询码').fill(wrong);
      await page.getByRole('button', { name: '查询' }).click();
      await page.getByText('未找到', { exact: true }).waitFor();

      // the QR code's address fills the form and shows the result at once
      await page.goto(`/track?number=${a.number}&code=${code}`);
      await expect(page.getByLabel('办件编号').inputValue()).resolves.toBe(a.number);
      await page.getByRole('region', { name: item!.name }).locator('.app-status').getByText('已受理').waitFor();
      await page.setViewportSize(PHONE);
      expect(await hasHorizontalScroll(page)).toBe(false);
    } finally {
      await context.close();
    }
  });

  test('a clerk on a stale page gets the server message; a repeat notice may cite only what was supplemented', async () => {
    const item = townshipItems.find((i) => i.onlineCapable && !i.exemption && i.materials.length >= 2);
    const citizen = await apiLogin('citizen');
    const clerkToken = await apiLogin('town.clerk');
    const stale = await submitApi(citizen, item!, places.township.id);
    const noticed = await submitApi(citizen, item!, places.township.id);
    const [m1, m2] = item!.materials;
    await gql(`mutation($id: ID!, $input: NotifyDeficiencyInput!) { notifyDeficiency(id: $id, input: $input) { id } }`, {
      id: noticed.id,
      input: { items: [{ material: m1.name, problem: '缺少' }] },
    }, clerkToken);
    await gql(`mutation($id: ID!, $input: SupplementInput!) { supplementApplication(id: $id, input: $input) { id } }`, {
      id: noticed.id,
      input: { materials: [{ requirement: m1.name, fileIds: [await uploadApi(citizen, '补.pdf')] }] },
    }, citizen);

    const context = await loggedIn(browser, 'town.clerk');
    try {
      const page = await context.newPage();
      await page.goto(`/applications/${stale.id}`);
      await page.getByRole('button', { name: '受理', exact: true }).waitFor();
      // another clerk accepts meanwhile
      await gql(`mutation($id: ID!) { acceptApplication(id: $id) { id } }`, { id: stale.id }, await apiLogin('jinan.clerk'));
      await page.getByRole('button', { name: '受理', exact: true }).click();
      await page.getByRole('dialog', { name: '受理申请' }).getByRole('button', { name: '受理', exact: true }).click();
      await page.getByText('办件现为“已受理”，可能已由其他工作人员处理，不能进行此操作。页面已刷新。').waitFor();
      await statusLine(page).getByText('已受理').waitFor();
      await page.getByRole('button', { name: '办结' }).waitFor();

      await page.goto(`/applications/${noticed.id}`);
      await page.getByRole('button', { name: '一次性告知补正' }).click();
      const dialog = page.getByRole('dialog', { name: '一次性告知补正材料' });
      await dialog.getByText(`再次告知只能针对本次补正的材料：${m1.name}`).waitFor();
      await dialog.getByRole('checkbox', { name: m2.name }).check();
      await dialog.getByLabel(`${m2.name}存在的问题`).fill('已过期');
      await dialog.getByRole('button', { name: '出具告知书' }).click();
      await dialog.getByText(`不能再次告知：${m2.name} 在上次补正中没有更换`).waitFor();
      await expect(statusLine(page).textContent()).resolves.toContain('已提交');
    } finally {
      await context.close();
    }
  });
});
