/**
 * `npm run bench:dashboard`: the supervisor dashboard on the large data set (`npm run seed:large`, ≥ 1,000,000
 * applications), end to end over HTTP against a server child process:
 *
 *   performance(六安市, last full calendar year) { …every headline figure… children { …the same… } }
 *
 * and, timed on their own, the stage figures of the four-level linkage (per level and stage kind: arrivals,
 * on-time, median/p90 dwell, returns, objections, extensions; and where applications wait now) against a plain
 * GROUP BY over the raw stage rows (stage-figures.reference.ts), which must agree exactly too.
 *
 * against the same figures computed in the same run by a plain GROUP BY over the raw applications, notices and
 * evaluations (dashboard.reference.ts, run directly through `pg`, no HTTP). Both must agree exactly, figure by
 * figure, for the city and each county. Target: server median ≤ 50 ms and ≥ 20× faster than the plain
 * aggregation.
 *
 * The data set is found where seed:large puts it (LARGE_DATABASE_URL; else weimin_large next to DATABASE_URL;
 * else the embedded PostgreSQL in .data/bench-pg). When it does not exist the benchmark says how to create it and
 * exits 0 (so `npm run bench` still runs the catalogue benchmark alone).
 *
 * Freshness, measured too: a second server child with its background worker; a clerk of 金安区 completes open
 * applications through the API (each run completes BENCH_FRESHNESS_RUNS of them, default 5; 0 to skip) and the
 * dashboard is polled every 50 ms until it shows each completion.
 *
 * Env knobs: BENCH_RUNS (30 timed requests), BENCH_WARMUP_RUNS (5), BENCH_BASELINE_RUNS (7), BENCH_FRESHNESS_RUNS (5).
 * Results are printed and written to .data/bench-dashboard.json.
 */
import 'reflect-metadata';
import { cleanup, freePort, login, onCleanup, post, sleep, startServer, stopChild, waitReady } from './harness';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { WorkCalendar, chinaDate } from '@weimin/domain';
import { REPO_ROOT } from '../config';
import { DEMO_PASSWORD, JINAN_CODE, LUAN_CODE } from '../db/seeds/demo';
import { largeInfo, largeTarget, redact, type LargeTarget } from '../db/seeds/large';
import { referenceFigures, type ReferenceRow } from '../modules/dashboard/dashboard.reference';
import { byLevelAndKind, referenceStageFigures, referenceStagesWaiting } from '../modules/dashboard/stage-figures.reference';

const RUNS = Number(process.env.BENCH_RUNS || 30);
const WARMUP = Number(process.env.BENCH_WARMUP_RUNS || 5);
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS || 7);
const FRESHNESS_RUNS = Number(process.env.BENCH_FRESHNESS_RUNS ?? 5);
const TARGET_MS = 50;
const TARGET_RATIO = 20;
const DIST = path.resolve(__dirname, '..');
const RESULT_FILE = path.join(REPO_ROOT, '.data', 'bench-dashboard.json');

const FIGURES = `received accepted rejected completed completedOnTime completionRate onTimeRate overdueOpen warningOpen
  medianHandlingDays p90HandlingDays evaluations satisfied satisfactionRate averageGrade badReviews rectifiedInTime
  deficient deficiencyRate repeatNotices`;
const QUERY = `query($id: ID!, $from: Date!, $to: Date!) {
  performance(jurisdictionId: $id, from: $from, to: $to) {
    jurisdiction { id name } generatedAt ${FIGURES}
    children { jurisdiction { id name } ${FIGURES} }
  }
}`;
const STAGE_FIGURES = `level kind arrivals done doneOnTime onTimeRate medianDwellDays p90DwellDays returns objections extensions precheckMisses`;
const STAGE_QUERY = `query($id: ID!, $from: Date!, $to: Date!) {
  performance(jurisdictionId: $id, from: $from, to: $to) { stageFigures { ${STAGE_FIGURES} } stagesWaiting { level kind open overdue } }
}`;
const FULL_QUERY = `query($id: ID!, $from: Date!, $to: Date!) {
  performance(jurisdictionId: $id, from: $from, to: $to) {
    jurisdiction { id name } generatedAt ${FIGURES}
    children { jurisdiction { id name } ${FIGURES} }
    byServiceItem { serviceItemId code name ${FIGURES} }
    trend(granularity: MONTH) { start end ${FIGURES.replace('overdueOpen warningOpen', '')} }
  }
}`;

