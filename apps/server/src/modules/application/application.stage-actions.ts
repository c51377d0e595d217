/**
 * The stage moves of the four-level linkage (转报, 退回, 移送, 延期, 异议): each goes through the one transition of
 * ApplicationService (lock, scope, status and stage tables, event, stage rows, notification, audit). The public
 * may object to a notice; the public-notice period ends by itself (a background job) when nobody objected.
 */
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import {
  ApplicationAction,
  LEVEL_ORDER,
  StageAction,
  StageKind,
  extensionLimitOf,
  stageAllows,
  type JurisdictionLevel,
} from '@weimin/domain';
import type { RequestContext } from '../../common/context';
import { AppError, InputError, NotFoundError, RateLimitedError } from '../../common/errors';
import type { CalendarService } from '../calendar/calendar.service';
import { noteColumns, type ApplicationService, type JobScope } from './application.service';
import { historyNote } from './application.notifications';
import { routeOf, stageStateOf } from './application.stages';
import type { ExtendInput, ObjectionInput, ResolveObjectionInput, ReturnApplicationInput } from './application.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_SUPPLEMENT_WORKING_DAYS = 15;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function text(field: string, v: string | null | undefined, min: number, max: number): string {
  const t = (v ?? '').trim();
  if (t.length < min) throw new InputError(field, min <= 1 ? 'is required' : `needs at least ${min} characters`, { min }, 'linkage.textTooShort');
  if (t.length > max) throw new InputError(field, `must be at most ${max} characters`, { max }, 'linkage.textTooLong');
  if (CONTROL.test(t)) throw new InputError(field, 'must not contain control characters', {}, 'linkage.controlCharacters');
  return t;
}

export interface ObjectionLimits {
  /** Objections one address may lodge per window. */
  perIp: number;
  windowSeconds: number;
}

export class ApplicationStageActions {
  private readonly objectionLimiter: RateLimiterPostgres;

  constructor(
    private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    private readonly applications: ApplicationService,
    limits: ObjectionLimits = { perIp: 5, windowSeconds: 3600 },
  ) {
    this.objectionLimiter = new RateLimiterPostgres({
      storeClient: ds, storeType: 'typeorm', tableName: 'login_limit', tableCreated: true, keyPrefix: 'objection', points: limits.perIp, duration: limits.windowSeconds,
    });
  }

  /** 转报: pass the application to the next stage's centre. From COLLECT it arrives at the accepting window today. */
  forward(ctx: RequestContext, id: string, note?: string | null) {
    const n = note == null || note === '' ? null : text('note', note, 1, 500);
    return this.applications.transition(ctx, id, StageAction.FORWARD, async (m, a) => {
      if (a.stage_kind !== StageKind.COLLECT) return { note: n };
      // Read with the row by the write path (rowForWrite).
      const given = (a as { material_requirements?: string[] | null }).material_requirements
        ?? ((await m.query(`SELECT DISTINCT requirement FROM application_material WHERE application_id = $1`, [a.id])) as Array<{ requirement: string }>).map((r) => r.requirement);
      const passed = [...new Set([...given, ...a.paper_originals])];
      // Deemed acceptance (Art. 32) counts from the day the papers reach the accepting centre.
      return { note: n, passedMaterials: passed, patch: { received_on: this.calendar.today() } };
    }, { optimistic: true });
  }

  /**
   * 退回: back to the previous stage with reasons; with materials, back through the accepting window to the
   * applicant as a (repeat) deficiency notice, and after the supplement to the stage that asked.
   */
  async returnApplication(ctx: RequestContext, id: string, input: ReturnApplicationInput) {
    const reason = text('input.reason', input.reason, 2, 1000);
    if (!input.materials?.length) return this.applications.transition(ctx, id, StageAction.RETURN, async () => ({ note: reason }));
    const cal = await this.calendar.calendar();
    return this.applications.transition(ctx, id, ApplicationAction.RETURN_FOR_SUPPLEMENT, async (m, a, actorId) => {
      const names = new Set(a.content.materials.map((x) => x.name));
      const items = (input.materials ?? []).map((x, i) => {
        const material = text(`input.materials.${i}.material`, x.material, 1, 200);
        if (!names.has(material)) throw new InputError(`input.materials.${i}.material`, `"${material}" is not a material of this item`, { material }, 'application.unknownMaterial');
        return { material, problem: text(`input.materials.${i}.problem`, x.problem, 2, 500) };
      });
      const today = this.calendar.today();
      const deadline = input.supplementDeadline ?? cal.addWorkingDays(today, DEFAULT_SUPPLEMENT_WORKING_DAYS);
      if (deadline <= today) throw new InputError('input.supplementDeadline', 'must be after today', {}, 'application.deadlineAfterToday');
      const accept = routeOf(a).find((s) => s.kind === StageKind.ACCEPT);
      if (!accept) throw new AppError('INVALID_TRANSITION', 'this chain has no accepting window to return through', {}, 'linkage.noReturnTarget');
      const [acceptCentre] = await m.query(
        `SELECT center_id FROM application_stage WHERE application_id = $1 AND kind = 'ACCEPT' ORDER BY id DESC LIMIT 1`,
        [a.id],
      );
      return {
        patch: { supplement_deadline: deadline },
        ...historyNote('returnForSupplement', { reason, items }),
        move: { index: accept.index },
        after: async (mm) => {
          // Counted as a repeat notice of the accepting window: everything should have been asked at acceptance.
          await mm.query(
            `INSERT INTO deficiency_notice (application_id, sequence, issued_by, items, supplement_deadline, is_repeat, stage_kind, center_id)
             VALUES ($1, (SELECT coalesce(max(sequence), 0) + 1 FROM deficiency_notice WHERE application_id = $1), $2, $3, $4, true, $5, $6)`,
            [a.id, actorId, JSON.stringify(items), deadline, a.stage_kind, acceptCentre?.center_id ?? a.jurisdiction_id],
          );
        },
      };
    });
  }

