/**
 * `npm run bench:applications [-- --size N]`: sustained submitApplication, acceptApplication and forwardApplication
 * through the real server over HTTP with 20 concurrent clients, each beside the bare database work measured in the
 * same run: 20 connections running the single INSERT (for submit) or UPDATE (for accept and forward) of an
 * application row through `pg`.
 *
 * Database: DATABASE_URL as it is (e.g. the 1M `seed:large` database; it is migrated, given the demo data if it
 * has none, and never reloaded; the benchmark adds its own rows to it); without DATABASE_URL a fresh database in an
 * embedded PostgreSQL. `--size N` (or BENCH_SIZE): generate N applications first when the database holds none (the
 * `seed:large` generator), so that one command measures at a given size; the size measured is printed either way.
 *
 * The server runs as its own process without the background worker (WORKER=false) so that only request work is
 * measured; the load goes through node:http on kept-alive connections (harness `postJson`), lighter than fetch.
 * The measurement runs in rounds (BENCH_ROUNDS, default 5): in each, every mutation for BENCH_DURATION seconds
 * (default 5) and its bare statement right after it. Each round's ratios are printed, then the median round of each
 * mutation with its figures, so that a checkpoint or a vacuum in one phase does not decide the result. Written to
 * .data/bench-applications.json. Env also: BENCH_CLIENTS (20), BENCH_CPU_PROF=<dir> (the server runs with
 * --cpu-prof, server.cpuprofile), BENCH_FORWARD_PREPARE (applications lodged at a village station for each round's
 * forward phase, 2000).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Pool } from 'pg';
import { createDataSource, migrate } from '../db/data-source';
import { JINAN_CODE, seedDemo } from '../db/seeds/demo';
import { generateLarge } from '../db/seeds/large';
import { DATA_DIR, SERVER_MAIN, benchDatabase, cleanup, closedLoop, freePort, postJson, startChild, waitReady, type LoadResult } from './harness';

const DURATION = Number(process.env.BENCH_DURATION || 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const CLIENTS = Number(process.env.BENCH_CLIENTS || 20);
const FORWARD_PREPARE = Number(process.env.BENCH_FORWARD_PREPARE || 2000);

function sizeArg(): number | null {
  const i = process.argv.indexOf('--size');
  const raw = i >= 0 ? process.argv[i + 1] : process.env.BENCH_SIZE;
  if (raw == null || raw === '') return null;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0 || n > 50_000_000) throw new Error(`--size must be a whole number from 0 to 50,000,000, got ${raw}`);
  return n;
}

async function gql(port: number, token: string | null, query: string, variables: Record<string, unknown>) {
  const { body } = await postJson(port, '/graphql', { query, variables }, token ? { authorization: `Bearer ${token}` } : {});
  if (body.errors?.length) throw new Error(body.errors[0].message);
  return body.data;
}

async function upload(port: number, token: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(`%PDF-1.4\n% bench ${randomUUID()}\n%%EOF\n`)]), 'bench.pdf');
  const res = await fetch(`http://127.0.0.1:${port}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'x-requested-with': 'bench' }, body: form });
  return ((await res.json()) as { id: string }).id;
}

interface Round {
  round: number;
  submit: LoadResult;
  accept: LoadResult;
  forward: LoadResult;
  baselineInsert: LoadResult;
  baselineUpdate: LoadResult;
  baselineStageUpdate: LoadResult;
  submitRatio: number;
  acceptRatio: number;
  forwardRatio: number;
}

const fmt = (r: LoadResult) => `${r.perSecond.toFixed(0).padStart(6)} /s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   (${r.operations} ok, ${r.errors} errors)`;

/** DATABASE_URL as it is, or a fresh embedded database; migrated, with the demo data, and N applications if asked. */
async function database(size: number | null): Promise<{ url: string; kind: string; applications: number }> {
  const db = process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, kind: 'DATABASE_URL' } : await benchDatabase('weimin_bench_apps');
  const ds = createDataSource(db.url, 4);
  await ds.initialize();
  try {
    await migrate(ds);
    const [{ demo }] = await ds.query(`SELECT count(*)::int AS demo FROM app_user WHERE login = 'citizen'`);
    if (!demo) await seedDemo(ds);
    let [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM application`);
    if (size && n === 0) {
      console.log(`Generating ${size.toLocaleString('en')} applications (seed:large) …`);
      await generateLarge(ds, size, (m) => console.log(m));
      [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM application`);
    } else if (size != null && n !== size) {
      console.log(`The database holds ${n.toLocaleString('en')} applications (asked for ${size.toLocaleString('en')}): measuring at its size, nothing reloaded`);
    }
    return { ...db, applications: n };
  } finally {
    await ds.destroy();
  }
}

