/**
 * Application lists on a tree of their own database shaped like the national one (a province root, a city with
 * counties, a city without counties, a second province): the scope carried on the row, keyset pages in the
 * lists' orders, capped counts, and the plans (one index range per list, no sort, no seq scan).
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { JurisdictionLevel, Role } from '@weimin/domain';
import type { RequestContext, Viewer } from '../src/common/context';
import { createDataSource } from '../src/db/data-source';
import { queryGeneric } from '../src/db/planned';
import { loadConfig } from '../src/config';
import { mineStatement, queueCountStatement } from '../src/modules/application/application.lists';
import { createServices, type Services } from '../src/services';
import { treeDatabase, type TreeDatabase, type TreeRow } from './support/tree-database';

let ds: DataSource;
let db: TreeDatabase;
let services: Services;
let ids: Map<string, number>;
let paths: Map<string, string>;
let userId: string;
let villagerId: string;
let itemId: string;
let versionId: string;

const TREE: TreeRow[] = [
  ['440000000000', '广东省', JurisdictionLevel.PROVINCE, null],
  ['440100000000', '广州市', JurisdictionLevel.CITY, '440000000000'],
  ['440103000000', '荔湾区', JurisdictionLevel.COUNTY, '440100000000'],
  ['440103001000', '沙面街道', JurisdictionLevel.TOWNSHIP, '440103000000'],
  ['440103001001', '沙面社区', JurisdictionLevel.VILLAGE, '440103001000'],
  ['441900000000', '东莞市', JurisdictionLevel.CITY, '440000000000'],
  ['441900003000', '东城街道', JurisdictionLevel.TOWNSHIP, '441900000000'],
  ['441900003001', '东城社区', JurisdictionLevel.VILLAGE, '441900003000'],
  ['441900004000', '南城街道', JurisdictionLevel.TOWNSHIP, '441900000000'],
  ['460000000000', '海南省', JurisdictionLevel.PROVINCE, null],
  ['460400000000', '儋州市', JurisdictionLevel.CITY, '460000000000'],
  ['460400100000', '那大镇', JurisdictionLevel.TOWNSHIP, '460400000000'],
];

function viewer(role: Role, code: string, id = userId): Viewer {
  return { id, login: 'x', name: 'x', grants: [{ role, jurisdictionId: ids.get(code) as number, path: paths.get(code) as string }] };
}
function ctx(v: Viewer): RequestContext {
  return { viewer: v, services, ip: '127.0.0.1', requestId: 'lists' } as unknown as RequestContext;
}

/** Every page of a list, following endCursor. */
async function walk(page: (after: string | null) => Promise<{ nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 100; i++) {
    const c = await page(after);
    seen.push(...c.nodes.map((n) => n.id));
    if (!c.pageInfo.hasNextPage) return seen;
    after = c.pageInfo.endCursor;
  }
  throw new Error('more than 100 pages');
}

/**
 * A scan of the index on these leading columns: applications are partitioned by month, so a list's index is one
 * per partition (named after its columns, e.g. application_p202612_scope_d0_status_…_idx), merged in order.
 */
const indexScan = (columns: string) => new RegExp(`Index (Only )?Scan using application_\\w*${columns}`);

