/**
 * Assessments (考评) over HTTP. The figures are checked in 舒城县, where no other suite creates applications:
 * every application there is made here, through the API, and the indicators are compared with SQL over the raw
 * rows. 金安区 (shared with other suites) is checked against SQL taken at the same moment.
 */
import { ALL_FACILITIES, DEFAULT_MIN_HALL_AREA, addCalendarDays, chinaDate, parsePeriod, periodOf, scoreTownship, type AssessmentWeights } from '@weimin/domain';
import { JINAN, YUAN, acceptAndComplete, fails, jurisdictionId, loginAs, ok, pickItem, staffAccount, submitWithPdfs, uploadPdf, withDb, type ItemInfo } from './helpers';

const SHUCHENG = '341523000000';

const SCORE = `township { id code name } evaluations inspectionScore total rank insufficient
  indicators { satisfaction onTime noticeCompliance standardisation inspection }
  counts { evaluations satisfied completed completedOnTime noticed repeatNoticed places standardised }`;
const ASSESSMENT = `id period status publishedAt county { code } scheme { version minimumEvaluations weights { satisfaction onTime noticeCompliance standardisation inspection } } scores { ${SCORE} }`;
const RUN = `mutation($c: ID!, $p: String!) { runAssessment(countyId: $c, period: $p) { ${ASSESSMENT} } }`;
const INSPECT = `mutation($a: ID!, $t: ID!, $s: Float!) { setInspectionScore(assessmentId: $a, townshipId: $t, score: $s) { ${ASSESSMENT} } }`;
const PUBLISH = `mutation($id: ID!) { publishAssessment(id: $id) { ${ASSESSMENT} } }`;
const EVALUATE = `mutation($id: ID!, $i: EvaluationInput!) { evaluateApplication(id: $id, input: $i) { evaluation { id } } }`;

interface Place {
  id: string;
  code: string;
  name: string;
}

const today = chinaDate(new Date());
const period = periodOf(today);
const range = parsePeriod(period)!;
const rating = (grade: number) => ({ grade, overall: grade, efficiency: grade, guideAccuracy: grade, convenience: grade, easeOfUse: grade });
/** Ten ratings, nine of them ≥ 3. */
const GRADES = [5, 5, 5, 4, 4, 3, 3, 2, 5, 4];

let countyId: string;
let townships: Place[];
let t1: Place;
let t2: Place;
let t3: Place;
let item: ItemInfo;
let citizen: string;
let clerk: string;
let supervisor: string;

/** Standardisation of a township's subtree, written independently of the server: BUILT, all ten, hall ≥ minimum. */
async function standardisationSql(): Promise<Map<string, number>> {
  const rows = await withDb((c) =>
    c.query(
      `SELECT t.id::text AS id,
              count(*) FILTER (WHERE c.status = 'BUILT' AND c.facilities @> $2::text[]
                               AND c.hall_area >= CASE j.level WHEN 'TOWNSHIP' THEN $3::numeric ELSE $4::numeric END)::float / count(*) AS s
         FROM jurisdiction t JOIN jurisdiction j ON j.path LIKE t.path || '%' LEFT JOIN service_center c ON c.jurisdiction_id = j.id
        WHERE t.parent_id = $1 GROUP BY t.id`,
      [Number(countyId), ALL_FACILITIES, DEFAULT_MIN_HALL_AREA.TOWNSHIP, DEFAULT_MIN_HALL_AREA.VILLAGE],
    ),
  );
  return new Map(rows.rows.map((r) => [r.id, r.s]));
}

/** Satisfaction and on-time rate of one township's subtree in the period, straight from the rows. */
async function ratesSql(townshipId: string) {
  return withDb(async (c) => {
    const e = await c.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE e.grade >= 3)::int AS good
         FROM evaluation e JOIN jurisdiction j ON j.id = e.jurisdiction_id JOIN jurisdiction t ON j.path LIKE t.path || '%'
        WHERE t.id = $1 AND NOT e.excluded AND e.evaluated_on BETWEEN $2 AND $3`,
      [Number(townshipId), range.from, range.to],
    );
    const a = await c.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE (a.completed_at AT TIME ZONE 'Asia/Shanghai')::date <= a.due_date)::int AS on_time
         FROM application a JOIN jurisdiction j ON j.id = a.jurisdiction_id JOIN jurisdiction t ON j.path LIKE t.path || '%'
        WHERE t.id = $1 AND (a.completed_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $2 AND $3`,
      [Number(townshipId), range.from, range.to],
    );
    const ev = e.rows[0];
    const done = a.rows[0];
    return {
      evaluations: ev.n as number,
      satisfaction: ev.n ? ev.good / ev.n : null,
      completed: done.n as number,
      onTime: done.n ? done.on_time / done.n : null,
    };
  });
}

