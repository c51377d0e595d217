/**
 * `npm run bench:lists`: every application list a user pages through, at 1,000,000 and 3,000,000 applications
 * (two databases, `weimin_lists_1m` and `weimin_lists_3m`, on DATABASE_URL's server or the embedded PostgreSQL of
 * .data/bench-pg; each seeded by `seed:large` when it holds fewer applications than its size, else reused), over
 * HTTP against a server child process, each beside `jurisdiction(code){id}` on the same server in the same run.
 * The documents are the web app's own (the work queue's rows, the published results, myApplications).
 *
 * Lists: the supervisor's queue of the whole city (page 1, and the page after 10,000 rows), the county clerk's
 * queue (page 1, status DELIVERED, status SUBMITTED, overdue, its heaviest and its rarest item, one month), the
 * township clerk's queue (and the county's heaviest item in it),
 * the township's and the city's published results, myApplications of the heaviest submitter (every generated
 * application is lodged by `large.seed`, enabled for the run with the demo password and disabled again) and of
 * a citizen (the demo citizen, made the applicant of 40 generated applications at each size). Target: every list
 * ≤ 1.3× from 1M to 3M and ≤ 30 ms p50 at 3M.
 *
 * Both servers run side by side and each list is measured at every size in alternation (one run at each size per
 * round), so that the growth is not the drift of a shared machine between two measurements minutes apart.
 *
 * Env knobs: BENCH_SIZES (default 1000000,3000000), BENCH_RUNS (40), BENCH_WARMUP_RUNS (8).
 * Results are printed and written to .data/bench-lists.json.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT } from '../config';
import { DEMO_PASSWORD, JINAN_CODE, LUAN_CODE } from '../db/seeds/demo';
import { benchDatabase, freePort, login, percentile, post, runBenchmark, startServer, stopChild, waitReady } from './harness';

const SIZES = (process.env.BENCH_SIZES || '1000000,3000000').split(',').map((s) => Number(s.replace(/_/g, '')));
const RUNS = Number(process.env.BENCH_RUNS || 40);
const WARMUP = Number(process.env.BENCH_WARMUP_RUNS || 8);
/** How many applications the demo citizen has at every size (their own myApplications). */
const CITIZEN_APPLICATIONS = 40;
const RESULT_FILE = path.join(REPO_ROOT, '.data', 'bench-lists.json');
const LARGE_CLI = path.resolve(__dirname, '..', 'db', 'seeds', 'large-cli.js');

/** 1M, 3M, or the count as it is. */
const label = (size: number) => (size % 1_000_000 === 0 ? `${size / 1_000_000}M` : size.toLocaleString('en'));
const dbName = (size: number) => `weimin_lists_${size % 1_000_000 === 0 ? `${size / 1_000_000}m` : size}`;

const ROW = `id number status submittedAt receivedOn dueDate overdue warning onBehalf nextStep handlingCenter
  applicant { name } serviceItem { id edition versionNo name }`;
const QUEUE = `query($filter: ApplicationFilterInput, $after: String, $first: Int) {
  applications(filter: $filter, first: $first, after: $after) {
    totalCount totalCountCapped nodes { ${ROW} jurisdiction { id name } } pageInfo { hasNextPage endCursor } } }`;
const MINE = `query($after: String) { myApplications(first: 20, after: $after) {
    totalCount totalCountCapped nodes { ${ROW} } pageInfo { hasNextPage endCursor } } }`;
const RESULTS = `query($id: ID!, $after: String) { publishedResults(jurisdictionId: $id, first: 20, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { serviceItemName handledBy completedOn result applicantName } } }`;
const BY_CODE = `query($c: String!) { jurisdiction(code: $c) { id } }`;

/** The database of one size: reused when it holds the applications, else created afresh by seed:large. */
async function dataset(size: number): Promise<string> {
  const { url } = await benchDatabase(dbName(size));
  const db = new Client({ connectionString: url });
  await db.connect();
  const have = await db
    .query(`SELECT count(*)::int AS n FROM application`)
    .then((r) => r.rows[0].n as number)
    .catch(() => 0);
  if (have < size * 0.99) {
    console.log(`${dbName(size)}: ${have.toLocaleString('en')} applications; seeding ${size.toLocaleString('en')} (npm run seed:large) …`);
    await db.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`);
    await db.end();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [LARGE_CLI, '--count', String(size)], { env: { ...process.env, LARGE_DATABASE_URL: url }, stdio: 'inherit' });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed:large exited with ${code}`))));
    });
  } else {
    console.log(`${dbName(size)}: reusing ${have.toLocaleString('en')} applications`);
    await db.end();
  }
  return url;
}

interface Measured {
  p50: number;
  p90: number;
  total: string;
}

type Run = [name: string, query: string, variables: Record<string, unknown>, token: string | undefined];