  /** 移送: before acceptance, to the right centre of the same level in the same county; days count from today. */
  async refer(ctx: RequestContext, id: string, toJurisdictionId: string, reasonRaw: string) {
    const reason = text('reason', reasonRaw, 2, 1000);
    const target = Number(toJurisdictionId);
    if (!Number.isSafeInteger(target) || target <= 0) throw new InputError('toJurisdictionId', 'is not a jurisdiction id', {}, 'input.badId');
    return this.applications.transition(ctx, id, StageAction.REFER, async (m, a) => {
      const [to] = await m.query(`SELECT id, name, level, path FROM jurisdiction WHERE id = $1`, [target]);
      if (!to) throw new InputError('toJurisdictionId', 'does not exist', {}, 'jurisdiction.unknown');
      const [here] = await m.query(`SELECT level, path FROM jurisdiction WHERE id = $1`, [a.stage_center_id]);
            if (to.id === a.stage_center_id) throw new InputError('toJurisdictionId', 'is the centre that holds it now', {}, 'linkage.referTarget');
      if (to.level !== here.level) throw new InputError('toJurisdictionId', `must be a centre of the same level (${here.level as string})`, { level: here.level as string }, 'linkage.referTarget');
      const counties: Array<{ n: number }> = await m.query(
        `SELECT count(DISTINCT id)::int AS n FROM jurisdiction WHERE level = 'COUNTY' AND (id = ANY(string_to_array(rtrim($1, '.'), '.')::int[]) OR id = ANY(string_to_array(rtrim($2, '.'), '.')::int[]))`,
        [to.path, here.path],
      );
      if (LEVEL_ORDER.indexOf(here.level as JurisdictionLevel) <= LEVEL_ORDER.indexOf('COUNTY' as JurisdictionLevel) || counties[0].n !== 1) {
        throw new InputError('toJurisdictionId', 'must be in the same county', {}, 'linkage.referTarget');
      }
      return { patch: { referred_to_id: to.id, received_on: this.calendar.today() }, ...historyNote('refer', { centre: to.name, reason }) };
    });
  }

  /** 延期 (Art. 42): once, up to the item's extension limit, with reasons told to the applicant. */
  async extend(ctx: RequestContext, id: string, input: ExtendInput) {
    const reason = text('input.reason', input.reason, 2, 1000);
    const cal = await this.calendar.calendar();
    return this.applications.transition(ctx, id, StageAction.EXTEND, async (m, a) => {
      const max = extensionLimitOf(a.content);
      if (!Number.isInteger(input.workingDays) || input.workingDays < 1 || input.workingDays > max) {
        throw new InputError('input.workingDays', `must be a whole number of working days from 1 to ${max}`, { max }, 'linkage.extendTooLong');
      }
      const today = this.calendar.today();
      const extension = { workingDays: input.workingDays, reason, extendedOn: today, previousDueDate: a.due_date };
      const dueDate = a.due_date ? cal.addWorkingDays(a.due_date, input.workingDays) : null;
      const stageDue = a.stage_due_on ? cal.addWorkingDays(a.stage_due_on, input.workingDays) : null;
      return {
        patch: { extension: JSON.stringify(extension), due_date: dueDate, stage_due_on: stageDue },
        ...historyNote('extend', { days: input.workingDays, count: input.workingDays, reason }),
        after: async (mm) => {
          await mm.query(`UPDATE application_stage SET due_on = coalesce($2, due_on), extended_days = $3, note = $4 WHERE application_id = $1 AND done_at IS NULL`, [
            a.id, stageDue, input.workingDays, reason,
          ]);
        },
      };
    });
  }

