/**
 * `npm run bench`: throughput and latency of the public catalogue query a list page sends,
 *
 *   serviceItems(filter: { availableAt: <a township> }, first: 20) { nodes { …guide fields… owner { name } } }
 *
 * against a baseline measured in the same run: a bare `node:http` server running the equivalent single SQL
 * statement through `pg` (baseline-server.ts). Target: the server reaches at least 0.5× the baseline's req/s.
 *
 * Three processes: the real server (`node apps/server/dist/main.js`, NODE_ENV=production, background worker off),
 * the baseline, and this one running autocannon. PostgreSQL is the fourth: with DATABASE_URL, the database
 * `weimin_bench` on that server (created when missing); without, an embedded PostgreSQL under `.data/bench-pg`.
 *
 * Steps: migrate, demo data, VACUUM ANALYZE; check that both answer the same (exit 1 if not); check there is no
 * N+1 (a short-lived server with SQL_COUNT_HEADER=true: `first` = 1, 5, 20 must run the same number of
 * statements); then warm-up + timed run of baseline, server, baseline (the baseline figure is the mean of its two
 * runs). Results are printed and written to `.data/bench-catalogue.json`; exit 0 whether or not the target is met.
 *
 * On Linux it also reports the CPU ms per request of the process under test, of its PostgreSQL backends and of
 * the rest of the machine (from /proc), and warns when the machine was busy with other work before a run: on a
 * small shared box req/s alone does not say who used the CPU.
 *
 * Env knobs: BENCH_DURATION (s, default 10), BENCH_WARMUP (s, 3), BENCH_CONNECTIONS (10),
 * BENCH_CPU_PROF=<dir> (start the timed server and the baseline with `--cpu-prof`, writing server.cpuprofile and
 * baseline.cpuprofile there; the bench prints the `cpuprofile-summary.js` command for the timed window).
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import { REPO_ROOT } from '../config';
import { createDataSource, migrate } from '../db/data-source';
import { benchDatabase, cleanup, freePort, sleep, startChild, stopChild, waitReady } from './harness';
import { JINAN_CODE, seedDemo } from '../db/seeds/demo';

// autocannon ships no types; the part of its API used here.
interface Histogram {
  average: number;
  mean: number;
  stddev: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p99: number;
}
interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  throughput: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (opts: {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  connections: number;
  duration: number;
}) => Promise<AutocannonResult>;
const autocannon: Autocannon = require('autocannon');

const DURATION = Number(process.env.BENCH_DURATION || 10);
const WARMUP = Number(process.env.BENCH_WARMUP || 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10);
const TARGET_RATIO = 0.5;
const DIST = path.resolve(__dirname, '..');
const DATA_DIR = path.join(REPO_ROOT, '.data');
const RESULT_FILE = path.join(DATA_DIR, 'bench-catalogue.json');

const QUERY = `query($at: ID!) { serviceItems(filter: { availableAt: $at }, first: 20) { nodes { id code name category type handlingKind promisedLimit promisedUnit onlineCapable visitsRequired demo owner { name } } } }`;
const queryWithFirst = (first: number) => QUERY.replace('first: 20', `first: ${first}`);

// ------------------------------------------------------------------------------------------------------------
// Processes and the database: bench/harness.ts (children always cleaned up, embedded database stopped).
// ------------------------------------------------------------------------------------------------------------

const prepareDatabase = () => benchDatabase('weimin_bench');

// ------------------------------------------------------------------------------------------------------------
// Requests
// ------------------------------------------------------------------------------------------------------------

interface GraphQLAnswer {
  data?: { serviceItems?: { nodes?: Array<Record<string, unknown> & { code: string }> } };
  errors?: unknown[];
}

async function post(port: number, body: string): Promise<{ status: number; json: GraphQLAnswer; headers: Headers }> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await res.text();
  let json: GraphQLAnswer;
  try {
    json = JSON.parse(text) as GraphQLAnswer;
  } catch {
    throw new Error(`port ${port} answered ${res.status} with non-JSON: ${text.slice(0, 300)}`);
  }
  return { status: res.status, json, headers: res.headers };
}

// ------------------------------------------------------------------------------------------------------------
// CPU accounting (Linux /proc): on a shared 2-core box req/s alone hides who used the CPU, and other programs
// running at the same time skew everything; both are reported.
// ------------------------------------------------------------------------------------------------------------

const HAS_PROC = fs.existsSync('/proc/stat');
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system) of a process so far, in ms; null when unknown (not Linux, or not on this machine). */
function processCpuMs(pid: number | undefined): number | null {
  if (!HAS_PROC || pid == null) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime (14th, 15th)
  } catch {
    return null;
  }
}

