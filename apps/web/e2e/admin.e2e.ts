/**
 * A county directory administrator (jinan.admin, 金安区): creates, publishes and re-publishes an item that citizens
 * of a township then find under its new name; two editors of one item get a clear conflict instead of a lost
 * update; a township centre's facilities decide whether it counts as standardised.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { apiLogin, demoPlaces, describeBrowser, gql, launchBrowser, loggedInContext, newContext, PHONE, screenshot, takeWebErrors, townshipItemContent, type Place } from './browser';

jest.setTimeout(90_000);

const ADMIN = 'jinan.admin';

function uniqueCode(): string {
  return `E2E-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
}

/** A context already logged in as the administrator. */
const adminContext = (browser: Browser, viewport?: { width: number; height: number }): Promise<BrowserContext> => loggedInContext(browser, ADMIN, viewport);

/** A minimal valid TOWNSHIP item in 金安区's directory, created through the API. */
async function createItem(token: string, countyId: string, code: string, name: string): Promise<{ id: string; version: number }> {
  const d = await gql<{ createServiceItem: { id: string; version: number } }>(
    `mutation($input: CreateServiceItemInput!) { createServiceItem(input: $input) { id version } }`,
    { input: { ownerId: countyId, code, ...townshipItemContent(name, ['居民身份证']) } },
    token,
  );
  return d.createServiceItem;
}

