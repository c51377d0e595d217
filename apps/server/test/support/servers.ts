/**
 * Extra real server processes for the suites that need more than the shared one (several API processes on one
 * database, a server with a read replica): spawned from the built server, their log lines kept for the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';

const SERVER_MAIN = path.resolve(__dirname, '..', '..', 'dist', 'main.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Every log line so far (JSON lines from the server's logger, or plain text). */
  lines: string[];
  stop(): Promise<void>;
}

export async function startServer(env: Record<string, string>, readyMs = 120_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_MAIN], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: 'warn', LOGIN_MAX_FAILURES_PER_IP: '1000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let rest = '';
  const take = (chunk: Buffer) => {
    const text = rest + chunk.toString('utf8');
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts.filter((l) => l.trim()));
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  child.on('error', () => undefined);
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + readyMs;
  for (;;) {
    if (child.exitCode != null) throw new Error(`the server exited with ${child.exitCode}:\n${lines.slice(-20).join('\n')}`);
    const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > until) throw new Error(`the server was not ready within ${readyMs} ms:\n${lines.slice(-20).join('\n')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode != null || child.signalCode != null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return { url, child, lines, stop };
}

/** A fresh database next to the run's one (same server); dropped by `drop`. */
export async function freshDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const run = new URL(process.env.TEST_DATABASE_URL_RUN as string);
  const admin = new URL(run.toString());
  admin.pathname = '/postgres';
  const name = `${prefix}_${Date.now()}_${process.pid}`;
  const c = new Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
  await c.end();
  const url = new URL(run.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const d = new Client({ connectionString: admin.toString() });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      await d.end();
    },
  };
}

export async function gqlAt(base: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

export async function loginAt(base: string, login: string): Promise<string> {
  return (await gqlAt(base, `mutation($l: String!) { login(login: $l, password: "weimin-demo") { token } }`, { l: login })).login.token;
}

export async function uploadAt(base: string, token: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(`%PDF-1.4\n% ${Math.random()}\n%%EOF\n`, 'latin1')]), 'a.pdf');
  const res = await fetch(`${base}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'x-requested-with': 'test' }, body: form });
  return ((await res.json()) as { id: string }).id;
}
