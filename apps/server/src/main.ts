/**
 * Starts Weimin: reads config, opens (or starts) the database, runs migrations, loads the demo data when asked,
 * and serves API and SPA on one port.
 *
 * Nothing but a signal ends the server: database outages are survived (the embedded database is restarted with
 * backoff, requests meanwhile get a retryable SERVICE_UNAVAILABLE), and stray errors and rejections are logged.
 * SIGINT/SIGTERM shut down in order: stop accepting, let in-flight requests finish (SHUTDOWN_TIMEOUT_MS), stop the
 * worker, close the pool, then stop the embedded database.
 */
import 'reflect-metadata';
import * as path from 'node:path';
import pino from 'pino';
import { buildApp } from './app';
import { loadConfig } from './config';
import { createDataSource, migrate } from './db/data-source';
import { StartupError, anyFreePort, startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded';
import { DatabaseHealth, isDatabaseUnavailable, trackClosingClients } from './db/health';
import { seedDemo } from './db/seeds/demo';
import { ReplicaRouter } from './db/read-routing';
import { seedDemoHistory } from './db/seeds/demo-history';
import { attachDemoForms } from './db/seeds/demo-forms';
import { superviseWorker, type SupervisedWorker } from './modules/jobs/worker';

let logger: pino.Logger = pino({ level: process.env.LOG_LEVEL || 'info' });

// STYLE 16: a stray rejection or error event is a bug to log, not a reason to stop serving.
process.on('unhandledRejection', (reason) => {
  logger[isDatabaseUnavailable(reason) ? 'warn' : 'error']({ err: reason }, 'unhandled rejection (the server keeps running)');
});
process.on('uncaughtException', (err) => {
  logger[isDatabaseUnavailable(err) ? 'warn' : 'error']({ err }, 'uncaught exception (the server keeps running)');
});

async function main(): Promise<void> {
  const config = loadConfig();
  let embedded: EmbeddedDatabase | null = null;
  let url = config.databaseUrl;
  if (!url) {
    const dir = path.join(config.dataDir, 'pg');
    console.log(`No DATABASE_URL: starting the embedded PostgreSQL in ${dir}`);
    const pgLog = logger.child({ component: 'postgres' });
    embedded = await startEmbeddedPostgres({
      dir,
      port: config.embeddedPgPort,
      database: 'weimin',
      supervise: true,
      anyPortIfTaken: !config.embeddedPgPortSet,
      log: (m) => pgLog.debug(m),
      notice: (m) => pgLog.info(m),
    });
    url = embedded.url;
    if (embedded.dir !== dir) console.log(`User postgres cannot reach ${dir}: the embedded PostgreSQL keeps its data in ${embedded.dir}`);
  }
  const ds = createDataSource(url);
  try {
    await ds.initialize();
  } catch (err) {
    await embedded?.stop();
    if (isDatabaseUnavailable(err)) {
      const u = new URL(url);
      throw new StartupError(`The database at ${u.hostname}:${u.port || 5432} cannot be reached (${(err as Error).message}): check DATABASE_URL and that PostgreSQL is running.`);
    }
    throw err;
  }
  // TypeORM's pg pool (the driver's `master`), so that shutdown can wait for its connections to close
  const poolClosed = trackClosingClients((ds.driver as unknown as { master: Parameters<typeof trackClosingClients>[0] }).master);
  await migrate(ds);
  if (config.demoData) await seedDemo(ds, (m) => console.log(m));
  if (config.demoHistory) await seedDemoHistory(ds, (m) => console.log(m));
  // logs through whichever logger is current (the app's, once it exists)
  const health = new DatabaseHealth(ds, { info: (o, m) => logger.info(o, m), warn: (o, m) => logger.warn(o, m) });
  const replica = config.replicaUrl
    ? new ReplicaRouter(config.replicaUrl, { info: (o, m) => logger.info(o, m), warn: (o, m) => logger.warn(o, m) }, { stickyMs: config.replicaStickyMs, cooldownMs: 5000, poolSize: 10 })
    : undefined;
  const { app, services } = await buildApp(ds, config, { health, replica });
  logger = app.log as pino.Logger;
  health.start();
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
  if (embedded) {
    const db = embedded;
    db.on('down', (info: { code: number | null; signal: string | null }) => {
      health.markDown(`the embedded PostgreSQL exited (${info.signal ?? `code ${info.code}`})`);
      app.log.warn(info, 'the embedded PostgreSQL stopped unexpectedly; restarting it');
    });
    db.on('up', (info: { ms: number }) => {
      app.log.info(info, 'the embedded PostgreSQL is running again');
      void health.probe();
    });
    db.on('restartFailed', (info: { err: unknown; attempt: number }) =>
      app.log.warn({ attempt: info.attempt, err: info.err instanceof Error ? info.err.message : String(info.err) }, 'the embedded PostgreSQL did not start; trying again'),
    );
  }
  const worker: SupervisedWorker | null = config.worker ? superviseWorker(url, services, app.log) : null;
  // The demo's blank forms are made once the server is up, so the first start does not wait for them.
  if (config.demoData) {
    attachDemoForms(ds, services.files).then(
      (r) => r.forms && app.log.info(r, `${r.forms} demo blank forms generated in ${r.ms} ms`),
      (err: unknown) => app.log.warn({ err }, 'the demo blank forms could not be generated (they are tried again at the next start)'),
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: no new requests, finishing the ones in flight');
    const force = setTimeout(() => {
      app.log.warn('shutdown did not finish in time; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + 30_000);
    force.unref();
    let code = 0;
    try {
      health.stop();
      let drained = false;
      const closing = app.close().then(() => (drained = true));
      await Promise.race([closing, new Promise((r) => setTimeout(r, config.shutdownTimeoutMs).unref())]);
      if (!drained) {
        app.log.warn({ timeoutMs: config.shutdownTimeoutMs }, 'requests still running at the shutdown timeout; closing their connections');
        app.server.closeAllConnections();
        await closing;
      }
      app.log.info('http server closed');
      await worker?.stop();
      app.log.info('worker stopped');
      await ds.destroy();
      await replica?.end();
      await poolClosed();
      await embedded?.stop();
      app.log.info('database closed');
    } catch (err) {
      code = 1;
      app.log.error({ err }, 'shutdown failed');
    } finally {
      process.exit(code);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  let port = config.port;
  try {
    try {
      await app.listen({ port, host: config.host });
    } catch (err) {
      // The default port held by another program (another copy of Weimin?): any free one, said on the console.
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || config.portSet) throw err;
      port = await anyFreePort();
      await app.listen({ port, host: config.host });
      console.log(`Port ${config.port} is taken by another program: serving on port ${port} instead (set PORT to choose).`);
    }
  } catch (err) {
    await worker?.stop();
    await ds.destroy().catch(() => undefined);
    await embedded?.stop();
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') throw new StartupError(`Port ${port} is taken by another program: set PORT to a free port.`);
    if (e.code === 'EACCES') throw new StartupError(`Port ${port} may not be used by this user: set PORT to a port above 1023.`);
    throw err;
  }
  console.log(`Weimin is running at http://localhost:${port}/ (GraphQL at /graphql)`);
}

main().catch((err) => {
  if (err instanceof StartupError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