// ------------------------------------------------------------------------------------------------------------

let target: LargeTarget | null = null;
onCleanup(async () => {
  await target?.embedded?.stop();
});

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];

const COMPARED: Array<keyof ReferenceRow> = [
  'received', 'accepted', 'rejected', 'completed', 'completedOnTime', 'medianHandlingDays', 'p90HandlingDays', 'overdueOpen',
  'warningOpen', 'deficient', 'repeatNotices', 'evaluations', 'satisfied', 'badReviews', 'rectifiedInTime',
];

function differences(label: string, api: Record<string, any>, ref: ReferenceRow | undefined): string[] {
  const r = ref ?? ({} as Partial<ReferenceRow>);
  const out: string[] = [];
  for (const k of COMPARED) {
    const want = r[k] ?? (k === 'medianHandlingDays' || k === 'p90HandlingDays' ? null : 0);
    if (api[k] !== want) out.push(`${label}.${k}: server ${api[k]}, plain ${want}`);
  }
  const grade = api.averageGrade == null ? 0 : api.averageGrade * api.evaluations;
  if (Math.abs(grade - (r.gradeSum ?? 0)) > 1e-6) out.push(`${label}.averageGrade: server ${api.averageGrade}, plain ${(r.gradeSum ?? 0) / (r.evaluations || 1)}`);
  return out;
}