  /** 异议: anyone may object to an application on a public-notice board; limited per address. */
  async object(ctx: RequestContext, applicationId: string, input: ObjectionInput): Promise<string> {
    const name = text('input.name', input.name, 1, 50);
    const phone = text('input.phone', input.phone, 5, 30);
    if (!/^[0-9+\-() ]{5,30}$/.test(phone)) throw new InputError('input.phone', 'must be a telephone number', {}, 'input.notAPhone');
    const reason = text('input.reason', input.reason, 5, 1000);
    if (!UUID.test(applicationId)) throw new NotFoundError('PublicNotice', applicationId);
    const key = ctx.ip || 'unknown';
    const used = await this.objectionLimiter.get(key);
    if (used && used.consumedPoints >= this.objectionLimiter.points) throw new RateLimitedError(used.msBeforeNext / 1000);
    const today = this.calendar.today();
    const id = await this.ds.transaction(async (m) => {
      const a = await this.applications.row(m, applicationId, true);
      const state = a && (await stageStateOf(m, a, today));
      // Only what is on a board now is public: anything else looks the same as missing.
      if (!a || !state || !stageAllows(StageAction.OBJECT, state, 'PUBLIC').ok || (a.stage_due_on && a.stage_due_on < today)) {
        throw new AppError('NOT_FOUND', `PublicNotice ${applicationId} was not found`, { entity: 'PublicNotice', id: applicationId }, 'linkage.notOnBoard');
      }
      const [{ id: stageId }] = await m.query(`SELECT id FROM application_stage WHERE application_id = $1 AND done_at IS NULL ORDER BY id DESC LIMIT 1`, [a.id]);
      const [{ id: objectionId }] = await m.query(
        `INSERT INTO public_notice_objection (application_id, stage_id, name, phone, reason, ip) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [a.id, stageId, name, phone, reason, ctx.ip ?? null],
      );
      await m.query(
        `INSERT INTO application_event (application_id, action, from_status, to_status, actor_role, note, note_key, note_params) VALUES ($1, 'OBJECT', $2, $2, 'PUBLIC', $3, $4, $5)`,
        [a.id, a.status, ...noteColumns(historyNote('objection', { reason }))],
      );
      return objectionId as string;
    });
    try {
      await this.objectionLimiter.consume(key);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
    }
    return id;
  }

  /** The stage's clerk records how an objection was checked; then passes or returns the application. */
  async resolveObjection(ctx: RequestContext, objectionId: string, input: ResolveObjectionInput): Promise<string> {
    const resolution = text('input.resolution', input.resolution, 2, 1000);
    if (!UUID.test(objectionId)) throw new NotFoundError('Objection', objectionId);
    const [o] = await this.ds.query(`SELECT application_id, resolved_at FROM public_notice_objection WHERE id = $1`, [objectionId]);
    if (!o) throw new NotFoundError('Objection', objectionId);
    return this.applications.transition(ctx, o.application_id, StageAction.RESOLVE_OBJECTION, async (m, _a, actorId) => {
      const done = await m.query(
        `UPDATE public_notice_objection SET resolution = $2, upheld = $3, resolved_by = $4, resolved_at = now() WHERE id = $1 AND resolved_at IS NULL RETURNING id`,
        [objectionId, resolution, input.upheld, actorId],
      );
      if (!done.length) throw new AppError('INVALID_TRANSITION', 'this objection was resolved already', {}, 'linkage.noObjection');
      return historyNote(input.upheld ? 'objectionUpheld' : 'objectionDismissed', { resolution });
    });
  }

  /** A public notice whose period passed without any objection ends by itself; the application goes on. */
  async runPublicNoticeEnds(scope: JobScope = {}): Promise<number> {
    const today = this.calendar.today();
    const ids: Array<{ id: string }> = await this.ds.query(
      `SELECT a.id FROM application a
        WHERE a.stage_kind = 'PUBLIC_NOTICE' AND a.stage_due_on < $1::date
          AND NOT EXISTS (SELECT 1 FROM public_notice_objection o JOIN application_stage s ON s.application_id = o.application_id AND s.id = o.stage_id
                           WHERE o.application_id = a.id AND s.done_at IS NULL)${scope.ids ? ' AND a.id = ANY($2::uuid[])' : ''}`,
      scope.ids ? [today, scope.ids] : [today],
    );
    let n = 0;
    for (const { id } of ids) {
      n += await this.applications.systemTransition(id, StageAction.END_PUBLIC_NOTICE, async (a) => historyNote('noticeEnded', { from: a.stage_arrived_on, to: a.stage_due_on }));
    }
    return n;
  }
}
