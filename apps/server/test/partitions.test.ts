/**
 * Applications partitioned by month (docs/scale.md): the migration from the unpartitioned tables keeps every row
 * and reference, the job creates months ahead, a new application and its history land in the month of their
 * id, tracking by number and a retried submit work across months, and a read by id touches one partition.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/config';
import { createDataSource, MIGRATIONS } from '../src/db/data-source';
import { ensureDatabase } from '../src/db/embedded';
import { seedDemo } from '../src/db/seeds/demo';
import { withDatabase } from '../src/db/seeds/large';
import { APPLICATION_SELECT } from '../src/modules/application/application.service';
import { monthStart } from '../src/modules/application/application.partitions';
import { isMissingTable, loadPartitions, rowTables } from '../src/db/month-partitions';
import { createServices } from '../src/services';
import { JINAN, contextFor, gql, jurisdictionId, loginAs, ok, pickItem, submitWithPdfs, unique, withDb } from './helpers';

const month = (day: string) => day.slice(0, 7).replace('-', '');
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}
/** The partitions of `parent` a plan reads (in an executed plan: the ones actually scanned). */
function partitionsRead(plan: PlanNode, parent: string): string[] {
  const out: string[] = [];
  const walk = (n: PlanNode) => {
    const r = n['Relation Name'];
    if (r && (r.startsWith(`${parent}_p`) || r === `${parent}_default`) && (n['Actual Loops'] ?? 1) > 0) out.push(r);
    n.Plans?.forEach(walk);
  };
  walk(plan);
  return out;
}

