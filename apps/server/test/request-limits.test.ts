/**
 * Requests that cost more than they are worth are refused quickly: large bodies, documents with too many tokens,
 * directive and alias floods (one error); production hides schema hints; HSTS and upgrade-insecure-requests only
 * when the site is served over HTTPS.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'graphql';
import { BASE, gql } from './helpers';

async function post(body: string, base = BASE()) {
  const t0 = performance.now();
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await res.text();
  return { status: res.status, text, json: (() => { try { return JSON.parse(text); } catch { return null; } })(), ms: performance.now() - t0 };
}

/** apps/server/src/app.ts MAX_TOKENS */
const MAX_TOKENS = 5_000;
const figures: Record<string, number> = {};
afterAll(() => console.log(`[limits] ${JSON.stringify(figures)}`));

it('refuses a 7.4 MiB document of 190,000 duplicated fields at once with 413, and /healthz is not kept waiting', async () => {
  // the size of the reported attack: 190,000 selections of a 40-character field name
  const query = `{ ${'serviceItemsAvailableHereWithAlongName '.repeat(190_000)}}`;
  const body = JSON.stringify({ query });
  expect(body.length).toBeGreaterThan(7 * 1024 * 1024);
  const health = (async () => {
    await new Promise((r) => setTimeout(r, 5));
    const t0 = performance.now();
    await (await fetch(`${BASE()}/healthz`)).text();
    return performance.now() - t0;
  })();
  const r = await post(body);
  expect(r.status).toBe(413);
  expect(r.text).not.toMatch(/at .*\.js|node_modules/);
  figures.largestDocumentRefusedMs = Math.round(r.ms);
  figures.healthzDuringMs = Math.round(await health);
  expect(figures.healthzDuringMs).toBeLessThan(1500);
});

it('refuses a document over the token limit (under the body limit) within milliseconds', async () => {
  const query = `{ ${'__typename '.repeat(90_000)}}`; // about 1 MB
  const body = JSON.stringify({ query });
  expect(body.length).toBeLessThan(1024 * 1024);
  // what the server spends on the document: the parser stops at the limit
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    expect(() => parse(query, { maxTokens: MAX_TOKENS })).toThrow(/tokens/);
    runs.push(performance.now() - t0);
  }
  const t0 = performance.now();
  try {
    parse(query);
  } catch {
    // not expected, but only the time matters
  }
  figures.unlimitedParseMs = Math.round(performance.now() - t0);
  figures.tokenLimitParseMs = Number(Math.min(...runs).toFixed(2));
  expect(figures.tokenLimitParseMs).toBeLessThan(figures.unlimitedParseMs / 4);
  const r = await post(body);
  expect(r.status).toBe(400);
  expect(r.json.errors).toHaveLength(1);
  expect(r.json.errors[0].message).toMatch(/tokens/);
  figures.tokenLimitRefusedMs = Math.round(r.ms);
});

it('a directive flood and an alias flood each answer one error', async () => {
  const directives = await gql(`{ __typename ${Array.from({ length: 300 }, (_, i) => `@d${i}`).join(' ')} }`);
  expect(directives.errors).toHaveLength(1);
  expect(directives.errors![0].extensions?.moreErrors).toBeGreaterThan(50);
  const aliases = await gql(`{ ${Array.from({ length: 500 }, (_, i) => `a${i}: jurisdiction(code: "341500000000") { id }`).join(' ')} }`);
  expect(aliases.errors).toHaveLength(1);
  const unknown = await gql(`{ ${Array.from({ length: 300 }, (_, i) => `nope${i}`).join(' ')} }`);
  expect(unknown.errors).toHaveLength(1);
  expect(unknown.errors![0].extensions?.moreErrors).toBeGreaterThan(50);
});

it('a body over 1 MiB is 413 unless it is a directory import', async () => {
  const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1024 * 1024) } });
  expect((await post(big)).status).toBe(413);
});

it('plain HTTP by default: neither HSTS nor upgrade-insecure-requests', async () => {
  const res = await fetch(`${BASE()}/healthz`);
  expect(res.headers.get('strict-transport-security')).toBeNull();
  expect(res.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

it('in production over HTTPS: HSTS, upgrade-insecure-requests, and no "Did you mean" hints', async () => {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weimin-prod-'));
  const log = path.join(dir, 'server.log');
  const fd = fs.openSync(log, 'w');
  const child = spawn(process.execPath, [path.resolve(__dirname, '../../../apps/server/dist/main.js')], {
    env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL_RUN, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', HTTPS: 'true', DEMO_DATA: 'false', WORKER: 'false', WEB_DIST: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 150; i++) {
      const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const res = await fetch(`${base}/healthz`);
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    const r = await post(JSON.stringify({ query: '{ serviceItem { id } }' }), base);
    expect(r.text).not.toContain('Did you mean');
    expect(r.json.errors).toHaveLength(1);
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
