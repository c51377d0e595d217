/**
 * Rectifications (差评整改) of the handling centre: the list of its subtree, the response (verify, answer, put
 * right) and the close after the follow-up with the citizen. Steps follow RECTIFICATION_TRANSITIONS of
 * packages/domain; each is one transaction with the row locked, audited, and the citizen notified.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { RECTIFICATION_TRANSITIONS, RectificationAction, RectificationStatus, Role } from '@weimin/domain';
import { coversPath, type RequestContext } from '../../common/context';
import { AppError, ForbiddenError, InputError, NotFoundError } from '../../common/errors';
import { offsetConnection, offsetWindow, type Connection } from '../../common/pagination';
import { subtreeConditions } from '../../common/scope';
import type { AuditService } from '../audit/audit.service';
import type { CalendarService } from '../calendar/calendar.service';
import { toRectification, type CloseRectificationInput, type Rectification, type RectificationRow, type RespondToRectificationInput } from './evaluation.types';

/** Who sees rectifications of a jurisdiction (besides the citizen, on their own application). */
export const RECTIFICATION_STAFF = [Role.CLERK, Role.SUPERVISOR, Role.SYSTEM_ADMIN] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const RECTIFICATION_SELECT = `
  SELECT r.*, to_char(r.deadline, 'YYYY-MM-DD') AS deadline, j.path
    FROM rectification r JOIN jurisdiction j ON j.id = r.jurisdiction_id`;

export interface RectificationFilter {
  jurisdictionId?: string | null;
  status?: RectificationStatus[] | null;
  overdue?: boolean | null;
}

const NOTICE: Record<RectificationAction, (r: RectificationRow, text: string) => { title: string; body: string }> = {
  RESPOND: (_r, text) => ({ title: '差评整改答复', body: `您的评价已收到并核实，办理单位答复：${text}` }),
  CLOSE: () => ({ title: '差评整改已办结', body: '感谢您接受回访，您反映的问题已整改办结。' }),
};

export class RectificationService {
  constructor(
    private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
  ) {}

  /** Staff of the subtree, soonest deadline first. */
  async list(ctx: RequestContext, filter: RectificationFilter, first?: number | null, after?: string | null): Promise<Connection<Rectification>> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = await subtreeConditions(this.ds, ctx.viewer, RECTIFICATION_STAFF, filter.jurisdictionId, p, 'Rectifications are for clerks, supervisors and administrators');
    if (filter.status?.length) where.push(`r.status = ANY(${p(filter.status)}::text[])`);
    if (filter.overdue != null) {
      where.push(`${filter.overdue ? '' : 'NOT '}(r.status <> 'CLOSED' AND r.deadline < ${p(this.calendar.today())}::date)`);
    }
    const page = offsetWindow(first, after);
    const sql = where.join(' AND ');
    const [rows, count] = await Promise.all([
      this.ds.query(`${RECTIFICATION_SELECT} WHERE ${sql} ORDER BY (r.status = 'CLOSED'), r.deadline, r.created_at, r.id LIMIT ${page.take + 1} OFFSET ${page.offset}`, params) as Promise<RectificationRow[]>,
      this.ds.query(`SELECT count(*)::int AS n FROM rectification r JOIN jurisdiction j ON j.id = r.jurisdiction_id WHERE ${sql}`, params) as Promise<Array<{ n: number }>>,
    ]);
    return offsetConnection(rows.map((r) => toRectification(r, true)), count[0].n, page);
  }

  async get(ctx: RequestContext, id: string): Promise<Rectification | null> {
    if (!UUID.test(id)) return null;
    const [r]: RectificationRow[] = await this.ds.query(`${RECTIFICATION_SELECT} WHERE r.id = $1`, [id]);
    if (!r || !coversPath(ctx.viewer, RECTIFICATION_STAFF, r.path)) return null;
    return toRectification(r, true);
  }

  respond(ctx: RequestContext, id: string, input: RespondToRectificationInput): Promise<string> {
    const verification = input.verification.trim();
    const response = input.response.trim();
    if (verification.length < 2) throw new InputError('input.verification', 'state what verification found');
    if (response.length < 2) throw new InputError('input.response', 'state the answer to the citizen');
    return this.step(ctx, id, RectificationAction.RESPOND, response, async (m, r) => {
      await m.query(
        `UPDATE rectification SET status = 'RESPONDED', verification = $2, response = $3, responded_at = now(), responded_by = $4 WHERE id = $1`,
        [r.id, verification, response, ctx.viewer!.id],
      );
      return { verification, response };
    });
  }

  close(ctx: RequestContext, id: string, input: CloseRectificationInput): Promise<string> {
    const followUp = input.followUp.trim();
    if (followUp.length < 2) throw new InputError('input.followUp', 'state how the follow-up with the citizen went');
    return this.step(ctx, id, RectificationAction.CLOSE, followUp, async (m, r) => {
      await m.query(`UPDATE rectification SET status = 'CLOSED', follow_up = $2, closed_at = now(), closed_by = $3 WHERE id = $1`, [r.id, followUp, ctx.viewer!.id]);
      return { followUp };
    });
  }

  private async step(
    ctx: RequestContext,
    id: string,
    action: RectificationAction,
    text: string,
    apply: (m: EntityManager, r: RectificationRow) => Promise<Record<string, unknown>>,
  ): Promise<string> {
    if (!UUID.test(id)) throw new NotFoundError('Rectification', id);
    const rule = RECTIFICATION_TRANSITIONS[action];
    return this.ds.transaction(async (m) => {
      const [r]: RectificationRow[] = await m.query(`${RECTIFICATION_SELECT} WHERE r.id = $1 FOR UPDATE OF r`, [id]);
      if (!r || !coversPath(ctx.viewer, RECTIFICATION_STAFF, r.path)) throw new NotFoundError('Rectification', id);
      if (!coversPath(ctx.viewer, rule.by, r.path)) throw new ForbiddenError(`Only ${rule.by.join(' or ')} of the handling centre may ${action} this rectification`);
      if (r.status !== rule.from) {
        throw new AppError('INVALID_TRANSITION', `Cannot ${action} a rectification that is ${r.status}; it must be ${rule.from}`, { status: r.status });
      }
      const after = await apply(m, r);
      await this.notify(m, r, action, NOTICE[action](r, text));
      await this.audit.record(m, ctx, {
        action: `rectification.${action}`,
        entity: 'Rectification',
        entityId: r.id,
        jurisdictionId: r.jurisdiction_id,
        before: { status: r.status },
        after: { status: rule.to, ...after },
      });
      return r.id;
    });
  }

  /** To the citizen who rated (or the agent who applied for them), through the outbox. */
  private async notify(m: EntityManager, r: RectificationRow, action: RectificationAction, n: { title: string; body: string }): Promise<void> {
    await m.query(
      `INSERT INTO notification (user_id, phone, application_id, kind, title, body)
       SELECT coalesce(e.evaluated_by, a.applicant_user_id, CASE WHEN a.on_behalf THEN a.submitted_by END), a.applicant_phone, a.id, $2, $3, $4
         FROM evaluation e JOIN application a ON a.id = e.application_id WHERE e.id = $1`,
      [r.evaluation_id, `RECTIFICATION_${action}`, n.title, n.body],
    );
  }
}
