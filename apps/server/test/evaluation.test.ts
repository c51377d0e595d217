/**
 * Evaluations (好差评) over HTTP: rating once after the end, bad ratings opening rectifications with a working-day
 * deadline, the centre's response and follow-up as the citizen sees them, exclusion on appeal, policy settings;
 * and the optional default grade run in-process with a controllable clock.
 */
import 'reflect-metadata';
import { WorkCalendar, addCalendarDays, chinaDate } from '@weimin/domain';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/config';
import { createDataSource } from '../src/db/data-source';
import { createServices } from '../src/services';
import {
  BASE,
  JINAN,
  YUAN,
  acceptAndComplete,
  fails,
  loginAs,
  ok,
  staffAccount,
  submitWithPdfs,
  townAndVillage,
  withDb,
  type ItemInfo,
  type Place,
} from './helpers';

const EVALUATION = `id grade gradeLabel overall efficiency guideAccuracy convenience easeOfUse comment evaluatedOn isDefault excluded exclusion { reason }
  rectification { id status deadline overdue verification response followUp nextActions }`;
const GET = `query($id: ID!) { application(id: $id) { id status canEvaluate evaluation { ${EVALUATION} } } }`;
const EVALUATE = `mutation($id: ID!, $i: EvaluationInput!) { evaluateApplication(id: $id, input: $i) { id canEvaluate evaluation { ${EVALUATION} } } }`;
const RECT = `id status deadline overdue verification response followUp nextActions jurisdiction { code } evaluation { grade comment } application { id number }`;
const LIST = `query($f: RectificationFilterInput, $first: Int) { rectifications(filter: $f, first: $first) { totalCount nodes { ${RECT} } } }`;
const RESPOND = `mutation($id: ID!, $i: RespondToRectificationInput!) { respondToRectification(id: $id, input: $i) { ${RECT} } }`;
const CLOSE = `mutation($id: ID!, $i: CloseRectificationInput!) { closeRectification(id: $id, input: $i) { ${RECT} } }`;
const EXCLUDE = `mutation($id: ID!, $r: String!) { excludeEvaluation(id: $id, reason: $r) { id excluded exclusion { reason } } }`;
const POLICY = `{ policySettings { rectificationDeadlineDays defaultGradeAfterDays warningWorkingDays assessmentMinimumEvaluations } }`;
const UPDATE_POLICY = `mutation($i: PolicySettingsInput!) { updatePolicySettings(input: $i) { rectificationDeadlineDays defaultGradeAfterDays warningWorkingDays assessmentMinimumEvaluations } }`;

const rating = (grade: number, extra: Record<string, unknown> = {}) => ({ grade, overall: grade, efficiency: 4, guideAccuracy: 5, convenience: 3, easeOfUse: 4, ...extra });

let township: Place;
let village: Place;
let item: ItemInfo;
let villageItem: ItemInfo;
let citizen: string;
let clerk: string;

beforeAll(async () => {
  ({ township, village, townItem: item, villageItem } = await townAndVillage());
  citizen = await loginAs('citizen');
  clerk = await loginAs('town.clerk');
});

/** A completed application of the citizen at the township. */
async function ended(token = citizen): Promise<string> {
  const a = await submitWithPdfs(token, item, township.id);
  await acceptAndComplete(clerk, a.id);
  return a.id;
}

