/**
 * The year of demo history (seeds/demo-history.ts), as a supervisor, a clerk, an agent and the public first meet
 * it: a server of its own starts on a fresh database in demo mode with the history (the shared test server leaves
 * it out, DEMO_HISTORY=false, so other suites keep quiet queues), and everything it shows is held against the raw
 * rows — and the raw rows against the lifecycle rules of packages/domain.
 */
import 'reflect-metadata';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { Client } from 'pg';
import { WorkCalendar, addCalendarDays, chinaDate, stageDueOn, StageKind, TimeLimitUnit, textOf } from '@weimin/domain';
import { referenceFigures, type ReferenceRow } from '../src/modules/dashboard/dashboard.reference';
import { byLevelAndKind, referenceStageFigures, referenceStagesWaiting } from '../src/modules/dashboard/stage-figures.reference';
import { DEMO_PASSWORD, LUAN, JINAN } from './helpers';

const MAIN = path.resolve(__dirname, '..', 'dist', 'main.js');
const dbName = `weimin_history_${Date.now()}`;
let admin: Client;
let db: Client;
let server: ChildProcess;
let base = '';
let startMs = 0;
const cal = new WorkCalendar();
const today = chinaDate(new Date());
const from = addCalendarDays(today, -365);

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await res.json()) as { data?: any; errors?: unknown[] };
  if (json.errors?.length) throw new Error(JSON.stringify(json.errors));
  return json.data;
}
const login = async (l: string) => (await gql(`mutation($l: String!, $p: String!) { login(login: $l, password: $p) { token } }`, { l, p: DEMO_PASSWORD })).login.token as string;