describe('the migration from unpartitioned applications', () => {
  const url = withDatabase(process.env.TEST_DATABASE_URL_RUN as string, `${process.env.TEST_DATABASE_URL_RUN!.split('/').pop()}_partmig`);
  let ds: DataSource;
  afterAll(async () => {
    await ds?.destroy().catch(() => undefined);
    const c = new Client({ connectionString: withDatabase(url, 'postgres') });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
    await c.end();
  });

  it('keeps every application, event, material, stage and reference, with time-ordered ids in the month of submission', async () => {
    await ensureDatabase(withDatabase(url, 'postgres'), new URL(url).pathname.slice(1));
    ds = createDataSource(url, 2);
    ds.setOptions({ migrations: MIGRATIONS.filter((m) => m.name !== 'ApplicationPartitions1766600000000') });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await seedDemo(ds);
    // Three applications before the change: two in March 2025 (one at 23:30 on the 31st, Beijing time, which is
    // still March there), one in April; with history, materials, stages, an objection, a notice, a suspension,
    // an evaluation with its rectification and notifications.
    await ds.query(`
      WITH u AS (SELECT id FROM app_user WHERE login = 'citizen'),
           it AS (SELECT i.id, i.published_version_id AS v FROM service_item i WHERE i.status = 'PUBLISHED' ORDER BY i.id LIMIT 1),
           j AS (SELECT id FROM jurisdiction WHERE code = '${JINAN}')
      INSERT INTO application (id, number, lookup_code, status, service_item_id, item_version_id, jurisdiction_id, applicant_user_id,
                               applicant_name, applicant_id_number, submitted_by, idempotency_key, submitted_at, received_on)
      SELECT x.id::uuid, x.number, '123456', 'SUBMITTED', it.id, it.v, j.id, u.id, '张三', '110101199003070011', u.id, x.key, x.at::timestamptz, x.at::date
        FROM u, it, j, (VALUES
          ('5b8a2c9e-1f43-4d6a-9c2b-7e1f0a3d4c5b', 'M1', 'k1', '2025-03-10 09:00+08'),
          ('0c7d3e2f-8a91-4b5c-a6d7-e8f9a0b1c2d3', 'M2', 'k2', '2025-03-31 23:30+08'),
          ('f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9', 'M3', 'k3', '2025-04-02 10:00+08')) x(id, number, key, at);
      INSERT INTO application_event (application_id, action, to_status, actor_role)
        SELECT id, 'SUBMIT', 'SUBMITTED', 'APPLICANT' FROM application;
      INSERT INTO stored_file (owner_id, original_name, mime_type, size_bytes, sha256, storage_key)
        SELECT id, 'a.pdf', 'application/pdf', 10, 'x', 'k' FROM app_user WHERE login = 'citizen';
      INSERT INTO application_material (application_id, requirement, file_id, round)
        SELECT a.id, '身份证', f.id, 1 FROM application a, stored_file f;
      INSERT INTO application_stage (application_id, stage_index, kind, name, level, center_id, limit_days, unit, arrived_on, due_on)
        SELECT id, 0, 'PUBLIC_NOTICE', '公示', 'COUNTY', jurisdiction_id, 5, 'WORKING_DAYS', received_on, received_on + 7 FROM application;
      INSERT INTO public_notice_objection (application_id, stage_id, name, phone, reason)
        SELECT application_id, id, '李四', '13800000000', '有异议' FROM application_stage WHERE application_id = '0c7d3e2f-8a91-4b5c-a6d7-e8f9a0b1c2d3';
      INSERT INTO deficiency_notice (application_id, sequence, items, supplement_deadline, is_repeat)
        SELECT id, 1, '[]', received_on + 15, false FROM application WHERE number = 'M1';
      INSERT INTO suspension (application_id, kind, reason, from_date) SELECT id, 'EXPERT_REVIEW', '专家评审', received_on FROM application WHERE number = 'M3';
      INSERT INTO notification (user_id, application_id, kind, title, body) SELECT applicant_user_id, id, 'SUBMIT', '已提交', '…' FROM application;
      INSERT INTO evaluation (application_id, jurisdiction_id, service_item_id, grade, overall, efficiency, guide_accuracy, convenience, ease_of_use, evaluated_on)
        SELECT id, jurisdiction_id, service_item_id, 1, 1, 1, 1, 1, 1, received_on FROM application WHERE number = 'M2';
      INSERT INTO rectification (evaluation_id, application_id, jurisdiction_id, status, deadline)
        SELECT e.id, e.application_id, e.jurisdiction_id, 'OPEN', e.evaluated_on + 7 FROM evaluation e;
    `);
    const before = await ds.query(`SELECT id::text, number, submitted_at FROM application ORDER BY number`);
    await ds.destroy();

    ds = createDataSource(url, 2);
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });

    const after: Array<{ id: string; number: string; part: string; expected: string }> = await ds.query(
      `SELECT a.id::text, a.number, a.tableoid::regclass::text AS part, uuid_v7_keep(a.submitted_at, l.old_id)::text AS expected
         FROM application a JOIN application_legacy_id l ON l.id = a.id ORDER BY a.number`,
    );
    expect(after.map((a) => [a.number, a.part])).toEqual([
      ['M1', 'application_p202503'],
      ['M2', 'application_p202503'],
      ['M3', 'application_p202504'],
    ]);
    after.forEach((a) => expect(a.id).toBe(a.expected));
    // the old id → new id map, the random bits of the old id kept
    const legacy = await ds.query(`SELECT old_id::text FROM application_legacy_id l JOIN application a ON a.id = l.id ORDER BY a.number`);
    expect(legacy.map((r: { old_id: string }) => r.old_id)).toEqual(before.map((r: { id: string }) => r.id));
    after.forEach((a, i) => expect(a.id.slice(19)).toBe(before[i].id.slice(19)));
    expect(after.every((a) => a.id[14] === '7')).toBe(true);

    // Every child row and every reference follows its application, in the same month partition.
    const counts = await ds.query(`
      SELECT (SELECT count(*) FROM application_event e JOIN application a ON a.id = e.application_id
               WHERE e.tableoid::regclass::text = replace(a.tableoid::regclass::text, 'application_', 'application_event_'))::int AS events,
             (SELECT count(*) FROM application_material m JOIN application a ON a.id = m.application_id
               WHERE m.tableoid::regclass::text = replace(a.tableoid::regclass::text, 'application_', 'application_material_'))::int AS materials,
             (SELECT count(*) FROM application_stage s JOIN application a ON a.id = s.application_id
               WHERE s.tableoid::regclass::text = replace(a.tableoid::regclass::text, 'application_', 'application_stage_'))::int AS stages,
             (SELECT count(*) FROM public_notice_objection o JOIN application_stage s ON s.application_id = o.application_id AND s.id = o.stage_id
               JOIN application a ON a.id = o.application_id WHERE a.number = 'M2')::int AS objections,
             (SELECT count(*) FROM deficiency_notice d JOIN application a ON a.id = d.application_id WHERE a.number = 'M1')::int AS notices,
             (SELECT count(*) FROM suspension s JOIN application a ON a.id = s.application_id WHERE a.number = 'M3')::int AS suspensions,
             (SELECT count(*) FROM notification n JOIN application a ON a.id = n.application_id)::int AS notifications,
             (SELECT count(*) FROM rectification r JOIN evaluation e ON e.id = r.evaluation_id AND e.application_id = r.application_id
               JOIN application a ON a.id = e.application_id WHERE a.number = 'M2')::int AS rectifications,
             (SELECT count(*) FROM application_number n JOIN application a ON a.id = n.application_id AND a.number = n.number)::int AS numbers,
             (SELECT count(*) FROM application_idempotency k JOIN application a ON a.id = k.application_id AND a.idempotency_key = k.idempotency_key)::int AS keys,
             (SELECT count(*) FROM application_default)::int AS in_default`);
    expect(counts[0]).toEqual({ events: 3, materials: 3, stages: 3, objections: 1, notices: 1, suspensions: 1, notifications: 3, rectifications: 1, numbers: 3, keys: 3, in_default: 0 });
    // The sequences go on after the copied rows; the constraints hold (a duplicate number is refused).
    const [{ next }] = await ds.query(`SELECT nextval('application_event_id_seq')::int AS next`);
    expect(next).toBe(4);
    await expect(
      ds.query(`INSERT INTO application (number, lookup_code, status, service_item_id, item_version_id, jurisdiction_id, applicant_name, applicant_id_number,
                                         submitted_by, idempotency_key, received_on)
                SELECT 'M1', '1', 'SUBMITTED', service_item_id, item_version_id, jurisdiction_id, 'x', 'x', submitted_by, 'k9', received_on FROM application LIMIT 1`),
    ).rejects.toMatchObject({ constraint: 'application_number_pkey' });
  }, 120_000); // a database of its own: every migration twice and the demo data (≈ 10 s on an idle machine)
});