/** What the server's calendar says: the package plus the city's overrides. */
async function serverCalendar(): Promise<WorkCalendar> {
  const rows = await withDb((c) => c.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, working, name FROM calendar_override`));
  return new WorkCalendar(rows.rows.map((r) => ({ date: r.date, working: r.working, name: r.name ?? undefined })));
}

describe('rating an application', () => {
  it('lets the applicant rate once, only after the end, and nobody else', async () => {
    const a = await submitWithPdfs(citizen, item, township.id);
    expect((await ok(GET, { id: a.id }, citizen)).application.canEvaluate).toBe(false);
    expect((await fails(EVALUATE, { id: a.id, i: rating(5) }, citizen)).extensions?.code).toBe('INVALID_TRANSITION');
    await acceptAndComplete(clerk, a.id);

    expect((await ok(GET, { id: a.id }, citizen)).application.canEvaluate).toBe(true);
    expect((await ok(GET, { id: a.id }, clerk)).application.canEvaluate).toBe(false);
    expect((await fails(EVALUATE, { id: a.id, i: rating(5) }, await loginAs('citizen2'))).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(EVALUATE, { id: a.id, i: rating(5) }, clerk)).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(EVALUATE, { id: a.id, i: rating(6) }, citizen)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.grade' });
    expect((await fails(EVALUATE, { id: a.id, i: rating(4, { easeOfUse: 0 }) }, citizen)).extensions?.field).toBe('input.easeOfUse');
    expect((await fails(EVALUATE, { id: a.id, i: rating(4, { comment: '长'.repeat(501) }) }, citizen)).extensions?.field).toBe('input.comment');
    expect((await ok(GET, { id: a.id }, citizen)).application.evaluation).toBeNull();

    const rated = (await ok(EVALUATE, { id: a.id, i: rating(4, { comment: '  窗口热情，一次办好  ' }) }, citizen)).evaluateApplication;
    expect(rated.canEvaluate).toBe(false);
    expect(rated.evaluation).toMatchObject({
      grade: 4, gradeLabel: '满意', overall: 4, efficiency: 4, guideAccuracy: 5, convenience: 3, easeOfUse: 4,
      comment: '窗口热情，一次办好', evaluatedOn: chinaDate(new Date()), isDefault: false, excluded: false, rectification: null,
    });

    const again = await fails(EVALUATE, { id: a.id, i: rating(1) }, citizen);
    expect(again.extensions?.code).toBe('INVALID_TRANSITION');
    const stored = await withDb((c) => c.query(`SELECT grade, jurisdiction_id::text, service_item_id::text FROM evaluation WHERE application_id = $1`, [a.id]));
    expect(stored.rows).toEqual([{ grade: 4, jurisdiction_id: township.id, service_item_id: item.id }]);
    // The clerk sees the rating on the application too.
    expect((await ok(GET, { id: a.id }, clerk)).application.evaluation.grade).toBe(4);
  });

  it('accepts ratings of refusals, not of withdrawn applications', async () => {
    const refused = await submitWithPdfs(citizen, item, township.id);
    await ok(`mutation($id: ID!) { rejectApplication(id: $id, input: { reason: "不属于本中心受理范围", legalBasis: "《行政许可法》第三十二条" }) { id } }`, { id: refused.id }, clerk);
    expect((await ok(EVALUATE, { id: refused.id, i: rating(3) }, citizen)).evaluateApplication.evaluation.grade).toBe(3);
    const withdrawn = await submitWithPdfs(citizen, item, township.id);
    await ok(`mutation($id: ID!) { withdrawApplication(id: $id, reason: "不需要了") { id } }`, { id: withdrawn.id }, citizen);
    expect((await fails(EVALUATE, { id: withdrawn.id, i: rating(5) }, citizen)).extensions?.code).toBe('INVALID_TRANSITION');
  });

  it('lets the village agent who applied for a villager rate it', async () => {
    const agent = await loginAs('village.agent');
    const villager = { name: '王老汉', idNumber: '341502194501010010', noPhone: true, consent: '本人签字的代办委托书，存村服务站' };
    const a = await submitWithPdfs(agent, villageItem, village.id, { onBehalfOf: villager });
    await acceptAndComplete(clerk, a.id);
    expect((await ok(GET, { id: a.id }, agent)).application.canEvaluate).toBe(true);
    expect((await ok(EVALUATE, { id: a.id, i: rating(5) }, agent)).evaluateApplication.evaluation.grade).toBe(5);
  });
});

describe('rectification of a bad rating', () => {
  it('opens with a working-day deadline; the clerk responds, closes after the follow-up; the citizen sees it', async () => {
    const id = await ended();
    const { rectificationDeadlineDays } = (await ok(POLICY, {}, await loginAs('admin'))).policySettings;
    const rated = (await ok(EVALUATE, { id, i: rating(2, { comment: '材料要求前后不一致' }) }, citizen)).evaluateApplication;
    const today = chinaDate(new Date());
    const deadline = (await serverCalendar()).addWorkingDays(today, rectificationDeadlineDays);
    expect(rated.evaluation.rectification).toMatchObject({ status: 'OPEN', deadline, overdue: false, verification: null, response: null, nextActions: [] });
    const rid = rated.evaluation.rectification.id;

    // In the handling centre's list, not in another county's; citizens have no list.
    const mine = await ok(LIST, { f: { status: ['OPEN'] }, first: 100 }, clerk);
    expect(mine.rectifications.nodes.find((n: any) => n.id === rid)).toMatchObject({ jurisdiction: { code: township.code }, evaluation: { grade: 2, comment: '材料要求前后不一致' }, application: { id }, nextActions: ['RESPOND'] });
    expect((await ok(LIST, { first: 100 }, await loginAs('yuan.clerk'))).rectifications.nodes.map((n: any) => n.id)).not.toContain(rid);
    expect((await fails(LIST, {}, citizen)).extensions?.code).toBe('FORBIDDEN');

    const answer = { verification: '核实：窗口告知材料清单与办事指南不一致', response: '已统一材料清单并对窗口人员培训，向您致歉' };
    expect((await fails(CLOSE, { id: rid, i: { followUp: '已回访' } }, clerk)).extensions?.code).toBe('INVALID_TRANSITION');
    expect((await fails(RESPOND, { id: rid, i: answer }, await loginAs('supervisor'))).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(RESPOND, { id: rid, i: answer }, await loginAs('yuan.clerk'))).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(RESPOND, { id: rid, i: { ...answer, response: 'x' } }, clerk)).extensions?.field).toBe('input.response');

    const responded = (await ok(RESPOND, { id: rid, i: answer }, clerk)).respondToRectification;
    expect(responded).toMatchObject({ status: 'RESPONDED', ...answer, nextActions: ['CLOSE'] });
    expect((await fails(RESPOND, { id: rid, i: answer }, clerk)).extensions?.code).toBe('INVALID_TRANSITION');

    const closed = (await ok(CLOSE, { id: rid, i: { followUp: '电话回访，申请人表示满意' } }, await loginAs('supervisor'))).closeRectification;
    expect(closed).toMatchObject({ status: 'CLOSED', followUp: '电话回访，申请人表示满意', overdue: false, nextActions: [] });

    const seen = (await ok(GET, { id }, citizen)).application.evaluation.rectification;
    expect(seen).toMatchObject({ status: 'CLOSED', response: answer.response, followUp: '电话回访，申请人表示满意', verification: null });
    const notes = await ok(`{ myNotifications(first: 100) { title applicationId } }`, {}, citizen);
    expect(notes.myNotifications.filter((n: any) => n.applicationId === id).map((n: any) => n.title)).toEqual(expect.arrayContaining(['差评整改答复', '差评整改已办结']));
    const audit = await withDb((c) => c.query(`SELECT action FROM audit_log WHERE entity = 'Rectification' AND entity_id = $1 ORDER BY id`, [rid]));
    expect(audit.rows.map((r) => r.action)).toEqual(['rectification.RESPOND', 'rectification.CLOSE']);
  });

  it('does not open one for a rating of 3', async () => {
    const id = await ended();
    expect((await ok(EVALUATE, { id, i: rating(3) }, citizen)).evaluateApplication.evaluation.rectification).toBeNull();
  });

  it('lists the overdue ones: not closed and past the deadline', async () => {
    const id = await ended();
    const rid = (await ok(EVALUATE, { id, i: rating(1) }, citizen)).evaluateApplication.evaluation.rectification.id;
    const overdue = async () => (await ok(LIST, { f: { overdue: true, jurisdictionId: township.id }, first: 100 }, clerk)).rectifications.nodes.map((n: any) => n.id);
    expect(await overdue()).not.toContain(rid);
    // As if the deadline had passed.
    await withDb((c) => c.query(`UPDATE rectification SET deadline = $2 WHERE id = $1`, [rid, addCalendarDays(chinaDate(new Date()), -1)]));
    expect(await overdue()).toContain(rid);
    expect((await ok(GET, { id }, clerk)).application.evaluation.rectification.overdue).toBe(true);
    expect((await fails(LIST, { f: { jurisdictionId: township.id } }, await loginAs('yuan.clerk'))).extensions?.code).toBe('FORBIDDEN');
    // The supervisor's dashboard counts it, for the township and for the county above it, as SQL does.
    const today = chinaDate(new Date());
    const perf = await ok(`query($j: ID!, $d: Date!) { performance(jurisdictionId: $j, from: $d, to: $d) { overdueRectifications children { jurisdiction { id } overdueRectifications } } }`, { j: township.id, d: today }, await loginAs('supervisor'));
    const sql = await withDb((c) => c.query(
      `SELECT count(*)::int AS n FROM rectification r JOIN jurisdiction j ON j.id = r.jurisdiction_id
        WHERE r.status <> 'CLOSED' AND r.deadline < $2::date AND j.path LIKE (SELECT path FROM jurisdiction WHERE id = $1) || '%'`,
      [Number(township.id), today]));
    expect(perf.performance.overdueRectifications).toBeGreaterThanOrEqual(1);
    expect(perf.performance.overdueRectifications).toBe(sql.rows[0].n);
  });

  it('loads a page of rectifications with a fixed number of statements', async () => {
    for (let i = 0; i < 2; i++) await ok(EVALUATE, { id: await ended(), i: rating(1) }, citizen);
    const count = async (first: number) => {
      const res = await fetch(`${BASE()}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}` },
        body: JSON.stringify({ query: LIST, variables: { first } }),
      });
      const body: any = await res.json();
      expect(body.errors).toBeUndefined();
      return { statements: Number(res.headers.get('x-sql-statements')), rows: body.data.rectifications.nodes.length };
    };
    const one = await count(1);
    const many = await count(50);
    expect(many.rows).toBeGreaterThanOrEqual(3);
    expect(one.statements).toBeGreaterThan(0);
    expect(many.statements).toBe(one.statements);
  });
});

describe('exclusion on appeal', () => {
  it('lets a supervisor covering the place exclude a malicious rating, once, with a reason; nobody else', async () => {
    const id = await ended();
    const eid = (await ok(EVALUATE, { id, i: rating(1, { comment: '恶意差评' }) }, citizen)).evaluateApplication.evaluation.id;
    expect((await fails(EXCLUDE, { id: eid, r: '经核实系恶意评价' }, clerk)).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(EXCLUDE, { id: eid, r: '经核实系恶意评价' }, await staffAccount('SUPERVISOR', YUAN))).extensions?.code).toBe('NOT_FOUND');
    const supervisor = await staffAccount('SUPERVISOR', JINAN);
    expect((await fails(EXCLUDE, { id: eid, r: ' ' }, supervisor)).extensions?.field).toBe('reason');
    const done = (await ok(EXCLUDE, { id: eid, r: '经核实系恶意评价（申诉材料存档）' }, supervisor)).excludeEvaluation;
    expect(done).toMatchObject({ id: eid, excluded: true, exclusion: { reason: '经核实系恶意评价（申诉材料存档）' } });
    expect((await fails(EXCLUDE, { id: eid, r: '再次排除' }, supervisor)).extensions?.code).toBe('INVALID_TRANSITION');
    const row = await withDb((c) => c.query(`SELECT excluded, excluded_by IS NOT NULL AS by, excluded_at IS NOT NULL AS at FROM evaluation WHERE id = $1`, [eid]));
    expect(row.rows[0]).toEqual({ excluded: true, by: true, at: true });
    const audit = await withDb((c) => c.query(`SELECT action, after FROM audit_log WHERE entity = 'Evaluation' AND entity_id = $1`, [eid]));
    expect(audit.rows).toEqual([{ action: 'excludeEvaluation', after: { excluded: true, reason: '经核实系恶意评价（申诉材料存档）' } }]);
    expect((await ok(GET, { id }, citizen)).application.evaluation.excluded).toBe(true);
  });
});

describe('policy settings', () => {
  it('are read by supervisors and administrators and changed by the city system administrator only', async () => {
    const admin = await loginAs('admin');
    const now = (await ok(POLICY, {}, await loginAs('jinan.admin'))).policySettings;
    expect(now).toMatchObject({ rectificationDeadlineDays: expect.any(Number), warningWorkingDays: expect.any(Number), assessmentMinimumEvaluations: expect.any(Number) });
    expect((await fails(POLICY, {}, citizen)).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(UPDATE_POLICY, { i: { rectificationDeadlineDays: 7 } }, await loginAs('supervisor'))).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(UPDATE_POLICY, { i: { rectificationDeadlineDays: 7 } }, await staffAccount('SYSTEM_ADMIN', JINAN))).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(UPDATE_POLICY, { i: { rectificationDeadlineDays: 0 } }, admin)).extensions?.field).toBe('input.rectificationDeadlineDays');
    expect((await fails(UPDATE_POLICY, { i: { rectificationDeadlineDays: null } }, admin)).extensions?.field).toBe('input.rectificationDeadlineDays');
  });

  it('a new rectification deadline applies to the next bad rating', async () => {
    const admin = await loginAs('admin');
    const before = (await ok(POLICY, {}, admin)).policySettings;
    const days = before.rectificationDeadlineDays === 8 ? 9 : 8;
    try {
      const updated = (await ok(UPDATE_POLICY, { i: { rectificationDeadlineDays: days } }, admin)).updatePolicySettings;
      // Fields left out keep their value.
      expect(updated).toEqual({ ...before, rectificationDeadlineDays: days });
      const id = await ended();
      const r = (await ok(EVALUATE, { id, i: rating(2) }, citizen)).evaluateApplication.evaluation.rectification;
      expect(r.deadline).toBe((await serverCalendar()).addWorkingDays(chinaDate(new Date()), days));
    } finally {
      await ok(UPDATE_POLICY, { i: { rectificationDeadlineDays: before.rectificationDeadlineDays } }, admin);
    }
    const audit = await withDb((c) => c.query(`SELECT after FROM audit_log WHERE action = 'updatePolicySettings' ORDER BY id DESC LIMIT 2`));
    expect(audit.rows.map((r) => r.after)).toEqual([{ rectificationDeadlineDays: before.rectificationDeadlineDays }, { rectificationDeadlineDays: days }]);
  });

  it('versions the assessment weights and checks them', async () => {
    const admin = await loginAs('admin');
    const SCHEME = `mutation($i: AssessmentSchemeInput!) { updateAssessmentScheme(input: $i) { version weights { satisfaction onTime noticeCompliance standardisation inspection } minimumEvaluations } }`;
    const current = (await ok(`{ assessmentScheme { version weights { satisfaction onTime noticeCompliance standardisation inspection } minimumEvaluations } }`, {}, admin)).assessmentScheme;
    const bad = await fails(SCHEME, { i: { weights: { ...current.weights, inspection: current.weights.inspection + 5 } } }, admin);
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.weights', messageKey: 'policy.weightsSum', params: { sum: 105 } });
    // every problem a key with its values (the web says them in the reader's language), never English words alone
    expect(bad.extensions?.problems).toEqual([
      expect.objectContaining({ field: 'input.weights', messageKey: 'policy.weightsSum', params: { sum: 105 } }),
    ]);
    expect((await fails(SCHEME, { i: { weights: current.weights } }, await loginAs('supervisor'))).extensions?.code).toBe('FORBIDDEN');
    // The same weights again: a new version that changes nothing for the assessments running beside this suite.
    const next = (await ok(SCHEME, { i: { weights: current.weights } }, admin)).updateAssessmentScheme;
    expect(next).toEqual({ version: expect.any(Number), weights: current.weights, minimumEvaluations: current.minimumEvaluations });
    expect(next.version).toBeGreaterThan(current.version);
  });
});

describe('default grade (optional policy)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = createDataSource(process.env.TEST_DATABASE_URL_RUN as string, 2);
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  // The policy is pinned in-process: switching it on for the shared server would grade other suites' applications.
  const servicesAt = (day: string, defaultGradeAfterDays: number | null) =>
    createServices(ds, loadConfig(), { clock: { now: () => new Date(`${day}T04:00:00Z`) }, policy: { defaultGradeAfterDays } });

  it('rates 非常满意 for applications ended more than N days ago without a rating, and only those', async () => {
    const unrated = await ended();
    const rated = await ended();
    await ok(EVALUATE, { id: rated, i: rating(2) }, citizen);
    const open = (await submitWithPdfs(citizen, item, township.id)).id;
    const ids = [unrated, rated, open];
    const today = chinaDate(new Date());

    expect(await servicesAt(addCalendarDays(today, 30), null).evaluations.runDefaultGrades({ ids })).toBe(0);
    expect(await servicesAt(addCalendarDays(today, 3), 3).evaluations.runDefaultGrades({ ids })).toBe(0);
    expect(await servicesAt(addCalendarDays(today, 4), 3).evaluations.runDefaultGrades({ ids })).toBe(1);
    expect(await servicesAt(addCalendarDays(today, 5), 3).evaluations.runDefaultGrades({ ids })).toBe(0);

    const got = (await ok(GET, { id: unrated }, citizen)).application;
    expect(got.canEvaluate).toBe(false);
    expect(got.evaluation).toMatchObject({ grade: 5, gradeLabel: '非常满意', isDefault: true, evaluatedOn: addCalendarDays(today, 4), rectification: null });
    const rows = await withDb((c) => c.query(`SELECT application_id::text, grade, is_default, evaluated_by FROM evaluation WHERE application_id = ANY($1) ORDER BY is_default`, [ids]));
    expect(rows.rows).toEqual([
      { application_id: rated, grade: 2, is_default: false, evaluated_by: expect.any(String) },
      { application_id: unrated, grade: 5, is_default: true, evaluated_by: null },
    ]);
    expect((await fails(EVALUATE, { id: unrated, i: rating(1) }, citizen)).extensions?.code).toBe('INVALID_TRANSITION');
  });
});