beforeAll(async () => {
  const url = new URL(process.env.TEST_DATABASE_URL_RUN as string);
  url.pathname = '/postgres';
  admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  url.pathname = `/${dbName}`;
  const port = 20000 + Math.floor(Math.random() * 20000);
  const log = fs.openSync(path.resolve(__dirname, '..', '..', '..', '.test-data', 'history-server.log'), 'w');
  const t0 = Date.now();
  server = spawn(process.execPath, [MAIN], {
    env: { ...process.env, DATABASE_URL: url.toString(), DEMO_DATA: 'true', DEMO_HISTORY: 'true', WORKER: 'false', PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'test', WEB_DIST: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', log, log],
  });
  base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (server.exitCode != null) throw new Error(`the server exited (${server.exitCode}); see .test-data/history-server.log`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - t0 > 400_000) throw new Error('the server with the demo history did not start within 400 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  startMs = Date.now() - t0;
  db = new Client({ connectionString: url.toString() });
  await db.connect();
}, 420_000);

afterAll(async () => {
  await db?.end();
  if (server && server.exitCode == null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGINT');
    await exited;
  }
  await admin?.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin?.end();
});

// The machine may be shared: generous time for the queries over the whole year.
jest.setTimeout(300_000);

describe('the demo history', () => {
  it('is a year of applications across every level and stage, labelled as demo data', async () => {
    console.log(`server with the demo history ready after ${startMs} ms`);
    const [c] = (await db.query(
      `SELECT count(*)::int AS n, min(rollup_day(submitted_at))::text AS first, max(rollup_day(submitted_at))::text AS last,
              count(*) FILTER (WHERE form_data->>'demo' = 'true' AND u.login = 'demo.history' AND u.disabled)::int AS labelled,
              count(*) FILTER (WHERE v.content->'chain' IS NOT NULL)::int AS on_chains,
              count(*) FILTER (WHERE a.stage_kind IS NOT NULL)::int AS open
         FROM application a JOIN app_user u ON u.id = a.submitted_by JOIN service_item_version v ON v.id = a.item_version_id`,
    )).rows;
    expect(c.n).toBe(20_000);
    expect(c.labelled).toBe(c.n);
    expect(c.first >= from && c.last <= today).toBe(true);
    expect(c.on_chains / c.n).toBeGreaterThan(0.4);
    expect(c.open).toBeGreaterThan(200);
    const levels = (await db.query(`SELECT j.level, count(*)::int AS n FROM application a JOIN jurisdiction j ON j.id = a.jurisdiction_id GROUP BY 1`)).rows;
    expect(levels.map((r) => r.level).sort()).toEqual(['COUNTY', 'TOWNSHIP', 'VILLAGE']);
    const statuses = (await db.query(`SELECT DISTINCT status FROM application`)).rows.map((r) => r.status).sort();
    expect(statuses).toEqual(['ACCEPTED', 'COMPLETED', 'DEFICIENT', 'DELIVERED', 'LAPSED', 'REJECTED', 'SUBMITTED', 'WITHDRAWN']);
    const [k] = (await db.query(
      `SELECT (SELECT count(*) FROM application_event)::int AS events, (SELECT count(*) FROM deficiency_notice)::int AS notices,
              (SELECT count(*) FROM deficiency_notice WHERE is_repeat)::int AS repeats, (SELECT count(*) FROM public_notice_objection)::int AS objections,
              (SELECT count(*) FROM application WHERE extension IS NOT NULL)::int AS extensions, (SELECT count(*) FROM evaluation)::int AS evaluations,
              (SELECT count(*) FROM rectification)::int AS rectifications, (SELECT count(*) FROM application_stage WHERE outcome = 'RETURNED')::int AS returns`,
    )).rows;
    for (const [name, n] of Object.entries(k)) expect({ name, some: (n as number) > 20 }).toEqual({ name, some: true });
  });

  it('writes its history lines as keys of the text catalogue, so that a reader in English reads them in English', async () => {
    const lines = (await db.query(
      `SELECT DISTINCT ON (action, note_key) action, note, note_key, note_params FROM application_event
        WHERE action IN ('SUBMIT', 'NOTIFY_DEFICIENCY', 'OBJECT', 'RESOLVE_OBJECTION', 'EXTEND', 'COMPLETE', 'DEEMED_ACCEPT', 'END_PUBLIC_NOTICE') AND note IS NOT NULL`,
    )).rows;
    expect(lines.length).toBeGreaterThan(8);
    for (const l of lines) {
      expect({ action: l.action, keyed: !!l.note_key }).toEqual({ action: l.action, keyed: true });
      // the Chinese words kept beside the key are the key's own
      expect(textOf(l.note_key, l.note_params)).toBe(l.note);
      expect(textOf(l.note_key, l.note_params, 'en')).not.toBe(l.note);
    }
    // a stage returned after an upheld objection: its note is the catalogue's too
    const stages = (await db.query(
      `SELECT DISTINCT ON (note_key) note, note_key, note_params FROM application_stage WHERE outcome = 'RETURNED' AND kind = 'PUBLIC_NOTICE'`,
    )).rows;
    expect(stages.map((s) => s.note_key)).toEqual(['application.history.objectionUpheld']);
    for (const s of stages) {
      expect(textOf(s.note_key, s.note_params)).toBe(s.note);
      expect(textOf(s.note_key, s.note_params, 'en')).toMatch(/^Objection upheld: /);
    }
  });

  it('keeps the lifecycle rules: stage chains without gaps, due dates on the calendar, statuses as the events say, every reference valid', async () => {
    // Every stage arrives when the one before it was done, on a working day; its due date is the domain's.
    const stages = (await db.query(
      `SELECT application_id, kind, limit_days, unit, to_char(arrived_on, 'YYYY-MM-DD') AS arrived, to_char(due_on, 'YYYY-MM-DD') AS due,
              to_char(done_on, 'YYYY-MM-DD') AS done, extended_days, done_at IS NULL AS open,
              to_char(lag(done_on) OVER (PARTITION BY application_id ORDER BY id), 'YYYY-MM-DD') AS previous_done,
              row_number() OVER (PARTITION BY application_id ORDER BY id) AS nth
         FROM application_stage`,
    )).rows;
    const problems: string[] = [];
    for (const s of stages) {
      let due = stageDueOn(cal, { kind: s.kind as StageKind, limit: s.limit_days, unit: s.unit as TimeLimitUnit }, s.arrived);
      if (s.extended_days) due = cal.addWorkingDays(due, s.extended_days);
      if (due !== s.due) problems.push(`${s.application_id} ${s.kind}: due ${s.due}, calendar ${due}`);
      if (!cal.isWorkingDay(s.arrived)) problems.push(`${s.application_id} ${s.kind}: arrived on ${s.arrived}, a day off`);
      if (s.nth > 1 && s.previous_done !== s.arrived) problems.push(`${s.application_id} ${s.kind}: arrived ${s.arrived}, previous done ${s.previous_done}`);
      if (s.done && s.done < s.arrived) problems.push(`${s.application_id} ${s.kind}: done before it arrived`);
    }
    expect(problems.slice(0, 10)).toEqual([]);

    // The application's due date is the promised limit from acceptance, plus the extension.
    const accepted = (await db.query(
      `SELECT a.id, to_char(a.accepted_on, 'YYYY-MM-DD') AS accepted, to_char(a.due_date, 'YYYY-MM-DD') AS due, (a.extension->>'workingDays')::int AS ext,
              (v.content->>'promisedLimit')::int AS lim, v.content->>'promisedUnit' AS unit, v.content->>'handlingKind' = 'INSTANT' AS instant
         FROM application a JOIN service_item_version v ON v.id = a.item_version_id WHERE a.accepted_on IS NOT NULL`,
    )).rows;
    for (const a of accepted) {
      let due = cal.dueDate({ acceptedOn: a.accepted, limit: a.instant ? 0 : a.lim, unit: a.unit }).dueDate;
      if (a.ext) due = cal.addWorkingDays(due, a.ext);
      if (due !== a.due) problems.push(`${a.id}: due ${a.due}, calendar ${due}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);

    const [x] = (await db.query(
      `SELECT
         -- the current stage on the application row is its one open stage row (none once it left the chain)
         (SELECT count(*) FROM application a LEFT JOIN application_stage s ON s.application_id = a.id AND s.done_at IS NULL
           LEFT JOIN jurisdiction j ON j.id = s.center_id
           WHERE (s.id IS NULL) <> (a.stage_kind IS NULL)
              OR (s.id IS NOT NULL AND (a.stage_index, a.stage_kind, a.stage_center_id, a.stage_center_path, a.stage_arrived_on, a.stage_due_on)
                                       IS DISTINCT FROM (s.stage_index, s.kind, s.center_id, j.path, s.arrived_on, s.due_on)))::int AS stage_mismatch,
         (SELECT count(*) FROM (SELECT application_id FROM application_stage WHERE done_at IS NULL GROUP BY 1 HAVING count(*) > 1) t)::int AS two_open,
         (SELECT count(*) FROM application WHERE (status IN ('DELIVERED', 'REJECTED', 'WITHDRAWN', 'LAPSED')) <> (stage_kind IS NULL))::int AS open_mismatch,
         -- the status is where the last event led, and each event starts where the one before ended
         (SELECT count(*) FROM application a JOIN LATERAL (SELECT to_status FROM application_event e WHERE e.application_id = a.id ORDER BY e.id DESC LIMIT 1) e ON true
           WHERE e.to_status <> a.status)::int AS status_mismatch,
         (SELECT count(*) FROM (SELECT from_status, lag(to_status) OVER (PARTITION BY application_id ORDER BY id) AS before, action FROM application_event) e
           WHERE e.action <> 'SUBMIT' AND e.from_status IS DISTINCT FROM e.before)::int AS event_gaps,
         (SELECT count(*) FROM application a WHERE NOT EXISTS (SELECT 1 FROM application_event e WHERE e.application_id = a.id AND e.action = 'SUBMIT'))::int AS no_submit,
         -- references (the bulk load skips the per-row checks of these two tables)
         (SELECT count(*) FROM application_stage s WHERE NOT EXISTS (SELECT 1 FROM application a WHERE a.id = s.application_id)
             OR NOT EXISTS (SELECT 1 FROM jurisdiction j WHERE j.id = s.center_id))::int AS stage_refs,
         (SELECT count(*) FROM application_event e WHERE NOT EXISTS (SELECT 1 FROM application a WHERE a.id = e.application_id))::int AS event_refs,
         -- a stage is worked at a centre on the applicant's line
         (SELECT count(*) FROM application_stage s JOIN application a ON a.id = s.application_id JOIN jurisdiction p ON p.id = a.jurisdiction_id
           JOIN jurisdiction c ON c.id = s.center_id WHERE p.path NOT LIKE c.path || '%' OR c.level <> s.level)::int AS off_line,
         -- nothing is left for the background jobs of the last working day (deemed acceptance, lapse, end of a notice)
         (SELECT count(*) FROM application WHERE status = 'DEFICIENT' AND supplement_deadline < $1::date)::int AS to_lapse,
         (SELECT count(*) FROM application a WHERE a.stage_kind = 'PUBLIC_NOTICE' AND a.stage_due_on < $1::date
             AND NOT EXISTS (SELECT 1 FROM public_notice_objection o JOIN application_stage s ON s.id = o.stage_id WHERE o.application_id = a.id AND s.done_at IS NULL))::int AS to_end,
         (SELECT count(*) FROM application a WHERE a.status = 'SUBMITTED' AND a.stage_kind = 'ACCEPT' AND a.received_on < $2::date)::int AS to_deem`,
      [lastWorkingDay(), deemedBefore()],
    )).rows;
    expect(x).toEqual({
      stage_mismatch: 0, two_open: 0, open_mismatch: 0, status_mismatch: 0, event_gaps: 0, no_submit: 0, stage_refs: 0, event_refs: 0, off_line: 0,
      to_lapse: 0, to_end: 0, to_deem: 0,
    });
  });

  it("shows the supervisor's first dashboard with the figures of the raw rows, per level and stage too", async () => {
    const supervisor = await login('supervisor');
    const [city] = (await db.query(`SELECT id, path, depth FROM jurisdiction WHERE code = $1`, [LUAN])).rows;
    const FIG = `received accepted rejected completed completedOnTime medianHandlingDays p90HandlingDays overdueOpen warningOpen deficient repeatNotices evaluations satisfied badReviews rectifiedInTime`;
    const STAGE = `level kind arrivals done doneOnTime onTimeRate medianDwellDays p90DwellDays returns objections extensions precheckMisses`;
    const p = (await gql(
      `query($id: ID!, $f: Date!, $t: Date!) { performance(jurisdictionId: $id, from: $f, to: $t) { ${FIG} children { jurisdiction { id } ${FIG} }
         stageFigures { ${STAGE} } stagesWaiting { level kind open overdue } } }`,
      { id: String(city.id), f: from, t: today },
      supervisor,
    )).performance;
    const [{ w }] = (await db.query(`SELECT coalesce((SELECT value::text::int FROM policy_setting WHERE key = 'warningWorkingDays' ORDER BY city_id NULLS LAST LIMIT 1), 2) AS w`)).rows;
    const ref = await referenceFigures(db, city, from, today, today, cal.addWorkingDays(today, w));
    const pick = (r: Partial<ReferenceRow> | undefined) => Object.fromEntries(FIG.split(' ').map((k) => [k, (r as any)?.[k] ?? (k.endsWith('HandlingDays') ? null : 0)]));
    expect(pick(p)).toEqual(pick(ref.total));
    for (const c of p.children) expect({ id: c.jurisdiction.id, ...pick(c) }).toEqual({ id: c.jurisdiction.id, ...pick(ref.children.get(Number(c.jurisdiction.id))) });
    expect(p.received).toBeGreaterThan(15_000);
    expect(p.completed).toBeGreaterThan(10_000);

    expect(byLevelAndKind(p.stageFigures)).toEqual(await referenceStageFigures(db, city.path, from, today));
    expect(byLevelAndKind(p.stagesWaiting)).toEqual(await referenceStagesWaiting(db, city.path, today));
    const at = (level: string) => new Set(p.stageFigures.filter((s: any) => s.level === level).map((s: any) => s.kind));
    expect([...at('VILLAGE')]).toEqual(expect.arrayContaining(['COLLECT', 'ACCEPT', 'PUBLIC_NOTICE', 'DELIVER']));
    expect([...at('TOWNSHIP')]).toEqual(expect.arrayContaining(['ACCEPT', 'REVIEW', 'DECIDE', 'DELIVER']));
    expect([...at('COUNTY')]).toEqual(expect.arrayContaining(['ACCEPT', 'REVIEW', 'DECIDE']));
    const sum = (f: string) => p.stageFigures.reduce((n: number, s: any) => n + s[f], 0);
    for (const f of ['returns', 'objections', 'extensions', 'precheckMisses']) expect({ f, some: sum(f) > 0 }).toEqual({ f, some: true });
    expect(p.stagesWaiting.reduce((n: number, s: any) => n + s.overdue, 0)).toBeGreaterThan(0);
  });

  it('drills down from every stage figure to the applications behind it, page by page, and exports them', async () => {
    const supervisor = await login('supervisor');
    const [county] = (await db.query(`SELECT id, path FROM jurisdiction WHERE code = $1`, [JINAN])).rows;
    const ROW = `applicationId number itemName stageName centerId centerName arrivedOn dueOn doneOn outcome late`;
    const drill = async (level: string, kind: string, mode: string, first: number, after: string | null = null) =>
      (await gql(
        `query($id: ID!, $f: Date!, $t: Date!, $l: JurisdictionLevel!, $k: StageKind!, $m: StageDrillMode!, $n: Int, $a: String) {
           performance(jurisdictionId: $id, from: $f, to: $t) {
             stageApplications(level: $l, kind: $k, mode: $m, first: $n, after: $a) { nodes { ${ROW} } totalCount totalCountCapped pageInfo { hasNextPage endCursor } } } }`,
        { id: String(county.id), f: from, t: today, l: level, k: kind, m: mode, n: first, a: after },
        supervisor,
      )).performance.stageApplications;
    const p = (await gql(
      `query($id: ID!, $f: Date!, $t: Date!) { performance(jurisdictionId: $id, from: $f, to: $t) {
         stageFigures { level kind arrivals } stagesWaiting { level kind open overdue } } }`,
      { id: String(county.id), f: from, t: today },
      supervisor,
    )).performance;
    expect(p.stageFigures.length).toBeGreaterThan(5);
    // Every figure's count is its drill-down's count.
    for (const f of p.stageFigures) {
      const d = await drill(f.level, f.kind, 'ARRIVED', 5);
      expect({ level: f.level, kind: f.kind, n: d.totalCount, capped: d.totalCountCapped }).toEqual({ level: f.level, kind: f.kind, n: Math.min(f.arrivals, 10_000), capped: f.arrivals > 10_000 });
    }
    for (const w of p.stagesWaiting) {
      const open = await drill(w.level, w.kind, 'WAITING', 5);
      const overdue = await drill(w.level, w.kind, 'OVERDUE', 100);
      expect({ level: w.level, kind: w.kind, open: open.totalCount, overdue: overdue.totalCount }).toEqual({ level: w.level, kind: w.kind, open: w.open, overdue: w.overdue });
      expect(overdue.nodes.every((r: any) => r.late && r.dueOn < today)).toBe(true);
    }
    // One figure read to the end in pages of 40: exactly the raw rows, in arrival order, none twice.
    const f = p.stageFigures.filter((x: any) => x.arrivals > 100).sort((a: any, b: any) => a.arrivals - b.arrivals)[0];
    const seen: any[] = [];
    let after: string | null = null;
    for (;;) {
      const d = await drill(f.level, f.kind, 'ARRIVED', 40, after);
      seen.push(...d.nodes);
      if (!d.pageInfo.hasNextPage) break;
      after = d.pageInfo.endCursor;
    }
    const raw = (await db.query(
      `SELECT a.number, to_char(s.arrived_on, 'YYYY-MM-DD') AS arrived_on FROM application_stage s JOIN jurisdiction j ON j.id = s.center_id
         JOIN application a ON a.id = s.application_id
        WHERE s.level = $1 AND s.kind = $2 AND s.arrived_on BETWEEN $3 AND $4 AND j.path LIKE $5 ORDER BY s.arrived_on, s.id`,
      [f.level, f.kind, from, today, `${county.path}%`],
    )).rows;
    expect(seen.map((r) => [r.number, r.arrivedOn])).toEqual(raw.map((r) => [r.number, r.arrived_on]));
    expect(seen.every((r) => r.itemName && r.stageName && r.centerName)).toBe(true);
    // A cursor of another list is refused, naming the argument.
    const bad = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${supervisor}` },
      body: JSON.stringify({
        query: `query($id: ID!, $f: Date!, $t: Date!) { performance(jurisdictionId: $id, from: $f, to: $t) { stageApplications(level: VILLAGE, kind: COLLECT, after: "bm90IGEgY3Vyc29y") { totalCount } } }`,
        variables: { id: String(county.id), f: from, t: today },
      }),
    }).then((r) => r.json() as Promise<any>);
    expect(bad.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });

    // The export: the figures, the waiting, and the rows of one figure as the list gives them.
    const ExcelJS = (await import('exceljs')).default;
    const url = `${base}/api/dashboard/stages.xlsx?jurisdictionId=${county.id}&from=${from}&to=${today}&level=${f.level}&kind=${f.kind}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${supervisor}` } });
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('四级联动环节统计_金安区');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const sheet = (name: string) => {
      const ws = wb.getWorksheet(name);
      if (!ws) throw new Error(`no sheet ${name}`);
      const out: unknown[][] = [];
      ws.eachRow((row, i) => {
        if (i > 1) out.push((row.values as unknown[]).slice(1));
      });
      return out;
    };
    expect(sheet('环节统计').map((r) => r[2])).toEqual(p.stageFigures.map((x: any) => x.arrivals));
    expect(sheet('当前等待').map((r) => [r[2], r[3]])).toEqual(p.stagesWaiting.map((x: any) => [x.open, x.overdue]));
    expect(sheet('明细').map((r) => [r[0], r[4]])).toEqual(raw.map((r) => [r.number, r.arrived_on]));
    const wrong = await fetch(`${url.replace(`level=${f.level}`, 'level=PLANET')}`, { headers: { authorization: `Bearer ${supervisor}` } });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: 'BAD_USER_INPUT', field: 'level', messageKey: 'input.notAllowed' });
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
  });

  it("fills the township clerk's stage queue, the agent's register and a village's public-notice board (masked)", async () => {
    const town = await login('town.clerk');
    const q = (await gql(`{ stageQueue(first: 100) { totalCount nodes { number applicant { name } currentStage { kind dueOn overdue } } } }`, {}, town)).stageQueue;
    expect(q.totalCount).toBeGreaterThan(3);
    const dues = q.nodes.map((n: any) => n.currentStage.dueOn);
    expect(dues).toEqual([...dues].sort());
    expect(q.nodes.every((n: any) => !n.applicant.name.includes('*'))).toBe(true);

    const agent = await login('village.agent');
    const register = (await gql(`{ stationRegister(first: 100) { totalCount nodes { number status } } }`, {}, agent)).stationRegister;
    expect(register.totalCount).toBeGreaterThan(20);

    const [village] = (await db.query(
      `SELECT a.stage_center_id AS id, count(*)::int AS n FROM application a JOIN jurisdiction j ON j.id = a.stage_center_id
        WHERE a.stage_kind = 'PUBLIC_NOTICE' AND j.level = 'VILLAGE' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
    )).rows;
    const board = (await gql(`query($j: ID!) { publicNotices(jurisdictionId: $j) { applicationId serviceItemName applicantName from to objections } }`, { j: String(village.id) })).publicNotices;
    expect(board).toHaveLength(village.n);
    const people = (await db.query(`SELECT id, applicant_name, applicant_id_number FROM application WHERE id = ANY($1::uuid[])`, [board.map((b: any) => b.applicationId)])).rows;
    for (const person of people) {
      const entry = board.find((b: any) => b.applicationId === person.id);
      expect(entry.applicantName).toBe(person.applicant_name[0] + '*'.repeat(person.applicant_name.length - 1));
      expect(JSON.stringify(board)).not.toContain(person.applicant_id_number);
    }
  });
});

/** The last working day up to today (the background jobs' view when today is a day off). */
function lastWorkingDay(): string {
  let d = today;
  while (!cal.isWorkingDay(d)) d = addCalendarDays(d, -1);
  return d;
}

/** Received before this day and still not accepted = the 5-working-day period has passed (Art. 32). */
function deemedBefore(): string {
  // received on r is deemed once r + 5 working days < today, i.e. r < the day 5 working days before the last working day
  let d = lastWorkingDay();
  for (let i = 0; i < 5; i++) {
    d = addCalendarDays(d, -1);
    while (!cal.isWorkingDay(d)) d = addCalendarDays(d, -1);
  }
  return d;
}