/** A sort node (the merge of the parts only names its key) or a seq scan. */
const NO_SORT_NO_SEQ = /Sort {2}\(|Seq Scan/;

/** The plan of a statement as a real table's size shapes it (seq and bitmap scans ruled out). */
async function plan(st: { sql: string; params: unknown[] }): Promise<string> {
  return ds.transaction(async (m) => {
    await m.query(`SET LOCAL enable_seqscan = off`);
    await m.query(`SET LOCAL enable_bitmapscan = off`);
    return (await m.query(`EXPLAIN ${st.sql}`, st.params)).map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
  });
}

/** Inserts applications at a place, as the services and seeds do (the scope is never written by hand). */
async function lodge(code: string, n: number, fields: { status?: string; due?: string | null; at?: string; applicant?: string | null; by?: string } = {}): Promise<string[]> {
  const rows: Array<{ id: string }> = await ds.query(
    `INSERT INTO application (number, lookup_code, status, service_item_id, item_version_id, jurisdiction_id, applicant_user_id, applicant_name,
                              applicant_id_number, submitted_by, idempotency_key, submitted_at, received_on, due_date)
     SELECT 'L' || gen_random_uuid(), '123456', $1, $2, $3, $4, $5, '王小明', '441900198001010011', $6, gen_random_uuid()::text,
            $7::timestamptz + g * interval '1 minute', '2026-03-02', $8::date
       FROM generate_series(1, $9::int) AS g RETURNING id`,
    [fields.status ?? 'ACCEPTED', itemId, versionId, ids.get(code), fields.applicant ?? null, fields.by ?? userId, fields.at ?? '2026-03-02T09:00:00+08:00', fields.due ?? null, n],
  );
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  db = await treeDatabase('weimin_lists_test', TREE);
  ds = db.ds;
  ids = db.ids;
  paths = db.paths;
  [{ id: userId }] = await ds.query(`INSERT INTO app_user (login, name, password_hash) VALUES ('lists-citizen', '测试', 'x') RETURNING id`);
  [{ id: villagerId }] = await ds.query(`INSERT INTO app_user (login, name, password_hash) VALUES ('lists-villager', '村民', 'x') RETURNING id`);
  services = createServices(ds, loadConfig());
  [{ id: itemId }] = await ds.query(`INSERT INTO service_item (owner_id, code, status, content) VALUES ($1, 'DG-T', 'PUBLISHED', '{}') RETURNING id`, [ids.get('441900000000')]);
  [{ id: versionId }] = await ds.query(
    `INSERT INTO service_item_version (item_id, version_no, owner_id, code, name, type, category, handling_level, content)
     VALUES ($1, 1, $2, 'DG-T', '社保卡申领', 'PUBLIC_SERVICE', '社会保险', 'TOWNSHIP', '{}') RETURNING id`,
    [itemId, ids.get('441900000000')],
  );
});

afterAll(async () => {
  await db?.drop();
});