async function main(): Promise<void> {
  const size = sizeArg();
  const db = await database(size);

  const port = await freePort();
  const serverStarted = Date.now();
  const server = startChild('server', SERVER_MAIN, {
    DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', DEMO_DATA: 'false', WORKER: 'false',
    LOG_LEVEL: 'warn', REQUEST_LOGGING: 'false', NODE_ENV: 'production', LOGIN_MAX_FAILURES_PER_IP: '100000',
  }, process.env.BENCH_CPU_PROF ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, '--cpu-prof-name=server.cpuprofile'], graceMs: 60_000 } : {});
  await waitReady('server', server, port);

  const login = async (l: string) => (await gql(port, null, `mutation($l: String!) { login(login: $l, password: "weimin-demo") { token } }`, { l })).login.token as string;
  const citizen = await login('citizen');
  const clerk = await login('town.clerk');
  const agent = await login('village.agent');
  const pool = new Pool({ connectionString: db.url, max: CLIENTS });
  const [town] = (await pool.query(`SELECT id FROM jurisdiction WHERE parent_id = (SELECT id FROM jurisdiction WHERE code = $1) ORDER BY code LIMIT 1`, [JINAN_CODE])).rows;
  const [village] = (await pool.query(`SELECT id FROM jurisdiction WHERE parent_id = $1 ORDER BY code LIMIT 1`, [town.id])).rows;
  const ITEMS = `query($at: ID!) { serviceItems(filter: { availableAt: $at }, first: 100) { nodes { id handlingKind onlineCapable exemption { office } materials { name necessity } handlingChain { kind } } } }`;
  const items = await gql(port, null, ITEMS, { at: String(town.id) });
  const item = items.serviceItems.nodes.find((n: any) => n.handlingKind === 'PROMISED' && n.onlineCapable && !n.exemption);
  const materials = await Promise.all(item.materials.filter((m: any) => m.necessity === 'REQUIRED').map(async (m: any) => ({ requirement: m.name, fileIds: [await upload(port, citizen)] })));
  // Forward: an item whose chain starts at the village station (COLLECT) and goes on to the township window.
  const chained = (await gql(port, null, ITEMS, { at: String(village.id) })).serviceItems.nodes.find((n: any) => !n.exemption && n.handlingChain[0]?.kind === 'COLLECT' && n.handlingChain.length >= 3);
  const agentMaterials = await Promise.all(chained.materials.filter((m: any) => m.necessity === 'REQUIRED').map(async (m: any) => ({ requirement: m.name, fileIds: [await upload(port, agent)] })));
  const SUBMIT = `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id number status } }`;
  const ACCEPT = `mutation($id: ID!) { acceptApplication(id: $id) { id status receipt { dueDate } } }`;
  const FORWARD = `mutation($id: ID!) { forwardApplication(id: $id) { id currentStage { kind dueOn } } }`;
  const submitInput = () => ({ serviceItemId: item.id, jurisdictionId: String(town.id), materials, idempotencyKey: randomUUID() });
  const agentInput = () => ({
    serviceItemId: chained.id, jurisdictionId: String(village.id), materials: agentMaterials, idempotencyKey: randomUUID(),
    onBehalfOf: { name: '王秀英', idNumber: '341502195003070023', phone: '13900001111', consent: '本人签字的代办委托书，存村服务站' },
  });

  const load = os.loadavg();
  console.log(`\n${db.applications.toLocaleString('en')} applications in the database (${db.kind}); item "${item.id}" at jurisdiction ${town.id}, chained item "${chained.id}" at ${village.id}; ${CLIENTS} clients, ${DURATION} s per phase; load ${load.map((x) => x.toFixed(2)).join(' ')}\n`);
  // Warm-up (not measured): each mutation for a moment, so that the rounds compare warm code paths.
  const warm: string[] = [];
  await closedLoop(CLIENTS, 2, async () => void warm.push((await gql(port, citizen, SUBMIT, { i: submitInput() })).submitApplication.id));
  await closedLoop(CLIENTS, 60, async (_c, i) => void (await gql(port, clerk, ACCEPT, { id: warm[i] })), warm.length);
  const warmLodged: string[] = [];
  await closedLoop(CLIENTS, 60, async () => void warmLodged.push((await gql(port, agent, SUBMIT, { i: agentInput() })).submitApplication.id), 200);
  await closedLoop(CLIENTS, 60, async (_c, i) => void (await gql(port, agent, FORWARD, { id: warmLodged[i] })), warmLodged.length);

  const template = (await pool.query(`SELECT * FROM application WHERE id = $1`, [(await gql(port, citizen, SUBMIT, { i: submitInput() })).submitApplication.id])).rows[0];
  const templatePath = (await pool.query(`SELECT path FROM jurisdiction WHERE id = $1`, [template.jurisdiction_id])).rows[0].path as string;
  const rounds: Round[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    await analyzeGrown();
    rounds.push(await round(r));
    const x = rounds[r];
    console.log(`round ${r + 1}: submit ${x.submitRatio.toFixed(3)}×, accept ${x.acceptRatio.toFixed(3)}×, forward ${x.forwardRatio.toFixed(3)}×`);
  }
  await pool.end();

  /**
   * ANALYZE of the tables that autovacuum would analyze by now (changed rows > 50 + 10 % of the rows: its default
   * rule), not timed. The benchmark grows a small database a hundredfold in a minute, faster than autovacuum's
   * rounds (a minute per database, fewer while it vacuums a large one): without this, a database that started
   * empty kept the plans made for empty tables — foreign-key checks by sequential scan of the month partition —
   * and each round was slower than the last (submit 0.19× → 0.02× over five rounds). In service a city's tables
   * grow slowly enough for autovacuum.
   */
  async function analyzeGrown(): Promise<void> {
    const { rows } = await pool.query(
      `SELECT format('%I.%I', s.schemaname, s.relname) AS t FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
        WHERE s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)`,
    );
    if (!rows.length) return;
    await pool.query(`ANALYZE ${rows.map((r) => r.t).join(', ')}`);
    console.log(`  (analyzed ${rows.length} grown tables before the round)`);
  }

  /**
   * One round: each mutation, then its bare statement on the same table through as many connections, right after
   * it (the same table size, checkpoints and vacuum).
   */
  async function round(r: number): Promise<Round> {
    const submitted: string[] = [];
    const submit = await closedLoop(CLIENTS, DURATION, async () => {
      submitted.push((await gql(port, citizen, SUBMIT, { i: submitInput() })).submitApplication.id);
    });
    const inserted: string[] = [];
    const insert = await closedLoop(CLIENTS, DURATION, async () => {
      const { rows } = await pool.query(
        `INSERT INTO application (number, lookup_code, status, service_item_id, item_version_id, jurisdiction_id, applicant_user_id, applicant_name,
                                  applicant_id_number, applicant_phone, submitted_by, idempotency_key, received_on)
         VALUES ('B' || nextval('application_number_seq'), '123456', 'SUBMITTED', $1, $2, $3, $4, $5, $6, $7, $4, $8, current_date) RETURNING id`,
        [template.service_item_id, template.item_version_id, template.jurisdiction_id, template.applicant_user_id, template.applicant_name,
          template.applicant_id_number, template.applicant_phone, randomUUID()],
      );
      inserted.push(rows[0].id);
    });
    let next = 0;
    const acceptFrom = Date.now() - serverStarted;
    const accept = await closedLoop(CLIENTS, DURATION, async () => {
      const id = submitted[next++];
      if (!id) throw new Error('ran out of submitted applications');
      await gql(port, clerk, ACCEPT, { id });
    }, submitted.length);
    if (process.env.BENCH_CPU_PROF) console.log(`round ${r + 1}: accept ran from ${acceptFrom} to ${Date.now() - serverStarted} ms after the server started (cpuprofile-summary --from/--to)`);
    /** A bare UPDATE of the rows the bare INSERT made, one row per statement, each row once. */
    const bareUpdate = (sql: string, params: unknown[] = []) => {
      let k = 0;
      return closedLoop(CLIENTS, DURATION, async () => {
        const id = inserted[k++];
        if (!id) throw new Error('ran out of inserted rows');
        await pool.query(sql, [id, ...params]);
      }, inserted.length);
    };
    const update = await bareUpdate(
      `UPDATE application SET status = 'ACCEPTED', accepted_at = now(), accepted_on = current_date, due_date = current_date + 10,
              receipt_number = 'SL' || number, version = version + 1 WHERE id = $1 AND status = 'SUBMITTED'`,
    );
    // Forward: applications lodged at the station beforehand (not timed), then 转报 to the township window.
    const lodged: string[] = [];
    await closedLoop(CLIENTS, 600, async () => void lodged.push((await gql(port, agent, SUBMIT, { i: agentInput() })).submitApplication.id), FORWARD_PREPARE);
    let f = 0;
    const forward = await closedLoop(CLIENTS, DURATION, async () => {
      const id = lodged[f++];
      if (!id) throw new Error('ran out of lodged applications');
      await gql(port, agent, FORWARD, { id });
    }, lodged.length);
    // The bare stage move: the application row's current stage set to the next one (with the centre's path, as
    // the server writes it, so that the rows stay what the dashboards' "where applications wait" expects).
    const stageUpdate = await bareUpdate(
      `UPDATE application SET stage_index = 1, stage_kind = 'ACCEPT', stage_center_id = jurisdiction_id, stage_center_path = $2,
              stage_arrived_on = current_date, stage_due_on = current_date + 7, received_on = current_date, version = version + 1 WHERE id = $1`,
      [templatePath],
    );
    return {
      round: r + 1, submit, accept, forward, baselineInsert: insert, baselineUpdate: update, baselineStageUpdate: stageUpdate,
      submitRatio: submit.perSecond / insert.perSecond, acceptRatio: accept.perSecond / update.perSecond, forwardRatio: forward.perSecond / stageUpdate.perSecond,
    };
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const mid = (key: 'submitRatio' | 'acceptRatio' | 'forwardRatio') => rounds.find((x) => x[key] === median(rounds.map((y) => y[key])))!;
  const result = {
    at: new Date().toISOString(), clients: CLIENTS, seconds: DURATION, rounds, database: db.kind, applications: db.applications,
    loadAverage: { before: load, after: os.loadavg() },
    submitRatio: mid('submitRatio').submitRatio, acceptRatio: mid('acceptRatio').acceptRatio, forwardRatio: mid('forwardRatio').forwardRatio,
  };
  const s = mid('submitRatio');
  const a = mid('acceptRatio');
  const w = mid('forwardRatio');
  console.log(`\nThe median round of ${ROUNDS} for each (its figures):`);
  console.log(`submitApplication   ${fmt(s.submit)}   (round ${s.round})`);
  console.log(`  bare INSERT       ${fmt(s.baselineInsert)}`);
  console.log(`  ratio             ${result.submitRatio.toFixed(3)}× of the bare insert`);
  console.log(`acceptApplication   ${fmt(a.accept)}   (round ${a.round})`);
  console.log(`  bare UPDATE       ${fmt(a.baselineUpdate)}`);
  console.log(`  ratio             ${result.acceptRatio.toFixed(3)}× of the bare update`);
  console.log(`forwardApplication  ${fmt(w.forward)}   (round ${w.round})`);
  console.log(`  bare stage UPDATE ${fmt(w.baselineStageUpdate)}`);
  console.log(`  ratio             ${result.forwardRatio.toFixed(3)}× of the bare stage update`);
  console.log(`load average        ${result.loadAverage.before.map((x) => x.toFixed(2)).join(' ')} before, ${result.loadAverage.after.map((x) => x.toFixed(2)).join(' ')} after`);
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(path.join(DATA_DIR, 'bench-applications.json'), JSON.stringify(result, null, 2));
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
