/**
 * Fault injection under a bounded submit load, on a server process of its own with its own embedded PostgreSQL in
 * a temporary folder (independent of the shared test server): (a) the database is killed and comes back by
 * itself, (b) the server is killed and starts again on the same data folder, (c) SIGINT drains the requests in
 * flight. Every acknowledged submission must be there afterwards, exactly once per idempotency key.
 * As root, the data folder sits in a mode-700 folder (like a checkout in /root): the embedded database must move
 * where user postgres can reach it and say so.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { pdfBytes } from './helpers';

/** The embedded `postgres` binary as the server starts it (as root: the copy user postgres can reach), from the build. */
function runnablePostgres(): string {
  const embedded = path.join(__dirname, '../dist/db/embedded.js');
  const out = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(embedded)}).runnablePostgresBinary().then((p) => process.stdout.write(p))`], { encoding: 'utf8' });
  if (out.status !== 0 || !out.stdout) throw new Error(`no runnable postgres binary: ${out.stderr}`);
  return out.stdout;
}

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'apps/server/dist/main.js');
const isRoot = process.getuid?.() === 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Server {
  child: ChildProcess;
  log: string;
  exited: Promise<number | null>;
}

let tmp: string;
let dataDir: string;
let fallbackRoot: string;
let port: number;
let pgPort: number;
let base: string;
let pgDataDir = '';

function startServer(name: string, env: Record<string, string> = {}): Server {
  const log = path.join(tmp, `${name}.log`);
  const fd = fs.openSync(log, 'w');
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...rest,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_PG_PORT: String(pgPort),
      WEB_DIST: '',
      DEMO_DATA: 'true',
      DEMO_HISTORY: 'false',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      REQUEST_LOGGING: 'false',
      LOGIN_MAX_FAILURES_PER_IP: '1000',
      WEIMIN_PG_FALLBACK_ROOT: fallbackRoot,
      ...env,
    },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, log, exited };
}

async function readyz(): Promise<number> {
  try {
    const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

async function waitReady(server: Server, ms: number): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (server.child.exitCode != null) throw new Error(`server exited (${server.child.exitCode}): ${fs.readFileSync(server.log, 'utf8').slice(-2000)}`);
    if ((await readyz()) === 200) return Date.now() - t0;
    await sleep(25);
  }
  throw new Error(`not ready within ${ms} ms: ${fs.readFileSync(server.log, 'utf8').slice(-2000)}`);
}

async function post(pathName: string, init: RequestInit): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${pathName}`, { ...init, signal: AbortSignal.timeout(20_000) });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}