async function measureFreshness(db: Client, supervisorToken: string): Promise<number[]> {
  if (FRESHNESS_RUNS <= 0) return [];
  const [jinan] = (await db.query(`SELECT id, path FROM jurisdiction WHERE code = $1`, [JINAN_CODE])).rows;
  const candidates: string[] = (
    await db.query(
      `SELECT a.id FROM application a JOIN jurisdiction j ON j.id = a.jurisdiction_id JOIN service_item_version v ON v.id = a.item_version_id
        WHERE a.status = 'ACCEPTED' AND j.path LIKE $1 || '%' AND (v.content->'fee'->>'free')::boolean ORDER BY a.number LIMIT $2`,
      [jinan.path, FRESHNESS_RUNS],
    )
  ).rows.map((r) => r.id);
  const port = await freePort();
  const server = startServer(target!.url, port, { worker: true });
  const out: number[] = [];
  try {
    await waitReady('server', server, port, 120_000);
    const clerk = await login(port, 'jinan.clerk', DEMO_PASSWORD);
    const day = chinaDate(new Date());
    const Q = `query($id: ID!, $d: Date!) { performance(jurisdictionId: $id, from: $d, to: $d) { completed } }`;
    const completed = async () => (await post(port, Q, { id: String(jinan.id), d: day }, supervisorToken)).performance.completed as number;
    for (const id of candidates) {
      const deadline = Date.now() + 30_000;
      let before = await completed();
      // settle: nothing else pending
      await sleep(1500);
      before = await completed();
      await post(port, `mutation($id: ID!) { completeApplication(id: $id, input: { result: APPROVED }) { status } }`, { id }, clerk);
      const t0 = process.hrtime.bigint();
      while ((await completed()) < before + 1) {
        if (Date.now() > deadline) throw new Error('the completion did not show on the dashboard within 30 s');
        await sleep(50);
      }
      out.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  } finally {
    await stopChild(server);
  }
  return out;
}

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(DIST, 'main.js'))) throw new Error('build first (npm run build)');
  target = await largeTarget(freePort);
  const info = await largeInfo(target.url);
  if (!info) {
    console.log(`\nDashboard benchmark: no large data set at ${redact(target.url)}.`);
    console.log('Create it with `npm run seed:large` (1,000,000 applications; a few minutes on 2 cores), then run `npm run bench:dashboard`.');
    return 0;
  }
  const db = new Client({ connectionString: target.url, application_name: 'weimin-bench-plain' });
  await db.connect();
  const [{ version }] = (await db.query(`SHOW server_version`)).rows.map((r) => ({ version: r.server_version as string }));
  const [city] = (await db.query(`SELECT id, name, path, depth FROM jurisdiction WHERE code = $1`, [LUAN_CODE])).rows;
  const [size] = (
    await db.query(
      `SELECT (SELECT count(*) FROM application)::int AS applications, (SELECT count(*) FROM evaluation)::int AS evaluations,
              (SELECT count(*) FROM deficiency_notice)::int AS notices, (SELECT count(*) FROM rollup_daily)::int AS daily_rows,
              (SELECT count(*) FROM rollup_monthly)::int AS monthly_rows, pg_size_pretty(pg_database_size(current_database())) AS db_size`,
    )
  ).rows;
  const today = chinaDate(new Date());
  const year = Number(today.slice(0, 4)) - 1;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  console.log(`Database: ${redact(target.url)} (${target.kind}), PostgreSQL ${version}, ${size.db_size}`);
  console.log(
    `Data set: ${size.applications.toLocaleString('en')} applications, ${size.evaluations.toLocaleString('en')} evaluations, ` +
      `${size.notices.toLocaleString('en')} notices; rollups ${size.daily_rows.toLocaleString('en')} daily + ${size.monthly_rows.toLocaleString('en')} monthly rows`,
  );
  console.log(`Generated ${info.generatedAt} by seed:large in ${info.seconds} s`);
  if (size.applications < 1_000_000) console.log(`Note: the targets are meant for ≥ 1,000,000 applications; this data set is smaller (seed:large --count).`);
  console.log(`Query: performance(${city.name}, ${from} … ${to}) with all headline figures and children`);

  const port = await freePort();
  const server = startServer(target.url, port);
  await waitReady('server', server, port, 120_000);
  const token = await login(port, 'supervisor', DEMO_PASSWORD);
  const vars = { id: String(city.id), from, to };

  // 1. Same figures both ways.
  const answer = (await post(port, QUERY, vars, token)).performance;
  const cal = new WorkCalendar((await db.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, working FROM calendar_override`)).rows);
  const [{ w }] = (await db.query(`SELECT coalesce((SELECT (value)::text::int FROM policy_setting WHERE key = 'warningWorkingDays' ORDER BY city_id NULLS LAST LIMIT 1), $1::int) AS w`, [Number(process.env.WARNING_WORKING_DAYS || 2)])).rows;
  const plainOnce = await referenceFigures(db, city, from, to, today, cal.addWorkingDays(today, w));
  const diffs = [
    ...differences(city.name, answer, plainOnce.total),
    ...answer.children.flatMap((c: any) => differences(c.jurisdiction.name, c, plainOnce.children.get(Number(c.jurisdiction.id)))),
  ];
  if (diffs.length) {
    console.error(`\nFAIL: the rollups and the plain aggregation disagree:\n  ${diffs.slice(0, 30).join('\n  ')}`);
    return 1;
  }
  console.log(`Same answer both ways: ${city.name} and ${answer.children.length} children, ${COMPARED.length + 1} figures each ` +
    `(received ${answer.received.toLocaleString('en')}, completed ${answer.completed.toLocaleString('en')}, on time ${(answer.onTimeRate * 100).toFixed(1)}%, ` +
    `satisfaction ${(answer.satisfactionRate * 100).toFixed(1)}%, median ${answer.medianHandlingDays} / p90 ${answer.p90HandlingDays} working days)`);

  const stageAnswer = (await post(port, STAGE_QUERY, vars, token)).performance;
  const stagePlain = { figures: await referenceStageFigures(db, city.path, from, to), waiting: await referenceStagesWaiting(db, city.path, today) };
  const stageDiffs = [
    ...(JSON.stringify(byLevelAndKind(stageAnswer.stageFigures)) === JSON.stringify(stagePlain.figures) ? [] : ['stageFigures']),
    ...(JSON.stringify(byLevelAndKind(stageAnswer.stagesWaiting)) === JSON.stringify(stagePlain.waiting) ? [] : ['stagesWaiting']),
  ];
  if (stageDiffs.length) {
    console.error(`\nFAIL: the stage figures and the plain GROUP BY disagree (${stageDiffs.join(', ')}):`);
    console.error(JSON.stringify({ server: byLevelAndKind(stageAnswer.stageFigures), plain: stagePlain.figures }).slice(0, 3000));
    return 1;
  }
  console.log(`Stage figures the same both ways: ${stageAnswer.stageFigures.length} level × stage kind rows, ${stageAnswer.stagesWaiting.length} waiting rows`);

  // 2. The server, end to end over HTTP: warm-up, then timed requests one after another.
  const time = async (query: string) => {
    const t = process.hrtime.bigint();
    await post(port, query, vars, token);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  for (let i = 0; i < WARMUP; i++) await time(QUERY);
  const serverMs: number[] = [];
  for (let i = 0; i < RUNS; i++) serverMs.push(await time(QUERY));
  for (let i = 0; i < 2; i++) await time(FULL_QUERY);
  const fullMs: number[] = [];
  for (let i = 0; i < Math.max(5, Math.round(RUNS / 3)); i++) fullMs.push(await time(FULL_QUERY));
  for (let i = 0; i < 2; i++) await time(STAGE_QUERY);
  const stageMs: number[] = [];
  for (let i = 0; i < Math.max(5, Math.round(RUNS / 3)); i++) stageMs.push(await time(STAGE_QUERY));
  await stopChild(server);

  // 3. Freshness: a server with its background worker; a clerk completes applications through the API and the
  //    dashboard of 金安区 is polled until it shows each one (every run completes FRESHNESS_RUNS open applications).
  const freshnessMs = await measureFreshness(db, token);

  // 4. The plain aggregation over the raw rows, the same figures (one warm-up).
  await referenceFigures(db, city, from, to, today, cal.addWorkingDays(today, w));
  const plainMs: number[] = [];
  for (let i = 0; i < BASELINE_RUNS; i++) {
    const t = process.hrtime.bigint();
    await referenceFigures(db, city, from, to, today, cal.addWorkingDays(today, w));
    plainMs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const stagePlainMs: number[] = [];
  for (let i = 0; i < BASELINE_RUNS; i++) {
    const t = process.hrtime.bigint();
    await referenceStageFigures(db, city.path, from, to);
    await referenceStagesWaiting(db, city.path, today);
    stagePlainMs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  await db.end();

  const s = median(serverMs);
  const b = median(plainMs);
  const ratio = b / s;
  const pass = s <= TARGET_MS && ratio >= TARGET_RATIO;
  const f = (x: number) => x.toFixed(1).padStart(9);
  console.log(`\n  ${''.padEnd(44)}${'median'.padStart(9)}${'p90'.padStart(9)}${'min'.padStart(9)}${'max'.padStart(9)}  ms`);
  console.log(`  ${`server, HTTP (${RUNS} runs)`.padEnd(44)}${f(s)}${f(pct(serverMs, 0.9))}${f(Math.min(...serverMs))}${f(Math.max(...serverMs))}`);
  console.log(`  ${`plain GROUP BY over raw rows (${BASELINE_RUNS} runs)`.padEnd(44)}${f(b)}${f(pct(plainMs, 0.9))}${f(Math.min(...plainMs))}${f(Math.max(...plainMs))}`);
  console.log(`  ${`server, + byServiceItem + trend (${fullMs.length} runs)`.padEnd(44)}${f(median(fullMs))}${f(pct(fullMs, 0.9))}${f(Math.min(...fullMs))}${f(Math.max(...fullMs))}`);
  console.log(`  ${`stage figures, server HTTP (${stageMs.length} runs)`.padEnd(44)}${f(median(stageMs))}${f(pct(stageMs, 0.9))}${f(Math.min(...stageMs))}${f(Math.max(...stageMs))}`);
  console.log(`  ${`stage figures, plain GROUP BY (${BASELINE_RUNS} runs)`.padEnd(44)}${f(median(stagePlainMs))}${f(pct(stagePlainMs, 0.9))}${f(Math.min(...stagePlainMs))}${f(Math.max(...stagePlainMs))}`);
  console.log(`\n  Stage figures of ${city.name}, ${from} … ${to} (dwell in working days):`);
  console.log(`  ${'level'.padEnd(10)}${'kind'.padEnd(15)}${'arrivals'.padStart(10)}${'on time'.padStart(9)}${'median'.padStart(8)}${'p90'.padStart(6)}${'returns'.padStart(9)}${'objections'.padStart(12)}${'extensions'.padStart(12)}`);
  for (const r of byLevelAndKind(stageAnswer.stageFigures) as any[]) {
    const rate = r.onTimeRate == null ? '–' : `${(r.onTimeRate * 100).toFixed(1)}%`;
    console.log(`  ${r.level.padEnd(10)}${r.kind.padEnd(15)}${r.arrivals.toLocaleString('en').padStart(10)}${rate.padStart(9)}${String(r.medianDwellDays ?? '–').padStart(8)}${String(r.p90DwellDays ?? '–').padStart(6)}${r.returns.toLocaleString('en').padStart(9)}${r.objections.toLocaleString('en').padStart(12)}${r.extensions.toLocaleString('en').padStart(12)}`);
  }
  console.log(`  where applications wait now: ${(byLevelAndKind(stageAnswer.stagesWaiting) as any[]).map((w) => `${w.level} ${w.kind} ${w.open.toLocaleString('en')} (${w.overdue.toLocaleString('en')} overdue)`).join('; ')}`);
  if (freshnessMs.length) {
    console.log(`\n  freshness: a completion through the API showed on the dashboard after ${freshnessMs.map((x) => x.toFixed(0)).join(', ')} ms (median ${median(freshnessMs).toFixed(0)} ms)`);
  }
  console.log(`\n  server median ${s.toFixed(1)} ms (target ≤ ${TARGET_MS} ms), ${ratio.toFixed(0)}× faster than the plain aggregation (target ≥ ${TARGET_RATIO}×): ${pass ? 'PASS' : 'FAIL'}`);
  console.log(`  ${os.cpus().length} CPUs shared by the server, PostgreSQL and this process; load average ${os.loadavg().map((x) => x.toFixed(2)).join(', ')}`);

  fs.mkdirSync(path.dirname(RESULT_FILE), { recursive: true });
  fs.writeFileSync(
    RESULT_FILE,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        node: process.version,
        cpus: os.cpus().length,
        database: target.kind,
        postgres: version,
        dataSet: { ...size, generatedAt: info.generatedAt, generationSeconds: info.seconds },
        range: { from, to },
        serverMs: { median: s, p90: pct(serverMs, 0.9), runs: serverMs },
        serverFullDashboardMs: { median: median(fullMs), runs: fullMs },
        plainMs: { median: b, runs: plainMs },
        stageFiguresMs: { median: median(stageMs), runs: stageMs },
        stagePlainMs: { median: median(stagePlainMs), runs: stagePlainMs },
        stageFigures: stageAnswer.stageFigures,
        stagesWaiting: stageAnswer.stagesWaiting,
        loadAverage: os.loadavg(),
        freshnessMs: { median: freshnessMs.length ? median(freshnessMs) : null, runs: freshnessMs },
        ratio,
        targets: { medianMs: TARGET_MS, ratio: TARGET_RATIO },
        pass,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nResults written to ${path.relative(process.cwd(), RESULT_FILE) || RESULT_FILE}`);
  return 0;
}

main().then(
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
