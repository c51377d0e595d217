/** Process configuration, read once from the environment. */
import * as path from 'node:path';

export interface Config {
  port: number;
  host: string;
  production: boolean;
  /** When unset, an embedded PostgreSQL is started under `dataDir`. */
  databaseUrl: string | null;
  /** A streaming replica of the database: dashboards, lists, public reads and search read there (db/read-routing.ts). */
  replicaUrl: string | null;
  /** How long a viewer's reads stay on the primary after their own write (the replica's lag must be shorter). */
  replicaStickyMs: number;
  dataDir: string;
  /** Load the demo data (Lu'an tree, catalogue, demo accounts) when the database is empty of it. */
  demoData: boolean;
  /** With the demo data: a year of demo history (≈ 20,000 applications), loaded once on the first start. */
  demoHistory: boolean;
  /** Directory of the built SPA, served at `/`. */
  webDist: string | null;
  /** The server render bundle of the public pages (apps/web/dist-ssr); null: pages are sent as the bare shell. */
  webSnapshot: string | null;
  sessionDays: number;
  /** How long a process may answer a session's viewer without asking the database (0: never). */
  sessionCacheSeconds: number;
  bodyLimitBytes: number;
  login: { accountFailures: number; ipFailures: number; windowSeconds: number };
  /** Failed tracking attempts (wrong lookup code) allowed per application number and per client address. */
  tracking: { numberFailures: number; ipFailures: number; windowSeconds: number };
  logLevel: string;
  /** Working days before the due date from which an application shows a warning. */
  warningWorkingDays: number;
  /** Run the background worker (deemed acceptance, lapses, notifications) in this process. */
  worker: boolean;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** Session cookie only over HTTPS (default in production). */
  secureCookies: boolean;
  /** Verification SMS one address may ask for per hour. */
  smsPerIpPerHour: number;
  /** The site is served over HTTPS (directly or by a TLS proxy): HSTS and the CSP's upgrade-insecure-requests. */
  https: boolean;
  /** Largest /graphql request body; the directory import (a workbook in base64) may use bodyLimitBytes. */
  graphqlBodyLimitBytes: number;
  /** On SIGINT/SIGTERM, how long in-flight requests may take to finish before their connections are closed. */
  shutdownTimeoutMs: number;
  /** Port of the embedded PostgreSQL (no DATABASE_URL). */
  embeddedPgPort: number;
  /** Whether PORT / EMBEDDED_PG_PORT were set: a port the user chose is refused when taken, a default is replaced. */
  portSet: boolean;
  embeddedPgPortSet: boolean;
}

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw == null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return n;
}

function boolEnv(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw == null || raw === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(raw.toLowerCase());
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export function loadConfig(): Config {
  const databaseUrl = process.env.DATABASE_URL || null;
  const production = process.env.NODE_ENV === 'production';
  // The embedded database is for trying the system out: it gets the demo data unless told otherwise. In production
  // demo accounts (published passwords) exist only when DEMO_DATA=true is set explicitly.
  const demoData = boolEnv('DEMO_DATA', databaseUrl == null && !production);
  const webDist = process.env.WEB_DIST ?? path.join(REPO_ROOT, 'apps', 'web', 'dist');
  const webSnapshot = process.env.WEB_SNAPSHOT ?? path.join(REPO_ROOT, 'apps', 'web', 'dist-ssr', 'entry-server.js');
  return {
    port: intEnv('PORT', 4000),
    // With the demo accounts loaded, only this machine can reach them unless HOST says otherwise.
    host: process.env.HOST || (demoData ? '127.0.0.1' : '0.0.0.0'),
    production,
    databaseUrl,
    replicaUrl: process.env.DATABASE_REPLICA_URL || null,
    replicaStickyMs: intEnv('REPLICA_STICKY_MS', 5000),
    dataDir: path.resolve(process.env.DATA_DIR || path.join(REPO_ROOT, '.data')),
    demoData,
    demoHistory: demoData && boolEnv('DEMO_HISTORY', true),
    webDist: webDist === '' ? null : webDist,
    webSnapshot: webSnapshot === '' ? null : webSnapshot,
    sessionDays: intEnv('SESSION_DAYS', 14),
    sessionCacheSeconds: intEnv('SESSION_CACHE_SECONDS', 30),
    bodyLimitBytes: intEnv('BODY_LIMIT_BYTES', 8 * 1024 * 1024),
    login: {
      accountFailures: intEnv('LOGIN_MAX_FAILURES_PER_ACCOUNT', 5),
      ipFailures: intEnv('LOGIN_MAX_FAILURES_PER_IP', 50),
      windowSeconds: intEnv('LOGIN_WINDOW_SECONDS', 15 * 60),
    },
    tracking: {
      numberFailures: intEnv('TRACK_MAX_FAILURES_PER_NUMBER', 10),
      ipFailures: intEnv('TRACK_MAX_FAILURES_PER_IP', 100),
      windowSeconds: intEnv('TRACK_WINDOW_SECONDS', 60 * 60),
    },
    logLevel: process.env.LOG_LEVEL || 'info',
    warningWorkingDays: intEnv('WARNING_WORKING_DAYS', 2),
    worker: boolEnv('WORKER', true),
    trustProxy: boolEnv('TRUST_PROXY', false),
    secureCookies: boolEnv('COOKIE_SECURE', process.env.NODE_ENV === 'production'),
    smsPerIpPerHour: intEnv('SMS_MAX_PER_IP_PER_HOUR', 20),
    https: boolEnv('HTTPS', false),
    graphqlBodyLimitBytes: intEnv('GRAPHQL_BODY_LIMIT_BYTES', 1024 * 1024),
    shutdownTimeoutMs: intEnv('SHUTDOWN_TIMEOUT_MS', 10_000),
    embeddedPgPort: intEnv('EMBEDDED_PG_PORT', 54329),
    portSet: !!process.env.PORT,
    embeddedPgPortSet: !!process.env.EMBEDDED_PG_PORT,
  };
}