/** A completed application at the township, rated with this grade (none: left unrated); late: completed after its due day. */
async function ratedApplication(at: Place, grade: number | null, late = false): Promise<{ id: string; evaluationId: string | null }> {
  const a = await submitWithPdfs(citizen, item, at.id);
  if (late) {
    await ok(`mutation($id: ID!) { acceptApplication(id: $id) { id } }`, { id: a.id }, clerk);
    // As if the promised limit had run out before the decision.
    await withDb((c) => c.query(`UPDATE application SET due_date = $2 WHERE id = $1`, [a.id, addCalendarDays(today, -1)]));
    await ok(`mutation($id: ID!) { completeApplication(id: $id, input: { result: APPROVED }) { id } }`, { id: a.id }, clerk);
  } else {
    await acceptAndComplete(clerk, a.id);
  }
  if (grade == null) return { id: a.id, evaluationId: null };
  const d = await ok(EVALUATE, { id: a.id, i: rating(grade) }, citizen);
  return { id: a.id, evaluationId: d.evaluateApplication.evaluation.id };
}

/** One-time notices: `repeat` gets a second notice after the supplement (allowed: it cites a changed material). */
async function noticedApplication(at: Place, grade: number, repeat: boolean): Promise<void> {
  const a = await submitWithPdfs(citizen, item, at.id);
  const material = item.materials[0].name;
  const NOTIFY = `mutation($id: ID!, $i: NotifyDeficiencyInput!) { notifyDeficiency(id: $id, input: $i) { id } }`;
  const SUPPLEMENT = `mutation($id: ID!, $i: SupplementInput!) { supplementApplication(id: $id, input: $i) { id } }`;
  const supplement = async () => ok(SUPPLEMENT, { id: a.id, i: { materials: [{ requirement: material, fileIds: [await uploadPdf(citizen)] }] } }, citizen);
  await ok(NOTIFY, { id: a.id, i: { items: [{ material, problem: '复印件不清晰' }] } }, clerk);
  await supplement();
  if (repeat) {
    await ok(NOTIFY, { id: a.id, i: { items: [{ material, problem: '新交的复印件缺页' }] } }, clerk);
    await supplement();
  }
  await acceptAndComplete(clerk, a.id);
  await ok(EVALUATE, { id: a.id, i: rating(grade) }, citizen);
}

async function inBatches<T>(tasks: Array<() => Promise<T>>, size = 6): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < tasks.length; i += size) out.push(...(await Promise.all(tasks.slice(i, i + size).map((t) => t()))));
  return out;
}

const scoreOf = (a: any, t: Place) => a.scores.find((s: any) => s.township.id === t.id);

beforeAll(async () => {
  countyId = await jurisdictionId(SHUCHENG);
  townships = (await withDb((c) => c.query(`SELECT id::text, code, name FROM jurisdiction WHERE parent_id = $1 ORDER BY code`, [Number(countyId)]))).rows;
  // Two townships whose centres are about as standardised as each other, so the inspection score decides between them.
  const s = await standardisationSql();
  let best: [Place, Place] = [townships[0], townships[1]];
  for (const a of townships) {
    for (const b of townships) {
      if (a.code < b.code && Math.abs(s.get(a.id)! - s.get(b.id)!) < Math.abs(s.get(best[0].id)! - s.get(best[1].id)!)) best = [a, b];
    }
  }
  [t1, t2] = best;
  t3 = townships.find((t) => t !== t1 && t !== t2)!;
  item = await pickItem(t1.id);
  citizen = await loginAs('citizen');
  clerk = await staffAccount('CLERK', SHUCHENG, '舒城县窗口人员');
  supervisor = await staffAccount('SUPERVISOR', SHUCHENG, '舒城县督查员');

  const scheme = (await ok(`{ assessmentScheme { minimumEvaluations } }`, {}, supervisor)).assessmentScheme;
  expect(scheme.minimumEvaluations).toBe(GRADES.length);
  await inBatches<unknown>([
    ...GRADES.map((g, i) => () => ratedApplication(t1, g, i === 0)),
    ...GRADES.map((g, i) => () => ratedApplication(t2, g, i === 0)),
    () => noticedApplication(t3, 5, false),
    () => noticedApplication(t3, 1, true),
  ]);
  // A malicious bad rating in t1, excluded on appeal: it must not count.
  const malicious = await ratedApplication(t1, 1);
  await ok(`mutation($id: ID!) { excludeEvaluation(id: $id, reason: "经核实系恶意评价") { id } }`, { id: malicious.evaluationId }, supervisor);
}, 180_000);

