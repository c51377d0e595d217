/**
 * Two API processes on one database, both running the background worker: every notification is sent once (the
 * outbox is claimed with SKIP LOCKED, the cron fires each task once across processes), every action leaves one
 * event, and either process answers for data the other wrote. A session ended, an account disabled or a role
 * revoked through one process, or in the database itself, counts in the other at once, though each process keeps
 * the viewers of live sessions (session-cache.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { freshDatabase, gqlAt, loginAt, startServer, uploadAt, type ServerProcess } from './support/servers';

let db: { url: string; drop(): Promise<void> };
let a: ServerProcess;
let b: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  db = await freshDatabase('weimin_two');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weimin-two-'));
  const env = { DATABASE_URL: db.url, DEMO_DATA: 'true', WORKER: 'true', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  // Started together: migrations and the demo data are taken under advisory locks.
  [a, b] = await Promise.all([startServer(env), startServer(env)]);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await db?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const SUBMIT = `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id number } }`;
const ACCEPT = `mutation($id: ID!) { acceptApplication(id: $id) { id status } }`;

/** The demo sender writes each SMS to the log once, with the notification's id. */
const smsIds = (p: ServerProcess) =>
  p.lines.flatMap((l) => {
    try {
      const o = JSON.parse(l) as { demoSms?: unknown; notificationId?: string };
      return o.demoSms && o.notificationId ? [o.notificationId] : [];
    } catch {
      return [];
    }
  });

it('sends each SMS once and writes each event once with two server processes and two workers', async () => {
  const citizenA = await loginAt(a.url, 'citizen');
  const clerkB = await loginAt(b.url, 'town.clerk');
  const c = new Client({ connectionString: db.url });
  await c.connect();
  try {
    const town = (await c.query(`SELECT j.id::text FROM jurisdiction j JOIN role_assignment r ON r.jurisdiction_id = j.id JOIN app_user u ON u.id = r.user_id WHERE u.login = 'town.clerk'`)).rows[0].id;
    const items = await gqlAt(a.url, `query($at: ID!) { serviceItems(filter: { availableAt: $at }, first: 100) { nodes { id handlingKind onlineCapable exemption { office } handlingChain { kind } materials { name necessity } } } }`, { at: town });
    const item = items.serviceItems.nodes.find((n: any) => n.handlingKind === 'PROMISED' && n.onlineCapable && !n.exemption && n.handlingChain.length === 2);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const materials = await Promise.all(item.materials.filter((m: any) => m.necessity === 'REQUIRED').map(async (m: any) => ({ requirement: m.name, fileIds: [await uploadAt(a.url, citizenA)] })));
      // Submitted through one process, read and accepted through the other.
      ids.push((await gqlAt(a.url, SUBMIT, { i: { serviceItemId: item.id, jurisdictionId: town, materials, idempotencyKey: `two-${Date.now()}-${i}` } }, citizenA)).submitApplication.id);
    }
    await Promise.all(ids.map((id) => gqlAt(b.url, ACCEPT, { id }, clerkB)));
    const seen = await gqlAt(a.url, `query($id: ID!) { application(id: $id) { status } }`, { id: ids[0] }, citizenA);
    expect(seen.application.status).toBe('ACCEPTED');

    // Both workers poll the outbox; wait until every message of these applications is out (the cron runs each minute).
    const until = Date.now() + 100_000;
    let pending = -1;
    while (Date.now() < until) {
      pending = (await c.query(`SELECT count(*)::int AS n FROM notification WHERE application_id = ANY($1::uuid[]) AND delivered_at IS NULL`, [ids])).rows[0].n;
      if (!pending) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(pending).toBe(0);
    const notes = (await c.query(`SELECT id::text, kind FROM notification WHERE application_id = ANY($1::uuid[])`, [ids])).rows;
    expect(notes.map((n) => n.kind).sort()).toEqual([...Array(4).fill('ACCEPT'), ...Array(4).fill('SUBMIT')]);
    await new Promise((r) => setTimeout(r, 500)); // the last log lines
    const sent = [...smsIds(a), ...smsIds(b)].filter((id) => notes.some((n) => n.id === id));
    expect(sent.sort()).toEqual(notes.map((n) => n.id).sort());
    const events = (await c.query(`SELECT action, count(*)::int AS n FROM application_event WHERE application_id = ANY($1::uuid[]) GROUP BY action ORDER BY action`, [ids])).rows;
    expect(events).toEqual([{ action: 'ACCEPT', n: 4 }, { action: 'SUBMIT', n: 4 }]);
  } finally {
    await c.end();
  }
}, 180_000);

const ME = `{ me { login } }`;
const QUEUE = `{ applications(first: 1) { nodes { id } } }`;

/** Polls until `check` holds, at most `ms`; returns how long it took (the sessions are kept 30 s otherwise). */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return Date.now() - t0;
}

const refused = (url: string, query: string, token: string) => gqlAt(url, query, {}, token).then(() => false, () => true);

it('a session ended, an account disabled or a role revoked in one process or in the database counts in the other at once', async () => {
  const c = new Client({ connectionString: db.url });
  await c.connect();
  try {
    // Logged out through a: b, which has just answered for the session, refuses it.
    const yuan = await loginAt(a.url, 'yuan.clerk');
    expect((await gqlAt(b.url, ME, {}, yuan)).me.login).toBe('yuan.clerk');
    expect((await gqlAt(b.url, ME, {}, yuan)).me.login).toBe('yuan.clerk');
    await gqlAt(a.url, `mutation { logout }`, {}, yuan);
    expect(await within(1000, async () => (await gqlAt(b.url, ME, {}, yuan)).me === null)).toBeLessThan(1000);

    // A role deleted in the database (by an administrator in psql): the clerk's queue is refused in both.
    const jinan = await loginAt(a.url, 'jinan.clerk');
    await gqlAt(a.url, QUEUE, {}, jinan);
    await gqlAt(b.url, QUEUE, {}, jinan);
    await c.query(`DELETE FROM role_assignment WHERE user_id = (SELECT id FROM app_user WHERE login = 'jinan.clerk') AND role = 'CLERK'`);
    await within(1000, () => refused(a.url, QUEUE, jinan));
    await within(1000, () => refused(b.url, QUEUE, jinan));

    // The listeners cut off, and the account disabled before they are back: the notification is lost, yet neither
    // process answers from memory for long (while a listener is down sessions are looked up on every request; when
    // it is back its process starts from nothing). The entries would otherwise live 30 s.
    const supervisor = await loginAt(a.url, 'supervisor');
    expect((await gqlAt(a.url, ME, {}, supervisor)).me.login).toBe('supervisor');
    expect((await gqlAt(b.url, ME, {}, supervisor)).me.login).toBe('supervisor');
    await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'weimin-viewer-listener' AND datname = current_database()`);
    await c.query(`UPDATE app_user SET disabled = true WHERE login = 'supervisor'`);
    await within(2000, async () => (await gqlAt(a.url, ME, {}, supervisor)).me === null);
    await within(2000, async () => (await gqlAt(b.url, ME, {}, supervisor)).me === null);
    // Both listen again.
    const state = async (p: ServerProcess) => ((await (await fetch(`${p.url}/readyz`)).json()) as { sessionCache: string }).sessionCache;
    await within(5000, async () => (await state(a)) === 'on' && (await state(b)) === 'on');
    expect((await gqlAt(b.url, ME, {}, supervisor)).me).toBeNull();
  } finally {
    await c.end();
  }
}, 60_000);
