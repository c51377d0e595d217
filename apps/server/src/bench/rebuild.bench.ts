/**
 * `npm run bench:rebuild`: a full rollup rebuild on the `seed:large` data set while a supervisor keeps reading the
 * city's dashboard. Reports the dashboard's latency before the rebuild (the baseline, same run) and during it,
 * the longest single wait, what the reads said about their freshness, and checks afterwards that the figures
 * equal SQL over the raw rows. LARGE_DATABASE_URL or DATABASE_URL (database weimin_large) as for seed:large.
 */
import 'reflect-metadata';
import * as os from 'node:os';
import { Client } from 'pg';
import { WorkCalendar, chinaDate } from '@weimin/domain';
import { createDataSource } from '../db/data-source';
import { DEMO_PASSWORD, LUAN_CODE } from '../db/seeds/demo';
import { largeInfo, largeTarget, redact, type LargeTarget } from '../db/seeds/large';
import { referenceFigures } from '../modules/dashboard/dashboard.reference';
import { RollupService } from '../modules/dashboard/rollup.service';
import { freePort, login, onCleanup, percentile, post, runBenchmark, startServer, stopChild, waitReady } from './harness';

const QUERY = `query($id: ID!, $from: Date!, $to: Date!) { performance(jurisdictionId: $id, from: $from, to: $to) { generatedAt received completed } }`;

let target: LargeTarget | null = null;
onCleanup(async () => {
  await target?.embedded?.stop();
});

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}

async function main(): Promise<number> {
  target = await largeTarget(freePort);
  if (!(await largeInfo(target.url))) {
    console.log(`No large data set at ${redact(target.url)}: run \`npm run seed:large\` first.`);
    return 0;
  }
  const db = new Client({ connectionString: target.url });
  await db.connect();
  const [city] = (await db.query(`SELECT id, name, path, depth FROM jurisdiction WHERE code = $1`, [LUAN_CODE])).rows;
  const [{ n: applications }] = (await db.query(`SELECT count(*)::int AS n FROM application`)).rows;
  const today = chinaDate(new Date());
  const year = Number(today.slice(0, 4)) - 1;
  const vars = { id: String(city.id), from: `${year}-01-01`, to: `${year}-12-31` };

  const port = await freePort();
  const server = startServer(target.url, port);
  await waitReady('server', server, port, 120_000);
  const token = await login(port, 'supervisor', DEMO_PASSWORD);
  const before = (await post(port, QUERY, vars, token)).performance;

  // One reader, back to back: first alone (the baseline), then while the rebuild runs.
  const read = async () => {
    const t = performance.now();
    const p = (await post(port, QUERY, vars, token)).performance;
    return { ms: performance.now() - t, p };
  };
  const alone: number[] = [];
  for (const until = performance.now() + 5_000; performance.now() < until; ) alone.push((await read()).ms);

  const ds = createDataSource(target.url, 2);
  await ds.initialize();
  const during: number[] = [];
  let staleLabels = 0;
  let changedFigures = 0;
  const started = Date.now();
  let done = false;
  const rebuild = new RollupService(ds).rebuildAll((m) => console.log(m)).finally(() => {
    done = true;
  });
  while (!done) {
    const r = await read();
    during.push(r.ms);
    if (new Date(r.p.generatedAt).getTime() <= started) staleLabels++;
    if (r.p.received !== before.received || r.p.completed !== before.completed) changedFigures++;
  }
  const result = await rebuild;
  await ds.destroy();
  const after = (await post(port, QUERY, vars, token)).performance;
  await stopChild(server);

  const cal = new WorkCalendar((await db.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, working FROM calendar_override`)).rows);
  const ref = await referenceFigures(db, city, vars.from, vars.to, today, cal.addWorkingDays(today, 2));
  await db.end();

  const a = stats(alone);
  const d = stats(during);
  const f = (x: number) => x.toFixed(1).padStart(9);
  console.log(`\nData set: ${applications.toLocaleString('en')} applications at ${redact(target.url)}; ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`);
  console.log(`Query: performance(${city.name}, ${vars.from} … ${vars.to}), one reader back to back`);
  console.log(`Rebuild: ${(result!.ms / 1000).toFixed(1)} s (${result!.baseRows.toLocaleString('en')} base, ${result!.dailyRows.toLocaleString('en')} daily, ${result!.monthlyRows.toLocaleString('en')} monthly rows)`);
  console.log(`\n  ${''.padEnd(34)}${'reads'.padStart(9)}${'p50'.padStart(9)}${'p99'.padStart(9)}${'max'.padStart(9)}  ms`);
  console.log(`  ${'before the rebuild (baseline)'.padEnd(34)}${String(a.n).padStart(9)}${f(a.p50)}${f(a.p99)}${f(a.max)}`);
  console.log(`  ${'during the rebuild'.padEnd(34)}${String(d.n).padStart(9)}${f(d.p50)}${f(d.p99)}${f(d.max)}`);
  console.log(`\n  during: ${staleLabels} of ${d.n} reads labelled with the time of the previous figures; ${changedFigures} showed other figures than before`);
  const same = after.received === ref.total.received && after.completed === ref.total.completed;
  console.log(`  after: received ${after.received.toLocaleString('en')}, completed ${after.completed.toLocaleString('en')}; SQL over the raw rows: ${ref.total.received.toLocaleString('en')}, ${ref.total.completed.toLocaleString('en')} — ${same ? 'same' : 'DIFFERENT'}`);
  return same ? 0 : 1;
}

runBenchmark(main);
