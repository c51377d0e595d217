/**
 * Accounts and administration in the browser: a citizen registers with the SMS code (read from the server log,
 * which carries SMS texts in demo mode), forgets the password, resets it and logs in; the city administrator
 * creates a staff account whose one-time password must be changed at the first login; the audit log shows the
 * step with a before/after view; the settings page refuses bad figures on their fields. Every page: axe, 390 px.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, launchBrowser, loginThroughUi, mainNav, newContext, screenshot, seriousA11yViolations, takeWebErrors } from './browser';

jest.setTimeout(120_000);

const SERVER_LOG = path.resolve(__dirname, '..', '..', '..', '.test-data', 'server.log');
const NARROW = { width: 390, height: 844 };

function smsCount(phone: string): number {
  return fs.readFileSync(SERVER_LOG, 'utf8').split('\n').filter((l) => l.includes('demoSms') && l.includes(`"phone":"${phone}"`)).length;
}

/** The code of the newest SMS to this phone once there are more than `before` (demo mode logs the text). */
async function codeFromLog(phone: string, before: number): Promise<string> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const lines = fs.readFileSync(SERVER_LOG, 'utf8').split('\n').filter((l) => l.includes('demoSms') && l.includes(`"phone":"${phone}"`));
    if (lines.length > before) {
      const text = JSON.parse(lines[lines.length - 1]).demoSms.text as string;
      const m = /\d{6}/.exec(text);
      if (m) return m[0];
      throw new Error(`the SMS carries no code: ${text}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no SMS to ${phone} in the server log`);
}