/** A server on one size's database, logged in, with the lists to run there (the same names at every size). */
interface Prepared {
  size: number;
  port: number;
  runs: Run[];
  close: () => Promise<void>;
  picks: Picks;
}

/** The county's heaviest and rarest item (by code) at the first size. */
interface Picks {
  heaviest: string;
  rarest: string;
}

async function prepare(size: number, url: string, picks?: Picks): Promise<Prepared> {
  const db = new Client({ connectionString: url });
  await db.connect();
  const port = await freePort();
  const server = startServer(url, port);
  const close = async () => {
    await db.query(`UPDATE app_user SET disabled = true, password_hash = '!' WHERE login = 'large.seed'`).catch(() => undefined);
    await db.end();
    await stopChild(server);
  };
  try {
    await waitReady('server', server, port, 600_000);
    await db.query(`ANALYZE application`);
    // The heaviest submitter: every generated application was lodged by large.seed (disabled again at the end).
    await db.query(`UPDATE app_user s SET disabled = false, password_hash = d.password_hash FROM app_user d WHERE s.login = 'large.seed' AND d.login = 'supervisor'`);
    const [supervisor, clerk, town, seed, citizen] = await Promise.all(['supervisor', 'jinan.clerk', 'town.clerk', 'large.seed', 'citizen'].map((l) => login(port, l, DEMO_PASSWORD)));
    const place = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0];
    // The demo citizen as the applicant of CITIZEN_APPLICATIONS generated applications spread over the two years
    // (seed:large lodges none for them), the same number at every size, so that their list is not empty.
    const { rows: [mine] } = await db.query(`SELECT count(*)::int AS n FROM application WHERE applicant_user_id = (SELECT id FROM app_user WHERE login = 'citizen')`);
    if (mine.n < CITIZEN_APPLICATIONS) {
      await db.query(
        `UPDATE application SET applicant_user_id = (SELECT id FROM app_user WHERE login = 'citizen')
          WHERE id IN (SELECT id FROM application WHERE submitted_by = (SELECT id FROM app_user WHERE login = 'large.seed') AND applicant_user_id IS NULL
                        ORDER BY md5(id::text) LIMIT $1)`,
        [CITIZEN_APPLICATIONS - mine.n],
      );
    }
    const township = await place(`SELECT j.id FROM app_user u JOIN jurisdiction j ON j.id = u.home_jurisdiction_id WHERE u.login = 'town.clerk'`);
    const city = await place(`SELECT id FROM jurisdiction WHERE code = $1`, [LUAN_CODE]);
    const jinan = await place(`SELECT id, path FROM jurisdiction WHERE code = $1`, [JINAN_CODE]);
    // The county's items by how many applications they have there: the heaviest and the rarest (at least one),
    // chosen at the first size and asked by the same item codes at the others, so that every size answers the
    // same question.
    const byItem = (await db.query(
      `SELECT a.service_item_id AS item, i.code, count(*)::int AS n FROM application a JOIN service_item i ON i.id = a.service_item_id
        WHERE a.scope_d1 = $1 GROUP BY 1, 2 ORDER BY 3 DESC, 2`,
      [jinan.id],
    )).rows as Array<{ item: string; code: string; n: number }>;
    const chosen = picks ?? { heaviest: byItem[0].code, rarest: byItem[byItem.length - 1].code };
    const idOf = (code: string) => {
      const found = byItem.find((x) => x.code === code);
      if (!found) throw new Error(`${dbName(size)}: the county has no application of item ${code}, chosen at the first size`);
      return found.item;
    };
    const item = idOf(chosen.heaviest);
    const rare = idOf(chosen.rarest);
    const month = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 7);
    // The cursor after 10,000 rows of the city's queue, walked once.
    let deep: string | null = null;
    for (let i = 0; i < 100; i++) deep = (await post(port, QUEUE, { first: 100, after: deep }, supervisor)).applications.pageInfo.endCursor;
    const runs: Run[] = [
      ['jurisdiction(code){id} (baseline)', BY_CODE, { c: LUAN_CODE }, undefined],
      ['queue: city supervisor, page 1', QUEUE, { first: 20 }, supervisor],
      ['queue: city supervisor, after 10,000', QUEUE, { first: 20, after: deep }, supervisor],
      ['queue: county clerk, page 1', QUEUE, { first: 20 }, clerk],
      ['queue: county clerk, DELIVERED', QUEUE, { first: 20, filter: { status: ['DELIVERED'] } }, clerk],
      ['queue: county clerk, SUBMITTED', QUEUE, { first: 20, filter: { status: ['SUBMITTED'] } }, clerk],
      ['queue: county clerk, overdue', QUEUE, { first: 20, filter: { overdue: true } }, clerk],
      ['queue: county clerk, one item', QUEUE, { first: 20, filter: { serviceItemId: item } }, clerk],
      ['queue: county clerk, its rarest item', QUEUE, { first: 20, filter: { serviceItemId: rare } }, clerk],
      ['queue: township clerk, one item', QUEUE, { first: 20, filter: { serviceItemId: item } }, town],
      [`queue: county clerk, ${month}`, QUEUE, { first: 20, filter: { from: `${month}-01`, to: `${month}-28` } }, clerk],
      ['queue: township clerk, page 1', QUEUE, { first: 20 }, town],
      ['published results: township', RESULTS, { id: String(township.id) }, undefined],
      ['published results: city', RESULTS, { id: String(city.id) }, undefined],
      ['myApplications: heaviest submitter', MINE, {}, seed],
      ['myApplications: a citizen', MINE, {}, citizen],
    ];
    return { size, port, runs, close, picks: chosen };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * One list at every size, interleaved: the warm-up runs, then RUNS rounds in each of which every size runs the
 * list once (in turn, the order reversed every other round), so that a change of load on the machine while the
 * list is measured falls on every size alike instead of on whichever size was measured then.
 */