describe('assessment of a county', () => {
  let assessmentId: string;
  let weights: AssessmentWeights;

  it('computes the quarter from the raw rows, and ranks only townships with enough evaluations', async () => {
    const a = (await ok(RUN, { c: countyId, p: period }, supervisor)).runAssessment;
    assessmentId = a.id;
    weights = a.scheme.weights;
    expect(a).toMatchObject({ period, status: 'DRAFT', publishedAt: null, county: { code: SHUCHENG }, scheme: { minimumEvaluations: 10 } });
    expect(weights).toEqual({ satisfaction: 40, onTime: 30, noticeCompliance: 10, standardisation: 10, inspection: 10 });
    expect(a.scores.map((s: any) => s.township.code).sort()).toEqual(townships.map((t) => t.code));

    const standardisation = await standardisationSql();
    for (const t of [t1, t2]) {
      const score = scoreOf(a, t);
      const sql = await ratesSql(t.id);
      expect(score.evaluations).toBe(sql.evaluations);
      expect(score.indicators.satisfaction).toBeCloseTo(sql.satisfaction!, 10);
      expect(score.indicators.onTime).toBeCloseTo(sql.onTime!, 10);
      expect(score.indicators.standardisation).toBeCloseTo(standardisation.get(t.id)!, 10);
      expect(score).toMatchObject({ insufficient: false, inspectionScore: null, indicators: { noticeCompliance: 1, inspection: null } });
      expect(score.total).toBeCloseTo(scoreTownship({ ...score.indicators, inspection: null }, weights).total!, 2);
    }
    // Only this suite works in 舒城县, so the figures are known exactly (the excluded rating left out).
    expect(scoreOf(a, t1)).toMatchObject({ evaluations: 10, counts: { evaluations: 10, satisfied: 9, completed: 11, completedOnTime: 10 } });
    expect(scoreOf(a, t1).indicators.satisfaction).toBeCloseTo(0.9, 10);
    expect(scoreOf(a, t1).indicators.onTime).toBeCloseTo(10 / 11, 10);
    expect(scoreOf(a, t2).indicators.onTime).toBeCloseTo(0.9, 10);
    const ranked = [scoreOf(a, t1), scoreOf(a, t2)].sort((x, y) => y.total - x.total);
    expect(ranked.map((s) => s.rank)).toEqual(ranked[0].total === ranked[1].total ? [1, 1] : [1, 2]);

    // Too few evaluations: shown with its figures, not ranked.
    expect(scoreOf(a, t3)).toMatchObject({
      evaluations: 2, insufficient: true, rank: null,
      indicators: { satisfaction: 0.5, noticeCompliance: 0.5 },
      counts: { noticed: 2, repeatNoticed: 1 },
    });
    for (const s of a.scores.filter((x: any) => ![t1.id, t2.id].includes(x.township.id))) expect(s).toMatchObject({ insufficient: true, rank: null });
    expect(a.scores.filter((s: any) => s.rank != null)).toHaveLength(2);
    expect(a.scores.slice(0, 2).map((s: any) => s.township.id).sort()).toEqual([t1.id, t2.id].sort());

    const early = await fails(PUBLISH, { id: a.id }, supervisor);
    expect(early.extensions).toMatchObject({ code: 'INVALID_TRANSITION', missingInspection: [t1.id, t2.id] });
  });

  it('lets the inspection score move totals and ranks; a re-run of the draft keeps the scores entered', async () => {
    const set = async (t: Place, score: number) => (await ok(INSPECT, { a: assessmentId, t: t.id, s: score }, supervisor)).setInspectionScore;
    await set(t1, 100);
    let a = await set(t2, 0);
    expect(scoreOf(a, t1)).toMatchObject({ inspectionScore: 100, indicators: { inspection: 1 }, rank: 1 });
    expect(scoreOf(a, t2)).toMatchObject({ inspectionScore: 0, rank: 2 });
    for (const t of [t1, t2]) expect(scoreOf(a, t).total).toBeCloseTo(scoreTownship(scoreOf(a, t).indicators, weights).total!, 2);
    const before = scoreOf(a, t1).total;

    await set(t1, 0);
    a = await set(t2, 100);
    expect(scoreOf(a, t2).rank).toBe(1);
    expect(scoreOf(a, t1).rank).toBe(2);
    expect(scoreOf(a, t1).total).toBeCloseTo(before - weights.inspection, 2);

    expect((await fails(INSPECT, { a: assessmentId, t: t1.id, s: 100.5 }, supervisor)).extensions?.field).toBe('score');
    const jinanTownship = (await withDb((c) => c.query(`SELECT id::text FROM jurisdiction WHERE parent_id = (SELECT id FROM jurisdiction WHERE code = $1) LIMIT 1`, [JINAN]))).rows[0].id;
    expect((await fails(INSPECT, { a: assessmentId, t: jinanTownship, s: 50 }, supervisor)).extensions?.field).toBe('townshipId');
    expect((await fails(INSPECT, { a: assessmentId, t: t1.id, s: 50 }, await loginAs('yuan.admin'))).extensions?.code).toBe('NOT_FOUND');

    const rerun = (await ok(RUN, { c: countyId, p: period }, supervisor)).runAssessment;
    expect(rerun.id).toBe(assessmentId);
    expect(scoreOf(rerun, t2)).toMatchObject({ inspectionScore: 100, rank: 1 });
    expect(scoreOf(rerun, t1)).toMatchObject({ inspectionScore: 0, rank: 2 });
  });

  it('locks the period once published', async () => {
    const published = (await ok(PUBLISH, { id: assessmentId }, supervisor)).publishAssessment;
    expect(published.status).toBe('PUBLISHED');
    expect(published.publishedAt).toEqual(expect.any(String));
    expect((await fails(RUN, { c: countyId, p: period }, supervisor)).extensions?.code).toBe('INVALID_TRANSITION');
    expect((await fails(INSPECT, { a: assessmentId, t: t1.id, s: 90 }, supervisor)).extensions?.code).toBe('INVALID_TRANSITION');
    expect((await fails(PUBLISH, { id: assessmentId }, supervisor)).extensions?.code).toBe('INVALID_TRANSITION');
    const after = (await ok(`query($id: ID!) { assessment(id: $id) { ${ASSESSMENT} } }`, { id: assessmentId }, supervisor)).assessment;
    expect(scoreOf(after, t2)).toMatchObject({ inspectionScore: 100, rank: 1 });
    const list = (await ok(`query($c: ID!) { assessments(countyId: $c) { totalCount nodes { id period status } } }`, { c: countyId }, await loginAs('supervisor'))).assessments;
    expect(list.nodes).toContainEqual({ id: assessmentId, period, status: 'PUBLISHED' });
    const audit = await withDb((c) => c.query(`SELECT action FROM audit_log WHERE entity = 'Assessment' AND entity_id = $1 ORDER BY id`, [assessmentId]));
    expect(audit.rows.map((r) => r.action)).toEqual(['runAssessment', 'setInspectionScore', 'setInspectionScore', 'setInspectionScore', 'setInspectionScore', 'runAssessment', 'publishAssessment']);
  });
});

