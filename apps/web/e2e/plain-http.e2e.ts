/**
 * An intranet deployment over plain HTTP on a LAN hostname (a township office opening http://weimin.county.local):
 * the page renders, and no asset request is upgraded to https (the CSP has upgrade-insecure-requests only when
 * the site says it is served over HTTPS).
 */
import { chromium } from 'playwright-core';
import { CHROMIUM, baseUrl, describeBrowser } from './browser';

jest.setTimeout(60_000);

describeBrowser('plain HTTP on a LAN hostname', () => {
  it('renders the home page at http://weimin.county.local and keeps every request on http', async () => {
    const port = new URL(baseUrl()).port;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--host-resolver-rules=MAP weimin.county.local 127.0.0.1'],
    });
    try {
      const context = await browser.newContext({ locale: 'zh-CN' });
      const page = await context.newPage();
      const requests: string[] = [];
      const failed: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
      const res = await page.goto(`http://weimin.county.local:${port}/`);
      expect(res?.status()).toBe(200);
      expect(res?.headers()['content-security-policy']).not.toContain('upgrade-insecure-requests');
      // the SPA ran: its navigation is there
      await page.getByRole('link', { name: '办件查询' }).first().waitFor({ timeout: 15_000 });
      expect(requests.filter((u) => u.startsWith('https:'))).toEqual([]);
      expect(requests.some((u) => /\/assets\/.+\.js$/.test(u))).toBe(true);
      expect(failed).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
