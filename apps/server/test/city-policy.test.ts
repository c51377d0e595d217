/**
 * Policy per city on a province tree of its own database: 广东省 above 广州市 (with a county) and 东莞市 (without),
 * 海南省 above 儋州市. Each city keeps its own rectification deadline, warning window, default grade, coverage
 * targets and assessment scheme; a city without a value reads the platform default; a city's administrator keeps
 * only their city, a province's its cities. The shared Lu'an test data is not touched.
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { Role, JurisdictionLevel } from '@weimin/domain';
import { createServices, type Services } from '../src/services';
import { loadConfig } from '../src/config';
import type { RequestContext, Viewer } from '../src/common/context';
import { treeDatabase, type TreeDatabase, type TreeRow } from './support/tree-database';

let ds: DataSource;
let db: TreeDatabase;
let services: Services;
let ids: Map<string, number>;
let paths: Map<string, string>;
const USER = '00000000-0000-0000-0000-0000000000c1';
let item: { id: string; version: string };

const TREE: TreeRow[] = [
  ['440000000000', '广东省', JurisdictionLevel.PROVINCE, null],
  ['440100000000', '广州市', JurisdictionLevel.CITY, '440000000000'],
  ['440103000000', '荔湾区', JurisdictionLevel.COUNTY, '440100000000'],
  ['440103001000', '沙面街道', JurisdictionLevel.TOWNSHIP, '440103000000'],
  ['441900000000', '东莞市', JurisdictionLevel.CITY, '440000000000'],
  ['441900003000', '东城街道', JurisdictionLevel.TOWNSHIP, '441900000000'],
  ['460000000000', '海南省', JurisdictionLevel.PROVINCE, null],
  ['460400000000', '儋州市', JurisdictionLevel.CITY, '460000000000'],
  ['460400100000', '那大镇', JurisdictionLevel.TOWNSHIP, '460400000000'],
];
const GZ = '440100000000';
const DG = '441900000000';
const DZ = '460400000000';
const GD = '440000000000';
const SHAMIAN = '440103001000';
const DONGCHENG = '441900003000';

function viewer(role: Role, ...codes: string[]): Viewer {
  return { id: USER, login: 'x', name: 'x', grants: codes.map((code) => ({ role, jurisdictionId: ids.get(code) as number, path: paths.get(code) as string })) };
}
function ctx(v: Viewer | null): RequestContext {
  return { viewer: v, services, ip: '127.0.0.1', requestId: 'city-policy' } as unknown as RequestContext;
}
const id = (code: string) => ids.get(code) as number;

let seq = 0;
/** An application lodged at a township by the test user, in a given state. */
async function application(code: string, status: string, extra: { dueDate?: string; completedDaysAgo?: number } = {}): Promise<string> {
  seq += 1;
  const [row] = await ds.query(
    `INSERT INTO application (number, lookup_code, status, service_item_id, item_version_id, jurisdiction_id, applicant_name, applicant_id_number,
                              applicant_user_id, submitted_by, idempotency_key, received_on, accepted_on, due_date, completed_at)
     VALUES ($1, 'ABC123', $2, $3, $4, $5, '测试', '110101199001011234', $6, $6, $1, current_date, current_date, $7::date,
             CASE WHEN $8::int IS NULL THEN NULL ELSE now() - make_interval(days => $8::int) END)
     RETURNING id`,
    [`CP${Date.now()}${seq}`, status, item.id, item.version, id(code), USER, extra.dueDate ?? null, extra.completedDaysAgo ?? null],
  );
  return row.id;
}

const BAD = { grade: 2, overall: 2, efficiency: 2, guideAccuracy: 2, convenience: 2, easeOfUse: 2 };

