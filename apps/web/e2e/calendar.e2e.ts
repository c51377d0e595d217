/**
 * The city's working-day calendar: the system administrator (admin, 六安市) sees that 2027 is not known to the
 * holiday package, enters 元旦 by hand and finds it marked 手工录入; a county administrator (jinan.admin) has no
 * link to the page and is told in words that saving is not theirs to do.
 */
import type { Browser } from 'playwright-core';
import { describeBrowser, launchBrowser, loginThroughUi, newContext, screenshot, seriousA11yViolations, takeWebErrors } from './browser';

jest.setTimeout(90_000);

describeBrowser('working-day calendar', () => {
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

  test('the city administrator enters a holiday of a year the holiday package does not know', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await loginThroughUi(page, 'admin');
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '工作日历' }).click();
      await page.getByRole('heading', { level: 1, name: '工作日历' }).waitFor();
      await page.getByLabel('年度').selectOption('2027');
      await page.getByRole('heading', { level: 2, name: '2027 年的特殊日期' }).waitFor();
      await page.getByRole('alert').filter({ hasText: '本年度节假日安排尚未录入，办理时限只按周末计算，请录入国务院办公厅公布的放假安排' }).waitFor();
      expect(await seriousA11yViolations(page, 'calendar')).toEqual([]);

      await page.getByLabel('日期').fill('2027-01-01');
      await page.getByRole('radio', { name: '放假' }).check();
      await page.getByLabel('名称（可选）').fill('元旦');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      const row = page.getByRole('row').filter({ hasText: '2027-01-01' });
      await row.getByText('元旦').waitFor();
      await row.getByText('手工录入').waitFor();
      await row.getByText('节假日').waitFor();
      await row.getByText('周五').waitFor();
      await screenshot(page, 'calendar');
      expect(await seriousA11yViolations(page, 'calendar after saving')).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('a county administrator has no link to the calendar and may not change it', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await loginThroughUi(page, 'jinan.admin');
      const nav = page.getByRole('navigation', { name: '主导航' });
      await nav.getByRole('link', { name: '服务中心管理' }).waitFor();
      await expect(nav.getByRole('link', { name: '工作日历' }).count()).resolves.toBe(0);

      await page.goto('/admin/calendar');
      await page.getByRole('heading', { level: 1, name: '工作日历' }).waitFor();
      await page.getByLabel('日期').fill('2027-05-06');
      await page.getByRole('radio', { name: '上班' }).check();
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: '没有权限：只有市级管理员才能维护工作日历。' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
