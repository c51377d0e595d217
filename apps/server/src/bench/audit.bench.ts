/**
 * `npm run bench:audit`: the audit log with 1,000,000 rows. A filtered page (a county's subtree, a month, 50 rows;
 * also with an action filter and the next page by cursor) through the real server over HTTP, beside the same SQL
 * (built by the same function, `auditPageQuery`) run through `pg` directly, in the same run.
 * Results are printed and written to .data/bench-audit.json. Env: BENCH_ROWS (1000000), BENCH_REPEAT (200),
 * DATABASE_URL (else an embedded PostgreSQL).
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Pool } from 'pg';
import { createDataSource, migrate } from '../db/data-source';
import { JINAN_CODE, seedDemo } from '../db/seeds/demo';
import { auditPageQuery, type AuditFilter } from '../modules/audit/audit.service';
import { DATA_DIR, SERVER_MAIN, benchDatabase, cleanup, freePort, percentile, startChild, waitReady } from './harness';

const ROWS = Number(process.env.BENCH_ROWS || 1_000_000);
const REPEAT = Number(process.env.BENCH_REPEAT || 200);

async function gql(port: number, token: string | null, query: string, variables: Record<string, unknown>) {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(body.errors[0].message);
  return body.data;
}

async function timed(n: number, fn: () => Promise<unknown>): Promise<{ p50: number; p99: number; mean: number }> {
  for (let i = 0; i < 10; i++) await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), mean: ms.reduce((s, x) => s + x, 0) / ms.length };
}

async function main(): Promise<void> {
  const db = await benchDatabase('weimin_bench_audit');
  const ds = createDataSource(db.url, 2);
  await ds.initialize();
  await migrate(ds);
  await seedDemo(ds);
  await ds.destroy();
  const pool = new Pool({ connectionString: db.url, max: 2 });

  const [{ n: have }] = (await pool.query(`SELECT count(*)::int AS n FROM audit_log`)).rows;
  if (have < ROWS) {
    const t0 = Date.now();
    console.log(`Inserting ${ROWS - have} audit rows over 12 months across the tree …`);
    // Spread over every jurisdiction and the staff accounts; one statement per 100,000 rows.
    for (let done = have; done < ROWS; done += 100_000) {
      await pool.query(
        `WITH j AS (SELECT id, path, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS total FROM jurisdiction),
              u AS (SELECT id, row_number() OVER (ORDER BY login) - 1 AS k, count(*) OVER () AS total FROM app_user WHERE home_jurisdiction_id IS NOT NULL)
         INSERT INTO audit_log (at, user_id, roles, jurisdiction_id, scope, action, entity, entity_id, before, after, ip, request_id)
         SELECT now() - (g * interval '31.5 seconds'), u.id, 'CLERK@' || j.id, j.id, string_to_array(rtrim(j.path, '.'), '.')::integer[],
                (ARRAY['acceptApplication','completeApplication','updateServiceItem','assignRole','createStaffUser','setCalendarDay'])[1 + g % 6],
                (ARRAY['Application','Application','ServiceItem','RoleAssignment','User','CalendarDay'])[1 + g % 6],
                md5(g::text), NULL, jsonb_build_object('n', g), '10.0.0.' || (g % 250), 'bench-' || g
           FROM generate_series($1::bigint, $2::bigint) g
           JOIN j ON j.k = (g * 7919) % j.total
           JOIN u ON u.k = g % u.total`,
        [done, Math.min(ROWS, done + 100_000) - 1],
      );
      process.stdout.write(`  ${Math.min(ROWS, done + 100_000)} rows\r`);
    }
    await pool.query('ANALYZE audit_log');
    console.log(`\n  inserted in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  const [{ n: total }] = (await pool.query(`SELECT count(*)::int AS n FROM audit_log`)).rows;
  const [jinan] = (await pool.query(`SELECT id, path FROM jurisdiction WHERE code = $1`, [JINAN_CODE])).rows;
  const [{ n: inJinan }] = (await pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE scope[2] = $1`, [jinan.id])).rows;

  const port = await freePort();
  const server = startChild('server', SERVER_MAIN, {
    DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', DEMO_DATA: 'false', WORKER: 'false',
    LOG_LEVEL: 'warn', REQUEST_LOGGING: 'false', NODE_ENV: 'production', LOGIN_MAX_FAILURES_PER_IP: '100000',
  });
  await waitReady('server', server, port);
  const admin = (await gql(port, null, `mutation { login(login: "admin", password: "weimin-demo") { token } }`, {})).login.token as string;

  const to = new Date();
  const from = new Date(to.getTime() - 30 * 86_400_000);
  const QUERY = `query($f: AuditFilterInput, $a: String) { auditLog(filter: $f, first: 50, after: $a) { nodes { id at action actorLogin entity entityId before after ip } pageInfo { endCursor hasNextPage } } }`;
  const cases: Array<{ name: string; filter: AuditFilter; second?: boolean }> = [
    { name: '金安区 subtree, last 30 days', filter: { jurisdictionId: String(jinan.id), from, to } },
    { name: '金安区 subtree, action acceptApplication', filter: { jurisdictionId: String(jinan.id), action: 'acceptApplication' } },
    { name: '金安区 subtree, second page', filter: { jurisdictionId: String(jinan.id), from, to }, second: true },
  ];
  const results = [];
  console.log(`\n${total} audit rows, ${inJinan} of them in 金安区's subtree; ${REPEAT} sequential requests per case\n`);
  for (const c of cases) {
    const vars = { f: { ...c.filter, from: c.filter.from?.toISOString(), to: c.filter.to?.toISOString() }, a: null as string | null };
    if (c.second) vars.a = (await gql(port, admin, QUERY, vars)).auditLog.pageInfo.endCursor;
    const page = await gql(port, admin, QUERY, vars);
    const server = await timed(REPEAT, () => gql(port, admin, QUERY, vars));
    const cursor = vars.a ? Buffer.from(vars.a, 'base64url').toString('utf8') : null;
    const { sql, params } = auditPageQuery([jinan.path], c.filter, 50, cursor);
    const bare = await timed(REPEAT, () => pool.query(sql, params));
    const plan = (await pool.query(`EXPLAIN ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
    results.push({ case: c.name, rows: page.auditLog.nodes.length, server, pg: bare, plan });
    console.log(`${c.name}: ${page.auditLog.nodes.length} rows`);
    console.log(`  auditLog over HTTP   p50 ${server.p50.toFixed(2)} ms   p99 ${server.p99.toFixed(2)} ms`);
    console.log(`  same SQL through pg  p50 ${bare.p50.toFixed(2)} ms   p99 ${bare.p99.toFixed(2)} ms`);
    console.log(`  plan: ${plan.split('\n').slice(0, 3).map((l) => l.trim()).join(' | ')}`);
  }
  await pool.end();
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(path.join(DATA_DIR, 'bench-audit.json'), JSON.stringify({ at: new Date().toISOString(), database: db.kind, total, inJinan, results }, null, 2));
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