function processesCpuMs(pids: number[]): number | null {
  let sum = 0;
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms == null) return null;
    sum += ms;
  }
  return pids.length ? sum : null;
}

/** Busy and total CPU time of the whole machine so far (all cores), in ms. */
function machineCpuMs(): { busy: number; total: number } | null {
  if (!HAS_PROC) return null;
  const [, ...v] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = v.slice(0, 8).map(Number); // user nice system idle iowait irq softirq steal
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: (total - n[3] - n[4]) * TICK_MS, total: total * TICK_MS };
}

/** How busy the machine is (100% = all cores) over `ms` while nothing of the benchmark runs. */
async function backgroundBusyPercent(ms = 1000): Promise<number | null> {
  const a = machineCpuMs();
  await sleep(ms);
  const b = machineCpuMs();
  return a && b ? (100 * (b.busy - a.busy)) / (b.total - a.total) : null;
}

/**
 * CPU ms per request of the process under test, of its PostgreSQL backends (null when the database is not a
 * local process), of the load generator (this process) and of everything else on the machine (kernel, other
 * programs); how busy the machine was (100% = all cores), and how busy it was just before, with the benchmark idle.
 */
interface CpuShare {
  targetMsPerReq: number;
  postgresMsPerReq: number | null;
  loadGeneratorMsPerReq: number;
  restMsPerReq: number;
  machineBusyPercent: number;
  backgroundBusyPercent: number | null;
}

function meanCpu(a: CpuShare, b: CpuShare): CpuShare {
  const mean = (x: number | null, y: number | null) => (x == null || y == null ? null : (x + y) / 2);
  return {
    targetMsPerReq: (a.targetMsPerReq + b.targetMsPerReq) / 2,
    postgresMsPerReq: mean(a.postgresMsPerReq, b.postgresMsPerReq),
    loadGeneratorMsPerReq: (a.loadGeneratorMsPerReq + b.loadGeneratorMsPerReq) / 2,
    restMsPerReq: (a.restMsPerReq + b.restMsPerReq) / 2,
    machineBusyPercent: (a.machineBusyPercent + b.machineBusyPercent) / 2,
    backgroundBusyPercent: mean(a.backgroundBusyPercent, b.backgroundBusyPercent),
  };
}

interface Measured {
  reqPerSec: number;
  p50: number;
  p99: number;
  avgLatency: number;
  requests: number;
  startedAt: number;
  endedAt: number;
  errors: number;
  non2xx: number;
  cpu: CpuShare | null;
}

interface Target {
  label: string;
  port: number;
  pid: number | undefined;
  /** The PostgreSQL backend pids of its pool (asked after the warm-up, when the pool is full). */
  backends: () => Promise<number[]>;
}