describe('who may assess', () => {
  it('only directory administrators and supervisors covering the county', async () => {
    const jinan = await jurisdictionId(JINAN);
    expect((await fails(RUN, { c: jinan, p: period }, await loginAs('yuan.admin'))).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(RUN, { c: countyId, p: period }, await loginAs('jinan.admin'))).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(RUN, { c: jinan, p: period }, await loginAs('jinan.clerk'))).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(RUN, { c: jinan, p: period }, await loginAs('citizen'))).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(`query($c: ID!) { assessments(countyId: $c) { totalCount } }`, { c: countyId }, await loginAs('yuan.admin'))).extensions?.code).toBe('FORBIDDEN');
    const yuan = await jurisdictionId(YUAN);
    expect((await fails(RUN, { c: yuan, p: '2026Q3' }, await loginAs('yuan.admin'))).extensions?.field).toBe('period');
    expect((await fails(RUN, { c: yuan, p: `${Number(today.slice(0, 4)) + 1}-Q1` }, await loginAs('yuan.admin'))).extensions?.field).toBe('period');
    expect((await fails(RUN, { c: t1.id, p: period }, await loginAs('supervisor'))).extensions?.field).toBe('countyId');
  });
});

describe('金安区, shared with other suites', () => {
  it("matches SQL over the raw rows for its first township, taken at the same moment", async () => {
    const admin = await loginAs('jinan.admin');
    const jinan = await jurisdictionId(JINAN);
    const township = (await withDb((c) => c.query(`SELECT id::text FROM jurisdiction WHERE parent_id = $1 ORDER BY code LIMIT 1`, [Number(jinan)]))).rows[0].id;
    // Other suites add rows meanwhile: compare only when nothing changed around the run.
    for (let attempt = 0; ; attempt++) {
      const before = await ratesSql(township);
      const a = (await ok(RUN, { c: jinan, p: period }, admin)).runAssessment;
      const after = await ratesSql(township);
      if (JSON.stringify(before) !== JSON.stringify(after) && attempt < 10) continue;
      expect(a).toMatchObject({ status: 'DRAFT', county: { code: JINAN } });
      const score = a.scores.find((s: any) => s.township.id === township);
      expect(score.evaluations).toBe(after.evaluations);
      expect(score.counts.completed).toBe(after.completed);
      if (after.satisfaction == null) expect(score.indicators.satisfaction).toBeNull();
      else expect(score.indicators.satisfaction).toBeCloseTo(after.satisfaction, 10);
      if (after.onTime == null) expect(score.indicators.onTime).toBeNull();
      else expect(score.indicators.onTime).toBeCloseTo(after.onTime, 10);
      break;
    }
  });
});
