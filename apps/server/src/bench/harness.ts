/**
 * What the benchmarks share: child processes that are always cleaned up, a database (DATABASE_URL's server or an
 * embedded PostgreSQL under .data/), free ports, the server as a child process on a database, GraphQL over HTTP,
 * readiness, and latency percentiles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { REPO_ROOT } from '../config';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded';

export const DATA_DIR = path.join(REPO_ROOT, '.data');
export const SERVER_MAIN = path.resolve(__dirname, '..', 'main.js');

const children = new Set<ChildProcess>();
let embedded: EmbeddedDatabase | null = null;
const cleanups: Array<() => Promise<void>> = [];

/** Something else to undo at the end (e.g. a database the benchmark started itself). */
export function onCleanup(fn: () => Promise<void>): void {
  cleanups.push(fn);
}

const graceFor = new WeakMap<ChildProcess, number>();

/**
 * A node child process whose output is prefixed with its name. `graceMs`: how long it may take to stop after
 * SIGTERM before it is killed (longer for --cpu-prof, as V8 writes the profile only on a normal exit).
 */
export function startChild(name: string, script: string, env: Record<string, string>, opts: { nodeArgs?: string[]; graceMs?: number } = {}): ChildProcess {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  if (opts.graceMs) graceFor.set(child, opts.graceMs);
  const prefix = (chunk: Buffer) =>
    chunk.toString('utf8').split('\n').filter((l) => l.trim()).map((l) => `  [${name}] ${l}\n`).join('');
  child.stdout?.on('data', (c: Buffer) => process.stdout.write(prefix(c)));
  child.stderr?.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

export function stopChild(child: ChildProcess, graceMs = graceFor.get(child) ?? 10_000): Promise<void> {
  if (child.exitCode != null || child.signalCode != null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

let cleaning: Promise<void> | null = null;
export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all([...children].map((c) => stopChild(c)));
    const e = embedded;
    embedded = null;
    await e?.stop().catch((err) => console.error('stopping the embedded database:', err));
    for (const fn of cleanups.splice(0)) await fn().catch((err) => console.error('cleaning up:', err));
  })();
  return cleaning;
}

process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void cleanup().finally(() => process.exit(130)));
}

/** Runs a benchmark's `main`: exits with its code, or 1 after printing what it threw, always after cleanup(). */
export function runBenchmark(main: () => Promise<number>): void {
  main()
    .then((code) => cleanup().then(() => process.exit(code)))
    .catch((e: unknown) => {
      console.error(e);
      void cleanup().then(() => process.exit(1));
    });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitReady(name: string, child: ChildProcess, port: number, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode != null || child.signalCode != null) throw new Error(`${name} exited before it was ready`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s`);
}

/** The server (dist) on this database and port, as measured: production, no demo data, no request log. */
export function startServer(databaseUrl: string, port: number, opts: { worker?: boolean } = {}): ChildProcess {
  return startChild('server', SERVER_MAIN, {
    DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', DEMO_DATA: 'false', LOG_LEVEL: 'warn',
    NODE_ENV: 'production', REQUEST_LOGGING: 'false', WORKER: opts.worker ? 'true' : 'false',
  });
}

/** One GraphQL request to the server on this port; its data, or an error with the server's errors. */
export async function post(port: number, query: string, variables: Record<string, unknown>, token?: string): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 1000)}`);
  return body.data;
}

/** Keep-alive connections for the load loops (`closedLoop`), as many as their clients. */
const loadAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * A POST of JSON through node:http on kept-alive connections, the body parsed. The load loops use it rather than
 * fetch: at hundreds of requests a second fetch's own work took a quarter of a core beside the server under test
 * on this 2-core machine, which the bare-statement baselines (a `pg` query each) do not pay.
 */
export function postJson(port: number, urlPath: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: urlPath, method: 'POST', agent: loadAgent, headers: { 'content-type': 'application/json', 'content-length': payload.length, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (e) {
            reject(e);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** A session token of this account. */
export async function login(port: number, login: string, password: string): Promise<string> {
  return (await post(port, `mutation($l: String!, $p: String!) { login(login: $l, password: $p) { token } }`, { l: login, p: password })).login.token;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A database named `name` on DATABASE_URL's server, else on an embedded PostgreSQL under .data/bench-pg. */
export async function benchDatabase(name: string): Promise<{ url: string; kind: 'DATABASE_URL' | 'embedded' }> {
  if (process.env.DATABASE_URL) {
    console.log(`Database: ${name} next to DATABASE_URL`);
    await ensureDatabase(withDatabase(process.env.DATABASE_URL, 'postgres'), name);
    return { url: withDatabase(process.env.DATABASE_URL, name), kind: 'DATABASE_URL' };
  }
  const port = await freePort();
  console.log(`No DATABASE_URL: starting an embedded PostgreSQL in .data/bench-pg on port ${port}`);
  embedded = await startEmbeddedPostgres({ dir: path.join(DATA_DIR, 'bench-pg'), port, database: name });
  return { url: embedded.url, kind: 'embedded' };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * `warmup` calls, then `runs` calls one after another, each timed: p50 and p90 in ms, and the answer of the last
 * warm-up call.
 */
export async function timed<T>(runs: number, warmup: number, call: () => Promise<T>): Promise<{ p50: number; p90: number; answer: T | undefined }> {
  let answer: T | undefined;
  for (let i = 0; i < warmup; i++) answer = await call();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await call();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p90: percentile(ms, 90), answer };
}

export interface LoadResult {
  operations: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/**
 * `clients` loops, each running `op(client, i)` back to back until `seconds` pass or `limit` operations are done;
 * latency of every successful operation in ms.
 */
export async function closedLoop(clients: number, seconds: number, op: (client: number, i: number) => Promise<void>, limit = Infinity): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let started = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  let firstError: unknown = null;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (performance.now() < until && started < limit) {
        const i = started++;
        const s = performance.now();
        try {
          await op(c, i);
          latencies.push(performance.now() - s);
        } catch (e) {
          errors++;
          firstError ??= e;
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  if (firstError) console.warn('  first error:', firstError);
  latencies.sort((a, b) => a - b);
  return { operations: latencies.length, errors, seconds: elapsed, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}
