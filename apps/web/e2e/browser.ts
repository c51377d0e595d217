/**
 * Shared set-up of the browser suites: Debian's Chromium through playwright-core (never a downloaded browser),
 * the server started by test/global-setup.mjs (WEIMIN_URL), a small GraphQL client for arranging data and an
 * axe-core audit.
 */
import * as fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);

if (!hasChromium) {
  if (process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: install Debian's chromium package (the browser suites must run in CI)`);
  console.warn(
    `\n\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n` +
      `!! Chromium not found at ${CHROMIUM}: the BROWSER TESTS ARE SKIPPED.\n` +
      `!! Install it with: apt-get install chromium fonts-noto-cjk\n` +
      `!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`,
  );
}

/** `describe` when a browser is available, `describe.skip` otherwise (outside CI). */
export const describeBrowser: jest.Describe = hasChromium ? describe : describe.skip;

export function baseUrl(): string {
  const url = process.env.WEIMIN_URL;
  if (!url) throw new Error('WEIMIN_URL is not set: run the browser suites through jest (test/global-setup.mjs starts the server)');
  return url;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 740 };

const webErrors: string[] = [];

/** Uncaught exceptions and console errors of the app since the last call (each suite asserts there are none). */
export function takeWebErrors(): string[] {
  return webErrors.splice(0);
}

/** A fresh context (own cookies and localStorage) with the app's base URL. */
export async function newContext(browser: Browser, viewport = DESKTOP): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport, locale: 'zh-CN' });
  context.setDefaultTimeout(10_000);
  context.on('weberror', (e) => webErrors.push(`uncaught: ${e.error().message}`));
  context.on('console', (m) => {
    if (m.type() === 'error') webErrors.push(`console: ${m.text()}`);
  });
  return context;
}

/** GraphQL over HTTP for arranging and finding test data (anonymous unless a session token is given). */
export async function gql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await fetch(`${baseUrl()}/graphql`, {
    method: 'POST',
    // no keep-alive: an idle pooled socket would keep jest from exiting promptly
    headers: { 'content-type': 'application/json', connection: 'close', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data as T;
}

export interface Place {
  id: string;
  name: string;
  level: string;
}

export async function childrenOf(parentId: string): Promise<Place[]> {
  const d = await gql<{ jurisdictions: { nodes: Place[] } }>(
    `query($p: ID!) { jurisdictions(parentId: $p, first: 100) { nodes { id name level } } }`,
    { p: parentId },
  );
  return d.jurisdictions.nodes;
}

/** 六安市, 金安区, its first township and that township's first village (ordered by code, as the UI lists them). */
export async function demoPlaces(): Promise<{ city: Place; county: Place; township: Place; village: Place }> {
  const d = await gql<{ jurisdictions: { nodes: Place[] } }>(`{ jurisdictions(level: CITY, first: 100) { nodes { id name level } } }`);
  const city = d.jurisdictions.nodes.find((n) => n.name === '六安市');
  if (!city) throw new Error('the demo data has no 六安市');
  const county = (await childrenOf(city.id)).find((n) => n.name === '金安区');
  if (!county) throw new Error('the demo data has no 金安区');
  const [township] = await childrenOf(county.id);
  const [village] = await childrenOf(township.id);
  return { city, county, township, village };
}

/** A demo account's session token, through the API. */
export async function apiLogin(login: string): Promise<string> {
  const d = await gql<{ login: { token: string } }>(`mutation($l: String!) { login(login: $l, password: "weimin-demo") { token } }`, { l: login });
  return d.login.token;
}

/** A fresh context already logged in (the session cookie the login page would have set). */
export async function loggedInContext(browser: Browser, login: string, viewport?: { width: number; height: number }): Promise<BrowserContext> {
  const context = await newContext(browser, viewport);
  await context.addCookies([{ name: 'weimin_session', value: await apiLogin(login), url: baseUrl() }]);
  return context;
}

/** The content of a minimal valid TOWNSHIP item of a county directory; each material an original on paper, required. */
export function townshipItemContent(name: string, materials: string[], conditions = '本乡镇户籍居民') {
  return {
    name,
    type: 'PUBLIC_SERVICE',
    category: 'CIVIL_AFFAIRS',
    handlingLevel: 'TOWNSHIP',
    handlingDepartment: '乡镇民政办',
    legalBasis: '《示例条例》',
    conditions,
    serviceObject: 'PERSON',
    materials: materials.map((m) => ({ name: m, form: 'ORIGINAL', medium: 'PAPER', copies: 1, necessity: 'REQUIRED' })),
    procedure: [{ title: '受理' }],
    promisedLimit: 5,
    promisedUnit: 'WORKING_DAYS',
    handlingKind: 'PROMISED',
    fee: { free: true, items: [] },
    visitsRequired: 1,
    onlineCapable: false,
    consultationPhone: '0564-3370000',
    supervisionPhone: '12345',
    location: '乡镇为民服务中心',
    officeHours: '工作日',
    faq: [],
  };
}

/** Logs in through the login page; the session cookie then lives in the page's context. */
export async function loginThroughUi(page: Page, login: string, password = 'weimin-demo'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名或手机号').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  // the bell shows for every signed-in user at every width (the logout button may be folded behind 菜单)
  await page.locator('.bell-link').waitFor();
}

/** The main navigation; on a phone it folds behind 菜单, which this opens first. */
export async function mainNav(page: Page) {
  const menu = page.getByRole('button', { name: /^(菜单|Menu)$/ });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  return page.getByRole('navigation', { name: /^(主导航|Main navigation)$/ });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown; failureSummary?: string }>;
}

let axeScript: string | null = null;
function axeSource(): string {
  axeScript ??= fs.readFileSync(require.resolve('axe-core'), 'utf8');
  return axeScript;
}

/** Runs axe-core in the page and returns the serious and critical violations (printed when there are any). */
export async function seriousA11yViolations(page: Page, label: string): Promise<AxeViolation[]> {
  // Let finite animations end first: a message still fading in has a mid-fade text colour, which axe measured
  // as too little contrast (#8b8b8b on white, 3.4:1). Spinners (infinite) are not waited for; at most 2 s.
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]),
  );
  // Evaluated rather than added as a <script>: the server's CSP (script-src 'self') stays in force for the app.
  await page.evaluate(axeSource());
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx?: unknown, opts?: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  if (process.env.WEIMIN_AXE_ALL) {
    console.log(`all axe violations on ${label}: ${result.violations.map((v) => `${v.impact}:${v.id}(${v.nodes.length})`).join(', ') || 'none'}`);
  }
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    console.log(
      `axe violations on ${label}:\n` +
        bad
          .map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`)
          .join('\n'),
    );
  }
  return bad;
}

/** True when the page is wider than the viewport (horizontal scrolling on a phone). */
export function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.WEIMIN_SCREENSHOTS) await page.screenshot({ path: `/tmp/weimin-${name}.png`, fullPage: true });
}