async function measure(t: Target, body: string): Promise<Measured> {
  const opts = {
    url: `http://127.0.0.1:${t.port}/graphql`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body,
    connections: CONNECTIONS,
  };
  const background = await backgroundBusyPercent();
  if (WARMUP > 0) {
    process.stdout.write(`  ${t.label.padEnd(11)}: warm-up ${WARMUP} s … `);
    const w = await autocannon({ ...opts, duration: WARMUP });
    process.stdout.write(`${Math.round(w.requests.average)} req/s; `);
  } else process.stdout.write(`  ${t.label.padEnd(11)}: `);
  process.stdout.write(`${DURATION} s … `);
  const backends = await t.backends().catch(() => []);
  const startedAt = Date.now();
  const before = { target: processCpuMs(t.pid), pg: processesCpuMs(backends), self: process.cpuUsage(), machine: machineCpuMs() };
  const r = await autocannon({ ...opts, duration: DURATION });
  const after = { target: processCpuMs(t.pid), pg: processesCpuMs(backends), self: process.cpuUsage(before.self), machine: machineCpuMs() };
  let cpu: CpuShare | null = null;
  const n = r.requests.total;
  if (before.target != null && after.target != null && before.machine && after.machine && n > 0) {
    const target = after.target - before.target;
    const pg = before.pg != null && after.pg != null ? after.pg - before.pg : null;
    const self = (after.self.user + after.self.system) / 1000;
    const busy = after.machine.busy - before.machine.busy;
    cpu = {
      targetMsPerReq: target / n,
      postgresMsPerReq: pg == null ? null : pg / n,
      loadGeneratorMsPerReq: self / n,
      restMsPerReq: Math.max(0, busy - target - (pg ?? 0) - self) / n,
      machineBusyPercent: (100 * busy) / (after.machine.total - before.machine.total),
      backgroundBusyPercent: background,
    };
  }
  const m: Measured = {
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    avgLatency: r.latency.average,
    requests: n,
    startedAt,
    endedAt: Date.now(),
    errors: r.errors,
    non2xx: r.non2xx,
    cpu,
  };
  console.log(`${m.reqPerSec.toFixed(0)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms${m.errors || m.non2xx ? `, ${m.errors} errors, ${m.non2xx} non-2xx` : ''}`);
  if (cpu) {
    const f = (x: number | null) => (x == null ? '?' : x.toFixed(3));
    console.log(
      `      CPU ms per request: ${f(cpu.targetMsPerReq)} ${t.label.split(' ')[0]}, ${f(cpu.postgresMsPerReq)} PostgreSQL, ` +
        `${f(cpu.loadGeneratorMsPerReq)} autocannon, ${f(cpu.restMsPerReq)} rest; machine ${cpu.machineBusyPercent.toFixed(0)}% busy` +
        (background != null ? ` (${background.toFixed(0)}% before, idle)` : ''),
    );
    if (background != null && background > 15) {
      console.log(`      WARNING: the machine was ${background.toFixed(0)}% busy with other work just before this run: the figures are unreliable`);
    }
  }
  return m;
}