describe('month partitions in use', () => {
  let ds: DataSource;
  let citizen: string;
  let item: Awaited<ReturnType<typeof pickItem>>;
  let place: string;
  beforeAll(async () => {
    ds = createDataSource(process.env.TEST_DATABASE_URL_RUN as string, 2);
    await ds.initialize();
    citizen = await loginAs('citizen');
    place = await jurisdictionId(JINAN);
    item = await pickItem(place);
  });
  afterAll(() => ds.destroy());

  it('the job creates the months ahead once, and finds nothing in the default partitions', async () => {
    // A clock years ahead: the months from then on are missing, as they would be after a long outage.
    const at = (day: string) => createServices(ds, loadConfig(), { clock: { now: () => new Date(`${day}T04:00:00Z`) } });
    const first = await at('2031-05-20').partitions.ensure();
    expect(first.created).toBe(16); // 2031-05 … 2031-08, four tables each
    expect(first.defaultRows).toEqual({ application: 0, application_event: 0, application_material: 0, application_stage: 0 });
    expect((await at('2031-05-31').partitions.ensure()).created).toBe(0);
    const tables = await ds.query(`SELECT to_regclass('application_stage_p203108')::text AS t, to_regclass('application_p203109')::text AS u`);
    expect(tables[0]).toEqual({ t: 'application_stage_p203108', u: null });
    expect(monthStart('2031-11-30', 3)).toBe('2032-02-01');
  });

  it('a new application, its history, materials and stage land in the partition of this month; tracking by number finds it', async () => {
    const a = await submitWithPdfs(citizen, item, place);
    const parts = await withDb((c) =>
      c.query(
        `SELECT (SELECT tableoid::regclass::text FROM application WHERE id = $1) AS app,
                (SELECT array_agg(DISTINCT tableoid::regclass::text) FROM application_event WHERE application_id = $1) AS events,
                (SELECT array_agg(DISTINCT tableoid::regclass::text) FROM application_material WHERE application_id = $1) AS materials,
                (SELECT array_agg(DISTINCT tableoid::regclass::text) FROM application_stage WHERE application_id = $1) AS stages`,
        [a.id],
      ),
    );
    const m = month(chinaToday());
    expect(parts.rows[0]).toEqual({
      app: `application_p${m}`,
      events: [`application_event_p${m}`],
      materials: [`application_material_p${m}`],
      stages: [`application_stage_p${m}`],
    });
    const { application } = await ok(`query($id: ID!) { application(id: $id) { lookupCode } }`, { id: a.id }, citizen);
    const tracked = await ok(`query($n: String!, $c: String!) { applicationByNumber(number: $n, lookupCode: $c) { number status stages { kind } } }`, {
      n: a.number,
      c: application.lookupCode,
    });
    expect(tracked.applicationByNumber).toMatchObject({ number: a.number, status: 'SUBMITTED' });
    expect(tracked.applicationByNumber.stages.length).toBeGreaterThan(0);
  });

  it('a retried submit returns the same application even when the retry falls in the next month', async () => {
    const key = unique('month-retry');
    const a = await submitWithPdfs(citizen, item, place, { idempotencyKey: key });
    const again = await submitWithPdfs(citizen, item, place, { idempotencyKey: key });
    expect(again.id).toBe(a.id);
    // A second row for the key with an id of next month (another partition, where no per-partition unique could
    // see the first one) is refused: the key is unique across all months.
    const err = await withDb((c) =>
      c
        .query(
          `INSERT INTO application (id, number, lookup_code, status, service_item_id, item_version_id, jurisdiction_id, applicant_name,
                                    applicant_id_number, submitted_by, idempotency_key, received_on)
           SELECT uuid_v7(now() + interval '1 month'), number || 'R', lookup_code, status, service_item_id, item_version_id, jurisdiction_id,
                  applicant_name, applicant_id_number, submitted_by, idempotency_key, received_on FROM application WHERE id = $1`,
          [a.id],
        )
        .then(() => null, (e: { constraint?: string }) => e),
    );
    expect(err).toMatchObject({ constraint: 'application_idempotency_pkey' });
    const r = await gql(`query { myApplications(first: 50) { nodes { id } } }`, {}, citizen);
    expect(r.data.myApplications.nodes.filter((n: { id: string }) => n.id === a.id)).toHaveLength(1);
  });

  it('an action reads and writes its application in the month partitions, and leaves a month detached for archiving alone', async () => {
    const services = createServices(ds, loadConfig());
    const ctx = await contextFor(services, 'jinan.clerk');
    // Two copies of a new application (and its open stage) in a month of 2019, as an old month would hold them.
    await ds.query(`SELECT application_partitions_ensure('2019-01-01', '2019-01-01')`);
    const copy = async () => {
      const a = await submitWithPdfs(citizen, item, place);
      const [{ id }] = await ds.query(
        `INSERT INTO application (id, number, lookup_code, status, service_item_id, item_version_id, jurisdiction_id, applicant_user_id, applicant_name,
                                  applicant_id_number, applicant_phone, submitted_by, idempotency_key, submitted_at, received_on,
                                  stage_index, stage_kind, stage_center_id, stage_center_path, stage_arrived_on, stage_due_on)
         SELECT uuid_v7('2019-01-15 10:00+08'), number || 'A', lookup_code, status, service_item_id, item_version_id, jurisdiction_id, applicant_user_id,
                applicant_name, applicant_id_number, applicant_phone, submitted_by, idempotency_key || '-2019', '2019-01-15 10:00+08', received_on,
                stage_index, stage_kind, stage_center_id, stage_center_path, stage_arrived_on, stage_due_on
           FROM application WHERE id = $1 RETURNING id`,
        [a.id],
      );
      await ds.query(
        `INSERT INTO application_stage (application_id, stage_index, kind, name, level, center_id, limit_days, unit, arrived_on, due_on)
         SELECT $2, stage_index, kind, name, level, center_id, limit_days, unit, arrived_on, due_on FROM application_stage WHERE application_id = $1`,
        [a.id, id],
      );
      return id as string;
    };
    const old = await copy();
    const archived = await copy();
    await loadPartitions(ds);
    expect(rowTables(ds, old)).toMatchObject({ application: '"application_p201901"', application_stage: '"application_stage_p201901"', direct: true });
    expect(rowTables(ds, '00000000-0000-4000-8000-000000000000')).toMatchObject({ application: 'application', direct: false });

    await services.applications.accept(ctx, old);
    const written = await ds.query(
      `SELECT a.status, a.receipt_number IS NOT NULL AS receipt,
              (SELECT array_agg(action ORDER BY id) FROM application_event_p201901 WHERE application_id = $1) AS events,
              (SELECT array_agg(kind || ':' || (done_at IS NOT NULL) ORDER BY id) FROM application_stage_p201901 WHERE application_id = $1) AS stages,
              (SELECT count(*)::int FROM notification WHERE application_id = $1) AS notices
         FROM application a WHERE a.id = $1`,
      [old],
    );
    expect(written[0]).toMatchObject({ status: 'ACCEPTED', receipt: true, events: ['ACCEPT'], notices: 1 });
    expect(written[0].stages[0]).toBe('ACCEPT:true');
    expect(written[0].stages).toHaveLength(2);

    // The month is archived: its tables are detached (the referencing rows first, as docs/scale.md says), not yet
    // dropped. The process still lists them as partitions; an action on an application of that month finds nothing
    // and writes nothing into the detached table.
    await ds.query(`DELETE FROM notification WHERE application_id = ANY($1)`, [[old, archived]]);
    for (const t of ['application_event', 'application_material', 'application_stage']) {
      await ds.query(`ALTER TABLE ${t} DETACH PARTITION ${t}_p201901`);
      // A detached table keeps its foreign keys; the one to the application would hold the application's month.
      for (const { conname } of await ds.query(`SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' AND confrelid = 'application'::regclass`, [`${t}_p201901`])) {
        await ds.query(`ALTER TABLE ${t}_p201901 DROP CONSTRAINT ${conname}`);
      }
    }
    await ds.query(`ALTER TABLE application DETACH PARTITION application_p201901`);
    expect(rowTables(ds, archived).direct).toBe(true);
    await expect(services.applications.accept(ctx, archived)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await ds.query(`SELECT status, version FROM application_p201901 WHERE id = $1`, [archived])).toEqual([{ status: 'SUBMITTED', version: 1 }]);
    expect(await services.applications.rowForWrite(ds.manager, archived, false, rowTables(ds, archived))).toBeNull();

    // Dropped: the statement naming the table fails, the action still answers "not found".
    for (const t of ['application_event', 'application_material', 'application_stage', 'application']) await ds.query(`DROP TABLE ${t}_p201901`);
    const gone = await services.applications.rowForWrite(ds.manager, archived, false, rowTables(ds, archived)).catch((e: unknown) => e);
    expect(isMissingTable(gone)).toBe(true);
    await expect(services.applications.accept(ctx, archived)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads one partition for an application by id and for tracking by number', async () => {
    const a = await submitWithPdfs(citizen, item, place);
    const m = month(chinaToday());
    const byId = await ds.query(`EXPLAIN (FORMAT JSON) ${APPLICATION_SELECT} WHERE a.id = $1`, [a.id]);
    expect(partitionsRead(byId[0]['QUERY PLAN'][0].Plan, 'application')).toEqual([`application_p${m}`]);
    // A prepared statement's generic plan prunes when it starts (the id is a parameter, not a constant).
    const c = new Client({ connectionString: process.env.TEST_DATABASE_URL_RUN });
    await c.connect();
    try {
      await c.query(`SET plan_cache_mode = force_generic_plan`);
      await c.query(`PREPARE by_id(uuid) AS ${APPLICATION_SELECT} WHERE a.id = $1`);
      const generic = (await c.query(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE by_id('${a.id}')`)).rows[0]['QUERY PLAN'][0].Plan;
      expect(partitionsRead(generic, 'application')).toEqual([`application_p${m}`]);
      const byNumber = (
        await c.query(`EXPLAIN (ANALYZE, FORMAT JSON) SELECT a.status FROM application a WHERE a.id = (SELECT application_id FROM application_number WHERE number = $1)`, [a.number])
      ).rows[0]['QUERY PLAN'][0].Plan;
      expect(partitionsRead(byNumber, 'application')).toEqual([`application_p${m}`]);
    } finally {
      await c.end();
    }
  });
});
