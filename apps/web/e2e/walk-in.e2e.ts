/**
 * 窗口代录 end to end: the demo township clerk logs in → 窗口代录 from the menu → the centre is preselected → searches
 * and picks a township item → records a person without a phone (没有手机), one material as a paper original and
 * the others uploaded → submits → sees the number and the lookup code → accepts on the spot → the receipt shows
 * the person, 无手机 and the materials → tracking by number and lookup code shows it accepted.
 */
import type { Browser } from 'playwright-core';
import { demoPlaces, describeBrowser, gql, launchBrowser, loginThroughUi, mainNav, newContext, seriousA11yViolations, takeWebErrors, DESKTOP, type Place } from './browser';

jest.setTimeout(180_000);

let seq = 0;
function pdf(): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% walk-in ${Date.now()} ${++seq}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

/** A valid resident ID number (GB 11643 check digit). */
function idNumber(birth: string, n: number): string {
  const body = `341502${birth}${String(n).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

interface Item {
  id: string;
  name: string;
  handlingChain: Array<{ kind: string; level: string }>;
  materials: Array<{ name: string; necessity: string }>;
}

describeBrowser('窗口代录 (walk-in at the township window)', () => {
  let browser: Browser;
  let township: Place;
  let item: Item;

  beforeAll(async () => {
    browser = await launchBrowser();
    township = (await demoPlaces()).township;
    const d = await gql<{ serviceItems: { nodes: Item[] } }>(
      `query($p: ID!) { serviceItems(filter: { availableAt: $p }, first: 100) { nodes { id name handlingChain { kind level } materials { name necessity } } } }`,
      { p: township.id },
    );
    // accepted at the township window itself, with at least two required materials (one on paper, one scanned)
    item = d.serviceItems.nodes.find(
      (i) => i.handlingChain.some((s) => s.kind === 'ACCEPT' && s.level === 'TOWNSHIP') && i.materials.filter((m) => m.necessity === 'REQUIRED').length >= 2,
    ) as Item;
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('records a person without a phone, accepts on the spot, prints the receipt, and tracking shows it accepted', async () => {
    expect(item).toBeDefined();
    const required = item.materials.filter((m) => m.necessity === 'REQUIRED').map((m) => m.name);
    const [paper, ...scanned] = required;
    const person = { name: '孙桂兰', id: idNumber('19420915', 7) };
    const context = await newContext(browser, DESKTOP);
    const anonymous = await newContext(browser, DESKTOP);
    try {
      const page = await context.newPage();
      await loginThroughUi(page, 'town.clerk');
      await (await mainNav(page)).getByRole('link', { name: '窗口代录' }).click();
      await page.getByRole('heading', { level: 1, name: '窗口代录' }).waitFor();
      // one centre in the clerk's scope: preselected
      await page.getByText(/^服务中心：.+/).waitFor();

      const picker = page.getByRole('region', { name: '选择事项', exact: true });
      await picker.getByLabel('搜索事项名称或编码').fill(item.name);
      await picker.getByRole('button', { name: '搜索' }).click();
      await picker.getByRole('button', { name: `选择：${item.name}`, exact: true }).click();
      await page.getByRole('heading', { level: 2, name: `窗口代录：${item.name}` }).waitFor();

      const who = page.getByRole('region', { name: '申请人', exact: true });
      await who.getByLabel('申请人姓名').fill(person.name);
      await who.getByLabel('公民身份号码').fill(person.id);
      await expect(who.getByLabel('同意方式').inputValue()).resolves.toBe('本人到窗口当面申请，签字确认');
      // neither a phone nor 没有手机: refused before anything is sent
      await page.getByRole('button', { name: '下一步：核对信息' }).click();
      await who.getByText('请填写手机号码，或勾选“没有手机”').waitFor();
      await who.getByText('须经申请人本人当面确认').waitFor();
      await who.getByRole('checkbox', { name: '没有手机（不发短信）' }).check();
      await expect(who.getByLabel('手机号码').isDisabled()).resolves.toBe(true);
      await who.getByRole('checkbox', { name: '申请人已当面确认申请内容' }).check();

      // the required materials: the first as a paper original, the others scanned
      await page.getByLabel(`纸质原件已收：${paper}`, { exact: true }).check();
      for (const m of scanned) {
        await page.getByLabel(`选择文件：${m}`, { exact: true }).setInputFiles({ name: `${m}.pdf`, mimeType: 'application/pdf', buffer: pdf() });
        await page.getByRole('list', { name: `${m} 的文件` }).getByText('已上传').waitFor();
      }
      await page.getByRole('button', { name: '下一步：核对信息' }).click();
      const review = page.getByRole('region', { name: '核对提交内容' });
      await review.getByText(person.id).waitFor();
      await review.getByText('无手机', { exact: true }).waitFor();
      await review.getByText('纸质原件已收', { exact: true }).waitFor();
      expect(await seriousA11yViolations(page, 'walk-in review')).toEqual([]);
      await review.getByRole('button', { name: '确认提交' }).click();

      // the confirmation at the window: number and lookup code, no SMS
      const confirmation = page.getByRole('region', { name: '申请已提交' });
      await confirmation.waitFor();
      const number = (await confirmation.locator('.submitted-number').textContent())!.trim();
      const code = (await confirmation.locator('.submitted-code').textContent())!.trim();
      expect(number).toMatch(/^\d{14,}$/);
      expect(code).toMatch(/^[0-9A-Z]{6,}$/);
      await confirmation.getByText('申请人没有留手机号').waitFor();

      await page.getByRole('button', { name: '当场受理' }).click();
      await page.waitForURL('**/print/receipt');
      await page.getByRole('heading', { level: 1, name: '受理凭证' }).waitFor();
      const paperText = (await page.locator('main').textContent()) ?? '';
      expect(paperText).toContain(person.name);
      expect(paperText).toContain('无手机');
      expect(paperText).toContain(`${paper}（纸质原件）`);
      for (const m of scanned) expect(paperText).toContain(m);
      expect(paperText).toContain(number);
      expect(paperText).toContain(code);

      // anyone with the number and the lookup code sees it accepted
      const track = await anonymous.newPage();
      await track.goto(`/track?number=${number}&code=${code}`);
      await track.locator('.app-status').getByText('已受理').waitFor();
      expect(takeWebErrors()).toEqual([]);
    } finally {
      await Promise.all([context.close(), anonymous.close()]);
    }
  });
});