// ------------------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const serverScript = path.join(DIST, 'main.js');
  const baselineScript = path.join(__dirname, 'baseline-server.js');
  for (const f of [serverScript, baselineScript]) if (!fs.existsSync(f)) throw new Error(`${f} is missing: build first (npm run build)`);
  fs.mkdirSync(DATA_DIR, { recursive: true });

  // 1. Database with the demo data, and a township of 金安区 to ask about.
  const db = await prepareDatabase();
  const ds = createDataSource(db.url, 2);
  await ds.initialize();
  let township: { id: number; code: string; name: string };
  let pgVersion: string;
  try {
    await migrate(ds);
    if (await seedDemo(ds, (m) => console.log(m))) console.log('Demo data loaded');
    // Planner statistics as autovacuum would leave them (it may be off, or not have run yet after the seed):
    // without them the catalogue statement gets a nested-loop plan several times slower, for both contenders.
    await ds.query('VACUUM ANALYZE');
    const rows: Array<{ id: number; code: string; name: string }> = await ds.query(
      `SELECT t.id, t.code, t.name FROM jurisdiction t JOIN jurisdiction c ON c.id = t.parent_id
        WHERE c.code = $1 AND t.level = 'TOWNSHIP' ORDER BY t.code LIMIT 1`,
      [JINAN_CODE],
    );
    if (!rows.length) throw new Error(`no township under ${JINAN_CODE}: is the demo data loaded?`);
    township = rows[0];
    pgVersion = (await ds.query(`SHOW server_version`))[0].server_version;
  } finally {
    await ds.destroy();
  }
  console.log(`Township: ${township.name} (${township.code}, id ${township.id}); PostgreSQL ${pgVersion}`);
  const body = JSON.stringify({ query: QUERY, variables: { at: String(township.id) } });

  const serverEnv = (port: number, sqlCount: boolean): Record<string, string> => ({
    DATABASE_URL: db.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    REQUEST_LOGGING: 'false',
    SQL_COUNT_HEADER: sqlCount ? 'true' : 'false',
    // The background jobs (graphile-worker polling, cron) are not part of the request path: keep them out of it.
    WORKER: 'false',
  });

  // 2. No N+1: the statement count must not depend on `first` (a server started with SQL_COUNT_HEADER=true).
  console.log('\nN+1 check (server with SQL_COUNT_HEADER=true):');
  const countPort = await freePort();
  const counting = startChild('server/count', serverScript, serverEnv(countPort, true));
  await waitReady('server (count)', counting, countPort);
  const statements: Record<string, number | null> = {};
  try {
    await post(countPort, body); // first request of the process: nothing lazy is counted below
    for (const first of [1, 5, 20]) {
      const r = await post(countPort, JSON.stringify({ query: queryWithFirst(first), variables: { at: String(township.id) } }));
      if (r.status !== 200 || r.json.errors) throw new Error(`first=${first}: ${r.status} ${JSON.stringify(r.json).slice(0, 500)}`);
      const h = r.headers.get('x-sql-statements');
      statements[`first=${first}`] = h == null ? null : Number(h);
      console.log(`  first=${String(first).padEnd(2)} → ${r.json.data?.serviceItems?.nodes?.length ?? 0} items, x-sql-statements: ${h ?? '(missing)'}`);
    }
  } finally {
    await stopChild(counting);
  }
  const counts = Object.values(statements);
  const noNPlusOne = counts.every((c) => c != null && c > 0) && new Set(counts).size === 1;
  console.log(`  ${noNPlusOne ? 'PASS' : 'FAIL'}: ${noNPlusOne ? `${counts[0]} statements whatever first is` : 'the statement count varies with first (or is missing)'}`);

  // 3. The timed server and the baseline, each in its own process.
  const [serverPort, baselinePort] = await Promise.all([freePort(), freePort()]);
  const prof = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null;
  if (prof) fs.mkdirSync(prof, { recursive: true });
  const serverStarted = Date.now();
  const profArgs = (name: string) => (prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`, `--cpu-prof-name=${name}.cpuprofile`] : []);
  // V8 writes the profile only when the process exits normally: give a slow shutdown time (main.ts force-exits at 15 s).
  const server = startChild('server', serverScript, serverEnv(serverPort, false), { nodeArgs: profArgs('server'), graceMs: prof ? 20_000 : undefined });
  const baselineStarted = Date.now();
  const baseline = startChild('baseline', baselineScript, { DATABASE_URL: db.url, PORT: String(baselinePort) }, { nodeArgs: profArgs('baseline'), graceMs: prof ? 20_000 : undefined });
  await Promise.all([waitReady('server', server, serverPort), waitReady('baseline', baseline, baselinePort)]);

  // 4. Same answer from both, or the comparison means nothing.
  const [fromServer, fromBaseline] = await Promise.all([post(serverPort, body), post(baselinePort, body)]);
  const sNodes = fromServer.json.data?.serviceItems?.nodes;
  const bNodes = fromBaseline.json.data?.serviceItems?.nodes;
  if (fromServer.status !== 200 || fromServer.json.errors || !sNodes) {
    console.error(`\nFAIL: the server answered ${fromServer.status}: ${JSON.stringify(fromServer.json).slice(0, 1000)}`);
    return 1;
  }
  if (fromBaseline.status !== 200 || !bNodes) {
    console.error(`\nFAIL: the baseline answered ${fromBaseline.status}: ${JSON.stringify(fromBaseline.json).slice(0, 1000)}`);
    return 1;
  }
  const sCodes = sNodes.map((n) => n.code);
  const bCodes = bNodes.map((n) => n.code);
  if (!isDeepStrictEqual(sCodes, bCodes)) {
    console.error(`\nFAIL: the answers differ.\n  server:   ${sCodes.join(' ')}\n  baseline: ${bCodes.join(' ')}`);
    return 1;
  }
  if (!sCodes.length) {
    console.error('\nFAIL: both answers are empty; there is nothing to measure');
    return 1;
  }
  if (!isDeepStrictEqual(fromServer.json, fromBaseline.json)) {
    const i = sNodes.findIndex((n, k) => !isDeepStrictEqual(n, bNodes[k]));
    console.error(`\nFAIL: same codes, different payloads (item ${i}):\n  server:   ${JSON.stringify(sNodes[i])}\n  baseline: ${JSON.stringify(bNodes[i])}`);
    return 1;
  }
  const responseBytes = { server: JSON.stringify(fromServer.json).length, baseline: JSON.stringify(fromBaseline.json).length };
  console.log(`\nSame answer from both: ${sCodes.length} items (${sCodes[0]} … ${sCodes[sCodes.length - 1]}), ${responseBytes.server} bytes of JSON`);

  // 5. Baseline, server, baseline; the baseline figure is the mean of its two runs.
  console.log(`\nLoad: ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s each (${os.cpus().length} CPUs shared by everything)`);
  const admin = new Client({ connectionString: db.url, application_name: 'weimin-bench' });
  await admin.connect();
  const backendsOf = (applicationName: string) => async () =>
    (
      await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [
        applicationName,
      ])
    ).rows.map((r) => r.pid);
  const baselineTarget = (n: number): Target => ({ label: `baseline #${n}`, port: baselinePort, pid: baseline.pid, backends: backendsOf('weimin-bench-baseline') });
  const b1 = await measure(baselineTarget(1), body);
  const s = await measure({ label: 'server', port: serverPort, pid: server.pid, backends: backendsOf('weimin') }, body);
  // the timed part of the server run, in ms since the server process started (to cut its CPU profile)
  const serverWindow = { fromMs: s.startedAt - serverStarted, toMs: s.endedAt - serverStarted };
  const baselineWindow = { fromMs: b1.startedAt - baselineStarted, toMs: b1.endedAt - baselineStarted };
  const b2 = await measure(baselineTarget(2), body);
  await admin.end();
  const b: Measured = {
    reqPerSec: (b1.reqPerSec + b2.reqPerSec) / 2,
    p50: (b1.p50 + b2.p50) / 2,
    p99: (b1.p99 + b2.p99) / 2,
    avgLatency: (b1.avgLatency + b2.avgLatency) / 2,
    requests: b1.requests + b2.requests,
    startedAt: b1.startedAt,
    endedAt: b2.endedAt,
    cpu: b1.cpu && b2.cpu ? meanCpu(b1.cpu, b2.cpu) : null,
    errors: b1.errors + b2.errors,
    non2xx: b1.non2xx + b2.non2xx,
  };
  const ratio = s.reqPerSec / b.reqPerSec;
  const pass = ratio >= TARGET_RATIO && s.errors === 0 && s.non2xx === 0;
  // The same comparison in CPU: what one request costs the machine (node + its PostgreSQL backends + load
  // generator). Unlike req/s it hardly moves when other programs compete for the CPUs.
  const cost = (m: Measured) => (m.cpu?.postgresMsPerReq == null ? null : m.cpu.targetMsPerReq + m.cpu.postgresMsPerReq + m.cpu.loadGeneratorMsPerReq);
  const costS = cost(s);
  const costB = cost(b);
  const cpuCostRatio = costS != null && costB != null ? costB / costS : null;

  const cpuCols = (m: Measured) =>
    m.cpu
      ? `${m.cpu.targetMsPerReq.toFixed(3).padStart(11)}${(m.cpu.postgresMsPerReq?.toFixed(3) ?? '?').padStart(11)}${m.cpu.restMsPerReq.toFixed(3).padStart(11)}`
      : '';
  const row = (name: string, m: Measured) =>
    `  ${name.padEnd(26)}${m.reqPerSec.toFixed(0).padStart(9)}${m.p50.toFixed(1).padStart(10)}${m.p99.toFixed(1).padStart(10)}${cpuCols(m)}`;
  console.log(
    `\n  ${''.padEnd(26)}${'req/s'.padStart(9)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}` +
      (s.cpu ? `${'node ms'.padStart(11)}${'PG ms'.padStart(11)}${'rest ms'.padStart(11)}   (CPU per request)` : ''),
  );
  console.log(row('baseline (node:http + pg)', b));
  console.log(row('  run 1', b1));
  console.log(row('  run 2', b2));
  console.log(row('server (GraphQL)', s));
  console.log(`\n  server / baseline throughput: ${ratio.toFixed(2)}× (target ≥ ${TARGET_RATIO}×): ${pass ? 'PASS' : 'FAIL'}`);
  if (cpuCostRatio != null) {
    console.log(
      `  CPU cost per request (node + PostgreSQL + autocannon): baseline ${costB!.toFixed(3)} ms, server ${costS!.toFixed(3)} ms → ${cpuCostRatio.toFixed(2)}× ` +
        `(the throughput ratio of a machine doing nothing else, as long as the server's one JS thread is not the limit)`,
    );
  }
  const noisy = [b1, s, b2].some((m) => (m.cpu?.backgroundBusyPercent ?? 0) > 15);
  if (noisy) console.log('  WARNING: other programs were using the CPUs during the runs: trust the CPU figures more than req/s');
  console.log(`  no N+1: ${noNPlusOne ? 'PASS' : 'FAIL'} (${Object.entries(statements).map(([k, v]) => `${k}: ${v}`).join(', ')})`);
  if (s.errors || s.non2xx) console.log(`  the server had ${s.errors} errors and ${s.non2xx} non-2xx answers under load`);

  const result = {
    at: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    database: db.kind,
    postgres: pgVersion,
    township,
    query: QUERY,
    items: sCodes.length,
    responseBytes,
    load: { connections: CONNECTIONS, warmupSeconds: WARMUP, durationSeconds: DURATION },
    baseline: { ...b, runs: [b1, b2] },
    server: s,
    ratio,
    cpuCostRatio,
    noisy,
    target: TARGET_RATIO,
    pass,
    sqlStatements: statements,
    noNPlusOne,
    profileWindows: prof ? { server: serverWindow, baseline: baselineWindow } : undefined,
  };
  fs.writeFileSync(RESULT_FILE, JSON.stringify(result, null, 2) + '\n');
  console.log(`\nResults written to ${path.relative(process.cwd(), RESULT_FILE) || RESULT_FILE}`);
  if (prof) {
    console.log(`CPU profile of the server: ${prof} (written when the server has exited)`);
    const summary = path.relative(process.cwd(), path.join(__dirname, 'cpuprofile-summary.js'));
    const dir = path.relative(process.cwd(), prof);
    console.log(`  timed server run:     node ${summary} ${dir}/server.cpuprofile --from ${serverWindow.fromMs} --to ${serverWindow.toMs}`);
    console.log(`  first baseline run:   node ${summary} ${dir}/baseline.cpuprofile --from ${baselineWindow.fromMs} --to ${baselineWindow.toMs}`);
  }
  return 0;
}

main()
  .then(
    async (code) => {
      await cleanup();
      process.exit(code);
    },
    async (err) => {
      console.error(err);
      await cleanup();
      process.exit(1);
    },
  );
