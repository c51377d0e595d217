/**
 * Rectifications (差评整改) of the handling centre: the list of its subtree, the response (verify, answer, put
 * right) and the close after the follow-up with the citizen. Steps follow RECTIFICATION_TRANSITIONS of
 * packages/domain; each is one transaction with the row locked, audited, and the citizen notified.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { RECTIFICATION_TRANSITIONS, RectificationAction, RectificationStatus, Role } from '@weimin/domain';
import { coversPath, scopePaths, type RequestContext } from '../../common/context';
import { AppError, ForbiddenError, InputError, NotFoundError } from '../../common/errors';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../common/pagination';
import type { AuditService } from '../audit/audit.service';
import { message, type Message } from '../application/application.notifications';
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

/** What the citizen is told (the catalogue's `application.notice.RECTIFICATION_*`; the response is theirs to read as written). */
const NOTICE: Record<RectificationAction, (r: RectificationRow, text: string) => Message> = {
  RESPOND: (_r, text) => message('RECTIFICATION_RESPOND', { response: text }),
  CLOSE: () => message('RECTIFICATION_CLOSE', {}),
};

export class RectificationService {
  constructor(
    private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    /** The list's and a single read's DataSource (its plain reads may go to the read replica); steps use `ds`. */
    private readonly reads: DataSource = ds,
  ) {}

  /** Staff of the subtree, open ones first, soonest deadline first; keyset pages. */
  async list(ctx: RequestContext, filter: RectificationFilter, first?: number | null, after?: string | null): Promise<Connection<Rectification>> {
    const take = pageSize(first);
    const { sql, countSql, params } = await this.listStatement(ctx, filter, take, after);
    const [rows, count] = await Promise.all([
      this.reads.query(sql, params) as Promise<Array<RectificationRow & { key_closed: boolean; key_created: string }>>,
      this.reads.query(countSql.sql, countSql.params) as Promise<Array<{ n: number }>>,
    ]);
    const nodes = rows.slice(0, take);
    const last = nodes[nodes.length - 1];
    return {
      nodes: nodes.map((r) => toRectification(r, true)),
      totalCount: count[0].n,
      pageInfo: {
        hasNextPage: rows.length > take,
        endCursor: last ? encodeCursor(JSON.stringify([last.key_closed, last.deadline, last.key_created, last.id])) : null,
      },
    };
  }

  /**
   * The list's statement. The scope is an equality on the id at the viewer's depth of the row's path, so one
   * scope index (migration 1765400000001) serves scope and order; the page starts after the cursor's key.
   */
  async listStatement(ctx: RequestContext, filter: RectificationFilter, take: number, after?: string | null) {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const granted = scopePaths(ctx.viewer, RECTIFICATION_STAFF);
    if (!granted.length) throw new ForbiddenError('Rectifications are for clerks, supervisors and administrators', 'rectification.staffOnly');
    let scope = granted;
    if (filter.jurisdictionId != null) {
      const [target] = await this.reads.query(`SELECT path FROM jurisdiction WHERE id = $1`, [Number(filter.jurisdictionId) || 0]);
      if (!target) throw new InputError('filter.jurisdictionId', 'does not exist', {}, 'jurisdiction.unknown');
      if (!coversPath(ctx.viewer, RECTIFICATION_STAFF, target.path)) throw new ForbiddenError('That jurisdiction is outside your scope', 'forbidden.outsideScope');
      scope = [target.path];
    }
    const at = (path: string) => {
      const ids = path.split('.').filter(Boolean);
      return `nullif(split_part(r.jurisdiction_path, '.', ${ids.length}), '')::int = ${p(Number(ids[ids.length - 1]))}`;
    };
    const where = [`(${scope.map(at).join(' OR ')})`];
    if (filter.status?.length) where.push(`r.status = ANY(${p(filter.status)}::text[])`);
    if (filter.overdue != null) {
      where.push(`${filter.overdue ? '' : 'NOT '}(r.status <> 'CLOSED' AND r.deadline < ${p(this.calendar.today())}::date)`);
    }
    const countSql = { sql: `SELECT count(*)::int AS n FROM rectification r WHERE ${where.join(' AND ')}`, params: [...params] };
    const cursor = decodeCursor(after);
    if (cursor != null) {
      let key: unknown;
      try {
        key = JSON.parse(cursor);
      } catch {
        key = null;
      }
      const ok = Array.isArray(key) && key.length === 4 && typeof key[0] === 'boolean' && /^\d{4}-\d{2}-\d{2}$/.test(String(key[1])) && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(String(key[2])) && UUID.test(String(key[3]));
      if (!ok) throw new InputError('after', 'is not a cursor this API returned', {}, 'input.badCursor');
      const [closed, deadline, created, id] = key as [boolean, string, string, string];
      where.push(`((r.status = 'CLOSED'), r.deadline, r.created_at, r.id) > (${p(closed)}::boolean, ${p(deadline)}::date, ${p(created)}::timestamptz, ${p(id)}::uuid)`);
    }
    const sql = `
      SELECT r.*, to_char(r.deadline, 'YYYY-MM-DD') AS deadline, r.jurisdiction_path AS path,
             (r.status = 'CLOSED') AS key_closed, r.created_at::text AS key_created
        FROM rectification r
       WHERE ${where.join(' AND ')}
       ORDER BY (r.status = 'CLOSED'), r.deadline, r.created_at, r.id
       LIMIT ${take + 1}`;
    return { sql, countSql, params };
  }

  async get(ctx: RequestContext, id: string): Promise<Rectification | null> {
    if (!UUID.test(id)) return null;
    const [r]: RectificationRow[] = await this.reads.query(`${RECTIFICATION_SELECT} WHERE r.id = $1`, [id]);
    if (!r || !coversPath(ctx.viewer, RECTIFICATION_STAFF, r.path)) return null;
    return toRectification(r, true);
  }

  respond(ctx: RequestContext, id: string, input: RespondToRectificationInput): Promise<string> {
    const verification = input.verification.trim();
    const response = input.response.trim();
    if (verification.length < 2) throw new InputError('input.verification', 'state what verification found', {}, 'rectification.verificationRequired');
    if (response.length < 2) throw new InputError('input.response', 'state the answer to the citizen', {}, 'rectification.responseRequired');
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
    if (followUp.length < 2) throw new InputError('input.followUp', 'state how the follow-up with the citizen went', {}, 'rectification.followUpRequired');
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
      if (!coversPath(ctx.viewer, rule.by, r.path)) throw new ForbiddenError(`Only ${rule.by.join(' or ')} of the handling centre may ${action} this rectification`, 'rectification.notYourStep');
      if (r.status !== rule.from) {
        throw new AppError('INVALID_TRANSITION', `Cannot ${action} a rectification that is ${r.status}; it must be ${rule.from}`, { status: r.status }, 'rectification.wrongStatus');
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
  private async notify(m: EntityManager, r: RectificationRow, action: RectificationAction, n: Message): Promise<void> {
    await m.query(
      `INSERT INTO notification (user_id, phone, application_id, kind, title, body, message_key, params)
       SELECT coalesce(e.evaluated_by, a.applicant_user_id, CASE WHEN a.on_behalf THEN a.submitted_by END), a.applicant_phone, a.id, $2, $3, $4, $5, $6
         FROM evaluation e JOIN application a ON a.id = e.application_id WHERE e.id = $1`,
      [r.evaluation_id, `RECTIFICATION_${action}`, n.title, n.body, n.messageKey, JSON.stringify(n.params)],
    );
  }
}
