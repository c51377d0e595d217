/**
 * 四级联动 end to end, from a clean start: village.agent lodges 最低生活保障 for a villager at the village station and
 * prints the forwarding slip → the township clerk accepts, reviews and returns it once asking for one material →
 * the agent supplements only that → the township passes it → it is on the village public-notice board, masked →
 * the period ends (controllable clock) → the county clerk extends once and approves → the result is at the village →
 * the agent records the hand-over → tracking by number and lookup code shows every stage with dates.
 */
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, demoPlaces, describeBrowser, gql, launchBrowser, newContext, DESKTOP, seriousA11yViolations, type Place } from './browser';

jest.setTimeout(180_000);

async function apiLogin(login: string): Promise<string> {
  const d = await gql<{ login: { token: string } }>(`mutation($l: String!) { login(login: $l, password: "weimin-demo") { token } }`, { l: login });
  return d.login.token;
}

async function loggedIn(browser: Browser, login: string): Promise<BrowserContext> {
  const context = await newContext(browser, DESKTOP);
  await context.addCookies([{ name: 'weimin_session', value: await apiLogin(login), url: baseUrl() }]);
  return context;
}

let seq = 0;
function pdf(): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% linkage ${Date.now()} ${++seq}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

async function upload(scope: Page | ReturnType<Page['getByRole']>, material: string): Promise<void> {
  const name = `${material}.pdf`;
  await scope.getByLabel(`选择文件：${material}`, { exact: true }).setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf() });
  await scope.getByRole('list', { name: `${material} 的文件` }).getByRole('listitem').filter({ hasText: name }).getByText('已上传').waitFor();
}

const actions = (page: Page) => page.getByRole('region', { name: '可办理的操作' });
const statusLine = (page: Page) => page.locator('.app-header .app-status');
const stages = (page: Page) => page.getByRole('list', { name: '办理环节' });

