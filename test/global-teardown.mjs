import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export default async function globalTeardown() {
  const child = globalThis.__weiminServer;
  if (child && child.exitCode == null) {
    // The setup unref()s the child so that it cannot hold jest open; waiting for its exit must hold the loop
    // (a referenced timer), or Node ends jest's process here with exit code 0 before the results are reported.
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    let timer;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
    clearTimeout(timer);
    if (child.exitCode == null) child.kill('SIGKILL');
  }
  const db = globalThis.__weiminDb;
  if (db && !process.env.KEEP_TEST_DB) {
    const { Client } = require(path.join(root, 'node_modules/pg'));
    const c = new Client({ connectionString: db.adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${db.dbName}" WITH (FORCE)`).catch(() => undefined);
    await c.end();
  }
  await globalThis.__weiminEmbedded?.stop();
}
