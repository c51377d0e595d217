/**
 * One language at a time: in English no Chinese character outside data, in Chinese no English word outside data,
 * on the public pages and on the staff and citizen views signed in (work queue, an application with its history and
 * next step, notifications, the stage queue, the dashboard, the service items and their editor, users). "Data" is
 * every string the page received from the API (place, item and centre names, guide text, what a person typed…),
 * collected from its own GraphQL answers and from the answers the server rendered it from (inlined in the page), and
 * removed from the page's text before the check — except what the server composes from the text catalogue: next
 * steps, history lines, notifications, who acted and the due-date explanation are words of the page, not data, and so
 * are code names (enum values) and the catalogue's keys. The language switch (marked with its own `lang`) is the one
 * exception by design. The printed papers (受理凭证, 一次性告知书, 不予受理通知书, the decisions with their appeal
 * paragraph, 延期通知书 and 转报单) are checked the same way: their paragraphs, labels and punctuation are the page's.
 */
import type { Browser, Page } from 'playwright-core';
import { baseUrl, demoPlaces, describeBrowser, DESKTOP, gql, launchBrowser, newContext, PHONE, takeWebErrors } from './browser';

jest.setTimeout(300_000);

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]/;
// words that are the same in Chinese text: file formats and the like
const LATIN_ALLOWED = new Set(['PDF', 'JPEG', 'JPG', 'PNG', 'OFD', 'Excel', 'Word', 'QR', 'A4', 'DOCX', 'CSV', 'MB', 'KB']);
/** Fields whose words the server composed (the web renders them from their keys): never data. */
const COMPOSED = new Set(['nextStep', 'actor', 'dueDateExplanation', 'dueDateExplanationEn', '__typename']);
const KEYS = new Set(['nextStepKey', 'noteKey', 'messageKey', 'key']);
const CODE_NAME = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^[A-Z]{4,}$/;

// codes people read (a lookup code may be all letters): data even when they look like an enum name
const READ_CODES = new Set(['lookupCode', 'number', 'code', 'receiptNumber']);

function strings(value: unknown, out: Set<string>, key = ''): void {
  if (typeof value === 'string') {
    if (value.trim() && (READ_CODES.has(key) || !CODE_NAME.test(value.trim()))) {
      out.add(value.trim());
      // a paper cites a legal basis without its closing full stop ("依照{{basis}}，…", PrintPage's ownBasis)
      const unstopped = value.trim().replace(/[。.;；\s]+$/u, '');
      if (unstopped) out.add(unstopped);
    }
  } else if (Array.isArray(value)) value.forEach((v) => strings(v, out, key));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // with a key, the old words beside it are the server's, not data
    const keyed = !!o.noteKey || !!o.messageKey;
    for (const [k, v] of Object.entries(o)) {
      if (COMPOSED.has(k) || KEYS.has(k)) continue;
      if (keyed && (k === 'note' || k === 'title' || k === 'body')) continue;
      strings(v, out, k);
    }
  }
}

/** The page's own text (visible, outside elements in another language), data strings removed. */
async function textOutsideData(page: Page, data: Set<string>): Promise<string> {
  let text = await page.evaluate(() => {
    const lang = document.documentElement.lang;
    const parts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || ['SCRIPT', 'STYLE'].includes(el.tagName)) continue;
      const other = el.closest('[lang]');
      if (other && other.getAttribute('lang') !== lang) continue;
      if (!el.getClientRects().length) continue;
      parts.push(n.textContent ?? '');
    }
    for (const el of Array.from(document.querySelectorAll('[aria-label], [placeholder], [title]'))) {
      const other = el.closest('[lang]');
      if (other && other.getAttribute('lang') !== lang) continue;
      // what assistive technology never reads (decorative icons are marked so)
      if (el.closest('[aria-hidden="true"]')) continue;
      for (const a of ['aria-label', 'placeholder', 'title']) if (el.getAttribute(a)) parts.push(el.getAttribute(a)!);
    }
    return parts.join('\n');
  });
  for (const s of [...data].sort((a, b) => b.length - a.length)) text = text.split(s).join(' ');
  // data cut short to fit (a long item name under a chart): its start and an ellipsis
  const all = [...data];
  // (the cut may fall after a space or a bracket: the longest end of the line before the ellipsis that starts a data string)
  text = text.replace(/([^\n]*?)(\.\.\.|…)/g, (whole, before: string) => {
    for (let i = 0; i < before.length; i++) {
      const start = before.slice(i).replace(/^[\s(（]+/, '');
      if (start && all.some((d) => d.startsWith(start))) return `${before.slice(0, i)} `;
    }
    return whole;
  });
  // a name wrapped or cut by a chart's label without an ellipsis: a run of Chinese that is part of a data string
  text = text.replace(new RegExp(`${CJK.source}+`, 'g'), (run) => (run.length >= 2 && all.some((d) => d.includes(run)) ? ' ' : run));
  return text;
}

