/** Talking to the one test server over HTTP, as the web app and other clients do. */
import { Client } from 'pg';
import type { Workbook, Worksheet } from 'exceljs';
import type { RequestContext } from '../src/common/context';
import type { Services } from '../src/services';

export const BASE = () => {
  const url = process.env.WEIMIN_URL;
  if (!url) throw new Error('WEIMIN_URL is not set: run the tests through jest (global setup starts the server)');
  return url;
};

export interface GqlResult<T = any> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
  status: number;
  headers: Headers;
}

export async function gql<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string, headers: Record<string, string> = {}): Promise<GqlResult<T>> {
  const res = await fetch(`${BASE()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: GqlResult['errors'] };
  return { ...body, status: res.status, headers: res.headers };
}

/** The data of a query that must succeed; fails the test with the server's errors otherwise. */
export async function ok<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const r = await gql<T>(query, variables, token);
  if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors, null, 2)}`);
  return r.data as T;
}

/** The first error of a query that must fail. */
export async function fails(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const r = await gql(query, variables, token);
  if (!r.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(r.data)}`);
  return r.errors[0];
}

export const DEMO_PASSWORD = 'weimin-demo';
const tokens = new Map<string, string>();

export async function loginAs(login: string, password = DEMO_PASSWORD): Promise<string> {
  const cached = tokens.get(login);
  if (cached && password === DEMO_PASSWORD) return cached;
  const d = await ok<{ login: { token: string } }>(`mutation($l: String!, $p: String!) { login(login: $l, password: $p) { token } }`, { l: login, p: password });
  if (password === DEMO_PASSWORD) tokens.set(login, d.login.token);
  return d.login.token;
}

export async function withDb<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: process.env.TEST_DATABASE_URL_RUN });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A string unique to this test run, for codes and names that must not collide across suites. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export const LUAN = '341500000000';
export const JINAN = '341502000000';
export const YUAN = '341503000000';

export async function jurisdictionId(code: string): Promise<string> {
  const d = await ok(`query($c: String!) { jurisdiction(code: $c) { id } }`, { c: code });
  return d.jurisdiction.id;
}

/** A small but real PDF, unique per call (so hashes differ). */
export function pdfBytes(tag = Math.random().toString(36)): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${tag}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

/** A 1×1 PNG. */
export const PNG_BYTES = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export async function uploadFile(token: string | undefined, name: string, body: Buffer, headers: Record<string, string> = { 'x-requested-with': 'test' }) {
  const form = new FormData();
  form.append('file', new Blob([body]), name);
  const res = await fetch(`${BASE()}/api/files`, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}

export async function uploadPdf(token: string, name = '材料.pdf'): Promise<string> {
  const r = await uploadFile(token, name, pdfBytes());
  if (r.status !== 201) throw new Error(`upload failed: ${JSON.stringify(r.body)}`);
  return r.body.id;
}

// ---------- applications: a suitable item, submitting with PDFs, handling to the end ----------

export interface ItemInfo {
  id: string;
  name: string;
  promisedLimit: number;
  materials: Array<{ name: string; necessity: string }>;
}

/** A published item at this jurisdiction that a citizen can apply for online: promised, free, working-day limit, ≥ 2 materials. */
export async function pickItem(jurisdictionId: string): Promise<ItemInfo> {
  const d = await ok(
    `query($at: ID!) { serviceItems(filter: { availableAt: $at }, first: 100) { nodes { id name handlingKind onlineCapable exemption { office } fee { free } promisedLimit promisedUnit handlingChain { kind } materials { name necessity } } } }`,
    { at: jurisdictionId },
  );
  const item = d.serviceItems.nodes.find(
    (n: any) => n.handlingKind === 'PROMISED' && n.handlingChain.length === 2 && n.onlineCapable && !n.exemption && n.fee.free && n.promisedUnit === 'WORKING_DAYS' && n.materials.length >= 2,
  );
  if (!item) throw new Error(`no suitable item at jurisdiction ${jurisdictionId}`);
  return item;
}

export interface Place {
  id: string;
  code: string;
}

/**
 * The first township of 金安区 by code (town.clerk's) and its first village (village.agent's), each with an item a
 * citizen can apply for there (pickItem).
 */
export async function townAndVillage(): Promise<{ township: Place; village: Place; townItem: ItemInfo; villageItem: ItemInfo }> {
  const { township, village } = await withDb(async (c) => {
    const t = (await c.query(`SELECT id::text, code FROM jurisdiction WHERE parent_id = (SELECT id FROM jurisdiction WHERE code = $1) ORDER BY code LIMIT 1`, [JINAN])).rows[0];
    const v = (await c.query(`SELECT id::text, code FROM jurisdiction WHERE parent_id = $1 ORDER BY code LIMIT 1`, [Number(t.id)])).rows[0];
    return { township: t as Place, village: v as Place };
  });
  const townItem = await pickItem(township.id);
  const villageItem = await pickItem(village.id);
  return { township, village, townItem, villageItem };
}

/** PDFs for the materials of an item (the required ones, or all). */
export async function materialsFor(token: string, materials: ItemInfo['materials'], all = false) {
  const needed = materials.filter((m) => all || m.necessity === 'REQUIRED');
  return Promise.all(needed.map(async (m) => ({ requirement: m.name, fileIds: [await uploadPdf(token)] })));
}

/** Submits an application with PDFs for every material; returns id and number. */
export async function submitWithPdfs(token: string, item: ItemInfo, jurisdictionId: string, extra: Record<string, unknown> = {}): Promise<{ id: string; number: string }> {
  const d = await ok(
    `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id number } }`,
    { i: { serviceItemId: item.id, jurisdictionId, materials: await materialsFor(token, item.materials, true), idempotencyKey: unique('key'), ...extra } },
    token,
  );
  return d.submitApplication;
}

/** A request context for calling the services directly, as this account (its session read by those services). */
export async function contextFor(services: Services, login: string): Promise<RequestContext> {
  const found = await services.accounts.viewerForToken(await loginAs(login));
  return { requestId: unique('req'), ip: '127.0.0.1', userAgent: null, viewer: found!.viewer, sessionTokenHash: null, services } as unknown as RequestContext;
}

/** Accepts and completes (APPROVED) an application as this clerk. */
export async function acceptAndComplete(clerk: string, id: string): Promise<void> {
  await ok(`mutation($id: ID!) { acceptApplication(id: $id) { id } }`, { id }, clerk);
  await ok(`mutation($id: ID!) { completeApplication(id: $id, input: { result: APPROVED }) { id } }`, { id }, clerk);
}

/** A staff account made for one suite (the demo has none for some places): a role at the jurisdiction of this code. */
export async function staffAccount(role: string, code: string, name = `${role} ${code}`): Promise<string> {
  const login = unique(`staff-${role.toLowerCase()}`);
  await withDb(async (c) => {
    const [{ id }] = (
      await c.query(`INSERT INTO app_user (login, name, password_hash) SELECT $1, $2, password_hash FROM app_user WHERE login = 'admin' RETURNING id`, [login, name])
    ).rows;
    await c.query(`INSERT INTO role_assignment (user_id, role, jurisdiction_id) VALUES ($1, $2, (SELECT id FROM jurisdiction WHERE code = $3))`, [id, role, code]);
  });
  return loginAs(login);
}

// ---------- SMS: in demo mode (the test server's) the log line of an SMS carries its text ----------

const SERVER_LOG = require('node:path').resolve(__dirname, '..', '..', '..', '.test-data', 'server.log') as string;

/** The newest SMS text sent to this phone after `since` lines of the log, read from the server log (demo mode). */
export async function smsTo(phone: string, timeoutMs = 5000): Promise<string> {
  const fs = require('node:fs') as typeof import('node:fs');
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const lines = fs.readFileSync(SERVER_LOG, 'utf8').split('\n');
    for (let i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].includes(phone) || !lines[i].includes('demoSms')) continue;
      try {
        const entry = JSON.parse(lines[i]);
        if (entry.demoSms?.phone === phone) return entry.demoSms.text as string;
      } catch {
        // a line being written
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no SMS to ${phone} in ${SERVER_LOG}`);
}

