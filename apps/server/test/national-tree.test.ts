/**
 * Everything that walks the tree, on a tree of its own database shaped like the national one: two provinces as
 * roots, a city without counties (东莞) holding its townships directly beside a city with counties (广州). The
 * services run on that database directly; the shared Lu'an test data is not touched.
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { Role, JurisdictionLevel } from '@weimin/domain';
import { ImportError, importJurisdictions } from '../src/db/seeds/jurisdictions';
import { createServices, type Services } from '../src/services';
import { loadConfig } from '../src/config';
import { subtreePaths } from '../src/common/scope';
import type { RequestContext, Viewer } from '../src/common/context';
import { ServiceItemEdition } from '../src/modules/catalogue/service-item.types';
import { referenceFigures } from '../src/modules/dashboard/dashboard.reference';
import { treeDatabase, type TreeDatabase, type TreeRow } from './support/tree-database';

let ds: DataSource;
let db: TreeDatabase;
let services: Services;
let ids: Map<string, number>;
let paths: Map<string, string>;

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

function viewer(role: Role, code: string): Viewer {
  return { id: '00000000-0000-0000-0000-000000000001', login: 'x', name: 'x', grants: [{ role, jurisdictionId: ids.get(code) as number, path: paths.get(code) as string }] };
}
let userId = '00000000-0000-0000-0000-000000000001';
function ctx(v: Viewer | null): RequestContext {
  return { viewer: v ? { ...v, id: userId } : null, services, ip: '127.0.0.1', requestId: 'national-tree' } as unknown as RequestContext;
}

beforeAll(async () => {
  db = await treeDatabase('weimin_national', TREE);
  ds = db.ds;
  ids = db.ids;
  paths = db.paths;
  services = createServices(ds, loadConfig());
  // Directories: 东莞's own (it acts as the county of its townships) and 荔湾区's.
  await ds.query(
    `WITH item AS (
       INSERT INTO service_item (owner_id, code, status, content)
       SELECT x.owner, x.code, 'PUBLISHED', '{}' FROM (VALUES ($1::int, 'DG-T'), ($2::int, 'LW-T'), ($1::int, 'DG-V')) AS x(owner, code)
       RETURNING id, owner_id, code)
     INSERT INTO service_item_version (item_id, version_no, owner_id, code, name, type, category, handling_level, content)
     SELECT id, 1, owner_id, code, code, 'PUBLIC_SERVICE', '社会保险', CASE WHEN code LIKE '%-V' THEN 'VILLAGE' ELSE 'TOWNSHIP' END, '{}' FROM item`,
    [ids.get('441900000000'), ids.get('440103000000')],
  );
  await ds.query(`UPDATE service_item i SET published_version_id = v.id FROM service_item_version v WHERE v.item_id = i.id`);
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

describe('a variable-depth tree with several roots', () => {
  it('refuses to move a known node or change its level, each problem a key with its values in both languages', async () => {
    const err = await importJurisdictions(ds, [
      { code: '441900003000', name: '东城街道', level: 'TOWNSHIP' as never, parentCode: '440100000000' },
      { code: '441900000000', name: '东莞市', level: 'COUNTY' as never, parentCode: '440000000000' },
    ]).then(() => null, (e: unknown) => e as ImportError);
    expect(err).toBeInstanceOf(ImportError);
    expect(err!.issues.map((i) => i.key)).toEqual(['jurisdictionImport.moved', 'jurisdictionImport.levelChanged']);
    expect(err!.issues[0].params).toEqual({ line: 2, code: '441900003000', parent: '441900000000' });
    expect(err!.text('en').split('\n').slice(1)).toEqual([
      'line 2: 441900003000 is already in the tree under 441900000000; moving a node is not supported',
      'line 3: 441900000000 is already in the tree as CITY',
    ]);
    expect(err!.text('zh-CN').split('\n').slice(1)).toEqual([
      '第 2 行：441900003000 已在区划树中，上级为 441900000000；不支持移动节点',
      '第 3 行：441900000000 已在区划树中，层级为市（CITY）',
    ]);
  });

  it('finds the city above any node, whatever the depth, and none above a province', async () => {
    const j = services.jurisdictions;
    expect((await j.cityAbove(await j.get(ids.get('441900003001') as number)))?.code).toBe('441900000000');
    expect((await j.cityAbove(await j.get(ids.get('440103001001') as number)))?.code).toBe('440100000000');
    expect((await j.cityAbove(await j.get(ids.get('441900000000') as number)))?.code).toBe('441900000000');
    expect(await j.cityAbove(await j.get(ids.get('440000000000') as number))).toBeNull();
  });

  it('offers the township of a city without counties the items of the city directory, and not those of another county', async () => {
    const available = async (code: string) =>
      (await services.catalogue.list(ctx(null), { availableAt: String(ids.get(code)) } as never, { edition: ServiceItemEdition.PUBLISHED, withCount: true })).nodes
        .map((n) => (n as unknown as { code: string }).code)
        .sort();
    expect(await available('441900003000')).toEqual(['DG-T']);
    expect(await available('441900003001')).toEqual(['DG-V']);
    expect(await available('440103001000')).toEqual(['LW-T']);
    expect(await available('460400100000')).toEqual([]);
  });

  it('keeps scope by subtree: a province supervisor sees 东莞\'s townships, a 广州 supervisor does not', async () => {
    const target = String(ids.get('441900003000'));
    const dongcheng = [paths.get('441900003000')];
    await expect(subtreePaths(ds, viewer(Role.SUPERVISOR, '440000000000'), [Role.SUPERVISOR], target, 'no')).resolves.toEqual(dongcheng);
    await expect(subtreePaths(ds, viewer(Role.SUPERVISOR, '441900000000'), [Role.SUPERVISOR], target, 'no')).resolves.toEqual(dongcheng);
    await expect(subtreePaths(ds, viewer(Role.SUPERVISOR, '440100000000'), [Role.SUPERVISOR], target, 'no')).rejects.toThrow(/outside your scope/);
  });

  it('drills down from a province to its cities and from 东莞 straight to its townships', async () => {
    const sup = ctx(viewer(Role.SUPERVISOR, '440000000000'));
    const province = await services.dashboard.target(sup, ids.get('440000000000') as number);
    const dongguan = await services.dashboard.target(sup, ids.get('441900000000') as number);
    const [cities, townships] = await services.dashboard.children([province, dongguan], '2026-01-01', '2026-12-31', new Date());
    expect(cities.map((c) => c.jurisdiction.name)).toEqual(['广州市', '东莞市']);
    expect(townships.map((c) => c.jurisdiction.name)).toEqual(['东城街道', '南城街道']);
    await expect(services.dashboard.target(ctx(viewer(Role.SUPERVISOR, '460000000000')), ids.get('441900000000') as number)).rejects.toThrow();
  });

  it('counts coverage of every level under a province; a city without counties has no county level to count', async () => {
    const sup = ctx(viewer(Role.SUPERVISOR, '440000000000'));
    const byLevel = (c: Awaited<ReturnType<Services['dashboard']['coverage']>>) => Object.fromEntries(c.levels.map((l) => [l.level, l.total]));
    expect(byLevel(await services.dashboard.coverage(sup, ids.get('440000000000') as number))).toEqual({ PROVINCE: 1, CITY: 2, COUNTY: 1, TOWNSHIP: 3, VILLAGE: 2 });
    expect(byLevel(await services.dashboard.coverage(sup, ids.get('441900000000') as number))).toEqual({ CITY: 1, COUNTY: 0, TOWNSHIP: 2, VILLAGE: 1 });
    // Targets: the deployment's latest version applies under every city, whatever the node's depth.
    const target = async (code: string) =>
      (await services.dashboard.coverage(sup, ids.get(code) as number)).levels.find((l) => l.level === 'TOWNSHIP')?.standardizedTarget;
    expect(await target('441900003000')).toBe(0.9);
    expect(await target('441900000000')).toBe(0.9);
    expect(await target('440103000000')).toBe(0.9);
  });

  it('public statistics take the requested area, and refuse to guess one root of several', async () => {
    await expect(services.dashboard.publicStatistics(null)).rejects.toThrow(/jurisdictionId: is required: the tree has 2 roots/);
    const province = await services.dashboard.publicStatistics(null, ids.get('440000000000') as number);
    expect(province.total.jurisdiction.name).toBe('广东省');
    expect(province.rows.map((r) => r.jurisdiction.name)).toEqual(['广州市', '东莞市']);
    const dongguan = await services.dashboard.publicStatistics(null, ids.get('441900000000') as number);
    expect(dongguan.rows.map((r) => r.jurisdiction.name)).toEqual(['东城街道', '南城街道']);
  });

  it('lets 东莞 assess its townships as their county', async () => {
    const c = ctx(viewer(Role.SUPERVISOR, '441900000000'));
    await expect(services.assessments.list(c, String(ids.get('441900000000')))).resolves.toBeDefined();
    await expect(services.assessments.list(c, String(ids.get('441900003000')))).rejects.toThrow(/is not a county/);
  });

  it('gives the shared calendar to whoever covers the whole tree (no province alone when there are two); policy is per city', async () => {
    const cal = services.calendar;
    expect(await cal.coversWholeTree(viewer(Role.SYSTEM_ADMIN, '440000000000'), [Role.SYSTEM_ADMIN])).toBe(false);
    const both: Viewer = { ...viewer(Role.SYSTEM_ADMIN, '440000000000'), grants: [...viewer(Role.SYSTEM_ADMIN, '440000000000').grants, ...viewer(Role.SYSTEM_ADMIN, '460000000000').grants] };
    expect(await cal.coversWholeTree(both, [Role.SYSTEM_ADMIN])).toBe(true);
    // A province's administrator keeps the policy of its cities, one at a time, and no other province's (city-policy.test.ts).
    await expect(services.policy.update(ctx(viewer(Role.SYSTEM_ADMIN, '440000000000')), { warningWorkingDays: 3 })).rejects.toMatchObject({ messageKey: 'policy.cityRequired' });
    await expect(services.policy.update(ctx(viewer(Role.SYSTEM_ADMIN, '440000000000')), { warningWorkingDays: 3 }, ids.get('460400000000'))).rejects.toThrow(/system administrator/);
  });

  it('searches names by characters and codes by prefix, both through an index', async () => {
    const names = async (search: string) => (await services.jurisdictions.list({ search })).nodes.map((n) => n.name);
    expect(await names('东街')).toEqual([]); // both characters, but not side by side
    expect(await names('东城')).toEqual(['东城街道', '东城社区']);
    expect(await names('城')).toEqual(['东城街道', '东城社区', '南城街道']);
    expect(await names('街道')).toEqual(['沙面街道', '东城街道', '南城街道']);
    expect(await names('4419')).toEqual(['东莞市', '东城街道', '东城社区', '南城街道']);
    expect(await names('441900003')).toEqual(['东城街道', '东城社区']);
    await expect(services.jurisdictions.list({ search: 'x'.repeat(51) })).rejects.toThrow(/search: must be at most 50/);
    // The plans the national tree gets (with seq scans ruled out, as 665,240 rows rule them out there).
    const plan = async (sql: string, params: unknown[]) =>
      ds.transaction(async (m) => {
        await m.query(`SET LOCAL enable_seqscan = off`);
        return (await m.query(`EXPLAIN ${sql}`, params)).map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      });
    expect(await plan(`SELECT count(*) FROM jurisdiction WHERE jurisdiction_name_grams(name) @> $1::text[] AND name LIKE $2`, [['东城'], '%东城%'])).toMatch(
      /Bitmap Index Scan on jurisdiction_name_grams_idx/,
    );
    expect(await plan(`SELECT id FROM jurisdiction WHERE code >= $1 AND code <= $2 ORDER BY code LIMIT 21`, ['441900000000', '441999999999'])).toMatch(
      /Index Scan using jurisdiction_code_key/,
    );
  });

  it('rolls a completion at a township of 东莞 up to the city and the province; a calendar change is marked at once', async () => {
    [{ id: userId }] = await ds.query(`INSERT INTO app_user (login, name, password_hash) VALUES ('nt-citizen', '测试', 'x') RETURNING id`);
    const [item] = await ds.query(`SELECT i.id, i.published_version_id AS version FROM service_item i WHERE code = 'DG-T'`);
    // Accepted Monday 2 March 2026, completed Friday 13 March: 9 working days.
    await ds.query(
      `INSERT INTO application (number, lookup_code, status, service_item_id, item_version_id, jurisdiction_id, applicant_name, applicant_id_number,
                                submitted_by, idempotency_key, submitted_at, received_on, accepted_at, accepted_on, receipt_number, due_date,
                                completed_at, decision)
       VALUES ('NT1', '123456', 'COMPLETED', $1, $2, $3, '王小明', '441900198001010011', $4, 'nt1', '2026-03-02T09:00:00+08:00', '2026-03-02',
               '2026-03-02T10:00:00+08:00', '2026-03-02', 'SLNT1', '2026-03-30', '2026-03-13T15:00:00+08:00', '{"result":"APPROVED"}')`,
      [item.id, item.version, ids.get('441900003000'), userId],
    );
    await services.rollups.rebuildAll();
    const sup = ctx(viewer(Role.SUPERVISOR, '440000000000'));
    const march = async (code: string) => services.dashboard.performance(sup, ids.get(code) as number, '2026-03-01', '2026-03-31');
    for (const code of ['441900003000', '441900000000', '440000000000']) {
      expect(await march(code)).toMatchObject({ completed: 1, medianHandlingDays: 9 });
    }
    expect(await march('440100000000')).toMatchObject({ completed: 0 });

    const admin = ctx(viewer(Role.SYSTEM_ADMIN, '440000000000'));
    await services.calendar.setDay(admin, '2026-03-10', false, '测试假日');
    // Marked in the calendar's own transaction: nothing has refreshed here (no worker on this database).
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM rollup_dirty WHERE jurisdiction_id = $1 AND day = '2026-03-13'`, [ids.get('441900003000')]);
    expect(n).toBe(1);
    await services.rollups.refresh();
    const province = await march('440000000000');
    expect(province).toMatchObject({ completed: 1, medianHandlingDays: 8 });
    const node = await services.jurisdictions.get(ids.get('440000000000') as number);
    const ref = await referenceFigures(ds, node, '2026-03-01', '2026-03-31', '2026-03-31', '2026-03-31');
    expect(ref.total).toMatchObject({ completed: 1, medianHandlingDays: 8 });
  });

  it('pages rectifications and notifications by keyset, each list through the index of its scope and order', async () => {
    // Five bad ratings at two townships of 东莞 (rows cloned from the completion above), rectifications with deadlines.
    await ds.query(
      `WITH apps AS (
         INSERT INTO application (number, lookup_code, status, service_item_id, item_version_id, jurisdiction_id, applicant_name, applicant_id_number,
                                  submitted_by, idempotency_key, submitted_at, received_on, accepted_at, accepted_on, due_date, completed_at, decision)
         SELECT 'NT-R' || g, lookup_code, status, service_item_id, item_version_id, CASE WHEN g % 2 = 0 THEN $1::int ELSE $2::int END,
                applicant_name, applicant_id_number, submitted_by, 'nt-r' || g, submitted_at, received_on, accepted_at, accepted_on, due_date, completed_at, decision
           FROM application, generate_series(1, 5) AS g WHERE number = 'NT1'
         RETURNING id, jurisdiction_id, service_item_id, number),
       ev AS (
         INSERT INTO evaluation (application_id, jurisdiction_id, service_item_id, grade, overall, efficiency, guide_accuracy, convenience, ease_of_use, created_at, evaluated_on)
         SELECT id, jurisdiction_id, service_item_id, 1, 1, 1, 1, 1, 1, '2026-03-14T10:00:00+08:00', '2026-03-14' FROM apps
         RETURNING id, application_id, jurisdiction_id)
       INSERT INTO rectification (evaluation_id, application_id, jurisdiction_id, status, deadline)
       SELECT ev.id, ev.application_id, ev.jurisdiction_id, CASE WHEN a.number = 'NT-R3' THEN 'CLOSED' ELSE 'OPEN' END,
              DATE '2026-03-20' + (right(a.number, 1)::int % 3)
         FROM ev JOIN apps a ON a.id = ev.application_id`,
      [ids.get('441900003000'), ids.get('441900004000')],
    );
    const sup = ctx(viewer(Role.SUPERVISOR, '440000000000'));
    const expected: string[] = (
      await ds.query(`SELECT id FROM rectification ORDER BY (status = 'CLOSED'), deadline, created_at, id`)
    ).map((r: { id: string }) => r.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const c = await services.rectifications.list(sup, {}, 2, after);
      expect(c.totalCount).toBe(5);
      seen.push(...c.nodes.map((n) => n.id));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    const nancheng = await services.rectifications.list(ctx(viewer(Role.CLERK, '441900000000')), { jurisdictionId: String(ids.get('441900004000')) }, 10);
    expect(nancheng.totalCount).toBe(3);
    await expect(services.rectifications.list(ctx(viewer(Role.CLERK, '440100000000')), { jurisdictionId: String(ids.get('441900004000')) }, 10)).rejects.toThrow(/outside your scope/);
    await expect(services.rectifications.list(sup, {}, 2, 'bm90IGEgY3Vyc29y')).rejects.toThrow(/after: is not a cursor/);

    for (let i = 0; i < 5; i++) {
      await ds.query(`INSERT INTO notification (user_id, kind, title, body, created_at) VALUES ($1, 'TEST', $2, '正文', $3)`, [userId, `通知${i}`, `2026-03-0${i + 1}T08:00:00Z`]);
    }
    const first = await services.notifications.mine(userId, 2);
    const second = await services.notifications.mine(userId, 2, first[1].id);
    const third = await services.notifications.mine(userId, 2, second[1].id);
    expect([...first, ...second, ...third].map((n) => n.title)).toEqual(['通知4', '通知3', '通知2', '通知1', '通知0']);

    // The plans: an index scan in the list's order, no sort, whatever the depth of the viewer; seq scans ruled
    // out as the size of a real table rules them out.
    const plan = async (st: { sql: string; params: unknown[] }) =>
      ds.transaction(async (m) => {
        await m.query(`SET LOCAL enable_seqscan = off`);
        await m.query(`SET LOCAL enable_bitmapscan = off`);
        return (await m.query(`EXPLAIN ${st.sql}`, st.params)).map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      });
    const provincePlan = await plan(await services.rectifications.listStatement(sup, {}, 20, after));
    expect(provincePlan).toMatch(/Index Scan using rectification_scope_d0_idx/);
    expect(provincePlan).not.toMatch(/Sort|Seq Scan/);
    const townshipPlan = await plan(await services.rectifications.listStatement(sup, { jurisdictionId: String(ids.get('441900004000')) }, 20));
    expect(townshipPlan).toMatch(/Index Scan using rectification_scope_d2_idx/);
    expect(townshipPlan).not.toMatch(/Sort|Seq Scan/);
    const notificationPlan = await plan(services.notifications.mineStatement(userId, 20, first[1].id));
    expect(notificationPlan).toMatch(/Index Scan using notification_user_idx/);
    expect(notificationPlan).not.toMatch(/Sort|Seq Scan/);
  });
});