function gqlRequest(query: string, variables: object, token?: string) {
  return post('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
}

const SUBMIT = `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id number } }`;

interface Attempt {
  started: number;
  ended?: number;
  kind: 'upload' | 'submit';
  status?: number;
  ok?: boolean;
  error?: string;
}

interface Submission {
  key: string;
  id?: string;
  number?: string;
}

/** Citizens submitting with fresh idempotency keys, each retrying (same key) through outages until acknowledged. */
class Load {
  readonly submissions: Submission[] = [];
  readonly attempts = new Set<Attempt>();
  readonly unexpected: string[] = [];
  private stopped = false;
  private abandoned = false;
  private workers: Promise<void>[] = [];

  constructor(
    private readonly token: string,
    private readonly item: { id: string; materials: string[] },
    private readonly jurisdictionId: string,
  ) {}

  start(concurrency: number): void {
    this.stopped = false;
    this.abandoned = false;
    for (let i = 0; i < concurrency; i++) this.workers.push(this.worker());
  }

  /** Stops starting new submissions; `abandon` also gives up the retries of unfinished ones (the server is gone). */
  async stop(abandon = false): Promise<void> {
    this.stopped = true;
    this.abandoned = abandon;
    await Promise.all(this.workers);
    this.workers = [];
  }

  /** Requests that were in flight at this moment (sent at least `graceMs` earlier, so the server has them). */
  inFlight(graceMs = 5): Attempt[] {
    const now = Date.now();
    return [...this.attempts].filter((a) => a.ended == null && now - a.started >= graceMs);
  }

  private async tracked<T extends { status: number; body: any }>(kind: Attempt['kind'], fn: () => Promise<T>, good: (r: T) => boolean): Promise<T | null> {
    const a: Attempt = { started: Date.now(), kind };
    this.attempts.add(a);
    try {
      const r = await fn();
      a.status = r.status;
      a.ok = good(r);
      return r;
    } catch (err) {
      a.error = String((err as Error).cause ?? err);
      return null;
    } finally {
      a.ended = Date.now();
    }
  }

  /** Retries while the answer is "unavailable" (503, connection refused or reset); anything else is final. */
  private async retrying<T extends { status: number; body: any }>(kind: Attempt['kind'], fn: () => Promise<T>, good: (r: T) => boolean, deadline: number): Promise<T | null> {
    while (Date.now() < deadline && !this.abandoned) {
      const r = await this.tracked(kind, fn, good);
      if (r && good(r)) return r;
      if (r && r.status !== 503) {
        this.unexpected.push(`${kind}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        return null;
      }
      await sleep(100);
    }
    return null;
  }

  private async worker(): Promise<void> {
    while (!this.stopped) {
      const deadline = Date.now() + 40_000;
      const fileIds: string[] = [];
      for (let m = 0; m < this.item.materials.length; m++) {
        const r = await this.retrying(
          'upload',
          () => {
            const form = new FormData();
            form.append('file', new Blob([pdfBytes()]), 'm.pdf');
            return post('/api/files', { method: 'POST', headers: { authorization: `Bearer ${this.token}`, 'x-requested-with': 'test' }, body: form });
          },
          (x) => x.status === 201,
          deadline,
        );
        if (!r) return;
        fileIds.push(r.body.id);
      }
      const s: Submission = { key: randomUUID() };
      this.submissions.push(s);
      const input = { serviceItemId: this.item.id, jurisdictionId: this.jurisdictionId, idempotencyKey: s.key, materials: this.item.materials.map((requirement, i) => ({ requirement, fileIds: [fileIds[i]] })) };
      const r = await this.retrying('submit', () => gqlRequest(SUBMIT, { i: input }, this.token), (x) => x.status === 200 && !x.body.errors && !!x.body.data?.submitApplication, deadline);
      if (r) Object.assign(s, r.body.data.submitApplication);
    }
  }
}

async function dbQuery<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: `postgres://postgres:weimin-local@127.0.0.1:${pgPort}/weimin` });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Every acknowledged submission is stored, and no key produced two applications. */
async function checkInvariants(load: Load) {
  const acknowledged = load.submissions.filter((s) => s.id);
  const keys = load.submissions.map((s) => s.key);
  const rows = await dbQuery<{ id: string; number: string; idempotency_key: string }>(`SELECT id::text, number, idempotency_key FROM application WHERE idempotency_key = ANY($1)`, [keys]);
  const byKey = new Map<string, number>();
  for (const r of rows) byKey.set(r.idempotency_key, (byKey.get(r.idempotency_key) ?? 0) + 1);
  const lost = acknowledged.filter((s) => !rows.some((r) => r.id === s.id && r.idempotency_key === s.key && r.number === s.number));
  const duplicates = [...byKey.values()].filter((n) => n > 1).length;
  return { acknowledged: acknowledged.length, lost: lost.length, duplicates };
}

let server: Server | null = null;
let load: Load;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'weimin-faults-'));
  // like a checkout in root's home: user postgres cannot pass this folder
  const home = path.join(tmp, 'home');
  fs.mkdirSync(home, { mode: 0o700 });
  dataDir = path.join(home, 'checkout', '.data');
  fallbackRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'weimin-faults-pg-'));
  fs.chmodSync(fallbackRoot, 0o755);
  port = await freePort();
  pgPort = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = startServer('first');
  figures.firstStartMs = await waitReady(server, 90_000);
  pgDataDir = await dataDirectory();

  const login = await gqlRequest(`mutation { login(login: "citizen", password: "weimin-demo") { token } }`, {});
  const token = login.body.data.login.token;
  const [town] = await dbQuery<{ id: string }>(`SELECT id::text FROM jurisdiction WHERE parent_id = (SELECT id FROM jurisdiction WHERE code = '341502000000') ORDER BY code LIMIT 1`);
  const items = await gqlRequest(
    `query($at: ID!) { serviceItems(filter: { availableAt: $at }, first: 100) { nodes { id handlingKind onlineCapable exemption { office } fee { free } promisedUnit materials { name necessity } } } }`,
    { at: town.id },
  );
  const item = items.body.data.serviceItems.nodes.find((n: any) => n.handlingKind === 'PROMISED' && n.onlineCapable && !n.exemption && n.fee.free && n.promisedUnit === 'WORKING_DAYS');
  load = new Load(token, { id: item.id, materials: item.materials.filter((m: any) => m.necessity === 'REQUIRED').map((m: any) => m.name) }, town.id);
}, 120_000);

