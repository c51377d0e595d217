/**
 * Evaluations (好差评): the applicant rates an ended application once; a bad rating opens a rectification in the
 * same transaction; a supervisor excludes a rating verified as malicious (appeal); a background task records the
 * optional default grade. Rectifications themselves: rectification.service.ts.
 */
import type { DataSource } from 'typeorm';
import { ApplicationStatus, Role, addCalendarDays, isBadGrade, isEvaluable } from '@weimin/domain';
import { coversPath, type RequestContext, type Viewer } from '../../common/context';
import { AppError, ForbiddenError, InputError, NotFoundError } from '../../common/errors';
import { mayRead, type ApplicationParties } from '../application/application.access';
import type { JobScope } from '../application/application.service';
import type { AuditService } from '../audit/audit.service';
import type { CalendarService } from '../calendar/calendar.service';
import type { PolicyService } from '../policy/policy.service';
import type { EvaluationInput, EvaluationRow } from './evaluation.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_GRADE_BATCH = 500;

/** Who rates: the applicant, or the agent who applied on the villager's behalf. */
export function mayEvaluate(viewer: Viewer | null, a: Pick<ApplicationParties, 'applicant_user_id' | 'submitted_by'>): boolean {
  return !!viewer && (a.applicant_user_id === viewer.id || a.submitted_by === viewer.id);
}

interface RatedApplication extends ApplicationParties {
  id: string;
  status: ApplicationStatus;
  jurisdiction_id: number;
  service_item_id: string;
}

export class EvaluationService {
  constructor(
    private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
  ) {}

