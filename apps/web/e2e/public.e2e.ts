/**
 * A citizen without an account: chooses a place, reads the items and a guide (also on a 375px phone), sees an
 * exemption, switches language and the 长辈版; the public pages pass axe-core without serious violations.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  demoPlaces,
  describeBrowser,
  gql,
  hasHorizontalScroll,
  launchBrowser,
  newContext,
  PHONE,
  screenshot,
  takeWebErrors,
  seriousA11yViolations,
  type Place,
} from './browser';

jest.setTimeout(60_000);

interface ItemNode {
  id: string;
  name: string;
  exemption: { office: string; phone: string } | null;
}

async function itemsAt(placeId: string): Promise<ItemNode[]> {
  const d = await gql<{ serviceItems: { nodes: ItemNode[] } }>(
    `query($p: ID!) { serviceItems(filter: { availableAt: $p }, first: 100) { nodes { id name exemption { office phone } } } }`,
    { p: placeId },
  );
  return d.serviceItems.nodes;
}

/** The entries of the list of items at a place (a list named by its heading "可办事项"). */
function itemCards(page: Page) {
  return page.getByRole('list', { name: /可办事项|Services available here/ }).getByRole('listitem');
}

describeBrowser('public pages', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
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

  beforeEach(async () => {
    context = await newContext(browser);
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  test('a citizen picks city → county → township → village, sees the village items and opens a guide', async () => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: '选择您所在的地方' }).waitFor();
    // the heading is in the server's HTML; the page names itself in the title once the app runs
    await page.waitForFunction(() => document.title.includes('选择您所在的地方'));
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-CN');
    await screenshot(page, 'home-desktop');
    expect(await seriousA11yViolations(page, 'home')).toEqual([]);

    await page.getByLabel('市', { exact: true }).selectOption({ label: places.city.name });
    await page.getByLabel('县(区)').selectOption({ label: places.county.name });
    await page.getByLabel('乡镇(街道)').selectOption({ label: places.township.name });
    await page.getByLabel('村(社区)').selectOption({ label: places.village.name });
    await page.getByRole('button', { name: '查看可办事项' }).click();

    await page.waitForURL(`**/place/${places.village.id}`);
    await page.getByRole('heading', { level: 1, name: `${places.village.name} 可办事项` }).waitFor();
    // breadcrumb of the ancestors, centre card and the way up to the township's items
    const breadcrumb = page.getByRole('navigation', { name: '所在位置' });
    await expect(breadcrumb.getByRole('link', { name: places.township.name }).isVisible()).resolves.toBe(true);
    await expect(breadcrumb.getByRole('link', { name: places.county.name }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: `${places.township.name} · 乡镇事项` }).isVisible()).resolves.toBe(true);

    const villageItems = await itemsAt(places.village.id);
    expect(villageItems.length).toBeGreaterThan(0);
    const first = page.getByRole('link', { name: villageItems[0].name, exact: true });
    await first.waitFor();
    await expect(page.getByText('示例数据').first().isVisible()).resolves.toBe(true);
    await screenshot(page, 'place-desktop');
    expect(await seriousA11yViolations(page, 'items list')).toEqual([]);

    // the choice is remembered for the next visit
    await expect(page.evaluate(() => localStorage.getItem('weimin.place'))).resolves.toBe(places.village.id);

    await first.click();
    await page.getByRole('heading', { level: 1, name: `${villageItems[0].name} 办事指南` }).waitFor();
    await expect(page.title()).resolves.toContain(villageItems[0].name);
    await page.getByRole('heading', { level: 2, name: '申请材料' }).waitFor();
    await page.getByRole('columnheader', { name: '材料名称' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '办理流程' }).waitFor();
    await expect(page.getByRole('button', { name: '打印' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'guide-desktop');
    expect(await seriousA11yViolations(page, 'guide')).toEqual([]);

    // printed, the guide stands alone: no site header, navigation or buttons
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('banner').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: '打印' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('columnheader', { name: '材料名称' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'guide-print');
    await page.emulateMedia({ media: 'screen' });

    // the village lists only village items; "乡镇事项" leads to the township's list
    await page.goBack();
    await page.getByRole('link', { name: `${places.township.name} · 乡镇事项` }).click();
    await page.getByRole('heading', { level: 1, name: `${places.township.name} 可办事项` }).waitFor();
  });

  test('the guide of an exempted item shows where it is handled instead', async () => {
    let exempted = (await itemsAt(places.township.id)).find((i) => i.exemption);
    if (!exempted) exempted = (await itemsAt(places.county.id)).find((i) => i.exemption);
    expect(exempted).toBeDefined();
    await page.goto(`/items/${exempted!.id}`);
    const alert = page.getByRole('alert').filter({ hasText: '本事项暂不进驻服务中心' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain(exempted!.exemption!.office);
    await expect(alert.textContent()).resolves.toContain(exempted!.exemption!.phone);
    expect(await seriousA11yViolations(page, 'exempted guide')).toEqual([]);
  });

  test('search and category filter narrow the list; an unknown address shows the 404 page', async () => {
    const items = await itemsAt(places.township.id);
    const target = items[items.length - 1];
    await page.goto(`/place/${places.township.id}`);
    await page.getByLabel('搜索事项').fill(target.name);
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.waitForURL(/q=/);
    await page.getByRole('link', { name: target.name, exact: true }).waitFor();
    await expect(itemCards(page).count()).resolves.toBeLessThan(items.length);

    await page.goto(`/place/${places.township.id}`);
    await page.getByLabel('事项分类').selectOption({ label: '社会保险' });
    await page.waitForURL(/category=SOCIAL_INSURANCE/);
    await page.getByText(/共 \d+ 项/).waitFor();
    // The count can show before the filtered cards replace the list: wait for the cards themselves.
    await itemCards(page).first().waitFor();
    const texts = await itemCards(page).allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.length).toBeLessThan(items.length);
    for (const text of texts) expect(text).toContain('社会保险');

    await page.goto('/no/such/page');
    await page.getByRole('heading', { name: '页面不存在' }).waitFor();
    await expect(page.title()).resolves.toContain('页面不存在');
  });

  test('English and 长辈版: the switches change the language and enlarge the text, and are remembered', async () => {
    await page.goto(`/place/${places.township.id}`);
    const card = itemCards(page).first();
    await card.waitFor();
    const normalSize = await card.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

    await page.getByRole('switch', { name: '长辈版' }).click();
    const handle = await card.elementHandle();
    await page.waitForFunction(([el, n]) => parseFloat(getComputedStyle(el as Element).fontSize) >= (n as number) + 3, [handle, normalSize] as const);
    const bodySize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(bodySize).toBeGreaterThanOrEqual(20);

    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { level: 1, name: `Services in ${places.township.name}` }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await expect(page.getByRole('button', { name: 'Search', exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('switch', { name: 'Large text' }).isChecked()).resolves.toBe(true);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Services in ${places.township.name}` }).waitFor();
    await expect(page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).resolves.toBeGreaterThanOrEqual(20);
    await screenshot(page, 'place-elder-en');
    expect(await seriousA11yViolations(page, 'items list, English, large text')).toEqual([]);
  });

  test('at 375px the home page, the list and a guide fit the screen without horizontal scrolling', async () => {
    const phone = await newContext(browser, PHONE);
    try {
      const p = await phone.newPage();
      await p.goto('/');
      await p.getByRole('heading', { level: 1 }).waitFor();
      expect(await hasHorizontalScroll(p)).toBe(false);
      await screenshot(p, 'home-375');

      await p.goto(`/place/${places.township.id}`);
      await itemCards(p).first().waitFor();
      expect(await hasHorizontalScroll(p)).toBe(false);
      await screenshot(p, 'place-375');

      const items = await itemsAt(places.township.id);
      const withMaterials = items[0];
      await p.goto(`/items/${withMaterials.id}`);
      await p.getByRole('heading', { level: 2, name: '申请材料' }).waitFor();
      expect(await hasHorizontalScroll(p)).toBe(false);
      await screenshot(p, 'guide-375');
    } finally {
      await phone.close();
    }
  });
});