describe('application lists', () => {
  it('pages the work queue by keyset in its order at any depth, with its filters, through one index range per status', async () => {
    await lodge('441900003000', 5, { status: 'ACCEPTED', due: '2026-03-20' });
    await lodge('441900003001', 4, { status: 'SUBMITTED', due: null, at: '2026-03-03T09:00:00+08:00' });
    await lodge('441900004000', 3, { status: 'DELIVERED', due: '2026-03-10' });
    await lodge('441900004000', 3, { status: 'DELIVERED', due: '2026-03-10', at: '2026-03-02T09:00:00+08:00' }); // same times: the id decides
    await lodge('440103001001', 2, { status: 'ACCEPTED', due: '2026-03-05' });
    await lodge('460400100000', 2, { status: 'ACCEPTED', due: '2026-03-05' });
    const expected = async (code: string, where = 'true', params: unknown[] = []) =>
      (
        await ds.query(
          `SELECT a.id FROM application a JOIN jurisdiction j ON j.id = a.jurisdiction_id WHERE j.path LIKE $1 AND ${where}
            ORDER BY a.due_date NULLS LAST, a.submitted_at, a.id`,
          [`${paths.get(code)}%`, ...params],
        )
      ).map((r: { id: string }) => r.id);
    const queue = (v: Viewer, filter = {}) => walk((after) => services.applicationQueries.list(ctx(v), filter, 3, after));

    const province = viewer(Role.SUPERVISOR, '440000000000');
    expect(await queue(province)).toEqual(await expected('440000000000'));
    const dongguan = viewer(Role.CLERK, '441900000000');
    expect(await queue(dongguan)).toEqual(await expected('441900000000'));
    expect(await queue(dongguan, { status: ['SUBMITTED', 'DELIVERED'] })).toEqual(await expected('441900000000', `a.status IN ('SUBMITTED', 'DELIVERED')`));
    expect(await queue(dongguan, { overdue: true })).toEqual(await expected('441900000000', `a.status = 'ACCEPTED' AND a.due_date < $2`, [services.calendar.today()]));
    expect(await queue(province, { jurisdictionId: String(ids.get('441900004000')), from: '2026-03-02', to: '2026-03-02' })).toHaveLength(6);
    expect(await queue(dongguan, { from: '2026-03-03' })).toEqual(await expected('441900000000', `a.submitted_at >= '2026-03-03T00:00:00+08:00'`));
    expect(await queue(viewer(Role.CLERK, '441900003001'))).toHaveLength(4); // a village: the deepest scope of its branch
    // Two grants, one inside the other: each row once.
    const both: Viewer = { ...dongguan, grants: [...dongguan.grants, ...viewer(Role.CLERK, '441900003000').grants] };
    expect(await queue(both)).toEqual(await expected('441900000000'));

    const first = await services.applicationQueries.list(ctx(dongguan), {}, 3);
    expect(first).toMatchObject({ totalCount: 15, totalCountCapped: false });
    await expect(services.applicationQueries.list(ctx(dongguan), {}, 3, 'bm90IGEgY3Vyc29y')).rejects.toThrow(/after: is not a cursor/);
    const forged = Buffer.from(JSON.stringify(['2026-03-01', 'not a time', first.nodes[0].id])).toString('base64url');
    await expect(services.applicationQueries.list(ctx(dongguan), {}, 3, forged)).rejects.toThrow(/after: is not a cursor/);
    await expect(services.applicationQueries.list(ctx(dongguan), { serviceItemId: 'x' }, 3)).rejects.toThrow(/filter.serviceItemId/);

    await ds.query(`ANALYZE application`);
    // The plans: every part is a range of the scope index of the viewer's depth, in the queue's order; no sort.
    for (const [v, index, filter] of [
      [province, 'scope_d0_status', {}],
      [dongguan, 'scope_d1_status', { status: ['DELIVERED'] }],
      [dongguan, 'scope_d1_status', { overdue: true }],
      [viewer(Role.CLERK, '441900003000'), 'scope_d2_status', { from: '2026-03-01', to: '2026-03-31' }],
    ] as const) {
      const st = await services.applicationQueries.listStatements(ctx(v), filter, 20, first.pageInfo.endCursor);
      for (const sql of [await plan(st.page), await plan(st.count)]) {
        expect(sql).toMatch(indexScan(index));
        expect(sql).not.toMatch(NO_SORT_NO_SEQ);
      }
    }
  });

  it('counts up to 10,000 and says so beyond', async () => {
    await lodge('460400100000', 10_001, { status: 'DELIVERED', due: '2026-03-10' });
    const danzhou = ctx(viewer(Role.SUPERVISOR, '460400000000'));
    expect(await services.applicationQueries.list(danzhou, {}, 1)).toMatchObject({ totalCount: 10_000, totalCountCapped: true });
    expect(await services.applicationQueries.list(danzhou, { status: ['ACCEPTED'] }, 1)).toMatchObject({ totalCount: 2, totalCountCapped: false });
    // A day range counts by a range per status from the index alone (it includes the due date), never from the rows.
    expect(await services.applicationQueries.list(danzhou, { from: '2026-03-02', to: '2026-03-31' }, 1)).toMatchObject({ totalCount: 10_000, totalCountCapped: true });
    await ds.query(`VACUUM ANALYZE application`);
    const scopes = [{ depth: Number((paths.get('460400000000') as string).split('.').filter(Boolean).length) - 1, id: ids.get('460400000000') as number }];
    const count = await plan(queueCountStatement(scopes, { statuses: ['ACCEPTED', 'DELIVERED'], from: '2026-03-02', to: '2026-03-31' }, true));
    expect(count).toMatch(/Index Only Scan using application_\w*scope_d\d_status/);
    expect(count).not.toMatch(/ Index Scan using application_\w*scope_d\d_status|Seq Scan/);
  });

  it('lists what one applied for and what one lodged for others, newest first, by keyset on the two indexes', async () => {
    await lodge('441900003001', 3, { status: 'SUBMITTED', applicant: villagerId, at: '2026-04-01T09:00:00+08:00' }); // lodged by the agent
    await lodge('441900003001', 2, { applicant: villagerId, by: villagerId }); // their own
    const expected = async (id: string) =>
      (await ds.query(`SELECT id FROM application WHERE applicant_user_id = $1 OR submitted_by = $1 ORDER BY submitted_at DESC, id DESC`, [id])).map((r: { id: string }) => r.id);
    const mine = (id: string) => walk((after) => services.applicationQueries.mine(ctx(viewer(Role.CITIZEN, '441900003001', id)), 2, after));
    expect(await mine(villagerId)).toEqual(await expected(villagerId));
    expect(await mine(villagerId)).toHaveLength(5);
    const agent = await services.applicationQueries.mine(ctx(viewer(Role.AGENT, '441900003001')), 5);
    expect(agent).toMatchObject({ totalCount: 10_000, totalCountCapped: true });
    expect(agent.nodes.map((n) => n.id)).toEqual((await expected(userId)).slice(0, 5));
    for (const sql of [await plan(mineStatement(userId, 20, Buffer.from(agent.pageInfo.endCursor as string, 'base64url').toString()))]) {
      expect(sql).toMatch(indexScan('applicant_user_id_submitted_at'));
      expect(sql).toMatch(indexScan('submitted_by_submitted_at'));
      expect(sql).not.toMatch(NO_SORT_NO_SEQ);
    }
  });

  it('publishes the decided results of a subtree newest first from the index of its depth', async () => {
    await ds.query(
      `UPDATE application SET completed_at = submitted_at + interval '1 day', decision = '{"result": "APPROVED"}' WHERE status = 'DELIVERED' AND jurisdiction_id = $1`,
      [ids.get('441900004000')],
    );
    const page = await services.dashboard.publishedResults(ids.get('441900000000') as number, 4);
    expect(page.nodes).toHaveLength(4);
    expect(page.nodes[0]).toMatchObject({ serviceItemName: '社保卡申领', result: 'APPROVED', applicantName: '王**' });
    const sql = await plan({
      sql: `SELECT a.id FROM application a WHERE a.completed_at IS NOT NULL AND a.decision IS NOT NULL AND a.scope_d1 = $1::int ORDER BY a.completed_at DESC, a.id DESC LIMIT 21`,
      params: [ids.get('441900000000')],
    });
    expect(sql).toMatch(indexScan('scope_d1_completed_at'));
    expect(sql).not.toMatch(NO_SORT_NO_SEQ);
  });

  it('plans a list once per connection: a page and its count reuse one generic plan over the month partitions', async () => {
    // One connection, so that its prepared statements can be read back (pg_prepared_statements is per session).
    const one = createDataSource(db.url, 1);
    await one.initialize();
    try {
      const alone = createServices(one, loadConfig());
      const dongguan = { ...ctx(viewer(Role.CLERK, '441900000000')), services: alone } as RequestContext;
      const province = viewer(Role.SUPERVISOR, '440000000000');
      for (let i = 0; i < 8; i++) {
        await alone.applicationQueries.list(dongguan, { status: ['ACCEPTED', 'DELIVERED'] }, 20);
        await alone.applicationQueries.mine({ ...ctx(province), services: alone } as RequestContext, 20);
        await alone.dashboard.publishedResults(ids.get('441900000000') as number, 20);
      }
      const read = `SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE name LIKE 'w\\_%' AND statement NOT LIKE '%pg_prepared_statements%'`;
      type Prepared = { statement: string; generic_plans: string; custom_plans: string };
      const shape = (p: Prepared) => ({ statement: p.statement.slice(0, 60), generic: Number(p.generic_plans), custom: Number(p.custom_plans) });
      // The queue's page and count and myApplications' page and count: one generic plan each from the first run
      // (the generic pool, db/planned.ts), eight runs each.
      const generic: Prepared[] = await queryGeneric(one, read, []);
      expect(generic.map(shape)).toEqual(generic.map((p) => ({ statement: p.statement.slice(0, 60), generic: 8, custom: 0 })));
      expect(generic).toHaveLength(4);
      // The published results, on the main pool: planned for its values at most five times and then kept.
      const main: Prepared[] = await one.query(read);
      expect(main).toHaveLength(1);
      expect(main.map((p) => ({ generic: Number(p.generic_plans) >= 3, custom: Number(p.custom_plans) <= 5 }))).toEqual([{ generic: true, custom: true }]);
    } finally {
      await one.destroy();
    }
  });

  it('reads an application for a write with one generic plan that keeps its one month partition when it runs', async () => {
    // A pool of one connection, so that the generic pool's prepared statements can be read back on it.
    const one = createDataSource(db.url, 1);
    await one.initialize();
    try {
      const alone = createServices(one, loadConfig());
      const [id] = await lodge('441900003001', 1);
      for (let i = 0; i < 8; i++) expect((await alone.applications.rowForWrite(one.manager, id, false))?.id).toBe(id);
      const prepared: Array<{ name: string; generic_plans: string; custom_plans: string }> = await queryGeneric(one,
        `SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%FROM application a%JOIN jurisdiction j%' AND statement NOT LIKE '%pg_prepared_statements%'`, []);
      // Planned for its value each time, this statement would cost more to plan than to run (one partition of many).
      expect(prepared.map((p) => ({ generic: Number(p.generic_plans), custom: Number(p.custom_plans) }))).toEqual([{ generic: 8, custom: 0 }]);
      const explained: Array<{ 'QUERY PLAN': string }> = await queryGeneric(one, `EXPLAIN (COSTS OFF) EXECUTE ${prepared[0].name}('${id}')`, []);
      const text = explained.map((r) => r['QUERY PLAN']).join('\n');
      expect(text).toMatch(/Subplans Removed: [1-9]/);
      expect(text.match(/on application_p\d{6}/g)?.length).toBe(1);
    } finally {
      await one.destroy();
    }
  });

  it('carries the ids of its jurisdiction path per depth, filled on insert and on a move, whatever the depth of the branch', async () => {
    const scope = async (id: string) =>
      (await ds.query(`SELECT scope_d0, scope_d1, scope_d2, scope_d3, scope_d4 FROM application WHERE id = $1`, [id]))[0];
    const idsOf = (code: string) => (paths.get(code) as string).split('.').filter(Boolean).map(Number);
    const expectScope = async (id: string, code: string) => {
      const p = idsOf(code);
      expect(await scope(id)).toEqual({ scope_d0: p[0], scope_d1: p[1] ?? null, scope_d2: p[2] ?? null, scope_d3: p[3] ?? null, scope_d4: p[4] ?? null });
    };
    const [village] = await lodge('440103001001', 1); // province, city, county, township, village: five deep
    await expectScope(village, '440103001001');
    const [dongcheng] = await lodge('441900003001', 1); // a city without counties: the village is at depth 3
    await expectScope(dongcheng, '441900003001');
    await ds.query(`UPDATE application SET jurisdiction_id = $2 WHERE id = $1`, [dongcheng, ids.get('460400100000')]);
    await expectScope(dongcheng, '460400100000');
  });
});
