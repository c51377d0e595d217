/**
 * Starts Weimin: reads config, opens (or starts) the database, runs migrations, loads the demo data when asked,
 * and serves API and SPA on one port. SIGINT/SIGTERM: stop taking requests, finish the ones in flight, close the
 * database pool, then stop the embedded database.
 */
import 'reflect-metadata';
import * as path from 'node:path';
import { buildApp } from './app';
import { loadConfig } from './config';
import { createDataSource, migrate } from './db/data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded';
import { seedDemo } from './db/seeds/demo';
import { startWorker } from './modules/jobs/worker';

async function main(): Promise<void> {
  const config = loadConfig();
  let embedded: EmbeddedDatabase | null = null;
  let url = config.databaseUrl;
  if (!url) {
    const dir = path.join(config.dataDir, 'pg');
    console.log(`No DATABASE_URL: starting the embedded PostgreSQL in ${dir}`);
    embedded = await startEmbeddedPostgres({
      dir,
      port: Number(process.env.EMBEDDED_PG_PORT || 54329),
      database: 'weimin',
      log: process.env.LOG_LEVEL === 'debug' ? (m) => console.log(m) : undefined,
    });
    url = embedded.url;
  }
  const ds = createDataSource(url);
  await ds.initialize();
  await migrate(ds);
  if (config.demoData) await seedDemo(ds, (m) => console.log(m));
  const { app, services } = await buildApp(ds, config);
  if (config.demoData && config.production) {
    app.log.warn(
      { demoData: true, host: config.host },
      '!!! DEMO_DATA=true in production: the demo accounts (admin included) have a PUBLISHED password. Never use this for real data; set DEMO_DATA=false. !!!',
    );
  }
  const [{ admins }] = await ds.query(`SELECT count(*)::int AS admins FROM role_assignment r JOIN app_user u ON u.id = r.user_id WHERE r.role = 'SYSTEM_ADMIN' AND NOT u.disabled`);
  if (!admins) {
    app.log.warn({}, 'No system administrator yet: create the first one with `npm run admin:create -- --login LOGIN --name NAME --phone MOBILE` (against the same DATABASE_URL); it prints a one-time password');
  }
  const worker = config.worker ? await startWorker(url, services, app.log) : null;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      app.log.info('http server closed');
      await worker?.stop();
      app.log.info('worker stopped');
      await ds.destroy();
      await embedded?.stop();
      app.log.info('database closed');
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  console.log(`Weimin is running at http://localhost:${config.port}/ (GraphQL at /graphql)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