afterAll(async () => {
  await load?.stop();
  if (server && server.child.exitCode == null) {
    server.child.kill('SIGINT');
    await Promise.race([server.exited, sleep(15_000)]);
    if (server.child.exitCode == null) server.child.kill('SIGKILL');
  }
  // a PostgreSQL left behind by a failed run
  if (pgDataDir) {
    const pidFile = path.join(pgDataDir, 'postmaster.pid');
    if (fs.existsSync(pidFile)) {
      try {
        process.kill(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGQUIT');
      } catch {
        // gone
      }
    }
  }
  await sleep(200);
  if (!process.env.KEEP_FAULT_LOGS) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log(`[faults] logs in ${tmp}`);
  fs.rmSync(fallbackRoot, { recursive: true, force: true });
  console.log(`[faults] ${JSON.stringify(figures)}`);
});

async function dataDirectory(): Promise<string> {
  const [{ data_directory }] = await dbQuery<{ data_directory: string }>(`SHOW data_directory`);
  return data_directory;
}

(isRoot ? it : it.skip)('as root, puts the database where user postgres can reach it and says where', async () => {
  const dir = pgDataDir;
  expect(dir.startsWith(fallbackRoot)).toBe(true);
  expect(fs.readFileSync(server!.log, 'utf8')).toContain(`the embedded database lives in ${dir}`);
});

it('(a) survives a kill -9 of the database under load: not ready meanwhile, back by itself, nothing lost', async () => {
  load.start(6);
  await sleep(1500);
  const pidFile = path.join(pgDataDir, 'postmaster.pid');
  const before = load.submissions.filter((s) => s.id).length;
  const pgPid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  const killedAt = Date.now();
  process.kill(pgPid, 'SIGKILL');
  let sawNotReady = false;
  let backAt = 0;
  while (Date.now() - killedAt < 20_000) {
    const s = await readyz();
    if (s !== 200) sawNotReady = true;
    else if (sawNotReady) {
      backAt = Date.now();
      break;
    }
    await sleep(20);
  }
  expect(sawNotReady).toBe(true);
  expect(backAt).toBeGreaterThan(0);
  figures.databaseKillRecoveryMs = backAt - killedAt;
  expect(backAt - killedAt).toBeLessThan(15_000);
  await sleep(1500);
  await load.stop();
  expect(server!.child.exitCode).toBeNull();
  const inv = await checkInvariants(load);
  figures.a = inv;
  expect(load.unexpected).toEqual([]);
  expect(inv.acknowledged).toBeGreaterThan(before);
  expect(inv.lost).toBe(0);
  expect(inv.duplicates).toBe(0);
  // the outage was answered with the retryable code, never a masked internal error
  const log = fs.readFileSync(server!.log, 'utf8');
  expect(log).toContain('the embedded PostgreSQL stopped unexpectedly');
  expect(log).not.toContain('internal error');
});

it('(b) starts again on the same data folder after a kill -9 of the server under load, nothing lost', async () => {
  load.start(6);
  await sleep(1500);
  const killedAt = Date.now();
  server!.child.kill('SIGKILL');
  await server!.exited;
  server = startServer('second');
  await waitReady(server, 60_000);
  figures.serverKillRestartMs = Date.now() - killedAt;
  await sleep(1500);
  await load.stop();
  const inv = await checkInvariants(load);
  figures.b = inv;
  expect(load.unexpected).toEqual([]);
  expect(inv.lost).toBe(0);
  expect(inv.duplicates).toBe(0);
  // the PostgreSQL the killed server left running was stopped cleanly and started again
  expect(fs.readFileSync(server.log, 'utf8')).toMatch(/left running on .* by an earlier server/);
});

it('(c) SIGINT under load: every request in flight completes with its real answer, no error lines, database stopped', async () => {
  load.start(8);
  await sleep(1500);
  const inFlight = load.inFlight();
  const logBefore = fs.readFileSync(server!.log, 'utf8').length;
  server!.child.kill('SIGINT');
  const code = await server!.exited;
  await load.stop(true);
  figures.sigintInFlight = inFlight.length;
  figures.sigintCompleted = inFlight.filter((a) => a.ok).length;
  expect(inFlight.length).toBeGreaterThan(0);
  expect(inFlight.filter((a) => !a.ok).map((a) => `${a.kind} ${a.status ?? a.error}`)).toEqual([]);
  expect(code).toBe(0);
  const after = fs.readFileSync(server!.log, 'utf8').slice(logBefore);
  const errorLines = after.split('\n').filter((l) => /"level":(50|60)/.test(l));
  expect(errorLines).toEqual([]);
  expect(after).not.toMatch(/uncaught exception|unhandled rejection|terminating connection/);
  expect(after).toContain('database closed');
  expect(fs.existsSync(path.join(pgDataDir, 'postmaster.pid'))).toBe(false);
  server = null;
});

it('(d) with DATABASE_URL: survives the database going away and resumes by itself when it is back', async () => {
  // as root in a private home, the copy user postgres can reach (the server itself runs it from there too)
  const bin = runnablePostgres();
  const owner = fs.statSync(pgDataDir);
  const startPg = () => {
    const pg = spawn(bin, ['-D', pgDataDir, '-p', String(pgPort), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], {
      ...(isRoot ? { uid: owner.uid, gid: owner.gid } : {}),
      stdio: 'ignore',
    });
    return pg;
  };
  let pg = startPg();
  try {
    server = startServer('external', { DATABASE_URL: `postgres://postgres:weimin-local@127.0.0.1:${pgPort}/weimin`, DEMO_DATA: 'false' });
    await waitReady(server, 60_000);
    load.start(4);
    await sleep(1000);
    pg.kill('SIGKILL');
    const killedAt = Date.now();
    let sawNotReady = false;
    while (Date.now() - killedAt < 5000 && !sawNotReady) {
      sawNotReady = (await readyz()) === 503;
      await sleep(20);
    }
    expect(sawNotReady).toBe(true);
    await sleep(1000);
    expect(server.child.exitCode).toBeNull();
    const down = await gqlRequest(`{ __typename }`, {});
    // meanwhile every API request is refused at once with the retryable code
    expect(down.status).toBe(503);
    expect(down.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    await sleep(300); // let the killed server's backends go
    pg = startPg();
    const restartedAt = Date.now();
    await waitReady(server, 15_000);
    figures.externalDatabaseResumeMs = Date.now() - restartedAt;
    await sleep(1000);
    await load.stop();
    const inv = await checkInvariants(load);
    figures.d = inv;
    expect(load.unexpected).toEqual([]);
    expect(inv.lost).toBe(0);
    expect(inv.duplicates).toBe(0);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    server = null;
  } finally {
    pg.kill('SIGINT');
    await new Promise((r) => (pg.exitCode != null || pg.signalCode != null ? r(null) : pg.once('exit', r)));
  }
});

it('the default ports held by another copy: the start takes free ones and says where it serves', async () => {
  // Held here, unless something on this machine holds them already (taken either way).
  const hold = (p: number) =>
    new Promise<net.Server | null>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(null));
      srv.listen(p, '127.0.0.1', () => resolve(srv));
    });
  const blockers = await Promise.all([4000, 54329].map(hold));
  try {
    const s = startServer('default-ports-taken', { PORT: '', EMBEDDED_PG_PORT: '', DEMO_DATA: 'false', WORKER: 'false', DATA_DIR: path.join(tmp, 'second-copy') });
    let url: string | null = null;
    for (let i = 0; i < 240 && !url; i++) {
      const text = fs.readFileSync(s.log, 'utf8');
      url = /Weimin is running at (http:\/\/localhost:\d+)\//.exec(text)?.[1] ?? null;
      if (!url) {
        if (s.child.exitCode != null) throw new Error(`the second copy exited: ${text.slice(-500)}`);
        await sleep(500);
      }
    }
    expect(url).toMatch(/^http:\/\/localhost:\d+$/);
    const served = Number(new URL(url as string).port);
    expect(served).not.toBe(4000);
    const lines = fs.readFileSync(s.log, 'utf8').trim().split('\n');
    expect(lines).toContain(`Port 4000 is taken by another program: serving on port ${served} instead (set PORT to choose).`);
    expect(lines.some((l) => /port 54329 is taken by another program \(another copy of Weimin\?\): the embedded database uses port \d+/.test(l))).toBe(true);
    expect((await fetch(`http://127.0.0.1:${served}/readyz`)).status).toBe(200);
    s.child.kill('SIGINT');
    expect(await s.exited).toBe(0);
  } finally {
    for (const b of blockers) b?.close();
  }
});

it('a taken port is one clear sentence naming the port and the setting', async () => {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', () => r()));
  try {
    const s = startServer('port-taken', { DATABASE_URL: process.env.TEST_DATABASE_URL_RUN ?? '', DEMO_DATA: 'false', WORKER: 'false' });
    expect(await s.exited).toBe(1);
    const out = fs.readFileSync(s.log, 'utf8').trim().split('\n').filter((l) => !l.startsWith('{'));
    expect(out).toEqual([`Port ${port} is taken by another program: set PORT to a free port.`]);
    const dbBlocked = startServer('pg-port-taken', { EMBEDDED_PG_PORT: String(port), DATA_DIR: path.join(tmp, 'other') });
    expect(await dbBlocked.exited).toBe(1);
    const lines = fs.readFileSync(dbBlocked.log, 'utf8').trim().split('\n').filter((l) => !l.startsWith('{') && !l.startsWith('No DATABASE_URL'));
    expect(lines).toEqual([`Port ${port} for the embedded database is taken by another program: set EMBEDDED_PG_PORT to a free port (or DATABASE_URL to use a PostgreSQL server).`]);
  } finally {
    blocker.close();
  }
});
