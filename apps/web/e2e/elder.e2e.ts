/**
 * 长辈版 to the MIIT 适老化 rules, measured on a 390 × 844 phone on every page a visitor and the demo accounts
 * reach, in both modes:
 *  - 长辈版: every piece of visible text ≥ 18 px with line height ≥ 1.5; every interactive target ≥ 48 × 48 px and
 *    ≥ 8 px from its neighbours; the header ≤ 20 % of the screen height; the switch on the first screen of home.
 *  - normal: every piece of visible text ≥ 16 px; targets ≥ 24 × 24 px (WCAG 2.2 target size, minimum).
 * Violations are printed per page (selector, size, text) and fail the test.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, demoPlaces, describeBrowser, gql, launchBrowser, newContext } from './browser';

jest.setTimeout(480_000);

const PHONE_390 = { width: 390, height: 844 };

interface Rules {
  minText: number;
  minLineHeight: number;
  minTarget: number;
  minGap: number;
}

const ELDER: Rules = { minText: 18, minLineHeight: 1.5, minTarget: 48, minGap: 8 };
const NORMAL: Rules = { minText: 16, minLineHeight: 0, minTarget: 24, minGap: 0 };

interface Finding {
  kind: 'text' | 'line-height' | 'target' | 'spacing' | 'header';
  what: string;
}

/** Runs in the page: every visible text element and interactive target measured against the rules. */
function measure(rules: Rules): Finding[] {
  const out: Finding[] = [];
  const label = (el: Element) => {
    const id = el.id ? `#${el.id}` : '';
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : '';
    return `${el.tagName.toLowerCase()}${id}${cls} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
  };
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none' || Number(cs.opacity) === 0) return false;
    // visually hidden text (screen readers only)
    if (r.width <= 1 && r.height <= 1) return false;
    for (let p: Element | null = el; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.clip === 'rect(0px, 0px, 0px, 0px)' || p.getAttribute('aria-hidden') === 'true' && p.tagName.toLowerCase() === 'svg') return false;
    }
    return true;
  };

  // text: elements with their own non-blank text
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set<Element>();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || seen.has(el) || !(n.textContent ?? '').trim()) continue;
    seen.add(el);
    if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'OPTION', 'TITLE'].includes(el.tagName) || !visible(el)) continue;
    const cs = getComputedStyle(el);
    const size = parseFloat(cs.fontSize);
    if (size + 0.01 < rules.minText) out.push({ kind: 'text', what: `${label(el)} ${size}px` });
    if (rules.minLineHeight) {
      const lh = cs.lineHeight === 'normal' ? 1.2 : parseFloat(cs.lineHeight) / size;
      if (lh + 0.01 < rules.minLineHeight) out.push({ kind: 'line-height', what: `${label(el)} ${lh.toFixed(2)}` });
    }
  }

  // targets
  const selector = 'a[href], button, select, textarea, input:not([type="hidden"]), summary, [role="button"], [role="switch"], [role="tab"], [role="link"], [role="checkbox"], [role="radio"], [tabindex="0"]';
  const targets: Array<{ el: Element; r: DOMRect }> = [];
  for (const raw of Array.from(document.querySelectorAll(selector))) {
    let el: Element = raw;
    // a check box or radio drawn by its label: the label is the target
    if (raw instanceof HTMLInputElement && (raw.type === 'checkbox' || raw.type === 'radio' || raw.type === 'file')) el = raw.closest('label') ?? raw;
    if (el.closest('[aria-hidden="true"]') || (el as HTMLElement).closest('.skip-link') || (el as HTMLElement).id === 'main') continue;
    if (!visible(el) || targets.some((t) => t.el === el)) continue;
    const r = el.getBoundingClientRect();
    targets.push({ el, r });
    if (r.width + 0.5 < rules.minTarget || r.height + 0.5 < rules.minTarget) out.push({ kind: 'target', what: `${label(el)} ${Math.round(r.width)}×${Math.round(r.height)}` });
  }
  // a sticky or fixed bar passes over the content while scrolling: its targets are not neighbours of the content's
  const floating = (el: Element) => {
    for (let p: Element | null = el; p; p = p.parentElement) if (['sticky', 'fixed'].includes(getComputedStyle(p).position)) return true;
    return false;
  };
  if (rules.minGap) {
    for (let i = 0; i < targets.length; i++) {
      for (let j = i + 1; j < targets.length; j++) {
        const a = targets[i];
        const b = targets[j];
        if (a.el.contains(b.el) || b.el.contains(a.el) || floating(a.el) !== floating(b.el)) continue;
        const dx = Math.max(0, Math.max(a.r.left, b.r.left) - Math.min(a.r.right, b.r.right));
        const dy = Math.max(0, Math.max(a.r.top, b.r.top) - Math.min(a.r.bottom, b.r.bottom));
        const gap = Math.max(dx, dy);
        if (gap + 0.5 < rules.minGap) out.push({ kind: 'spacing', what: `${label(a.el)} ↔ ${label(b.el)} ${gap.toFixed(1)}px` });
      }
    }
  }
  return out;
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.loading, .ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.waitForTimeout(150);
}

interface PageToCheck {
  name: string;
  url: string;
  login?: string;
  /** History state the page is opened with (the confirmation after submitting is shown from it). */
  state?: Record<string, unknown>;
}

/** Two applications of the citizen: one just submitted (its confirmation), one refused (the printed refusal). */
async function citizenApplications(placeId: string): Promise<{ submitted: string; refused: string }> {
  const login = async (l: string) =>
    (await gql<{ login: { token: string } }>(`mutation($l: String!) { login(login: $l, password: "weimin-demo") { token } }`, { l })).login.token;
  const citizen = await login('citizen');
  const d = await gql<{ serviceItems: { nodes: Array<{ id: string; onlineCapable: boolean; exemption: unknown; handlingChain: Array<{ level: string }>; materials: Array<{ name: string; necessity: string }> }> } }>(
    `query($p: ID!) { serviceItems(filter: { availableAt: $p }, first: 100) { nodes { id onlineCapable exemption { office } handlingChain { level } materials { name necessity } } } }`,
    { p: placeId },
  );
  const item = d.serviceItems.nodes.find((n) => n.onlineCapable && !n.exemption && n.handlingChain.length === 2 && n.handlingChain[0].level === 'TOWNSHIP')!;
  const submit = async (): Promise<string> => {
  const materials = [];
  for (const m of item.materials.filter((x) => x.necessity === 'REQUIRED')) {
    const body = new FormData();
    body.append('file', new Blob([Buffer.from(`%PDF-1.4\n% ${Math.random()}\ntrailer << >>\n%%EOF\n`, 'latin1')], { type: 'application/pdf' }), `${m.name}.pdf`);
    const res = await fetch(`${baseUrl()}/api/files`, { method: 'POST', body, headers: { authorization: `Bearer ${citizen}`, 'x-requested-with': 'e2e', connection: 'close' } });
    materials.push({ requirement: m.name, fileIds: [((await res.json()) as { id: string }).id] });
  }
  const a = await gql<{ submitApplication: { id: string } }>(
    `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id } }`,
    { i: { serviceItemId: item.id, jurisdictionId: placeId, materials, idempotencyKey: `elder-${Date.now()}-${Math.random()}` } },
    citizen,
  );
  return a.submitApplication.id;
  };
  const submitted = await submit();
  const refused = await submit();
  await gql(`mutation($id: ID!) { rejectApplication(id: $id, input: { reason: "不属于本中心受理范围", legalBasis: "依据事项办理规定" }) { id } }`, { id: refused }, await login('town.clerk'));
  return { submitted, refused };
}

/** 转报单: lodged by the village agent for a villager at the station, then forwarded to the township window. */
async function forwardedFromVillage(villageId: string): Promise<string> {
  const agent = await apiToken('village.agent');
  const d = await gql<{ serviceItems: { nodes: Array<{ id: string; handlingChain: Array<{ kind: string; level: string }>; materials: Array<{ name: string; necessity: string }> }> } }>(
    `query($p: ID!) { serviceItems(filter: { availableAt: $p }, first: 100) { nodes { id handlingChain { kind level } materials { name necessity } } } }`,
    { p: villageId },
  );
  const item = d.serviceItems.nodes.find((n) => n.handlingChain[0]?.kind === 'COLLECT' && n.handlingChain[0]?.level === 'VILLAGE');
  if (!item) throw new Error('no item collected at the village station');
  const materials = [];
  for (const m of item.materials.filter((x) => x.necessity === 'REQUIRED')) materials.push({ requirement: m.name, fileIds: [await uploadPdf(agent, `${m.name}.pdf`)] });
  const r = await gql<{ submitApplication: { id: string } }>(
    `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`,
    {
      input: {
        serviceItemId: item.id, jurisdictionId: villageId, idempotencyKey: `elder-fwd-${Date.now()}-${Math.random()}`, materials,
        onBehalfOf: { name: '王秀英', idNumber: '341502195003070023', phone: '13900001111', consent: '本人签字的代办委托书，存村服务站' },
      },
    },
    agent,
  );
  await gql(`mutation($id: ID!) { forwardApplication(id: $id, note: "材料齐全，转报乡镇") { id } }`, { id: r.submitApplication.id }, agent);
  return r.submitApplication.id;
}

let pdfSeq = 0;
async function uploadPdf(token: string, name: string): Promise<string> {
  const body = new FormData();
  const pdf = Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% elder ${Date.now()} ${++pdfSeq}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
  body.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), name);
  const res = await fetch(`${baseUrl()}/api/files`, { method: 'POST', body, headers: { authorization: `Bearer ${token}`, 'x-requested-with': 'weimin', connection: 'close' } });
  const json = (await res.json()) as { id: string };
  if (res.status !== 201) throw new Error(`upload failed: ${JSON.stringify(json)}`);
  return json.id;
}

async function apiToken(login: string): Promise<string> {
  const d = await gql<{ login: { token: string } }>(`mutation($l: String!) { login(login: $l, password: "weimin-demo") { token } }`, { l: login });
  return d.login.token;
}

/**
 * Applications of a citizen at the township of town.clerk, one per state a page needs: submitted, accepted
 * (receipt), given a deficiency notice, rejected, decided.
 */
async function demoApplications(townshipId: string): Promise<Record<'submitted' | 'accepted' | 'notice' | 'rejected' | 'decided' | 'extended', string>> {
  const citizen = await apiToken('citizen');
  const clerk = await apiToken('town.clerk');
  const d = await gql<{ serviceItems: { nodes: Array<{ id: string; onlineCapable: boolean; handlingChain: Array<{ kind: string }>; materials: Array<{ name: string; necessity: string }> }> } }>(
    `query($p: ID!) { serviceItems(filter: { availableAt: $p }, first: 100) { nodes { id onlineCapable handlingChain { kind } materials { name necessity } } } }`,
    { p: townshipId },
  );
  const item = d.serviceItems.nodes.find((n) => n.onlineCapable && n.handlingChain.length === 2);
  if (!item) throw new Error('no one-stage online item at the township');
  const submit = async () => {
    const materials = [];
    for (const m of item.materials.filter((x) => x.necessity === 'REQUIRED')) materials.push({ requirement: m.name, fileIds: [await uploadPdf(citizen, `${m.name}.pdf`)] });
    const r = await gql<{ submitApplication: { id: string } }>(
      `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`,
      { input: { serviceItemId: item.id, jurisdictionId: townshipId, idempotencyKey: `elder-${Date.now()}-${Math.random()}`, materials } },
      citizen,
    );
    return r.submitApplication.id;
  };
  const [submitted, accepted, notice, rejected, decided, extended] = [await submit(), await submit(), await submit(), await submit(), await submit(), await submit()];
  await gql(`mutation($id: ID!) { acceptApplication(id: $id) { id } }`, { id: accepted }, clerk);
  // 延期通知书: accepted, at its decision stage, the period extended once
  await gql(`mutation($id: ID!) { acceptApplication(id: $id) { id } }`, { id: extended }, clerk);
  await gql(`mutation($id: ID!) { extendApplication(id: $id, input: { workingDays: 5, reason: "需要补充核查申请人情况" }) { id } }`, { id: extended }, clerk);
  await gql(
    `mutation($id: ID!, $i: NotifyDeficiencyInput!) { notifyDeficiency(id: $id, input: $i) { id } }`,
    { id: notice, i: { items: [{ material: item.materials[0].name, problem: '复印件不清晰，请提供清晰的复印件' }] } },
    clerk,
  );
  await gql(
    `mutation($id: ID!, $i: RejectInput!) { rejectApplication(id: $id, input: $i) { id } }`,
    { id: rejected, i: { reason: '申请事项不属于本机关职权范围', legalBasis: '《中华人民共和国行政许可法》第三十二条' } },
    clerk,
  );
  await gql(`mutation($id: ID!) { acceptApplication(id: $id) { id } }`, { id: decided }, clerk);
  await gql(`mutation($id: ID!) { completeApplication(id: $id, input: { result: APPROVED }) { id } }`, { id: decided }, clerk);
  return { submitted, accepted, notice, rejected, decided, extended };
}

async function sessionFor(login: string): Promise<string> {
  const res = await fetch(`${baseUrl()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ query: 'mutation($l: String!, $p: String!) { login(login: $l, password: $p) { expiresAt } }', variables: { l: login, p: 'weimin-demo' } }),
  });
  const cookie = res.headers.get('set-cookie') ?? '';
  const m = /weimin_session=([^;]+)/.exec(cookie);
  if (!m) throw new Error(`no session for ${login}`);
  return m[1];
}

