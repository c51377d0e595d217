/**
 * Starts what every suite shares: a PostgreSQL (TEST_DATABASE_URL's server, or an embedded one under
 * .test-data/), a fresh database for this run, and one real server process on a free port, with the demo data.
 * Suites read WEIMIN_URL and TEST_DATABASE_URL_RUN from the environment.
 */
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const stateDir = path.join(root, '.test-data');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitFor(url, ms, child) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode != null) throw new Error(`the server exited with code ${child.exitCode}; see .test-data/server.log`);
    // node:http without keep-alive, so no socket outlives the check and holds jest open
    const ok = await new Promise((resolve) => {
      const req = http.get(url, { agent: false, headers: { connection: 'close' } }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not become ready at ${url} within ${ms} ms; see .test-data/server.log`);
}

export default async function globalSetup() {
  fs.mkdirSync(stateDir, { recursive: true });
  const serverMain = path.join(root, 'apps/server/dist/main.js');
  if (!fs.existsSync(serverMain)) throw new Error('apps/server is not built: run `npm test` (it builds first) or `npm run build`');
  const { startEmbeddedPostgres, ensureDatabase } = require(path.join(root, 'apps/server/dist/db/embedded.js'));

  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const port = await freePort();
    const db = await startEmbeddedPostgres({ dir: path.join(stateDir, 'pg'), port, database: 'postgres' });
    globalThis.__weiminEmbedded = db;
    adminUrl = db.url;
    console.log(`\n[test] embedded PostgreSQL on port ${port}`);
  }
  const dbName = `weimin_test_${Date.now()}_${process.pid}`;
  await ensureDatabase(adminUrl, dbName);
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  const databaseUrl = u.toString();

  const port = await freePort();
  const log = fs.openSync(path.join(stateDir, 'server.log'), 'w');
  const child = spawn(process.execPath, [serverMain], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DEMO_DATA: 'true',
      // the suites expect quiet queues for the demo accounts; the history has its own test (demo-history.test.ts)
      DEMO_HISTORY: 'false',
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      SQL_COUNT_HEADER: 'true',
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      LOGIN_MAX_FAILURES_PER_IP: '1000',
      SMS_MAX_PER_IP_PER_HOUR: '1000',
    },
    stdio: ['ignore', log, log],
  });
  child.unref(); // the teardown stops it; it must not keep jest's process alive
  globalThis.__weiminServer = child;
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/readyz`, 120_000, child);
  process.env.WEIMIN_URL = url;
  process.env.TEST_DATABASE_URL_RUN = databaseUrl;
  globalThis.__weiminDb = { adminUrl, dbName };
  console.log(`[test] server ${url}, database ${dbName}`);
}