type Check = [name: string, url: string, ready: (p: Page) => Promise<unknown>, login?: string];

/** Opens each page in `lang` (signed in where a login is given) and lists the words of the other language outside data. */
async function wrongWords(browser: Browser, lang: 'en' | 'zh-CN', pages: Check[], token: (login: string) => Promise<string>, viewport = PHONE): Promise<string[]> {
  const report: string[] = [];
  for (const [name, url, ready, login] of pages) {
    const context = await newContext(browser, viewport);
    await context.addInitScript((l) => {
      try {
        localStorage.setItem('weimin.lang', l);
      } catch {
        /* about:blank */
      }
    }, lang);
    // the cookie the language switch writes: the server renders its public pages in it
    await context.addCookies([{ name: 'weimin_lang', value: lang, url: baseUrl() }]);
    if (login) await context.addCookies([{ name: 'weimin_session', value: await token(login), url: baseUrl() }]);
    const page = await context.newPage();
    const data = new Set<string>();
    const answers: Array<Promise<void>> = [];
    page.on('response', (res) => {
      if (!res.url().endsWith('/graphql')) return;
      answers.push(res.json().then((j: unknown) => strings((j as { data?: unknown }).data, data), () => undefined));
    });
    try {
      await page.goto(url);
      await ready(page);
      await page.waitForLoadState('networkidle');
      await Promise.all(answers);
      const inlined = await page.evaluate(() => document.getElementById('weimin-data')?.textContent ?? null);
      if (inlined) strings(JSON.parse(inlined), data);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      const text = await textOutsideData(page, data);
      const wrong =
        lang === 'en'
          ? text.split('\n').filter((l) => CJK.test(l))
          : (text.match(/[A-Za-z][A-Za-z'-]+/g) ?? []).filter((w) => !LATIN_ALLOWED.has(w));
      if (wrong.length) report.push(`${name} (${url}): ${[...new Set(wrong)].slice(0, 15).map((w) => JSON.stringify(w.trim())).join(', ')}`);
    } finally {
      await context.close();
    }
  }
  return report;
}

const anonymous = () => Promise.reject(new Error('no login on the public pages'));

describeBrowser('one language at a time on the public pages', () => {
  let browser: Browser;
  let pages: Check[];

  beforeAll(async () => {
    browser = await launchBrowser();
    const { village } = await demoPlaces();
    const items = await gql<{ serviceItems: { nodes: Array<{ id: string }> } }>(
      `query($p: ID!) { serviceItems(filter: { availableAt: $p }, first: 1) { nodes { id } } }`,
      { p: village.id },
    );
    pages = [
      ['home', '/', (p) => p.locator('.place-picker select option:nth-child(2)').first().waitFor({ state: 'attached' })],
      ['place', `/place/${village.id}`, (p) => p.locator('.item-list li').first().waitFor()],
      ['guide', `/items/${items.serviceItems.nodes[0].id}`, (p) => p.locator('.guide table').first().waitFor()],
      ['track', '/track', (p) => p.locator('form.track-form').waitFor()],
      ['login', '/login', (p) => p.locator('form[name="login"]').waitFor()],
      ['not found', '/no/such/page', (p) => p.locator('.ui-result').waitFor()],
    ];
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => {
    expect(takeWebErrors()).toEqual([]);
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    test(`${lang}: no word of the other language outside data`, async () => {
      const report = await wrongWords(browser, lang, pages, anonymous);
      console.log(`${lang}: ${pages.length} public pages checked${report.length ? `\n${report.join('\n')}` : ': clean'}`);
      expect(report).toEqual([]);
    });
  }
});

describeBrowser('one language at a time on the views signed in', () => {
  let browser: Browser;
  let pages: Check[];
  const tokens = new Map<string, string>();
  async function token(login: string): Promise<string> {
    if (!tokens.has(login)) {
      const d = await gql<{ login: { token: string } }>(`mutation($l: String!) { login(login: $l, password: "weimin-demo") { token } }`, { l: login });
      tokens.set(login, d.login.token);
    }
    return tokens.get(login)!;
  }
  async function upload(login: string, name: string): Promise<string> {
    const body = new FormData();
    const pdf = `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% language ${Date.now()} ${Math.random()}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
    body.append('file', new Blob([pdf], { type: 'application/pdf' }), name);
    const res = await fetch(`${baseUrl()}/api/files`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${await token(login)}`, 'x-requested-with': 'weimin', connection: 'close' },
    });
    if (res.status !== 201) throw new Error(`upload failed: ${res.status}`);
    return ((await res.json()) as { id: string }).id;
  }
  const as = async <T = Record<string, any>>(login: string, query: string, variables: Record<string, unknown> = {}) => gql<T>(query, variables, await token(login));

  beforeAll(async () => {
    browser = await launchBrowser();
    const { village } = await demoPlaces();
    type Item = { id: string; name: string; handlingChain: Array<{ kind: string }>; materials: Array<{ name: string; necessity: string }> };
    const found = await gql<{ serviceItems: { nodes: Item[] } }>(
      `query($p: ID!) { serviceItems(filter: { availableAt: $p }, first: 100) { nodes { id name handlingChain { kind } materials { name necessity } } } }`,
      { p: village.id },
    );
    const materialsOf = async (login: string, item: Item) => {
      const out = [];
      for (const m of item.materials.filter((x) => x.necessity === 'REQUIRED')) out.push({ requirement: m.name, fileIds: [await upload(login, `${m.name}.pdf`)] });
      return out;
    };
    const submit = async (login: string, item: Item, extra: Record<string, unknown> = {}) =>
      (
        await as<{ submitApplication: { id: string } }>(
          login,
          `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`,
          { input: { serviceItemId: item.id, jurisdictionId: village.id, idempotencyKey: `language-${Date.now()}-${Math.random()}`, materials: await materialsOf(login, item), ...extra } },
        )
      ).submitApplication.id;

    // A citizen's application with a full history: a one-time notice, the supplement, acceptance, a special procedure.
    const simple = found.serviceItems.nodes.find((n) => n.handlingChain.length === 2 && n.materials.some((m) => m.necessity === 'REQUIRED'))!;
    const a = await submit('citizen', simple);
    const material = simple.materials.find((m) => m.necessity === 'REQUIRED')!.name;
    await as('jinan.clerk', `mutation($id: ID!, $i: NotifyDeficiencyInput!) { notifyDeficiency(id: $id, input: $i) { id } }`, {
      id: a,
      i: { items: [{ material, problem: '复印件不清晰，请提供清晰的复印件' }] },
    });
    await as('citizen', `mutation($id: ID!, $i: SupplementInput!) { supplementApplication(id: $id, input: $i) { id } }`, {
      id: a,
      i: { materials: [{ requirement: material, fileIds: [await upload('citizen', '清晰版.pdf')] }] },
    });
    await as('jinan.clerk', `mutation($id: ID!) { acceptApplication(id: $id) { id } }`, { id: a });
    await as('jinan.clerk', `mutation($id: ID!, $i: SuspendInput!) { suspendApplication(id: $id, input: $i) { id } }`, {
      id: a,
      i: { kind: 'EXPERT_REVIEW', reason: '需请专家评审申请材料' },
    });
    await as('jinan.clerk', `mutation($id: ID!) { resumeApplication(id: $id) { id } }`, { id: a });

    // A village agent lodges a chain item for a villager and forwards it: it waits at the township's stage queue.
    const chain = found.serviceItems.nodes.find((n) => n.name === '最低生活保障审核确认')!;
    const b = await submit('village.agent', chain, { onBehalfOf: { name: '王秀兰', idNumber: '341502194501010010', phone: '13905649901', consent: '本人签字的代办委托书存村服务站' } });
    await as('village.agent', `mutation($id: ID!, $n: String) { forwardApplication(id: $id, note: $n) { id } }`, { id: b, n: '材料齐全，转报乡镇' });

    const [owned] = (
      await as<{ serviceItems: { nodes: Array<{ id: string }> } }>('jinan.admin', `{ serviceItems(edition: WORKING, first: 1) { nodes { id } } }`)
    ).serviceItems.nodes;

    const rows = (p: Page) => p.locator('tbody tr:not([aria-hidden="true"])').first().waitFor();
    const heading = (p: Page) => p.locator('main h1').first().waitFor();
    pages = [
      ['work queue', '/clerk/queue', rows, 'jinan.clerk'],
      ['application (clerk)', `/applications/${a}`, (p) => p.locator('.timeline-item').nth(5).waitFor(), 'jinan.clerk'],
      ['application (citizen)', `/applications/${a}`, (p) => p.locator('.timeline-item').nth(5).waitFor(), 'citizen'],
      ['my applications', '/me/applications', rows, 'citizen'],
      ['notifications', '/me/notifications', (p) => p.locator('.notification').nth(3).waitFor(), 'citizen'],
      ['stage queue', '/clerk/stages', rows, 'town.clerk'],
      ['application at a stage', `/applications/${b}`, (p) => p.locator('.stage-item').nth(1).waitFor(), 'town.clerk'],
      ['station register', '/agent/register', rows, 'village.agent'],
      ['dashboard', '/supervision', heading, 'supervisor'],
      ['service items', '/admin/items', rows, 'jinan.admin'],
      ['item editor', `/admin/items/${owned.id}/edit`, (p) => p.locator('form').first().waitFor(), 'jinan.admin'],
      ['users', '/admin/users', rows, 'admin'],
    ];
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => {
    expect(takeWebErrors()).toEqual([]);
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    test(`${lang}: no word of the other language outside data`, async () => {
      const report = await wrongWords(browser, lang, pages, token, DESKTOP);
      console.log(`${lang}: ${pages.length} views signed in checked${report.length ? `\n${report.join('\n')}` : ': clean'}`);
      expect(report).toEqual([]);
    });
  }
});

describeBrowser('one language at a time on the printed papers', () => {
  let browser: Browser;
  let pages: Check[];
  const tokens = new Map<string, string>();
  async function token(login: string): Promise<string> {
    if (!tokens.has(login)) {
      const d = await gql<{ login: { token: string } }>(`mutation($l: String!) { login(login: $l, password: "weimin-demo") { token } }`, { l: login });
      tokens.set(login, d.login.token);
    }
    return tokens.get(login)!;
  }
  async function upload(login: string, name: string): Promise<string> {
    const body = new FormData();
    const pdf = `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% paper ${Date.now()} ${Math.random()}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
    body.append('file', new Blob([pdf], { type: 'application/pdf' }), name);
    const res = await fetch(`${baseUrl()}/api/files`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${await token(login)}`, 'x-requested-with': 'weimin', connection: 'close' },
    });
    if (res.status !== 201) throw new Error(`upload failed: ${res.status}`);
    return ((await res.json()) as { id: string }).id;
  }
  const as = async <T = Record<string, any>>(login: string, query: string, variables: Record<string, unknown> = {}) => gql<T>(query, variables, await token(login));
  type Item = { id: string; onlineCapable: boolean; handlingChain: Array<{ kind: string; level: string }>; materials: Array<{ name: string; necessity: string }> };
  const itemsAt = async (place: string) =>
    (
      await gql<{ serviceItems: { nodes: Item[] } }>(
        `query($p: ID!) { serviceItems(filter: { availableAt: $p }, first: 100) { nodes { id onlineCapable handlingChain { kind level } materials { name necessity } } } }`,
        { p: place },
      )
    ).serviceItems.nodes;
  /** Lodges an application; with `paper`, the first required material is a paper original received at the window or station. */
  async function submit(login: string, item: Item, place: string, extra: Record<string, unknown> = {}, paper = false): Promise<string> {
    const materials = [];
    for (const [i, m] of item.materials.filter((x) => x.necessity === 'REQUIRED').entries()) {
      materials.push(paper && i === 0 ? { requirement: m.name, fileIds: [], paperOriginal: true } : { requirement: m.name, fileIds: [await upload(login, `${m.name}.pdf`)] });
    }
    const r = await as<{ submitApplication: { id: string } }>(login, `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`, {
      input: { serviceItemId: item.id, jurisdictionId: place, idempotencyKey: `paper-${Date.now()}-${Math.random()}`, materials, ...extra },
    });
    return r.submitApplication.id;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    const { village, township } = await demoPlaces();
    const town = (await itemsAt(township.id)).find((n) => n.onlineCapable && n.handlingChain.length === 2 && n.materials.some((m) => m.necessity === 'REQUIRED'));
    if (!town) throw new Error('no one-stage online item at the township');
    const person = { onBehalfOf: { name: '李桂芳', idNumber: '34150219560812002X', phone: '13905640022', consent: '本人到窗口申请，已核验身份证' } };
    const clerk = 'town.clerk';
    // 受理凭证: lodged at the window for a person, a paper original received, accepted
    const receipt = await submit(clerk, town, township.id, person, true);
    await as(clerk, `mutation($id: ID!) { acceptApplication(id: $id) { id } }`, { id: receipt });
    // 一次性告知书
    const notice = await submit('citizen', town, township.id);
    await as(clerk, `mutation($id: ID!, $i: NotifyDeficiencyInput!) { notifyDeficiency(id: $id, input: $i) { id } }`, {
      id: notice,
      i: { items: [{ material: town.materials.find((m) => m.necessity === 'REQUIRED')!.name, problem: '复印件不清晰，请提供清晰的复印件' }] },
    });
    // 不予受理通知书
    const rejected = await submit('citizen', town, township.id);
    await as(clerk, `mutation($id: ID!, $i: RejectInput!) { rejectApplication(id: $id, input: $i) { id } }`, {
      id: rejected,
      i: { reason: '申请事项不属于本机关职权范围', legalBasis: '《中华人民共和国行政许可法》第三十二条' },
    });
    // 不予批准决定书 (with its appeal paragraph) and 准予办理决定书
    const denied = await submit('citizen', town, township.id);
    await as(clerk, `mutation($id: ID!) { acceptApplication(id: $id) { id } }`, { id: denied });
    await as(clerk, `mutation($id: ID!) { completeApplication(id: $id, input: { result: DENIED, reasons: "申请人不符合法定条件" }) { id } }`, { id: denied });
    const approved = await submit('citizen', town, township.id);
    await as(clerk, `mutation($id: ID!) { acceptApplication(id: $id) { id } }`, { id: approved });
    await as(clerk, `mutation($id: ID!) { completeApplication(id: $id, input: { result: APPROVED }) { id } }`, { id: approved });
    // 延期通知书
    const extended = await submit('citizen', town, township.id);
    await as(clerk, `mutation($id: ID!) { acceptApplication(id: $id) { id } }`, { id: extended });
    await as(clerk, `mutation($id: ID!) { extendApplication(id: $id, input: { workingDays: 5, reason: "需要补充核查申请人情况" }) { id } }`, { id: extended });
    // 转报单: a village agent lodges for a villager, one paper original kept, and forwards it to the township
    const collected = (await itemsAt(village.id)).find((n) => n.handlingChain[0]?.kind === 'COLLECT' && n.handlingChain[0]?.level === 'VILLAGE');
    if (!collected) throw new Error('no item collected at the village station');
    const forwarded = await submit('village.agent', collected, village.id, { onBehalfOf: { name: '王秀英', idNumber: '341502195003070023', phone: '13900001111', consent: '本人签字的代办委托书，存村服务站' } }, true);
    await as('village.agent', `mutation($id: ID!, $n: String) { forwardApplication(id: $id, note: $n) { id } }`, { id: forwarded, n: '材料齐全，转报乡镇' });

    const paper = (p: Page) => p.locator('article.paper .paper-body p').first().waitFor();
    pages = [
      ['receipt', `/applications/${receipt}/print/receipt`, paper, clerk],
      ['one-time notice', `/applications/${notice}/print/notice/1`, paper, clerk],
      ['one-time notice (citizen)', `/applications/${notice}/print/notice/1`, paper, 'citizen'],
      ['notice of non-acceptance', `/applications/${rejected}/print/rejection`, paper, 'citizen'],
      ['decision of denial', `/applications/${denied}/print/decision`, paper, clerk],
      ['decision of approval', `/applications/${approved}/print/decision`, paper, 'citizen'],
      ['extension notice', `/applications/${extended}/print/extension`, paper, clerk],
      ['forwarding slip', `/applications/${forwarded}/print/forwarding`, paper, 'village.agent'],
    ];
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => {
    expect(takeWebErrors()).toEqual([]);
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    test(`${lang}: no word of the other language outside data`, async () => {
      const report = await wrongWords(browser, lang, pages, token, DESKTOP);
      console.log(`${lang}: ${pages.length} printed papers checked${report.length ? `\n${report.join('\n')}` : ': clean'}`);
      expect(report).toEqual([]);
    });
  }
});