/** All SMS texts sent to this phone so far, oldest first. */
export function smsCount(phone: string): number {
  const fs = require('node:fs') as typeof import('node:fs');
  return fs.readFileSync(SERVER_LOG, 'utf8').split('\n').filter((l) => l.includes('demoSms') && l.includes(`"phone":"${phone}"`)).length;
}

/** The 6-digit code of the newest SMS to this phone. */
export async function codeSentTo(phone: string, previousCount = 0): Promise<string> {
  const until = Date.now() + 5000;
  while (smsCount(phone) <= previousCount && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  const text = await smsTo(phone);
  const m = /\d{6}/.exec(text);
  if (!m) throw new Error(`the SMS to ${phone} carries no code: ${text}`);
  return m[0];
}

/** A valid 18-digit ID number with its GB 11643 check digit, unique per call. */
export function idNumber(): string {
  const birth = `19${60 + Math.floor(Math.random() * 39)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}`;
  const body = `341502${birth}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = body.split('').reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

export const randomPhone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** Registers a citizen through the SMS flow; returns the token. */
export async function registerCitizen(name: string, phone: string, id: string, password: string): Promise<string> {
  const before = smsCount(phone);
  await ok(`mutation($p: String!, $i: String!) { sendRegistrationCode(phone: $p, idNumber: $i) { expiresInMinutes } }`, { p: phone, i: id });
  const code = await codeSentTo(phone, before);
  const d = await ok(`mutation($i: RegisterInput!) { register(input: $i) { token } }`, { i: { name, phone, idNumber: id, password, code } });
  return d.register.token;
}

// ---------- the catalogue: the content of a sample item ----------

/** A complete item content (a township item of a county directory), with fields overridden. */
export function sampleContent(over: Record<string, unknown> = {}) {
  return {
    name: '测试补贴申请',
    type: 'ADMINISTRATIVE_PAYMENT',
    category: 'BENEFIT_SUBSIDY',
    handlingLevel: 'TOWNSHIP',
    handlingDepartment: '县民政局',
    delegation: null,
    legalBasis: '《社会救助暂行办法》',
    conditions: '本县户籍居民',
    serviceObject: 'PERSON',
    materials: [
      { name: '居民身份证', form: 'ORIGINAL', medium: 'PAPER_OR_ELECTRONIC', copies: 1, necessity: 'REQUIRED' },
      { name: '残疾人证', form: 'COPY', medium: 'PAPER', copies: 1, necessity: 'CONDITIONAL', condition: '残疾人申请时' },
    ],
    procedure: [{ title: '申请', description: '向乡镇为民服务中心提出申请' }, { title: '审核' }],
    statutoryLimit: 20,
    statutoryUnit: 'WORKING_DAYS',
    promisedLimit: 10,
    promisedUnit: 'WORKING_DAYS',
    handlingKind: 'PROMISED',
    fee: { free: true, items: [] },
    visitsRequired: 1,
    onlineCapable: true,
    consultationPhone: '0564-3370000',
    supervisionPhone: '12345',
    location: '乡镇为民服务中心 社会事务窗口',
    officeHours: '工作日 8:30-17:30',
    faq: [],
    exemption: null,
    ...over,
  };
}

// ---------- directory workbooks: rows and columns ----------

/** Excel row numbers by the code in column A (data rows only). */
export function rowsOf(ws: Worksheet): Array<{ row: number; code: string }> {
  const out: Array<{ row: number; code: string }> = [];
  ws.eachRow((r, n) => {
    if (n > 1) out.push({ row: n, code: String(r.getCell(1).value) });
  });
  return out;
}

/**
 * Keeps only the rows of these items in every sheet. Other suites create items in 金安区 at the same time; a file
 * of a suite's own items alone keeps it from touching (or counting) theirs.
 */
export function keepOnly(wb: Workbook, codes: Set<string>): void {
  for (const ws of wb.worksheets) {
    for (const { row, code } of rowsOf(ws).reverse()) if (!codes.has(code)) ws.spliceRows(row, 1);
  }
}

/** Column letters of the 事项 sheet, by header. */
export function columns(ws: Worksheet): Record<string, string> {
  const out: Record<string, string> = {};
  ws.getRow(1).eachCell((c, n) => (out[String(c.value)] = ws.getColumn(n).letter));
  return out;
}