/** Runs the public-notice job of the server in this process with its clock set to `day` (the server's clock is real). */
async function endNoticesOn(day: string, ids: string[]): Promise<number> {
  // The built server, loaded at run time (its decorators need reflect-metadata first).
  require('reflect-metadata');
  const dist = path.join(__dirname, '../../server/dist');
  const { createServices } = require(path.join(dist, 'services.js'));
  const { loadConfig } = require(path.join(dist, 'config.js'));
  const { createDataSource } = require(path.join(dist, 'db/data-source.js'));
  const ds = createDataSource(process.env.TEST_DATABASE_URL_RUN as string, 2);
  await ds.initialize();
  try {
    const services = createServices(ds, loadConfig(), { clock: { now: () => new Date(`${day}T04:00:00Z`) } });
    return await services.stageActions.runPublicNoticeEnds({ ids });
  } finally {
    await ds.destroy();
  }
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

describeBrowser('four-level linkage', () => {
  let browser: Browser;
  let places: { county: Place; township: Place; village: Place };
  let item: { id: string; name: string; materials: Array<{ name: string; necessity: string }> };

  beforeAll(async () => {
    browser = await launchBrowser();
    places = await demoPlaces();
    const d = await gql<{ serviceItems: { nodes: Array<typeof item> } }>(
      `query($p: ID!) { serviceItems(filter: { availableAt: $p, search: "最低生活保障" }, first: 10) { nodes { id name materials { name necessity } } } }`,
      { p: places.village.id },
    );
    item = d.serviceItems.nodes.find((n) => n.name === '最低生活保障审核确认')!;
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('village → township → village board → county → village, every stage with its dates', async () => {
    expect(item).toBeDefined();
    const required = item.materials.filter((m) => m.necessity === 'REQUIRED').map((m) => m.name);
    const agentCtx = await loggedIn(browser, 'village.agent');
    const townCtx = await loggedIn(browser, 'town.clerk');
    const countyCtx = await loggedIn(browser, 'jinan.clerk');
    const publicCtx = await newContext(browser, DESKTOP);
    try {
      // The agent at the village station: the guide shows the chain, the agent lodges for a villager.
      const agent = await agentCtx.newPage();
      await agent.goto(`/items/${item.id}?at=${places.village.id}`);
      const chain = agent.getByRole('list', { name: '四级联动办理环节' });
      await chain.getByText('村代办员收件').waitFor();
      await chain.getByText('县民政局审批确认').waitFor();
      await chain.getByText('时限 7日').waitFor();
      await agent.getByRole('link', { name: '在线申办' }).click();
      await agent.getByRole('heading', { level: 1, name: `代办申请：${item.name}` }).waitFor();
      const who = agent.getByRole('region', { name: '代办对象' });
      await who.getByLabel('村民姓名').fill('王秀兰');
      await who.getByLabel('公民身份号码').fill('341502194501010010');
      await who.getByLabel('手机号码').fill('13905649901');
      await who.getByRole('checkbox', { name: '已取得本人同意' }).check();
      for (const m of required) await upload(agent, m);
      await agent.getByRole('button', { name: '下一步：核对信息' }).click();
      await agent.getByRole('region', { name: '核对提交内容' }).getByRole('button', { name: '确认提交' }).click();
      await agent.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
      const appUrl = agent.url();
      const appPath = new URL(appUrl).pathname;
      const number = (await agent.getByText(/^办件编号 \d+$/).textContent())!.replace('办件编号 ', '').trim();
      await stages(agent).getByText('村代办员收件').waitFor();

      // The station forwards the papers and prints the forwarding slip (its receipt of lodging, with the QR code).
      await actions(agent).getByRole('button', { name: '转报', exact: true }).click();
      let dialog = agent.getByRole('dialog', { name: '转报下一环节' });
      await dialog.getByLabel('转报说明（选填）').fill('材料齐全');
      await dialog.getByRole('button', { name: '转报' }).click();
      await stages(agent).getByText('乡镇受理').waitFor();
      await agent.getByRole('link', { name: '转报单' }).click();
      await agent.getByRole('heading', { level: 1, name: '办件转报单' }).waitFor();
      await agent.getByRole('img', { name: '办件查询二维码' }).waitFor();
      await agent.getByText('乡镇受理').first().waitFor();

      // The township: its stage queue, accept, then the review returns it once asking for one material.
      const town = await townCtx.newPage();
      await town.goto('/clerk/stages');
      await town.getByRole('heading', { level: 1, name: '环节待办' }).waitFor();
      await town.getByLabel('搜索办件编号、申请人姓名、身份证号或手机号').fill(number);
      await town.getByRole('button', { name: '查询' }).click();
      await town.getByRole('link', { name: number }).click();
      await town.waitForURL(appUrl);
      await actions(town).getByRole('button', { name: '受理', exact: true }).click();
      dialog = town.getByRole('dialog', { name: '受理申请' });
      await dialog.getByRole('button', { name: '受理', exact: true }).click();
      await statusLine(town).getByText('已受理').waitFor();
      await stages(town).getByText('乡镇入户调查审核').waitFor();
      await actions(town).getByRole('button', { name: '退回补正材料' }).click();
      dialog = town.getByRole('dialog', { name: '退回补正材料' });
      await dialog.getByLabel('理由').fill('入户调查发现授权书缺家庭成员签字');
      await dialog.getByRole('checkbox', { name: required[1] }).check();
      await dialog.getByRole('button', { name: '退回补正材料' }).click();
      await statusLine(town).getByText('待补正').waitFor();

      // The agent supplements only what was asked; it goes back to the review.
      await agent.goto(appPath);
      await statusLine(agent).getByText('待补正').waitFor();
      await actions(agent).getByRole('button', { name: '补正材料' }).click();
      dialog = agent.getByRole('dialog', { name: '补正材料' });
      await upload(dialog, required[1]);
      await dialog.getByRole('button', { name: '提交补正' }).click();
      await statusLine(agent).getByText('已受理').waitFor();

      // The township passes it: on the village public-notice board, masked.
      await town.reload();
      await stages(town).getByText('乡镇入户调查审核').first().waitFor();
      await actions(town).getByRole('button', { name: '转报', exact: true }).click();
      dialog = town.getByRole('dialog', { name: '转报下一环节' });
      await dialog.getByRole('button', { name: '转报' }).click();
      await stages(town).getByText('村级公示').waitFor();
      const board = await publicCtx.newPage();
      await board.goto(`/place/${places.village.id}/notices`);
      const row = board.getByRole('row').filter({ hasText: '王**' }).filter({ hasText: item.name });
      await row.first().waitFor();
      expect(await board.getByText('341502194501010010').count()).toBe(0);
      expect(await seriousA11yViolations(board, 'public-notice board')).toEqual([]);

      // The period ends without objection (the job with its clock 8 days ahead).
      const applicationId = appPath.split('/').pop()!;
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      expect(await endNoticesOn(addDays(today, 8), [applicationId])).toBe(1);

      // The county extends once and approves.
      const county = await countyCtx.newPage();
      await county.goto(appPath);
      await stages(county).getByText('县民政局审批确认').waitFor();
      await actions(county).getByRole('button', { name: '延期' }).click();
      dialog = county.getByRole('dialog', { name: '延长办理期限' });
      await dialog.getByLabel('延长工作日数').fill('5');
      await dialog.getByLabel('理由').fill('需核查申请人家庭车辆登记信息');
      await dialog.getByRole('button', { name: '延期' }).click();
      await county.getByRole('link', { name: '延期通知书' }).waitFor();
      await expect(actions(county).getByRole('button', { name: '延期' }).count()).resolves.toBe(0);
      await actions(county).getByRole('button', { name: '办结' }).click();
      dialog = county.getByRole('dialog', { name: '办结' });
      await dialog.getByLabel('结果文书编号').fill('金民低保〔2026〕E2E号');
      await dialog.getByRole('button', { name: '办结' }).click();
      await statusLine(county).getByText('已办结').waitFor();
      await county.getByRole('link', { name: '延期通知书' }).click();
      await county.getByRole('heading', { level: 1, name: '延长办理期限通知书' }).waitFor();
      await county.getByText(/延长 5 个工作日/).waitFor();

      // The result is at the village: the agent's register lists it; the agent records the hand-over.
      await agent.goto('/agent/register');
      await agent.getByRole('button', { name: '待送达' }).click();
      await agent.getByRole('link', { name: number }).click();
      await agent.waitForURL(appUrl);
      await actions(agent).getByRole('button', { name: '送达' }).click();
      dialog = agent.getByRole('dialog', { name: '送达办理结果' });
      await dialog.getByRole('button', { name: '送达' }).click();
      await statusLine(agent).getByText('已送达').waitFor();

      // Tracking by number and lookup code: every stage with its dates.
      const code = (await agent.locator('.lookup-code').first().textContent())!.trim();
      const track = await publicCtx.newPage();
      await track.goto(`/track?number=${number}&code=${code}`);
      const line = stages(track);
      await line.getByText('结果送达').waitFor();
      const names = await line.locator('.stage-head strong').allTextContents();
      expect(names).toEqual(['村代办员收件', '乡镇受理', '乡镇入户调查审核', '乡镇受理', '乡镇入户调查审核', '村级公示', '县民政局审批确认', '结果送达']);
      expect(await line.getByText(/^完成：/).count()).toBe(8);
      expect(await seriousA11yViolations(track, 'tracking with stages')).toEqual([]);
    } finally {
      await Promise.all([agentCtx.close(), townCtx.close(), countyCtx.close(), publicCtx.close()]);
    }
  });
});
