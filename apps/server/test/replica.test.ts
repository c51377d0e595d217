/**
 * A read replica in streaming replication, started by the test: a primary (initdb) and a standby (pg_basebackup)
 * from the PostgreSQL 15 binaries, a server process with DATABASE_URL and DATABASE_REPLICA_URL. Public reads and
 * lists (the work queue, rectifications, the audit log) answer from the standby (shown by a replay held on the standby: the read is the old value), writes and the
 * author's next reads from the primary, and with the standby killed the API keeps answering.
 */
import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { freePort, gqlAt, loginAt, startServer, type ServerProcess } from './support/servers';

const BIN = process.env.PG_BIN_DIR || '/usr/lib/postgresql/15/bin';
const available = fs.existsSync(path.join(BIN, 'pg_basebackup'));

/** As root, PostgreSQL runs as user postgres (it refuses root). */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0) throw new Error('as root the test needs a user postgres to run PostgreSQL');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function run(cmd: string, args: string[]): Promise<void> {
  const ids = runAs();
  const opts: SpawnOptions = { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C.UTF-8' }, ...(ids ?? {}) };
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(BIN, cmd), args, opts);
    let out = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${out}`))));
  });
}

const d = available ? describe : describe.skip;
let dir: string;
let primary: { dir: string; port: number };
let standby: { dir: string; port: number };
let server: ServerProcess;

const conf = (port: number, socketDir: string) =>
  `port = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${socketDir}'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n` +
  `shared_buffers = 32MB\nmax_wal_senders = 4\nhot_standby = on\nwal_level = replica\nmax_connections = 40\n`;

async function pgQuery(port: number, sql: string, db = 'weimin'): Promise<any[]> {
  const c = new Client({ host: '127.0.0.1', port, user: 'postgres', database: db });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

async function until(what: string, fn: () => Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

d('a read replica in streaming replication', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weimin-replica-'));
    const ids = runAs();
    fs.chmodSync(dir, 0o755);
    primary = { dir: path.join(dir, 'primary'), port: await freePort() };
    standby = { dir: path.join(dir, 'standby'), port: await freePort() };
    for (const x of [primary.dir, standby.dir]) {
      fs.mkdirSync(x, { mode: 0o700 });
      if (ids) fs.chownSync(x, ids.uid, ids.gid);
    }
    await run('initdb', ['-D', primary.dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    fs.appendFileSync(path.join(primary.dir, 'postgresql.conf'), conf(primary.port, primary.dir));
    await run('pg_ctl', ['-D', primary.dir, '-w', '-l', path.join(primary.dir, 'log'), 'start']);
    await pgQuery(primary.port, `CREATE DATABASE weimin`, 'postgres');
    await run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', standby.dir, '-R', '-X', 'stream', '-c', 'fast']);
    fs.appendFileSync(path.join(standby.dir, 'postgresql.conf'), conf(standby.port, standby.dir));
    await run('pg_ctl', ['-D', standby.dir, '-w', '-l', path.join(standby.dir, 'log'), 'start']);
    server = await startServer({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${primary.port}/weimin`,
      DATABASE_REPLICA_URL: `postgres://postgres@127.0.0.1:${standby.port}/weimin`,
      DEMO_DATA: 'true', WORKER: 'false', SQL_COUNT_HEADER: 'true', DATA_DIR: dir, REPLICA_STICKY_MS: '3000',
    });
    // The demo data has reached the standby.
    await until('the standby to replay the demo data', async () => (await pgQuery(standby.port, `SELECT count(*)::int AS n FROM app_user WHERE login = 'citizen'`))[0].n === 1);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    for (const x of [standby, primary]) if (x) await run('pg_ctl', ['-D', x.dir, '-m', 'immediate', 'stop']).catch(() => undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const post = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    return { ...body, replica: Number(res.headers.get('x-sql-replica-statements')), statements: Number(res.headers.get('x-sql-statements')) };
  };
  const PLACE = `query($c: String!) { jurisdiction(code: $c) { id name } }`;

  it('answers public reads and lists from the standby, writes and the author\'s next reads from the primary, and survives the standby\'s end', async () => {
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { replica: { up: boolean; inRecovery: boolean } };
    expect(ready.replica).toEqual({ up: true, inRecovery: true });

    // Replay held on the standby, a name changed on the primary: the API still shows the old name, so it read there.
    const before = await post(PLACE, { c: '341502000000' });
    expect(before.replica).toBeGreaterThan(0);
    await pgQuery(standby.port, `SELECT pg_wal_replay_pause()`);
    await pgQuery(primary.port, `UPDATE jurisdiction SET name = name || '·改' WHERE code = '341502000000'`);
    const held = await post(PLACE, { c: '341502000000' });
    expect(held.data.jurisdiction.name).toBe(before.data.jurisdiction.name);
    await pgQuery(standby.port, `SELECT pg_wal_replay_resume()`);
    await until('the change to reach the standby', async () => (await post(PLACE, { c: '341502000000' })).data.jurisdiction.name.endsWith('·改'));

    // A supervisor's work list reads there too.
    const supervisor = await loginAt(server.url, 'supervisor');
    const list = await post(`{ applications(first: 5) { totalCount nodes { id } } }`, {}, supervisor);
    expect(list.errors).toBeUndefined();
    expect(list.replica).toBeGreaterThan(0);

    // A write and its author's next read: on the primary (the new application is in their list at once).
    const citizen = await loginAt(server.url, 'citizen');
    await pgQuery(standby.port, `SELECT pg_wal_replay_pause()`);
    const town = (await pgQuery(primary.port, `SELECT r.jurisdiction_id AS id FROM role_assignment r JOIN app_user u ON u.id = r.user_id WHERE u.login = 'town.clerk'`))[0].id;
    const items = await gqlAt(server.url, `query($at: ID!) { serviceItems(filter: { availableAt: $at }, first: 100) { nodes { id handlingKind onlineCapable exemption { office } handlingChain { kind } materials { name necessity } } } }`, { at: String(town) });
    const item = items.serviceItems.nodes.find((n: any) => n.handlingKind === 'PROMISED' && n.onlineCapable && !n.exemption && n.handlingChain.length === 2);
    const files = await Promise.all(item.materials.filter((m: any) => m.necessity === 'REQUIRED').map(async (m: any) => {
      const f = new FormData();
      f.append('file', new Blob([Buffer.from(`%PDF-1.4\n% ${m.name}\n%%EOF\n`, 'latin1')]), 'a.pdf');
      const r = await fetch(`${server.url}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${citizen}`, 'x-requested-with': 'test' }, body: f });
      return { requirement: m.name, fileIds: [((await r.json()) as { id: string }).id] };
    }));
    const submitted = await post(`mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id } }`, {
      i: { serviceItemId: item.id, jurisdictionId: String(town), materials: files, idempotencyKey: `replica-${Date.now()}` },
    }, citizen);
    expect(submitted.errors).toBeUndefined();
    expect(submitted.replica).toBe(0);
    const mine = await post(`{ myApplications(first: 5) { nodes { id } } }`, {}, citizen);
    expect(mine.data.myApplications.nodes.map((n: { id: string }) => n.id)).toContain(submitted.data.submitApplication.id);
    expect(mine.replica).toBe(0);
    await pgQuery(standby.port, `SELECT pg_wal_replay_resume()`);

    // The rectification list and the audit log read there too: with replay held, a rectification's new deadline and
    // a new line of the log are not yet seen.
    const app = submitted.data.submitApplication.id;
    const [rect] = await pgQuery(primary.port, `
      WITH a AS (SELECT id, jurisdiction_id, service_item_id FROM application WHERE id = '${app}'),
           e AS (INSERT INTO evaluation (application_id, jurisdiction_id, service_item_id, grade, overall, efficiency, guide_accuracy, convenience, ease_of_use, evaluated_on)
                 SELECT id, jurisdiction_id, service_item_id, 2, 2, 2, 2, 2, 2, current_date FROM a RETURNING id, application_id, jurisdiction_id)
      INSERT INTO rectification (evaluation_id, application_id, jurisdiction_id, status, deadline)
      SELECT id, application_id, jurisdiction_id, 'OPEN', DATE '2030-01-10' FROM e RETURNING id::text, jurisdiction_id`);
    await until('the rectification to reach the standby', async () => (await pgQuery(standby.port, `SELECT count(*)::int AS n FROM rectification WHERE id = '${rect.id}'`))[0].n === 1);
    await pgQuery(standby.port, `SELECT pg_wal_replay_pause()`);
    await pgQuery(primary.port, `UPDATE rectification SET deadline = DATE '2030-02-20' WHERE id = '${rect.id}'`);
    await pgQuery(primary.port, `
      INSERT INTO audit_log (jurisdiction_id, scope, action, entity, entity_id)
      SELECT id, string_to_array(rtrim(path, '.'), '.')::int[], 'replicaProbe', 'Rectification', '${rect.id}' FROM jurisdiction WHERE id = ${rect.jurisdiction_id}`);
    const rects = await post(`query($j: ID) { rectifications(first: 50, filter: { jurisdictionId: $j }) { nodes { id deadline } } }`, { j: String(rect.jurisdiction_id) }, supervisor);
    expect(rects.errors).toBeUndefined();
    expect(rects.data.rectifications.nodes.find((n: { id: string }) => n.id === rect.id)?.deadline).toBe('2030-01-10');
    expect(rects.replica).toBeGreaterThan(0);
    const log = await post(`{ auditLog(first: 20) { nodes { action entityId } } }`, {}, supervisor);
    expect(log.errors).toBeUndefined();
    expect(log.data.auditLog.nodes.some((n: { action: string }) => n.action === 'replicaProbe')).toBe(false);
    expect(log.replica).toBeGreaterThan(0);
    await pgQuery(standby.port, `SELECT pg_wal_replay_resume()`);
    await until('the log line to reach the standby', async () => (await post(`{ auditLog(first: 20) { nodes { action } } }`, {}, supervisor)).data.auditLog.nodes.some((n: { action: string }) => n.action === 'replicaProbe'));

    // The standby ends: every read answers (from the primary), no error reaches the user.
    await run('pg_ctl', ['-D', standby.dir, '-m', 'immediate', 'stop']);
    for (let i = 0; i < 3; i++) {
      const r = await post(PLACE, { c: '341502000000' });
      expect(r.errors).toBeUndefined();
      expect(r.data.jurisdiction.name.endsWith('·改')).toBe(true);
      expect(r.replica).toBe(0);
    }
    const after = await post(`{ applications(first: 5) { totalCount nodes { id } } }`, {}, supervisor);
    expect(after.errors).toBeUndefined();
    const down = (await (await fetch(`${server.url}/readyz`)).json()) as { status: string; replica: { up: boolean } };
    expect(down).toMatchObject({ status: 'ready', replica: { up: false } });
  }, 90_000);
});