describeBrowser('长辈版 and normal mode at 390 px: text sizes and targets on every page', () => {
  let browser: Browser;
  let pages: PageToCheck[];
  const sessions = new Map<string, string>();

  beforeAll(async () => {
    browser = await launchBrowser();
    const { village, county, township } = await demoPlaces();
    const apps = await demoApplications(township.id);
    const { submitted, refused } = await citizenApplications(township.id);
    const forwarded = await forwardedFromVillage(village.id);
    const items = await gql<{ serviceItems: { nodes: Array<{ id: string }> } }>(
      `query($p: ID!) { serviceItems(filter: { availableAt: $p }, first: 1) { nodes { id } } }`,
      { p: village.id },
    );
    const itemId = items.serviceItems.nodes[0].id;
    const townItems = await gql<{ serviceItems: { nodes: Array<{ id: string }> } }>(
      `query($p: ID!) { serviceItems(filter: { availableAt: $p }, first: 1) { nodes { id } } }`,
      { p: township.id },
    );
    const townItemId = townItems.serviceItems.nodes[0].id;
    pages = [
      { name: 'home', url: '/' },
      { name: 'place', url: `/place/${village.id}` },
      { name: 'guide', url: `/items/${itemId}` },
      { name: 'track', url: '/track' },
      { name: 'login', url: '/login' },
      { name: 'statistics', url: '/statistics' },
      { name: 'not found', url: '/no/such/page' },
      { name: 'my applications (citizen)', url: '/me/applications', login: 'citizen' },
      { name: 'notifications (citizen)', url: '/me/notifications', login: 'citizen' },
      { name: 'apply (citizen)', url: `/apply/${itemId}`, login: 'citizen' },
      { name: 'application with the confirmation (citizen)', url: `/applications/${submitted}`, login: 'citizen', state: { submitted: true } },
      { name: 'refusal letter (citizen)', url: `/applications/${refused}/print/rejection`, login: 'citizen' },
      { name: 'agent records (agent)', url: '/me/applications', login: 'village.agent' },
      { name: 'clerk queue (clerk)', url: '/clerk/queue', login: 'jinan.clerk' },
      { name: 'walk-in: choose the item (clerk)', url: '/clerk/walk-in', login: 'town.clerk' },
      { name: 'walk-in: the form (clerk)', url: `/clerk/walk-in?item=${townItemId}`, login: 'town.clerk' },
      { name: 'walk-in: number, code and accept now (clerk)', url: `/clerk/walk-in?done=${apps.submitted}`, login: 'town.clerk' },
      { name: 'items (directory admin)', url: '/admin/items', login: 'jinan.admin' },
      { name: 'new item (directory admin)', url: '/admin/items/new', login: 'jinan.admin' },
      { name: 'centres (directory admin)', url: '/admin/centers', login: 'jinan.admin' },
      { name: 'calendar (system admin)', url: '/admin/calendar', login: 'admin' },
      { name: 'dashboard (supervisor)', url: `/supervision/${county.id}`, login: 'supervisor' },
      { name: 'stage drill-down (supervisor)', url: `/supervision/${township.id}/stages?level=TOWNSHIP&kind=ACCEPT&mode=ARRIVED`, login: 'supervisor' },
      { name: 'assessments (supervisor)', url: '/supervision/assessments', login: 'supervisor' },
      { name: 'rectifications (supervisor)', url: '/clerk/rectifications', login: 'supervisor' },
      { name: 'application (citizen)', url: `/applications/${apps.submitted}`, login: 'citizen' },
      { name: 'application (clerk)', url: `/applications/${apps.submitted}`, login: 'town.clerk' },
      { name: 'receipt (print, screen view)', url: `/applications/${apps.accepted}/print/receipt`, login: 'town.clerk' },
      { name: 'deficiency notice (print, screen view)', url: `/applications/${apps.notice}/print/notice/1`, login: 'town.clerk' },
      { name: 'rejection (print, screen view)', url: `/applications/${apps.rejected}/print/rejection`, login: 'town.clerk' },
      { name: 'extension notice (print, screen view)', url: `/applications/${apps.extended}/print/extension`, login: 'town.clerk' },
      { name: 'forwarding slip (print, screen view)', url: `/applications/${forwarded}/print/forwarding`, login: 'village.agent' },
      { name: 'decision (print, screen view)', url: `/applications/${apps.decided}/print/decision`, login: 'town.clerk' },
      { name: 'register', url: '/register' },
      { name: 'forgot password', url: '/forgot-password' },
      { name: 'change password (citizen)', url: '/me/password', login: 'citizen' },
      { name: 'profile (citizen)', url: '/me/profile', login: 'citizen' },
      { name: 'users (system admin)', url: '/admin/users', login: 'admin' },
      { name: 'audit log (system admin)', url: '/admin/audit', login: 'admin' },
      { name: 'settings (system admin)', url: '/admin/settings', login: 'admin' },
    ];
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(entry: PageToCheck, elder: boolean): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newContext(browser, PHONE_390);
    await context.addInitScript((on) => {
      try {
        localStorage.setItem('weimin.elder', on ? '1' : '0');
      } catch {
        /* about:blank */
      }
    }, elder);
    // the cookie the switch writes: the server renders its public pages in the mode
    await context.addCookies([{ name: 'weimin_elder', value: elder ? '1' : '0', url: baseUrl() }]);
    if (entry.login) {
      if (!sessions.has(entry.login)) sessions.set(entry.login, await sessionFor(entry.login));
      await context.addCookies([{ name: 'weimin_session', value: sessions.get(entry.login)!, url: baseUrl() }]);
    }
    const page = await context.newPage();
    await page.goto(entry.url);
    if (entry.state) {
      // as if arrived by the app's own navigation (react-router keeps its state under `usr`)
      await page.evaluate((usr) => window.history.replaceState({ usr, key: 'e2e', idx: 0 }, ''), entry.state);
      await page.reload();
    }
    await page.locator('main h1, main h2').first().waitFor();
    await settle(page);
    return { context, page };
  }

  for (const [mode, rules] of [
    ['长辈版', ELDER],
    ['normal', NORMAL],
  ] as const) {
    test(`${mode}: every page`, async () => {
      const report: string[] = [];
      let checked = 0;
      for (const entry of pages) {
        const { context, page } = await open(entry, mode === '长辈版');
        try {
          const findings = await page.evaluate(measure, rules);
          if (mode === '长辈版') {
            const header = await page.locator('.site-header').boundingBox();
            if (!header || header.height > PHONE_390.height * 0.2) findings.push({ kind: 'header', what: `header ${header?.height}px > 20 % of ${PHONE_390.height}` });
          }
          checked++;
          if (findings.length) report.push(`${entry.name} (${entry.url}): ${findings.length}\n${findings.slice(0, 25).map((f) => `    ${f.kind}: ${f.what}`).join('\n')}`);
        } finally {
          await context.close();
        }
      }
      console.log(`${mode}: ${checked} pages checked (${pages.map((p) => p.name).join(', ')})${report.length ? `\n${report.join('\n')}` : ': no violations'}`);
      expect(report).toEqual([]);
    });
  }

  test('长辈版: the switch is on the first screen of the home page and turns the mode on', async () => {
    const { context, page } = await open({ name: 'home', url: '/' }, false);
    try {
      const sw = page.getByRole('switch', { name: '长辈版' });
      const box = await sw.boundingBox();
      expect(box && box.y + box.height <= PHONE_390.height).toBe(true);
      await sw.click();
      await expect(sw.getAttribute('aria-checked')).resolves.toBe('true');
      await expect(page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).resolves.toBeGreaterThanOrEqual(20);
    } finally {
      await context.close();
    }
  });
});
