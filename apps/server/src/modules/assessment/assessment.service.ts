/**
 * Assessments (考评): a county scores each of its township centres for a quarter. The data-driven indicators are
 * computed from the quarter's rows of the township's subtree (the township and its villages); the inspection
 * score is entered; totals follow the versioned scheme; townships with too few evaluations are shown, not ranked.
 * A DRAFT can be recomputed and edited; PUBLISHED is locked. Every step is one transaction with the assessment
 * row locked, audited.
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  AssessmentStatus,
  CenterStatus,
  JurisdictionLevel,
  Role,
  isStandardized,
  parsePeriod,
  rankWithTies,
  rate,
  scoreTownship,
  type Facility,
  type PeriodRange,
} from '@weimin/domain';
import { coversPath, type RequestContext } from '../../common/context';
import { AppError, ForbiddenError, InputError, NotFoundError } from '../../common/errors';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../common/pagination';
import type { AuditService } from '../audit/audit.service';
import type { CalendarService } from '../calendar/calendar.service';
import type { AssessmentSchemeRow, PolicyService } from '../policy/policy.service';
import { toAssessment, type Assessment, type AssessmentCountsValues, type AssessmentRow, type ScoreRow, type StoredIndicators } from './assessment.types';

/** Who runs, edits and publishes a county's assessments (and reads them, with system administrators). */
export const ASSESSORS = [Role.DIRECTORY_ADMIN, Role.SUPERVISOR] as const;
const READERS = [Role.DIRECTORY_ADMIN, Role.SUPERVISOR, Role.SYSTEM_ADMIN] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ASSESSMENT_SELECT = `SELECT a.*, j.path FROM assessment a JOIN jurisdiction j ON j.id = a.county_id`;

interface County {
  id: number;
  name: string;
  path: string;
  depth: number;
  level: JurisdictionLevel;
}