describeBrowser('directory administration', () => {
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

  test('create, publish, rename and re-publish an item; a citizen of a township finds it under the new name', async () => {
    const code = uniqueCode();
    const firstName = `E2E测试事项 ${code}`;
    const newName = `E2E改名事项 ${code}`;
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      // the admin page sends an anonymous visitor to the login page and back
      await page.goto('/admin/items');
      await page.waitForURL('**/login');
      await page.getByLabel('用户名或手机号').fill(ADMIN);
      await page.getByLabel('密码').fill('wrong-password');
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
      await page.getByLabel('密码').fill('weimin-demo');
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL('**/admin/items');
      await page.getByText('当前用户：金安区事项管理员').waitFor();
      await page.getByRole('heading', { level: 1, name: '事项管理' }).waitFor();

      await page.getByRole('button', { name: '新建事项' }).click();
      await page.waitForURL('**/admin/items/new');
      await page.getByLabel('事项编码').fill(code);
      await page.getByLabel('事项名称').fill(firstName);
      await page.getByLabel('事项类型').selectOption({ label: '公共服务' });
      await page.getByLabel('事项分类').selectOption({ label: '民政服务' });
      await page.getByLabel('办理层级').selectOption({ label: '乡镇(街道)' });
      await page.getByLabel('实施部门').fill('乡镇民政办');
      await page.getByLabel('办理依据').fill('《示例条例》第一条');
      await page.getByLabel('办理条件').fill('本乡镇户籍居民');
      await page.getByRole('button', { name: '添加材料' }).click();
      await page.getByLabel('材料名称').fill('居民身份证');
      await page.getByLabel('步骤名称').fill('受理');
      await page.getByLabel('承诺办结时限（天）').fill('5');
      await page.getByLabel('咨询电话').fill('请拨打热线');
      await page.getByLabel('监督电话').fill('12345');
      await page.getByLabel('办理地点').fill('乡镇为民服务中心');
      await page.getByLabel('办理时间').fill('工作日');
      await screenshot(page, 'editor-desktop');
      // the server refuses the phone number: the message is shown and the field itself is marked
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: '提交的内容有误' }).waitFor();
      const phone = await page.getByLabel('咨询电话').elementHandle();
      await page.waitForFunction((el) => el?.getAttribute('aria-invalid') === 'true', phone);
      await page.getByLabel('咨询电话').fill('0564-3370000');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.waitForURL(/\/admin\/items\/[0-9a-f-]+\/edit$/);
      await page.getByText('状态：草稿').waitFor();

      // publish from the list
      await page.getByRole('link', { name: '返回事项列表' }).click();
      await page.getByLabel('搜索').fill(code);
      await page.getByRole('button', { name: '搜索', exact: true }).click();
      const row = page.getByRole('row').filter({ hasText: code });
      await row.getByText('草稿').waitFor();
      await row.getByRole('button', { name: `发布 ${firstName}` }).click();
      await page.getByText(`已发布「${firstName}」第 1 版。`).waitFor();
      await row.getByText('已发布').waitFor();
      await screenshot(page, 'admin-list');

      // rename and publish again from the editor
      await row.getByRole('link', { name: `编辑 ${firstName}` }).click();
      await page.getByLabel('事项名称').fill(newName);
      await page.getByRole('button', { name: '保存并发布' }).click();
      await page.getByText('已发布第 2 版，群众现在可以看到。').waitFor();
      // the editor says what is live now: the new version, nothing unpublished
      const status = page.locator('.editor-status');
      await status.getByText('第 2 版').waitFor();
      await status.getByText('状态：已发布').waitFor();
      await expect(status.getByText('有未发布的修改').count()).resolves.toBe(0);
    } finally {
      await context.close();
    }

    const citizen = await newContext(browser);
    try {
      const page = await citizen.newPage();
      await page.goto(`/place/${places.township.id}`);
      await page.getByLabel('搜索事项').fill(code);
      await page.getByRole('button', { name: '搜索', exact: true }).click();
      await page.getByRole('link', { name: newName, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: `${newName} 办事指南` }).waitFor();
      await page.getByText('第 2 版').waitFor();
      await expect(page.getByText(firstName).count()).resolves.toBe(0);
    } finally {
      await citizen.close();
    }

    // withdrawn with a reason, it leaves the public catalogue
    const admin = await adminContext(browser);
    try {
      const page = await admin.newPage();
      await page.goto('/admin/items');
      await page.getByLabel('搜索').fill(code);
      await page.getByRole('button', { name: '搜索', exact: true }).click();
      const row = page.getByRole('row').filter({ hasText: code });
      await row.getByRole('button', { name: `撤回 ${newName}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('撤回原因').fill('E2E 测试结束');
      await dialog.getByRole('button', { name: '撤回' }).click();
      await row.getByText('已撤回').waitFor({ timeout: 30_000 });
      const left = await gql<{ serviceItems: { totalCount: number } }>(
        `query($p: ID!, $s: String) { serviceItems(filter: { availableAt: $p, search: $s }) { totalCount } }`,
        { p: places.township.id, s: code },
      );
      expect(left.serviceItems.totalCount).toBe(0);
    } finally {
      await admin.close();
    }
  });

  test('two administrators edit the same item: the second save gets the conflict message, and reload recovers', async () => {
    const token = await apiLogin(ADMIN);
    const code = uniqueCode();
    const item = await createItem(token, places.county.id, code, `E2E冲突事项 ${code}`);
    const first = await adminContext(browser);
    const second = await adminContext(browser);
    try {
      const a = await first.newPage();
      const b = await second.newPage();
      for (const p of [a, b]) {
        await p.goto(`/admin/items/${item.id}/edit`);
        await p.getByLabel('事项名称').waitFor();
      }
      await a.getByLabel('事项名称').fill(`E2E甲的修改 ${code}`);
      await a.getByRole('button', { name: '保存', exact: true }).click();
      await a.getByText(/已保存/).waitFor();

      await b.getByLabel('办理条件').fill('乙的修改');
      await b.getByRole('button', { name: '保存', exact: true }).click();
      const alert = b.getByRole('alert').filter({ hasText: '此事项已被他人修改' });
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toMatch(/您编辑的是第 \d+ 版，当前为第 \d+ 版）。请重新加载后再修改。/);

      await alert.getByRole('button', { name: '重新加载' }).click();
      await alert.waitFor({ state: 'detached' });
      await expect(b.getByLabel('事项名称').inputValue()).resolves.toBe(`E2E甲的修改 ${code}`);
      // after reloading, the second editor's save goes through
      await b.getByLabel('办理条件').fill('乙的修改');
      await b.getByRole('button', { name: '保存', exact: true }).click();
      await b.getByText(/已保存/).waitFor();
    } finally {
      await first.close();
      await second.close();
    }
  });

  test('a township centre missing one of the ten facilities is not standardised', async () => {
    const d = await gql<{ jurisdictions: { nodes: Array<{ id: string; name: string; serviceCenter: { name: string; standardized: boolean } | null }> } }>(
      `query($p: ID!) { jurisdictions(parentId: $p, first: 100) { nodes { id name serviceCenter { name standardized } } } }`,
      { p: places.county.id },
    );
    // the first standardised township: the server suites edit the last ones
    const township = d.jurisdictions.nodes.filter((n) => n.serviceCenter?.standardized).find(() => true);
    expect(township).toBeDefined();

    const context = await adminContext(browser);
    try {
      const page = await context.newPage();
      await page.goto('/admin/centers');
      await page.getByRole('heading', { level: 1, name: '服务中心管理' }).waitFor();
      await page.getByLabel('乡镇(街道)').selectOption({ label: township!.name });
      await page.getByRole('heading', { level: 2, name: township!.serviceCenter!.name }).waitFor();
      await page.getByText('规范化建设：达标').waitFor();

      await screenshot(page, 'centers');
      // a hall area that is not a number is refused on its field, and nothing is saved
      const hall = page.getByLabel('大厅面积（平方米）');
      const before = await hall.inputValue();
      const windows = await page.getByLabel('服务窗口数').inputValue();
      await hall.fill('abc大约300');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('请填写数字（只能包含数字和小数点）').waitFor();
      await expect(page.getByText('已保存').count()).resolves.toBe(0);
      await page.getByLabel('服务窗口数').fill('2.5');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('请填写整数').waitFor();
      await hall.fill(before);
      await page.getByLabel('服务窗口数').fill(windows);
      await page.getByRole('checkbox', { name: '便民设施' }).uncheck();
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('规范化建设：未达标').waitFor();

      await page.getByRole('checkbox', { name: '便民设施' }).check();
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('规范化建设：达标').waitFor();
    } finally {
      await context.close();
    }
  });

  test('the directory exported to Excel imports back unchanged; a broken file lists its problems', async () => {
    const context = await adminContext(browser);
    try {
      const page = await context.newPage();
      await page.goto('/admin/items');
      const exportLink = page.getByRole('link', { name: '导出 Excel' });
      const href = await exportLink.getAttribute('href');
      expect(href).toBe(`/api/directories/${places.county.id}/export.xlsx`);
      const res = await context.request.get(href!);
      expect(res.status()).toBe(200);
      const workbook = await res.body();

      const upload = async (name: string, buffer: Buffer) => {
        const chooser = page.waitForEvent('filechooser');
        await page.getByRole('button', { name: '导入 Excel' }).click();
        await (await chooser).setFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
      };
      await upload('jinan.xlsx', workbook);
      await page.getByText(/导入完成：新增 0 项/).waitFor();

      await upload('broken.xlsx', Buffer.from('this is not a workbook'));
      const alert = page.getByRole('alert').filter({ hasText: '导入失败' });
      await alert.waitFor();
      await alert.getByRole('table').waitFor();
    } finally {
      await context.close();
    }
  });

  test("edits an item's handling chain: the server's chain rules are told per stage, and the guide shows the published chain", async () => {
    const token = await apiLogin(ADMIN);
    const code = uniqueCode();
    const name = `E2E链条事项 ${code}`;
    const item = await createItem(token, places.county.id, code, name);
    const context = await adminContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`/admin/items/${item.id}/edit`);
      await page.getByRole('heading', { level: 2, name: '办理链条（四级联动）' }).waitFor();
      await page.getByText('未设置链条').waitFor();
      await page.getByLabel('本事项跨层级办理（设置办理链条）').check();
      // Starts from what the item does today: acceptance and decision at the township.
      const stage = (n: number) => page.locator('fieldset').filter({ has: page.locator('legend', { hasText: `第 ${n} 环节` }) });
      await expect(stage(1).getByLabel('环节名称').inputValue()).resolves.toBe('窗口受理');
      await expect(stage(2).getByLabel('环节类型').inputValue()).resolves.toBe('DECIDE');
      // A review before the decision, longer than the promise allows.
      await page.getByRole('button', { name: '增加环节' }).click();
      await stage(2).getByLabel('环节名称').fill('乡镇入户核查');
      await stage(2).getByLabel('时限').fill('10');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: '受理后各环节合计 15 个工作日，超过承诺时限 5 个工作日' }).first().waitFor();
      // A public notice in working days is refused on its own field.
      await stage(2).getByLabel('时限').fill('2');
      await stage(3).getByLabel('时限').fill('3');
      await page.getByRole('button', { name: '增加环节' }).click();
      await stage(3).getByLabel('环节类型').selectOption('PUBLIC_NOTICE');
      await expect(stage(3).getByLabel('单位').inputValue()).resolves.toBe('CALENDAR_DAYS');
      await stage(3).getByLabel('单位').selectOption('WORKING_DAYS');
      await stage(3).getByLabel('环节层级').selectOption({ label: '村(社区)' });
      await stage(3).getByLabel('环节名称').fill('村级公示');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('第 3 环节：公示期按自然日计算').first().waitFor();
      await stage(3).getByLabel('单位').selectOption('CALENDAR_DAYS');
      // The village station collects first: added last, moved to the top.
      await page.getByRole('button', { name: '增加环节' }).click();
      await stage(4).getByLabel('环节类型').selectOption('COLLECT');
      await stage(4).getByLabel('环节层级').selectOption({ label: '村(社区)' });
      await stage(4).getByLabel('环节名称').fill('村代办员收件');
      await stage(4).getByLabel('时限').fill('2');
      for (const n of [4, 3, 2]) await page.getByRole('button', { name: `上移第 ${n} 环节` }).click();
      await expect(stage(1).getByLabel('环节名称').inputValue()).resolves.toBe('村代办员收件');
      await screenshot(page, 'editor-chain');
      await page.getByRole('button', { name: '保存并发布' }).click();
      await page.getByText('已发布第 1 版，群众现在可以看到。').waitFor();
    } finally {
      await context.close();
    }
    const citizen = await newContext(browser);
    try {
      const page = await citizen.newPage();
      await page.goto(`/items/${item.id}`);
      const line = page.getByRole('list', { name: '四级联动办理环节' });
      await line.waitFor();
      await expect(line.locator('.chain-name').allTextContents()).resolves.toEqual(['村代办员收件', '窗口受理', '乡镇入户核查', '村级公示', '审批办结']);
    } finally {
      await citizen.close();
    }
  });

  test('the editor fits a 375px phone', async () => {
    const context = await adminContext(browser, PHONE);
    try {
      const page = await context.newPage();
      await page.goto('/admin/items/new');
      await page.getByLabel('事项名称').waitFor();
      await screenshot(page, 'editor-375');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
      expect(overflow).toBe(false);
    } finally {
      await context.close();
    }
  });
});
