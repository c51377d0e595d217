/**
 * Two API processes on one database, both running the background worker: every notification is sent once (the
 * outbox is claimed with SKIP LOCKED, the cron fires each task once across processes), every action leaves one
 * event, and either process answers for data the other wrote.
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