async function interleaved(servers: Prepared[], index: number): Promise<Measured[]> {
  const call = (s: Prepared) => {
    const [, query, variables, token] = s.runs[index];
    return post(s.port, query, variables, token);
  };
  const answers: unknown[] = [];
  for (let i = 0; i < WARMUP; i++) for (const [k, s] of servers.entries()) answers[k] = await call(s);
  const ms: number[][] = servers.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 ? [...servers.keys()].reverse() : [...servers.keys()];
    for (const k of order) {
      const t = performance.now();
      await call(servers[k]);
      ms[k].push(performance.now() - t);
    }
  }
  return servers.map((_, k) => {
    const sorted = ms[k].sort((a, b) => a - b);
    const list = answers[k] ? (Object.values(answers[k] as object)[0] as { totalCount?: number; totalCountCapped?: boolean } | null) : null;
    const total = list?.totalCount == null ? '' : `${list.totalCount.toLocaleString('en')}${list.totalCountCapped ? '+' : ''}`;
    return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), total };
  });
}

async function main(): Promise<number> {
  const urls: string[] = [];
  for (const size of SIZES) urls.push(await dataset(size));
  const servers: Prepared[] = [];
  const results: Array<{ size: number; load: number[]; lists: Record<string, Measured> }> = SIZES.map((size) => ({ size, load: [], lists: {} }));
  try {
    for (const [k, size] of SIZES.entries()) servers.push(await prepare(size, urls[k], servers[0]?.picks));
    const load = os.loadavg();
    for (const r of results) r.load = load;
    for (const [index, [name]] of servers[0].runs.entries()) {
      const measured = await interleaved(servers, index);
      for (const [k, m] of measured.entries()) results[k].lists[name] = m;
    }
    console.log(`  measured ${SIZES.map((s) => s.toLocaleString('en')).join(' and ')}, interleaved (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  } finally {
    for (const s of servers) await s.close();
  }
  const names = Object.keys(results[0].lists);
  const [small, large] = [results[0], results[results.length - 1]];
  const head = `  ${'list'.padEnd(40)} ${results.map((r) => `${label(r.size)} p50/p90 ms`.padStart(18)).join(' ')} ${'total'.padStart(9)}  growth  ÷ base`;
  const lines = names.map((n) => {
    const figures = results.map((r) => `${r.lists[n].p50.toFixed(1)} / ${r.lists[n].p90.toFixed(1)}`.padStart(18)).join(' ');
    const growth = large.lists[n].p50 / small.lists[n].p50;
    const base = large.lists[n].p50 / large.lists[names[0]].p50;
    return `  ${n.padEnd(40)} ${figures} ${large.lists[n].total.padStart(9)}  ${growth.toFixed(2).padStart(5)}×  ${base.toFixed(1).padStart(5)}×`;
  });
  console.log(`\n${head}\n${lines.join('\n')}`);
  console.log(`  load average at the start: ${results[0].load.map((l) => l.toFixed(1)).join(' ')}`);
  const lists = names.slice(1);
  const worstGrowth = Math.max(...lists.map((n) => large.lists[n].p50 / small.lists[n].p50));
  const worstP50 = Math.max(...lists.map((n) => large.lists[n].p50));
  console.log(`\nTargets: growth ≤ 1.3× ${worstGrowth <= 1.3 ? 'met' : 'NOT met'} (worst ${worstGrowth.toFixed(2)}×); p50 ≤ 30 ms at ${label(large.size)} ${worstP50 <= 30 ? 'met' : 'NOT met'} (worst ${worstP50.toFixed(1)} ms)`);
  fs.mkdirSync(path.dirname(RESULT_FILE), { recursive: true });
  fs.writeFileSync(RESULT_FILE, JSON.stringify({ at: new Date().toISOString(), runs: RUNS, results }, null, 2));
  return 0;
}

runBenchmark(main);