  /** Rates an application; returns the evaluation id. */
  async evaluate(ctx: RequestContext, applicationId: string, input: EvaluationInput): Promise<string> {
    if (!UUID.test(applicationId)) throw new NotFoundError('Application', applicationId);
    const comment = input.comment?.trim() || null;
    if (comment && comment.length > 500) throw new InputError('input.comment', 'must be at most 500 characters', { max: 500 }, 'input.tooLong');
    const cal = await this.calendar.calendar();
    const today = this.calendar.today();
    return this.ds.transaction(async (m) => {
      // The application row lock orders us against a second rating and the default-grade task.
      const [a]: RatedApplication[] = await m.query(
        `SELECT a.id, a.status, a.applicant_user_id, a.submitted_by, a.on_behalf, a.jurisdiction_id, a.service_item_id, j.path
           FROM application a JOIN jurisdiction j ON j.id = a.jurisdiction_id WHERE a.id = $1 FOR UPDATE OF a`,
        [applicationId],
      );
      if (!a || !mayRead(ctx.viewer, a)) throw new NotFoundError('Application', applicationId);
      if (!mayEvaluate(ctx.viewer, a)) throw new ForbiddenError('Only the applicant, or the agent who applied for them, may rate this application', 'evaluation.onlyApplicant');
      if (!isEvaluable(a.status)) {
        throw new AppError('INVALID_TRANSITION', `An application can be rated once it is completed, delivered or rejected; it is ${a.status}`, { status: a.status }, 'evaluation.notFinished');
      }
      const [existing] = await m.query(`SELECT id FROM evaluation WHERE application_id = $1`, [a.id]);
      if (existing) throw new AppError('INVALID_TRANSITION', 'This application has already been rated', { evaluationId: existing.id }, 'evaluation.ratedAlready');
      const [{ id }] = await m.query(
        `INSERT INTO evaluation (application_id, jurisdiction_id, service_item_id, grade, overall, efficiency, guide_accuracy, convenience, ease_of_use,
                                 comment, evaluated_by, evaluated_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [a.id, a.jurisdiction_id, a.service_item_id, input.grade, input.overall, input.efficiency, input.guideAccuracy, input.convenience, input.easeOfUse,
          comment, ctx.viewer!.id, today],
      );
      if (isBadGrade(input.grade)) {
        // The deadline of the city the application was lodged in.
        const { rectificationDeadlineDays } = await this.policy.settingsAt(a.path);
        await m.query(
          `INSERT INTO rectification (evaluation_id, application_id, jurisdiction_id, status, deadline) VALUES ($1, $2, $3, 'OPEN', $4)`,
          [id, a.id, a.jurisdiction_id, cal.addWorkingDays(today, rectificationDeadlineDays)],
        );
      }
      return id as string;
    });
  }

  /** Appeal: a supervisor covering the handling jurisdiction leaves a rating verified as malicious out of the statistics. */
  async exclude(ctx: RequestContext, id: string, reason: string): Promise<string> {
    if (!UUID.test(id)) throw new NotFoundError('Evaluation', id);
    const why = reason?.trim() ?? '';
    if (why.length < 2) throw new InputError('reason', 'state why the rating is excluded (what verification found)', {}, 'evaluation.excludeReason');
    if (why.length > 1000) throw new InputError('reason', 'must be at most 1000 characters', { max: 1000 }, 'input.tooLong');
    return this.ds.transaction(async (m) => {
      const [e]: Array<EvaluationRow & { path: string }> = await m.query(
        `SELECT e.*, j.path FROM evaluation e JOIN jurisdiction j ON j.id = e.jurisdiction_id WHERE e.id = $1 FOR UPDATE OF e`,
        [id],
      );
      if (!e || !coversPath(ctx.viewer, [Role.SUPERVISOR, Role.CLERK, Role.SYSTEM_ADMIN], e.path)) throw new NotFoundError('Evaluation', id);
      if (!coversPath(ctx.viewer, [Role.SUPERVISOR], e.path)) throw new ForbiddenError('Only a supervisor of this jurisdiction may exclude a rating', 'evaluation.onlySupervisor');
      if (e.excluded) throw new AppError('INVALID_TRANSITION', 'This rating is already excluded from the statistics', {}, 'evaluation.excludedAlready');
      await m.query(`UPDATE evaluation SET excluded = true, excluded_reason = $2, excluded_by = $3, excluded_at = now() WHERE id = $1`, [id, why, ctx.viewer!.id]);
      await this.audit.record(m, ctx, {
        action: 'excludeEvaluation',
        entity: 'Evaluation',
        entityId: id,
        jurisdictionId: e.jurisdiction_id,
        before: { excluded: false, grade: e.grade },
        after: { excluded: true, reason: why },
      });
      return id;
    });
  }

  /**
   * The optional default grade: applications completed (or delivered) more than `defaultGradeAfterDays` calendar
   * days ago and still unrated get 非常满意, marked as a default. Off unless the policy sets the number of days:
   * each city keeping its own number is graded by it, every other by the platform's.
   */
  async runDefaultGrades(scope: JobScope = {}): Promise<number> {
    const { platform, cities } = await this.policy.byCity();
    const own = cities.filter((c) => c.values.defaultGradeAfterDays !== platform.defaultGradeAfterDays);
    const inCity = (c: { id: number; path: string }) => `a.scope_d${c.path.split('.').filter(Boolean).length - 1} = ${Number(c.id)}`;
    let total = 0;
    for (const c of own) {
      if (c.values.defaultGradeAfterDays != null) total += await this.defaultGradesWhere(c.values.defaultGradeAfterDays, scope, [inCity(c)]);
    }
    if (platform.defaultGradeAfterDays != null) {
      total += await this.defaultGradesWhere(platform.defaultGradeAfterDays, scope, own.map((c) => `NOT coalesce(${inCity(c)}, false)`));
    }
    return total;
  }

  private async defaultGradesWhere(days: number, scope: JobScope, where: string[]): Promise<number> {
    const today = this.calendar.today();
    // Completed on a China day before this one: that day is more than N days ago.
    const before = addCalendarDays(today, -days);
    let total = 0;
    for (;;) {
      const params: unknown[] = [before, today, DEFAULT_GRADE_BATCH];
      if (scope.ids) params.push(scope.ids);
      const rows: unknown[] = await this.ds.query(
        `WITH due AS (
           SELECT a.id, a.jurisdiction_id, a.service_item_id FROM application a
            WHERE a.status IN ('COMPLETED', 'DELIVERED')
              AND a.completed_at < ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai')
              AND NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.application_id = a.id)
              ${scope.ids ? 'AND a.id = ANY($4::uuid[])' : ''}${where.map((w) => ` AND ${w}`).join('')}
            ORDER BY a.completed_at LIMIT $3
            FOR UPDATE OF a SKIP LOCKED)
         INSERT INTO evaluation (application_id, jurisdiction_id, service_item_id, grade, overall, efficiency, guide_accuracy, convenience, ease_of_use,
                                 evaluated_on, is_default)
         SELECT id, jurisdiction_id, service_item_id, 5, 5, 5, 5, 5, 5, $2::date, true FROM due
         ON CONFLICT (application_id) DO NOTHING RETURNING id`,
        params,
      );
      total += rows.length;
      if (rows.length < DEFAULT_GRADE_BATCH) return total;
    }
  }
}