/** Bounds of a China calendar-day range as instants, for timestamptz columns. */
const DAY_START = (param: string) => `(${param}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const DAY_AFTER = (param: string) => `((${param}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

export class AssessmentService {
  constructor(
    private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
  ) {}

  // ---------- reads ----------

  async get(ctx: RequestContext, id: string): Promise<Assessment | null> {
    if (!UUID.test(id)) return null;
    const [a]: AssessmentRow[] = await this.ds.query(`${ASSESSMENT_SELECT} WHERE a.id = $1`, [id]);
    if (!a || !coversPath(ctx.viewer, READERS, a.path)) return null;
    return toAssessment(a);
  }

  /** A county's assessments, newest period first. */
  async list(ctx: RequestContext, countyId: string, first?: number | null, after?: string | null): Promise<Connection<Assessment>> {
    const county = await this.county(countyId, 'countyId');
    if (!coversPath(ctx.viewer, READERS, county.path)) throw new ForbiddenError(`The assessments of ${county.name} are outside your scope`, 'forbidden.notYourJurisdiction', { name: county.name });
    const take = pageSize(first);
    const cursor = decodeCursor(after);
    const offset = cursor == null ? 0 : Number(cursor);
    if (!Number.isInteger(offset) || offset < 0) throw new InputError('after', 'is not a cursor this API returned', {}, 'input.badCursor');
    const [rows, [{ n }]] = await Promise.all([
      this.ds.query(`${ASSESSMENT_SELECT} WHERE a.county_id = $1 ORDER BY a.period DESC LIMIT ${take + 1} OFFSET ${offset}`, [county.id]) as Promise<AssessmentRow[]>,
      this.ds.query(`SELECT count(*)::int AS n FROM assessment WHERE county_id = $1`, [county.id]) as Promise<Array<{ n: number }>>,
    ]);
    const nodes = rows.slice(0, take).map(toAssessment);
    return { nodes, totalCount: n, pageInfo: { hasNextPage: rows.length > take, endCursor: nodes.length ? encodeCursor(String(offset + nodes.length)) : null } };
  }

  async scoresOf(ids: readonly string[]): Promise<Map<string, ScoreRow[]>> {
    const rows: ScoreRow[] = await this.ds.query(
      `SELECT s.*, j.code FROM assessment_score s JOIN jurisdiction j ON j.id = s.township_id
        WHERE s.assessment_id = ANY($1::uuid[]) ORDER BY s.rank ASC NULLS LAST, s.total DESC NULLS LAST, j.code`,
      [ids],
    );
    const out = new Map<string, ScoreRow[]>(ids.map((id) => [id, []]));
    for (const r of rows) out.get(r.assessment_id)?.push(r);
    return out;
  }

  // ---------- actions ----------

  /** Computes (or recomputes, while DRAFT) a county's assessment of a quarter; returns its id. */
  async run(ctx: RequestContext, countyId: string, period: string): Promise<string> {
    const range = parsePeriod(period?.trim() ?? '');
    if (!range) throw new InputError('period', 'must be a quarter written like 2026-Q3', {}, 'assessment.periodFormat');
    if (range.from > this.calendar.today()) throw new InputError('period', 'has not begun yet', {}, 'assessment.periodNotBegun');
    const county = await this.county(countyId, 'countyId');
    if (!coversPath(ctx.viewer, ASSESSORS, county.path)) throw new ForbiddenError(`Only a directory administrator or supervisor of ${county.name} may assess its townships`, 'assessment.onlyAssessors');
    // The scheme of the county's city (its own, else the platform's).
    const scheme = await this.policy.currentScheme(await this.policy.cityOf(county.path));
    return this.ds.transaction(async (m) => {
      await m.query(
        `INSERT INTO assessment (county_id, period, scheme_version, status, created_by) VALUES ($1, $2, $3, 'DRAFT', $4)
         ON CONFLICT (county_id, period) DO NOTHING`,
        [county.id, range.period, scheme.version, ctx.viewer!.id],
      );
      const [a]: AssessmentRow[] = await m.query(`${ASSESSMENT_SELECT} WHERE a.county_id = $1 AND a.period = $2 FOR UPDATE OF a`, [county.id, range.period]);
      this.assertDraft(a);
      const kept: Array<{ township_id: number; inspection_score: string | null }> = await m.query(
        `SELECT township_id, inspection_score FROM assessment_score WHERE assessment_id = $1`,
        [a.id],
      );
      const inspection = new Map(kept.map((k) => [k.township_id, k.inspection_score]));
      const computed = await this.compute(m, county, range);
      await m.query(`DELETE FROM assessment_score WHERE assessment_id = $1`, [a.id]);
      const ids = [...computed.keys()];
      await m.query(
        `INSERT INTO assessment_score (assessment_id, township_id, indicators, evaluations, inspection_score, insufficient)
         SELECT $1, x.tid, x.ind, x.n, x.insp, false FROM unnest($2::int[], $3::jsonb[], $4::int[], $5::numeric[]) AS x(tid, ind, n, insp)`,
        [a.id, ids, ids.map((t) => JSON.stringify(computed.get(t))), ids.map((t) => computed.get(t)!.counts.evaluations), ids.map((t) => inspection.get(t) ?? null)],
      );
      await m.query(`UPDATE assessment SET scheme_version = $2, computed_at = now() WHERE id = $1`, [a.id, scheme.version]);
      await this.rescore(m, a.id, scheme);
      await this.audit.record(m, ctx, {
        action: 'runAssessment',
        entity: 'Assessment',
        entityId: a.id,
        jurisdictionId: county.id,
        after: { period: range.period, schemeVersion: scheme.version, townships: ids.length },
      });
      return a.id;
    });
  }

  /** The inspection score (0–100) of a township, while DRAFT; totals and ranks follow. */
  async setInspectionScore(ctx: RequestContext, assessmentId: string, townshipId: string, score: number): Promise<string> {
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 100) throw new InputError('score', 'must be between 0 and 100', { min: 0, max: 100 }, 'input.outOfRange');
    return this.locked(ctx, assessmentId, async (m, a) => {
      this.assertDraft(a);
      const tid = Number(townshipId);
      const [row] = Number.isSafeInteger(tid)
        ? await m.query(`SELECT inspection_score FROM assessment_score WHERE assessment_id = $1 AND township_id = $2`, [a.id, tid])
        : [];
      if (!row) throw new InputError('townshipId', 'is not a township of this assessment', {}, 'assessment.notATownship');
      const rounded = Math.round(score * 100) / 100;
      await m.query(`UPDATE assessment_score SET inspection_score = $3 WHERE assessment_id = $1 AND township_id = $2`, [a.id, tid, rounded]);
      await this.rescore(m, a.id, await this.policy.scheme(a.scheme_version));
      await this.audit.record(m, ctx, {
        action: 'setInspectionScore',
        entity: 'Assessment',
        entityId: a.id,
        jurisdictionId: tid,
        before: { inspectionScore: row.inspection_score == null ? null : Number(row.inspection_score) },
        after: { inspectionScore: rounded },
      });
    });
  }

  /** Locks the assessment. Every ranked township needs its inspection score first. */
  async publish(ctx: RequestContext, assessmentId: string): Promise<string> {
    return this.locked(ctx, assessmentId, async (m, a) => {
      this.assertDraft(a);
      const missing: Array<{ id: number; name: string }> = await m.query(
        `SELECT j.id, j.name FROM assessment_score s JOIN jurisdiction j ON j.id = s.township_id
          WHERE s.assessment_id = $1 AND NOT s.insufficient AND s.inspection_score IS NULL ORDER BY j.code`,
        [a.id],
      );
      if (missing.length) {
        throw new AppError('INVALID_TRANSITION', `Enter the inspection score of every ranked township before publishing; missing: ${missing.map((x) => x.name).join('、')}`, {
          missingInspection: missing.map((x) => String(x.id)),
          list: missing.map((x) => x.name).join('、'),
        }, 'assessment.inspectionMissing');
      }
      await m.query(`UPDATE assessment SET status = 'PUBLISHED', published_at = now(), published_by = $2 WHERE id = $1`, [a.id, ctx.viewer!.id]);
      await this.audit.record(m, ctx, {
        action: 'publishAssessment',
        entity: 'Assessment',
        entityId: a.id,
        jurisdictionId: a.county_id,
        before: { status: a.status },
        after: { status: AssessmentStatus.PUBLISHED },
      });
    });
  }

  // ---------- internals ----------

  private async locked(ctx: RequestContext, id: string, step: (m: EntityManager, a: AssessmentRow) => Promise<void>): Promise<string> {
    if (!UUID.test(id)) throw new NotFoundError('Assessment', id);
    return this.ds.transaction(async (m) => {
      const [a]: AssessmentRow[] = await m.query(`${ASSESSMENT_SELECT} WHERE a.id = $1 FOR UPDATE OF a`, [id]);
      if (!a || !coversPath(ctx.viewer, READERS, a.path)) throw new NotFoundError('Assessment', id);
      if (!coversPath(ctx.viewer, ASSESSORS, a.path)) throw new ForbiddenError('Only a directory administrator or supervisor of the county may change its assessment', 'assessment.onlyAssessors');
      await step(m, a);
      return a.id;
    });
  }

  private assertDraft(a: AssessmentRow): void {
    if (a.status !== AssessmentStatus.DRAFT) {
      throw new AppError('INVALID_TRANSITION', `The assessment of ${a.period} is published and locked`, { status: a.status, period: a.period }, 'assessment.locked');
    }
  }

  private async county(id: string, field: string): Promise<County> {
    const n = Number(id);
    const [c]: County[] = Number.isSafeInteger(n) && n > 0 ? await this.ds.query(`SELECT id, name, path, depth, level FROM jurisdiction WHERE id = $1`, [n]) : [];
    if (!c) throw new InputError(field, 'does not exist', {}, 'jurisdiction.unknown');
    // A city without counties (东莞) assesses its townships itself: it acts as their county.
    if (c.level !== JurisdictionLevel.COUNTY) {
      const [holds] = c.level === JurisdictionLevel.CITY ? await this.ds.query(`SELECT 1 FROM jurisdiction WHERE parent_id = $1 AND level = 'TOWNSHIP' LIMIT 1`, [c.id]) : [];
      if (!holds) throw new InputError(field, `${c.name} is not a county`, { name: c.name }, 'assessment.notACounty');
    }
    return c;
  }

  /** Totals, the minimum sample and ranks from the stored indicators and inspection scores. */
  private async rescore(m: EntityManager, assessmentId: string, scheme: AssessmentSchemeRow): Promise<void> {
    const rows: Array<{ township_id: number; indicators: StoredIndicators; evaluations: number; inspection_score: string | null }> = await m.query(
      `SELECT township_id, indicators, evaluations, inspection_score FROM assessment_score WHERE assessment_id = $1 ORDER BY township_id`,
      [assessmentId],
    );
    const scored = rows.map((r) => {
      const { total } = scoreTownship(
        {
          satisfaction: r.indicators.satisfaction,
          onTime: r.indicators.onTime,
          noticeCompliance: r.indicators.noticeCompliance,
          standardisation: r.indicators.standardisation,
          inspection: r.inspection_score == null ? null : Number(r.inspection_score) / 100,
        },
        scheme.weights,
      );
      return { id: r.township_id, total, insufficient: r.evaluations < scheme.minimumEvaluations };
    });
    const ranks = rankWithTies(scored.map((s) => (s.insufficient ? null : s.total)));
    await m.query(
      `UPDATE assessment_score s SET total = x.total, rank = x.rank, insufficient = x.insufficient
         FROM unnest($2::int[], $3::numeric[], $4::int[], $5::boolean[]) AS x(tid, total, rank, insufficient)
        WHERE s.assessment_id = $1 AND s.township_id = x.tid`,
      [assessmentId, scored.map((s) => s.id), scored.map((s) => s.total), ranks, scored.map((s) => s.insufficient)],
    );
  }

  /**
   * The data-driven indicators of every township of the county for the period. A row belongs to the township
   * whose id is the path element just below the county (any depth of tree).
   */
  private async compute(m: EntityManager, county: County, range: PeriodRange): Promise<Map<number, StoredIndicators>> {
    const township = `split_part(j.path, '.', ${county.depth + 2})::int`;
    const inCounty = `j.path LIKE $1 AND j.depth > ${county.depth}`;
    const params = [`${county.path}%`, range.from, range.to];
    // One after another: they share the transaction's connection.
    const townships: Array<{ id: number }> = await m.query(`SELECT id FROM jurisdiction WHERE parent_id = $1 AND level = 'TOWNSHIP' ORDER BY code`, [county.id]);
    const evaluations: Array<{ tid: number; n: number; satisfied: number }> = await m.query(
      `SELECT ${township} AS tid, count(*)::int AS n, count(*) FILTER (WHERE e.grade >= 3)::int AS satisfied
         FROM evaluation e JOIN jurisdiction j ON j.id = e.jurisdiction_id
        WHERE ${inCounty} AND e.evaluated_on BETWEEN $2::date AND $3::date AND NOT e.excluded GROUP BY 1`,
      params,
    );
    const completions: Array<{ tid: number; n: number; on_time: number }> = await m.query(
      `SELECT ${township} AS tid, count(*)::int AS n,
              count(*) FILTER (WHERE a.due_date IS NOT NULL AND (a.completed_at AT TIME ZONE 'Asia/Shanghai')::date <= a.due_date)::int AS on_time
         FROM application a JOIN jurisdiction j ON j.id = a.jurisdiction_id
        WHERE ${inCounty} AND a.completed_at >= ${DAY_START('$2')} AND a.completed_at < ${DAY_AFTER('$3')} GROUP BY 1`,
      params,
    );
    const notices: Array<{ tid: number; n: number; repeated: number }> = await m.query(
      `SELECT ${township} AS tid, count(DISTINCT n.application_id)::int AS n,
              count(DISTINCT n.application_id) FILTER (WHERE n.is_repeat)::int AS repeated
         FROM deficiency_notice n JOIN application a ON a.id = n.application_id JOIN jurisdiction j ON j.id = a.jurisdiction_id
        WHERE ${inCounty} AND n.issued_at >= ${DAY_START('$2')} AND n.issued_at < ${DAY_AFTER('$3')} GROUP BY 1`,
      params,
    );
    const places: Array<{ tid: number; level: JurisdictionLevel; status: CenterStatus | null; facilities: Facility[] | null; hall_area: string | null }> = await m.query(
      `SELECT ${township} AS tid, j.level, c.status, c.facilities, c.hall_area
         FROM jurisdiction j LEFT JOIN service_center c ON c.jurisdiction_id = j.id WHERE ${inCounty}`,
      [params[0]],
    );
    const byTid = <T extends { tid: number }>(rows: T[]) => new Map(rows.map((r) => [r.tid, r]));
    const ev = byTid(evaluations);
    const done = byTid(completions);
    const noticed = byTid(notices);
    const out = new Map<number, StoredIndicators>();
    for (const { id } of townships) {
      const counts: AssessmentCountsValues = {
        evaluations: ev.get(id)?.n ?? 0,
        satisfied: ev.get(id)?.satisfied ?? 0,
        completed: done.get(id)?.n ?? 0,
        completedOnTime: done.get(id)?.on_time ?? 0,
        noticed: noticed.get(id)?.n ?? 0,
        repeatNoticed: noticed.get(id)?.repeated ?? 0,
        places: 0,
        standardised: 0,
      };
      out.set(id, { satisfaction: null, onTime: null, noticeCompliance: null, standardisation: null, counts });
    }
    // A jurisdiction without a centre counts as not standardised (the rate is over places, not over centres).
    for (const p of places) {
      const counts = out.get(p.tid)?.counts;
      if (!counts) continue;
      counts.places++;
      if (p.status && isStandardized({ status: p.status, facilities: p.facilities ?? [], hallArea: p.hall_area == null ? null : Number(p.hall_area), level: p.level })) {
        counts.standardised++;
      }
    }
    for (const ind of out.values()) {
      const c = ind.counts;
      ind.satisfaction = rate(c.satisfied, c.evaluations);
      ind.onTime = rate(c.completedOnTime, c.completed);
      ind.noticeCompliance = c.noticed ? 1 - c.repeatNoticed / c.noticed : 1;
      ind.standardisation = rate(c.standardised, c.places);
    }
    return out;
  }
}