beforeAll(async () => {
  db = await treeDatabase('weimin_city_policy', TREE);
  ds = db.ds;
  ids = db.ids;
  paths = db.paths;
  await ds.query(`INSERT INTO app_user (id, login, name, password_hash) VALUES ($1, 'city-policy', '测试', 'x')`, [USER]);
  const [it] = await ds.query(`INSERT INTO service_item (owner_id, code, status, content) VALUES ($1, 'CP-T', 'PUBLISHED', '{}') RETURNING id`, [id(GZ)]);
  const [v] = await ds.query(
    `INSERT INTO service_item_version (item_id, version_no, owner_id, code, name, type, category, handling_level, content)
     VALUES ($1, 1, $2, 'CP-T', 'CP-T', 'PUBLIC_SERVICE', '社会保险', 'TOWNSHIP', '{}') RETURNING id`,
    [it.id, id(GZ)],
  );
  await ds.query(`UPDATE service_item SET published_version_id = $2 WHERE id = $1`, [it.id, v.id]);
  item = { id: it.id, version: v.id };
  // The platform default (as the migration keeps a deployment's values): 7 days to rectify, a 1-day warning.
  await ds.query(`INSERT INTO policy_setting (key, value) VALUES ('rectificationDeadlineDays', '7'), ('warningWorkingDays', '1')`);
  services = createServices(ds, loadConfig());
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

describe('policy per city', () => {
  it('keeps each city to its own administrator (or its province’s), writing nothing on a refusal', async () => {
    const policy = services.policy;
    const settingRows = async () => Number((await ds.query(`SELECT count(*)::int AS n FROM policy_setting`))[0].n);
    const rows = await settingRows();
    // 东莞's administrator: not 广州's settings, nor 儋州's; the key says why.
    await expect(policy.update(ctx(viewer(Role.SYSTEM_ADMIN, DG)), { rectificationDeadlineDays: 3 }, id(GZ))).rejects.toMatchObject({ code: 'FORBIDDEN', messageKey: 'policy.cityAdminOnly' });
    // A county's administrator, a city's supervisor: not even their own city's.
    await expect(policy.update(ctx(viewer(Role.SYSTEM_ADMIN, '440103000000')), { rectificationDeadlineDays: 3 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(policy.update(ctx(viewer(Role.SUPERVISOR, GZ)), { rectificationDeadlineDays: 3 }, id(GZ))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // 广东's administrator: its cities, not 海南's.
    await expect(policy.update(ctx(viewer(Role.SYSTEM_ADMIN, GD)), { rectificationDeadlineDays: 3 }, id(DZ))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Above two cities, the city must be named; a node that is not a city is refused by field.
    await expect(policy.update(ctx(viewer(Role.SYSTEM_ADMIN, GD)), { rectificationDeadlineDays: 3 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'city' }, messageKey: 'policy.cityRequired' });
    await expect(policy.update(ctx(viewer(Role.SYSTEM_ADMIN, GD)), { rectificationDeadlineDays: 3 }, id(SHAMIAN))).rejects.toMatchObject({ details: { field: 'city' }, messageKey: 'policy.notACity' });
    await expect(policy.update(ctx(viewer(Role.SYSTEM_ADMIN, GZ)), { rectificationDeadlineDays: 0 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'input.rectificationDeadlineDays' } });
    expect(await settingRows()).toBe(rows);
    // Readers see their own city, not another's.
    await expect(policy.settingsFor(ctx(viewer(Role.SUPERVISOR, DONGCHENG)), null, [Role.SUPERVISOR])).resolves.toMatchObject({ city: { id: id(DG) }, rectificationDeadlineDays: 7 });
    await expect(policy.settingsFor(ctx(viewer(Role.SUPERVISOR, DONGCHENG)), id(GZ), [Role.SUPERVISOR])).rejects.toMatchObject({ code: 'FORBIDDEN', messageKey: 'policy.notYourCity' });
  });

  it('gives each city its own deadline and warning window, and the platform default where it has none', async () => {
    // 广州's administrator sets 广州's deadline (no city named: theirs); 广东's sets 东莞's warning window.
    const gz = await services.policy.update(ctx(viewer(Role.SYSTEM_ADMIN, GZ)), { rectificationDeadlineDays: 3, warningWorkingDays: 4 });
    expect(gz).toMatchObject({ city: { id: id(GZ) }, rectificationDeadlineDays: 3, warningWorkingDays: 4 });
    await services.policy.update(ctx(viewer(Role.SYSTEM_ADMIN, GD)), { warningWorkingDays: 0 }, id(DG));
    expect(await services.policy.settings(id(GZ))).toMatchObject({ rectificationDeadlineDays: 3, warningWorkingDays: 4 });
    expect(await services.policy.settings(id(DG))).toMatchObject({ rectificationDeadlineDays: 7, warningWorkingDays: 0 });
    expect(await services.policy.settings(id(DZ))).toMatchObject({ rectificationDeadlineDays: 7, warningWorkingDays: 1 });
    const audit = await ds.query(`SELECT jurisdiction_id FROM audit_log WHERE action = 'updatePolicySettings' ORDER BY id`);
    expect(audit.map((r: { jurisdiction_id: number }) => r.jurisdiction_id)).toEqual([id(GZ), id(DG)]);

    // A bad rating in each city: the rectification's deadline is its city's.
    const cal = await services.calendar.calendar();
    const today = services.calendar.today();
    const citizen = ctx({ id: USER, login: 'c', name: 'c', grants: [] });
    const inGz = await application(SHAMIAN, 'COMPLETED');
    const inDg = await application(DONGCHENG, 'COMPLETED');
    const inDz = await application('460400100000', 'COMPLETED');
    for (const a of [inGz, inDg, inDz]) await services.evaluations.evaluate(citizen, a, BAD);
    const deadline = async (a: string) => (await ds.query(`SELECT to_char(deadline, 'YYYY-MM-DD') AS d FROM rectification WHERE application_id = $1`, [a]))[0].d;
    expect(await deadline(inGz)).toBe(cal.addWorkingDays(today, 3));
    expect(await deadline(inDg)).toBe(cal.addWorkingDays(today, 7));
    expect(await deadline(inDz)).toBe(cal.addWorkingDays(today, 7));

    // Due in 2 working days: in warning in 广州 (4 days) but not in 东莞 (0) — in the queue and on the dashboard.
    const due = cal.addWorkingDays(today, 2);
    const warnGz = await application(SHAMIAN, 'ACCEPTED', { dueDate: due });
    const quietDg = await application(DONGCHENG, 'ACCEPTED', { dueDate: due });
    const province = ctx(viewer(Role.SUPERVISOR, GD));
    const queue = await services.applicationQueries.list(province, { warning: true });
    expect(queue.nodes.map((n) => n.id)).toEqual([warnGz]);
    expect((await services.applicationQueries.list(province, {})).nodes.map((n) => n.id)).toEqual(expect.arrayContaining([warnGz, quietDg]));
    // Staff of one city: their city's window.
    expect((await services.applicationQueries.list(ctx(viewer(Role.SUPERVISOR, GZ)), { warning: true })).nodes.map((n) => n.id)).toEqual([warnGz]);
    expect((await services.applicationQueries.list(ctx(viewer(Role.SUPERVISOR, DG)), { warning: true })).nodes.map((n) => n.id)).toEqual([]);
    await services.policy.update(ctx(viewer(Role.SYSTEM_ADMIN, DG)), { warningWorkingDays: 2 });
    expect((await services.applicationQueries.list(ctx(viewer(Role.SUPERVISOR, DG)), { warning: true })).nodes.map((n) => n.id)).toEqual([quietDg]);
    await services.policy.update(ctx(viewer(Role.SYSTEM_ADMIN, DG)), { warningWorkingDays: 0 });
    const warningOpen = async (code: string) => (await services.dashboard.performance(province, id(code), today, today)).warningOpen;
    expect(await warningOpen(GZ)).toBe(1);
    expect(await warningOpen(DG)).toBe(0);
    expect(await warningOpen(GD)).toBe(1);
  });

  it('records the default grade after each city’s own number of days', async () => {
    await services.policy.update(ctx(viewer(Role.SYSTEM_ADMIN, GZ)), { defaultGradeAfterDays: 3 });
    const gz = await application(SHAMIAN, 'COMPLETED', { completedDaysAgo: 5 });
    const dg = await application(DONGCHENG, 'COMPLETED', { completedDaysAgo: 5 });
    // 东莞 has no number of its own and the platform none: off there.
    expect(await services.evaluations.runDefaultGrades({ ids: [gz, dg] })).toBe(1);
    const graded = await ds.query(`SELECT application_id::text AS id FROM evaluation WHERE is_default AND application_id = ANY($1::uuid[])`, [[gz, dg]]);
    expect(graded).toEqual([{ id: gz }]);
    await services.policy.update(ctx(viewer(Role.SYSTEM_ADMIN, DG)), { defaultGradeAfterDays: 10 });
    expect(await services.evaluations.runDefaultGrades({ ids: [dg] })).toBe(0);
    await services.policy.update(ctx(viewer(Role.SYSTEM_ADMIN, DG)), { defaultGradeAfterDays: 4 });
    expect(await services.evaluations.runDefaultGrades({ ids: [dg] })).toBe(1);
  });

  it('keeps coverage targets and the assessment scheme per city', async () => {
    const townshipTarget = async (code: string) =>
      (await services.dashboard.coverage(ctx(viewer(Role.SUPERVISOR, GD)), id(code))).levels.find((l) => l.level === JurisdictionLevel.TOWNSHIP)?.builtTarget ?? null;
    expect(await townshipTarget(GZ)).toBeNull();
    await expect(services.coverageTargets.update(ctx(viewer(Role.DIRECTORY_ADMIN, DG)), [{ level: JurisdictionLevel.TOWNSHIP, built: 0.8 }], id(GZ))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      messageKey: 'policy.coverageCityOnly',
    });
    await services.coverageTargets.update(ctx(viewer(Role.DIRECTORY_ADMIN, GZ)), [{ level: JurisdictionLevel.TOWNSHIP, built: 0.8 }]);
    expect(await townshipTarget(GZ)).toBe(0.8);
    expect(await townshipTarget(DG)).toBeNull();

    const before = await services.policy.currentScheme(id(DG));
    const weights = { satisfaction: 50, onTime: 20, noticeCompliance: 10, standardisation: 10, inspection: 10 };
    const gzScheme = await services.policy.updateScheme(ctx(viewer(Role.SYSTEM_ADMIN, GZ)), weights, 3);
    expect(await services.policy.currentScheme(id(GZ))).toMatchObject({ version: gzScheme.version, weights, minimumEvaluations: 3 });
    expect(await services.policy.currentScheme(id(DG))).toMatchObject({ version: before.version, minimumEvaluations: before.minimumEvaluations });
    expect((await services.policy.settings(id(GZ))).assessmentMinimumEvaluations).toBe(3);
    // An assessment of a 广州 county uses 广州's scheme.
    const period = `${today().slice(0, 4)}-Q${Math.floor((Number(today().slice(5, 7)) - 1) / 3) + 1}`;
    const aid = await services.assessments.run(ctx(viewer(Role.SUPERVISOR, GZ)), String(id('440103000000')), period);
    expect((await ds.query(`SELECT scheme_version FROM assessment WHERE id = $1`, [aid]))[0].scheme_version).toBe(gzScheme.version);
  });
});

function today(): string {
  return services.calendar.today();
}

