/**
 * `npm run bench:applications`: sustained submitApplication and acceptApplication through the real server over
 * HTTP with 20 concurrent clients, against the bare database work measured in the same run: 20 connections
 * running the single INSERT (for submit) or UPDATE (for accept) of an application row through `pg`.
 *
 * The server runs as its own process without the background worker (WORKER=false) so that only request work is
 * measured. Results are printed and written to .data/bench-applications.json. Env: BENCH_DURATION (s, default 10),
 * BENCH_CLIENTS (20), DATABASE_URL (else an embedded PostgreSQL).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Pool } from 'pg';
import { createDataSource, migrate } from '../db/data-source';
import { JINAN_CODE, seedDemo } from '../db/seeds/demo';
import { DATA_DIR, SERVER_MAIN, benchDatabase, cleanup, closedLoop, freePort, startChild, waitReady, type LoadResult } from './harness';

const DURATION = Number(process.env.BENCH_DURATION || 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS || 20);

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

async function upload(port: number, token: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(`%PDF-1.4\n% bench ${randomUUID()}\n%%EOF\n`)]), 'bench.pdf');
  const res = await fetch(`http://127.0.0.1:${port}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'x-requested-with': 'bench' }, body: form });
  return ((await res.json()) as { id: string }).id;
}

const fmt = (r: LoadResult) => `${r.perSecond.toFixed(0).padStart(6)} /s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   (${r.operations} ok, ${r.errors} errors)`;

async function main(): Promise<void> {
  const db = await benchDatabase('weimin_bench_apps');
  const ds = createDataSource(db.url, 2);
  await ds.initialize();
  await migrate(ds);
  await seedDemo(ds);
  await ds.destroy();

  const port = await freePort();
  const server = startChild('server', SERVER_MAIN, {
    DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', DEMO_DATA: 'false', WORKER: 'false',
    LOG_LEVEL: 'warn', REQUEST_LOGGING: 'false', NODE_ENV: 'production', LOGIN_MAX_FAILURES_PER_IP: '100000',
  });
  await waitReady('server', server, port);

  const login = async (l: string) => (await gql(port, null, `mutation($l: String!) { login(login: $l, password: "weimin-demo") { token } }`, { l })).login.token as string;
  const citizen = await login('citizen');
  const clerk = await login('town.clerk');
  const pool = new Pool({ connectionString: db.url, max: CLIENTS });
  const [town] = (await pool.query(`SELECT id FROM jurisdiction WHERE parent_id = (SELECT id FROM jurisdiction WHERE code = $1) ORDER BY code LIMIT 1`, [JINAN_CODE])).rows;
  const items = await gql(port, null, `query($at: ID!) { serviceItems(filter: { availableAt: $at }, first: 100) { nodes { id handlingKind onlineCapable exemption { office } materials { name necessity } } } }`, { at: String(town.id) });
  const item = items.serviceItems.nodes.find((n: any) => n.handlingKind === 'PROMISED' && n.onlineCapable && !n.exemption);
  const materials = await Promise.all(item.materials.filter((m: any) => m.necessity === 'REQUIRED').map(async (m: any) => ({ requirement: m.name, fileIds: [await upload(port, citizen)] })));
  const SUBMIT = `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id number status } }`;
  const ACCEPT = `mutation($id: ID!) { acceptApplication(id: $id) { id status receipt { dueDate } } }`;
  const submitInput = () => ({ serviceItemId: item.id, jurisdictionId: String(town.id), materials, idempotencyKey: randomUUID() });

  console.log(`\nItem "${item.id}" at jurisdiction ${town.id}; ${CLIENTS} clients, ${DURATION} s per phase\n`);
  await closedLoop(CLIENTS, 2, async () => void (await gql(port, citizen, SUBMIT, { i: submitInput() }))); // warm-up

  const submitted: string[] = [];
  const submit = await closedLoop(CLIENTS, DURATION, async () => {
    submitted.push((await gql(port, citizen, SUBMIT, { i: submitInput() })).submitApplication.id);
  });
  let next = 0;
  const accept = await closedLoop(CLIENTS, DURATION, async () => {
    const id = submitted[next++];
    if (!id) throw new Error('ran out of submitted applications');
    await gql(port, clerk, ACCEPT, { id });
  }, submitted.length);

  // Baseline: the bare statements, same table, same connections count.
  const template = (await pool.query(`SELECT * FROM application WHERE id = $1`, [submitted[0]])).rows[0];
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
  let k = 0;
  const update = await closedLoop(CLIENTS, DURATION, async () => {
    const id = inserted[k++];
    if (!id) throw new Error('ran out of inserted rows');
    await pool.query(
      `UPDATE application SET status = 'ACCEPTED', accepted_at = now(), accepted_on = current_date, due_date = current_date + 10,
              receipt_number = 'SL' || number, version = version + 1 WHERE id = $1 AND status = 'SUBMITTED'`,
      [id],
    );
  }, inserted.length);
  await pool.end();

  const result = {
    at: new Date().toISOString(), clients: CLIENTS, seconds: DURATION, database: db.kind,
    submit, accept, baselineInsert: insert, baselineUpdate: update,
    submitRatio: submit.perSecond / insert.perSecond, acceptRatio: accept.perSecond / update.perSecond,
  };
  console.log(`submitApplication   ${fmt(submit)}`);
  console.log(`  bare INSERT       ${fmt(insert)}`);
  console.log(`  ratio             ${result.submitRatio.toFixed(3)}× of the bare insert`);
  console.log(`acceptApplication   ${fmt(accept)}`);
  console.log(`  bare UPDATE       ${fmt(update)}`);
  console.log(`  ratio             ${result.acceptRatio.toFixed(3)}× of the bare update`);
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(path.join(DATA_DIR, 'bench-applications.json'), JSON.stringify(result, null, 2));
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