function idNumber(): string {
  const body = `341502198${Math.floor(Math.random() * 10)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body + '10X98765432'[body.split('').reduce((s, d, i) => s + Number(d) * w[i], 0) % 11];
}

async function noOverflow(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1);
}

describeBrowser('accounts and administration', () => {
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

  test('a citizen registers with the SMS code, forgets the password, resets it and logs in (390 px)', async () => {
    const context = await newContext(browser, NARROW);
    try {
      const page = await context.newPage();
      const phone = `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
      await page.goto('/login');
      await page.getByRole('link', { name: '没有账号？注册' }).click();
      await page.getByRole('heading', { level: 1, name: '注册为民账号' }).waitFor();
      await page.getByLabel('姓名').fill('陈小梅');
      await page.getByLabel('手机号').fill(phone);
      // the check digit is checked as one types
      await page.getByLabel('身份证号').fill('341502199001011234');
      await page.getByText('身份证号不正确').first().waitFor();
      const id = idNumber();
      await page.getByLabel('身份证号').fill(id);
      await page.getByLabel('密码', { exact: true }).fill('password1');
      await page.getByText('这是常见密码，很容易被猜到，请换一个').waitFor();
      await page.getByLabel('密码', { exact: true }).fill('淮河-柳树-2026');
      const before = smsCount(phone);
      await page.getByRole('button', { name: '获取验证码' }).click();
      await page.getByRole('status').filter({ hasText: `短信已发送到 ${phone}` }).waitFor();
      expect(await seriousA11yViolations(page, 'register')).toEqual([]);
      expect(await noOverflow(page)).toBe(true);
      await screenshot(page, 'register');
      await page.getByLabel('短信验证码').fill(await codeFromLog(phone, before));
      await page.getByRole('button', { name: '注册并登录' }).click();
      await page.locator('.bell-link').waitFor();
      // at 390 px the navigation, and the logout button with it, folds behind 菜单
      await (await mainNav(page)).getByRole('button', { name: '退出登录' }).click();
      await page.getByRole('link', { name: '登录' }).first().waitFor();

      await page.goto('/login');
      await page.getByRole('link', { name: '忘记密码' }).click();
      await page.getByRole('heading', { level: 1, name: '找回密码' }).waitFor();
      await page.getByLabel('手机号').fill(phone);
      const before2 = smsCount(phone);
      await page.getByRole('button', { name: '获取验证码' }).click();
      await page.getByRole('status').filter({ hasText: `短信已发送到 ${phone}` }).waitFor();
      await page.getByLabel('短信验证码').fill('000000');
      await page.getByLabel('新密码').fill('淮河-新柳-2027');
      const code = await codeFromLog(phone, before2);
      if (code !== '000000') {
        await page.getByRole('button', { name: '设置新密码' }).click();
        await page.getByText(/验证码不正确，还可以再试 \d 次/).waitFor();
      }
      await page.getByLabel('短信验证码').fill(code);
      await page.getByRole('button', { name: '设置新密码' }).click();
      await page.getByRole('status').filter({ hasText: '新密码已设置' }).waitFor();
      expect(await seriousA11yViolations(page, 'forgot password')).toEqual([]);
      expect(await noOverflow(page)).toBe(true);
      await loginThroughUi(page, phone, '淮河-新柳-2027');

      await page.goto('/me/profile');
      await page.getByRole('heading', { level: 1, name: '个人信息' }).waitFor();
      await page.getByText(phone).first().waitFor();
      expect(await seriousA11yViolations(page, 'profile')).toEqual([]);
      expect(await noOverflow(page)).toBe(true);
    } finally {
      await context.close();
    }
  });

  test('the city administrator creates a staff account; its one-time password must be changed; the audit log shows it', async () => {
    const admin = await newContext(browser);
    const staff = await newContext(browser, NARROW);
    try {
      const page = await admin.newPage();
      await loginThroughUi(page, 'admin');
      await (await mainNav(page)).getByRole('link', { name: '用户管理' }).click();
      await page.getByRole('heading', { level: 1, name: '用户管理' }).waitFor();
      await page.getByRole('cell', { name: 'jinan.clerk' }).waitFor();
      expect(await seriousA11yViolations(page, 'users')).toEqual([]);

      // the list is narrowed to other accounts: the new one must open all the same
      await page.getByLabel('搜索姓名、登录名或手机号').fill('jinan');
      await page.keyboard.press('Enter');
      await page.getByRole('cell', { name: 'jinan.clerk' }).waitFor();

      const login = `e2e.${Date.now().toString(36)}`;
      await page.getByRole('button', { name: '新建账号' }).click();
      const dialog = page.getByRole('dialog', { name: '新建工作人员账号' });
      await dialog.getByLabel('姓名').fill('测试窗口');
      await dialog.getByLabel('登录名').fill('1bad');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.getByText('登录名须为 3–50 个字母').waitFor();
      await dialog.getByLabel('登录名').fill(login);
      await dialog.getByRole('button', { name: '保存' }).click();
      const created = page.getByRole('dialog').filter({ hasText: '账号已创建' });
      // creating the account hashes its one-time password (argon2): give a loaded machine time
      const password = (await created.getByTestId('temp-password').innerText({ timeout: 30_000 })).trim();
      expect(password).toMatch(/^\S{4}-\S{4}-\S{4}$/);
      await created.getByRole('button', { name: '关闭' }).click();
      // the closing dialog hands focus back when its animation ends; a list opened before that would close under the click
      await created.waitFor({ state: 'detached' });

      // add CLERK at 六安市 as a chip
      const drawer = page.getByRole('dialog').filter({ hasText: login });
      await drawer.getByRole('combobox', { name: '所属区划' }).click();
      await page.locator('.ant-select-dropdown:visible').getByText('六安市（341500000000）').click();
      await drawer.getByTitle('六安市（341500000000）').waitFor();
      await drawer.getByRole('button', { name: '添加角色' }).click();
      await drawer.getByText('窗口人员 · 六安市').waitFor();
      // the place list closes with an animation; audit the drawer once it is gone
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'detached' }).catch(() => undefined);
      await page.waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
      expect(await seriousA11yViolations(page, 'user drawer')).toEqual([]);
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });

      // the new account logs in: only the change-password screen, then the app
      const s = await staff.newPage();
      await s.goto('/login');
      await s.getByLabel('用户名或手机号').fill(login);
      await s.getByLabel('密码').fill(password);
      await s.getByRole('button', { name: '登录' }).click();
      await s.getByRole('heading', { level: 1, name: '请先修改临时密码' }).waitFor();
      await s.goto('/clerk/queue');
      await s.getByRole('heading', { level: 1, name: '请先修改临时密码' }).waitFor();
      expect(await seriousA11yViolations(s, 'forced change')).toEqual([]);
      expect(await noOverflow(s)).toBe(true);
      await s.getByLabel('当前密码').fill(password);
      await s.getByLabel('新密码', { exact: true }).fill(login);
      await s.getByText('密码不能包含登录名、手机号或身份证号').waitFor();
      await s.getByLabel('新密码', { exact: true }).fill('窗口-受理-六安-31');
      await s.getByLabel('再次输入新密码').fill('窗口-受理-六安-31');
      await s.getByRole('button', { name: '修改密码' }).click();
      // the new password set, the clerk lands on their work (and the folded menu closes with the move)
      await s.waitForURL((u) => !u.pathname.startsWith('/me/password'));
      await s.locator('.bell-link').waitFor();
      await (await mainNav(s)).getByRole('link', { name: '工作台' }).waitFor();

      // the audit log: the creation with its actor, and the before/after view
      await (await mainNav(page)).getByRole('link', { name: '审计日志' }).click();
      await page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor();
      await page.getByLabel('操作', { exact: true }).fill('createStaffUser');
      await page.getByRole('button', { name: '查询' }).click();
      const row = page.getByRole('row').filter({ hasText: 'createStaffUser' }).first();
      await row.getByText('系统管理员（admin）').waitFor();
      await row.getByRole('button').first().click();
      await page.getByRole('table', { name: '变更内容' }).getByRole('cell', { name: login }).waitFor();
      expect(await seriousA11yViolations(page, 'audit')).toEqual([]);
      await screenshot(page, 'audit');
    } finally {
      await admin.close();
      await staff.close();
    }
  });

  test('the settings page shows the targets and refuses bad figures on their fields (390 px)', async () => {
    const context = await newContext(browser, NARROW);
    try {
      const page = await context.newPage();
      await loginThroughUi(page, 'admin');
      await page.goto('/admin/settings');
      await page.getByRole('heading', { level: 1, name: '系统设置' }).waitFor();
      // The administrator's city is named; with one city there is nothing to pick.
      await page.getByText('以下为六安市的设置').waitFor();
      expect(await page.getByRole('combobox', { name: '城市' }).count()).toBe(0);
      const township = page.getByRole('group', { name: '乡镇（街道）级' });
      await expect(township.getByLabel('规范化率目标（%）').inputValue()).resolves.toBe('90');
      await township.getByLabel('建成率目标（%）').fill('150');
      await page.getByRole('button', { name: '保存' }).first().click();
      await township.getByText('请填写 0 到 100 之间的数').waitFor();
      await page.getByLabel('满意度').fill('50');
      await page.getByText('合计 110 分（须为 100 分）').waitFor();
      expect(await seriousA11yViolations(page, 'settings')).toEqual([]);
      expect(await noOverflow(page)).toBe(true);
      await screenshot(page, 'settings');
    } finally {
      await context.close();
    }
  });

  // The page's own check keeps the sum at 100; the weights are altered on their way so that the server's check
  // speaks: its problem (a key with the sum) is said in the reader's language, and nothing is saved.
  for (const [lang, heading, saved, said] of [
    ['zh-CN', '系统设置', '保存', '各项权重合计应为 100 分，现为 101 分'],
    ['en', 'Settings', 'Save', 'The weights must add up to 100 points, not 101'],
  ] as const) {
    test(`${lang}: the server's refusal of the assessment weights is said in the page's language`, async () => {
      const context = await newContext(browser, NARROW);
      try {
        const page = await context.newPage();
        await loginThroughUi(page, 'admin');
        await page.evaluate((l) => localStorage.setItem('weimin.lang', l), lang);
        await page.route('**/graphql', async (route) => {
          const body = route.request().postDataJSON() as { operationName?: string; variables?: { input?: { weights?: Record<string, number> } } } | null;
          if (body?.operationName !== 'UpdateAssessmentScheme' || !body.variables?.input?.weights) return route.continue();
          body.variables.input.weights.satisfaction += 1;
          return route.continue({ postData: JSON.stringify(body) });
        });
        await page.goto('/admin/settings');
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        const scheme = page.locator('form#assessment-scheme');
        const before = await scheme.locator('input').first().inputValue();
        await scheme.getByRole('button', { name: saved }).click();
        await page.getByRole('alert').filter({ hasText: said }).waitFor();
        await page.reload();
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        expect(await page.locator('form#assessment-scheme input').first().inputValue()).toBe(before);
      } finally {
        await context.close();
      }
    });
  }

  test('the administration pages in English at 390 px: users, audit log, settings, change password', async () => {
    const context = await newContext(browser, NARROW);
    try {
      const page = await context.newPage();
      await loginThroughUi(page, 'admin');
      await page.evaluate(() => localStorage.setItem('weimin.lang', 'en'));
      for (const [path, heading] of [['/admin/users', 'Users'], ['/admin/audit', 'Audit log'], ['/admin/settings', 'Settings'], ['/me/password', 'Change password'], ['/me/profile', 'Profile']] as const) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        expect(await seriousA11yViolations(page, `${path} in English`)).toEqual([]);
        expect([path, await noOverflow(page)]).toEqual([path, true]);
      }
      await page.goto('/admin/users');
      await page.getByRole('button', { name: /^Details/ }).first().click();
      await page.getByRole('button', { name: 'Add role' }).waitFor();
      expect(await noOverflow(page)).toBe(true);
    } finally {
      await context.close();
    }
  });
});
