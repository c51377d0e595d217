/**
 * The application lifecycle: every action is one transaction that locks the application, checks the transition
 * table of packages/domain for the current state and the caller's role, applies the change, and writes the event,
 * the notification (outbox) and, for staff, the audit entry. Two clerks acting at once: the second waits for the
 * lock, then finds the new state and gets INVALID_TRANSITION.
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  Actor,
  ApplicationAction,
  ApplicationStatus,
  HandlingKind,
  MaterialNecessity,
  Role,
  STAGE_RULES,
  STAGE_TRANSITIONS,
  STATUS_ACTION_MOVES,
  StageKind,
  TRANSITIONS,
  can,
  checkRepeatNotice,
  isAvailableAtLevel,
  isValidIdNumber,
  stageAllows,
  type AnyAction,
  type ItemContent,
  type JurisdictionLevel,
  type StageMove,
} from '@weimin/domain';
import { coversPath, hasRole, type RequestContext } from '../../common/context';
import type { WorkCalendar } from '@weimin/domain';
import { AppError, ForbiddenError, InputError, NotFoundError } from '../../common/errors';
import type { AuditService } from '../audit/audit.service';
import type { CalendarService } from '../calendar/calendar.service';
import type { FileService } from '../file/file.service';
import { APPEAL_RIGHTS, actorsFor, mayRead, type ApplicationParties } from './application.access';
import { newLookupCode } from './tracking-guard';
import { notificationFor, stageNotification } from './application.notifications';
import { moveStage, openStage, passedByStation, pauseStageClock, stageStateOf, stageThatAskedForSupplement, type StageOutcome } from './application.stages';
import {
  DecisionResult,
  DeliveryMethod,
  type CompleteInput,
  type DeliverInput,
  type MaterialFilesInput,
  type NotifyDeficiencyInput,
  type RejectInput,
  type SubmitApplicationInput,
  type SupplementInput,
  type SuspendInput,
} from './application.types';

export interface ApplicationRow extends ApplicationParties {
  id: string;
  number: string;
  lookup_code: string;
  status: ApplicationStatus;
  service_item_id: string;
  item_version_id: string;
  jurisdiction_id: number;
  applicant_name: string;
  applicant_id_number: string;
  applicant_phone: string | null;
  submitted_at: Date;
  received_on: string;
  accepted_at: Date | null;
  accepted_on: string | null;
  deemed_accepted: boolean;
  receipt_number: string | null;
  due_date: string | null;
  supplement_deadline: string | null;
  completed_at: Date | null;
  delivered_at: Date | null;
  decision: Record<string, unknown> | null;
  rejection: Record<string, unknown> | null;
  delivery: Record<string, unknown> | null;
  form_data: Record<string, unknown>;
  consent: Record<string, unknown> | null;
  version: number;
  content: ItemContent;
  jurisdiction_code: string;
  /** Level of the place it was lodged at (the route through the chain depends on it). */
  jurisdiction_level: JurisdictionLevel;
  stage_index: number | null;
  stage_kind: StageKind | null;
  stage_center_id: number | null;
  stage_center_path: string | null;
  stage_arrived_on: string | null;
  stage_due_on: string | null;
  referred_to_id: number | null;
  extension: { workingDays: number; reason: string; extendedOn: string; previousDueDate: string | null } | null;
  no_phone: boolean;
  paper_originals: string[];
}

export const APPLICATION_SELECT = `
  SELECT a.*, to_char(a.received_on, 'YYYY-MM-DD') AS received_on, to_char(a.accepted_on, 'YYYY-MM-DD') AS accepted_on,
         to_char(a.due_date, 'YYYY-MM-DD') AS due_date, to_char(a.supplement_deadline, 'YYYY-MM-DD') AS supplement_deadline,
         to_char(a.stage_arrived_on, 'YYYY-MM-DD') AS stage_arrived_on, to_char(a.stage_due_on, 'YYYY-MM-DD') AS stage_due_on,
         j.path, j.code AS jurisdiction_code, j.level AS jurisdiction_level, v.content
    FROM application a
    JOIN jurisdiction j ON j.id = a.jurisdiction_id
    JOIN service_item_version v ON v.id = a.item_version_id`;

const DEFAULT_SUPPLEMENT_WORKING_DAYS = 15;

type Patch = Record<string, unknown>;

/** Limits a background run to some applications (tests run jobs beside other suites' data). */
export interface JobScope {
  ids?: string[];
}

interface StepResult {
  patch?: Patch;
  note?: string | null;
  after?: (m: EntityManager) => Promise<void>;
  /** Overrides the stage move of the action (a supplement after a return goes back to the stage that asked). */
  move?: StageMove | 'CLOSE' | { index: number };
  /** COLLECT → ACCEPT: the materials the station checked. */
  passedMaterials?: string[];
}

const OUTCOMES: Partial<Record<AnyAction, StageOutcome>> = {
  FORWARD: 'FORWARDED',
  RETURN: 'RETURNED',
  RETURN_FOR_SUPPLEMENT: 'RETURNED_FOR_SUPPLEMENT',
  SUPPLEMENT_AFTER_RETURN: 'SUPPLEMENTED',
  REFER: 'REFERRED',
  ACCEPT: 'ACCEPTED',
  DEEMED_ACCEPT: 'DEEMED_ACCEPTED',
  REJECT: 'REJECTED',
  COMPLETE: 'DECIDED',
  DELIVER: 'DELIVERED',
  WITHDRAW: 'WITHDRAWN',
  LAPSE: 'LAPSED',
  END_PUBLIC_NOTICE: 'NOTICE_ENDED',
};

const isStatusAction = (a: AnyAction): a is ApplicationAction => a in TRANSITIONS;

/** A unique violation of the named constraint (TypeORM's QueryFailedError carries the driver's fields). */
function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const d = e?.driverError ?? e;
  return d?.code === '23505' && d.constraint === constraint;
}

export class ApplicationService {
  constructor(
    private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    private readonly files: FileService,
    private readonly audit: AuditService,
  ) {}

  async submit(ctx: RequestContext, input: SubmitApplicationInput): Promise<string> {
    const viewer = ctx.viewer!;
    const existing = await this.byIdempotencyKey(viewer.id, input.idempotencyKey);
    if (existing) return existing;

    const jurisdictionId = Number(input.jurisdictionId);
    if (!Number.isSafeInteger(jurisdictionId) || jurisdictionId <= 0) throw new InputError('input.jurisdictionId', 'is not a jurisdiction id');
    const [place] = await this.ds.query(`SELECT id, code, path, level FROM jurisdiction WHERE id = $1`, [jurisdictionId]);
    if (!place) throw new InputError('input.jurisdictionId', 'does not exist');
    if (!/^[0-9a-f-]{36}$/i.test(input.serviceItemId)) throw new InputError('input.serviceItemId', 'is not a service item id');
    const [item] = await this.ds.query(
      `SELECT i.published_version_id AS version_id, v.owner_id, v.handling_level, v.content
         FROM service_item i JOIN service_item_version v ON v.id = i.published_version_id
        WHERE i.id = $1 AND i.status = 'PUBLISHED'`,
      [input.serviceItemId],
    );
    if (!item) throw new InputError('input.serviceItemId', 'is not a published service item');
    const ancestors = String(place.path).split('.').filter(Boolean).map(Number);
    if (!ancestors.includes(item.owner_id) || !isAvailableAtLevel(item.content, place.level)) {
      throw new InputError('input.jurisdictionId', 'the item is not available at this jurisdiction');
    }
    const content: ItemContent = item.content;
    if (content.exemption) {
      throw new InputError('input.serviceItemId', `this item is not yet handled in the centre; apply at ${content.exemption.office}, ${content.exemption.address} (${content.exemption.phone})`);
    }

    // Who applies: a citizen for themselves, or a village agent for a villager of their village.
    let applicant: { userId: string | null; name: string; idNumber: string; phone: string | null; onBehalf: boolean; consent: object | null };
    // Full-process agency: the village agent for a villager; walk-in (窗口代录): a clerk of the lodging centre.
    const walkIn = !!input.onBehalfOf && !coversPath(viewer, [Role.AGENT], place.path) && coversPath(viewer, [Role.CLERK], place.path);
    if (input.onBehalfOf) {
      if (!walkIn && !coversPath(viewer, [Role.AGENT], place.path)) throw new ForbiddenError('Only the agent of this village or a clerk of this centre may apply on someone\'s behalf here');
      const idNumber = input.onBehalfOf.idNumber.trim().toUpperCase();
      if (!isValidIdNumber(idNumber)) throw new InputError('input.onBehalfOf.idNumber', 'is not a valid resident ID number');
      const [user] = await this.ds.query(`SELECT id FROM app_user WHERE id_number = $1`, [idNumber]);
      applicant = {
        userId: user?.id ?? null,
        name: input.onBehalfOf.name.trim(),
        idNumber,
        phone: input.onBehalfOf.phone?.trim() || null,
        onBehalf: true,
        consent: { statement: input.onBehalfOf.consent.trim(), recordedBy: viewer.id, recordedAt: new Date().toISOString() },
      };
    } else {
      if (!hasRole(viewer, [Role.CITIZEN])) {
        throw new ForbiddenError('Citizens apply for themselves; agents must name the villager they apply for (onBehalfOf)');
      }
      if (!content.onlineCapable) throw new InputError('input.serviceItemId', 'this item cannot be applied for online; please go to the centre or your village station');
      const [user] = await this.ds.query(`SELECT name, id_number, phone FROM app_user WHERE id = $1`, [viewer.id]);
      if (!user?.id_number) throw new InputError('input', 'your account has no ID number; register as a citizen to apply');
      applicant = { userId: viewer.id, name: user.name, idNumber: user.id_number, phone: user.phone, onBehalf: false, consent: null };
    }

    if (!input.onBehalfOf && input.materials.some((x) => x.paperOriginal)) {
      throw new InputError('input.materials', 'only the station or the window records paper originals received');
    }
    await this.checkMaterials(viewer, content, input.materials, true);
    let formData: Record<string, unknown> = {};
    if (input.formData) {
      try {
        formData = JSON.parse(input.formData);
      } catch {
        throw new InputError('input.formData', 'is not valid JSON');
      }
      if (formData == null || typeof formData !== 'object' || Array.isArray(formData)) throw new InputError('input.formData', 'must be a JSON object');
    }

    const today = this.calendar.today();
    const cal = await this.calendar.calendar();
    try {
      return await this.insertSubmitted(ctx, input, place, item.version_id, applicant, formData, walkIn, today, cal);
    } catch (err) {
      // The same key arrived at the same moment and won (application_idempotency is filled by the insert's
      // statement trigger): this attempt is that application.
      if (!isUniqueViolation(err, 'application_idempotency_pkey')) throw err;
      return (await this.byIdempotencyKey(viewer.id, input.idempotencyKey)) as string;
    }
  }

  private insertSubmitted(
    ctx: RequestContext,
    input: SubmitApplicationInput,
    place: { id: number; code: string },
    versionId: string,
    applicant: { userId: string | null; name: string; idNumber: string; phone: string | null; onBehalf: boolean; consent: object | null },
    formData: Record<string, unknown>,
    walkIn: boolean,
    today: string,
    cal: WorkCalendar,
  ): Promise<string> {
    const viewer = ctx.viewer!;
    return this.ds.transaction(async (m) => {
      const [{ seq }] = await m.query(`SELECT nextval('application_number_seq') AS seq`);
      const number = `${place.code.slice(0, 6)}${today.replace(/-/g, '')}${String(seq).padStart(6, '0')}`;
      const lookupCode = newLookupCode();
      const inserted: Array<{ id: string }> = await m.query(
        `INSERT INTO application (number, lookup_code, status, service_item_id, item_version_id, jurisdiction_id, applicant_user_id,
                                  applicant_name, applicant_id_number, applicant_phone, submitted_by, on_behalf, consent, form_data,
                                  idempotency_key, received_on, no_phone, paper_originals)
         VALUES ($1, $2, 'SUBMITTED', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
        [number, lookupCode, input.serviceItemId, versionId, place.id, applicant.userId, applicant.name, applicant.idNumber,
          applicant.phone, viewer.id, applicant.onBehalf, applicant.consent && JSON.stringify(applicant.consent), JSON.stringify(formData),
          input.idempotencyKey, today, !applicant.phone, input.materials.filter((x) => x.paperOriginal).map((x) => x.requirement)],
      );
      const id = inserted[0].id;
      await this.addMaterials(m, id, input.materials, 1);
      const actor = walkIn ? Actor.CLERK : applicant.onBehalf ? Actor.AGENT : Actor.APPLICANT;
      await this.event(m, ctx, id, ApplicationAction.SUBMIT, null, ApplicationStatus.SUBMITTED, actor, applicant.onBehalf ? `${walkIn ? '窗口代录' : '代办'}：${applicant.name}` : null);
      const row = (await this.row(m, id)) as ApplicationRow;
      await openStage(m, row, cal, 0, today);
      await this.notify(m, row, ApplicationAction.SUBMIT);
      return id;
    });
  }

  accept(ctx: RequestContext, id: string) {
    return this.transition(ctx, id, ApplicationAction.ACCEPT, async (m, a) => {
      const acceptedOn = this.calendar.today();
      return { patch: await this.acceptancePatch(m, a, acceptedOn, false) };
    });
  }

  notifyDeficiency(ctx: RequestContext, id: string, input: NotifyDeficiencyInput) {
    return this.transition(ctx, id, ApplicationAction.NOTIFY_DEFICIENCY, async (m, a, actorId) => {
      const names = new Set(a.content.materials.map((x) => x.name));
      input.items.forEach((item, i) => {
        if (!names.has(item.material.trim())) throw new InputError(`input.items.${i}.material`, `"${item.material}" is not a material of this item`);
      });
      const cited = [...new Set(input.items.map((i) => i.material.trim()))];
      // The station's list at COLLECT is not the legal notice: the one-time rule binds the accepting window.
      const atStation = a.stage_kind === StageKind.COLLECT;
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM deficiency_notice WHERE application_id = $1 AND stage_kind <> 'COLLECT'`, [a.id]);
      // A material the station had passed counts against its pre-check (shown on dashboards), it is not refused.
      const precheckMisses = atStation ? [] : (await passedByStation(m, a.id)).filter((x) => cited.includes(x));
      if (n > 0 && !atStation) {
        const changed: Array<{ requirement: string }> = await m.query(
          `SELECT DISTINCT requirement FROM application_material WHERE application_id = $1
              AND round = (SELECT max(round) FROM application_material WHERE application_id = $1) AND round > 1`,
          [a.id],
        );
        const verdict = checkRepeatNotice({ previousNotices: n, citedMaterials: cited, changedInLatestSupplement: changed.map((c) => c.requirement) });
        if (!verdict.ok) {
          throw new AppError(
            'ONE_TIME_NOTICE_VIOLATION',
            `Everything missing must be listed in the first notice; a later notice may only cite materials changed in the latest supplement. Not changed: ${verdict.violating.join('、')}`,
            { violating: verdict.violating },
          );
        }
      }
      const cal = await this.calendar.calendar();
      const today = this.calendar.today();
      const deadline = input.supplementDeadline ?? cal.addWorkingDays(today, DEFAULT_SUPPLEMENT_WORKING_DAYS);
      if (deadline <= today) throw new InputError('input.supplementDeadline', 'must be after today');
      return {
        patch: { supplement_deadline: deadline },
        note: input.items.map((i) => `${i.material}：${i.problem}`).join('；'),
        after: async (mm) => {
          await mm.query(
            `INSERT INTO deficiency_notice (application_id, sequence, issued_by, items, supplement_deadline, is_repeat, stage_kind, center_id, precheck_misses)
             VALUES ($1, (SELECT coalesce(max(sequence), 0) + 1 FROM deficiency_notice WHERE application_id = $1), $2, $3, $4, $5, $6, $7, $8)`,
            [a.id, actorId, JSON.stringify(input.items.map((i) => ({ material: i.material.trim(), problem: i.problem.trim() }))), deadline, n > 0 && !atStation,
              a.stage_kind ?? StageKind.ACCEPT, a.stage_center_id, precheckMisses],
          );
        },
      };
    });
  }

  async supplement(ctx: RequestContext, id: string, input: SupplementInput) {
    // After acceptance (a later stage asked for more), the supplement goes back to the stage that asked.
    const pre = /^[0-9a-f-]{36}$/i.test(id) ? await this.row(this.ds, id) : null;
    const action = pre?.accepted_on ? ApplicationAction.SUPPLEMENT_AFTER_RETURN : ApplicationAction.SUPPLEMENT;
    return this.transition(ctx, id, action, async (m, a) => {
      await this.checkMaterials(ctx.viewer!, a.content, input.materials, false);
      // 补齐补正: everything the latest notice cited must come back at once (a later notice may not ask again).
      const [latest] = await m.query(
        `SELECT items FROM deficiency_notice WHERE application_id = $1 ORDER BY sequence DESC LIMIT 1`,
        [a.id],
      );
      const given = new Set(input.materials.map((x) => x.requirement));
      const missing = [...new Set(((latest?.items ?? []) as Array<{ material: string }>).map((i) => i.material))].filter((n) => !given.has(n));
      if (missing.length) {
        throw new InputError('input.materials', `the notice also asks for: ${missing.join('、')}`, { missing });
      }
      const [{ round }] = await m.query(`SELECT coalesce(max(round), 0) + 1 AS round FROM application_material WHERE application_id = $1`, [a.id]);
      const note = input.note ?? `补正：${input.materials.map((x) => x.requirement).join('、')}`;
      if (action === ApplicationAction.SUPPLEMENT_AFTER_RETURN) {
        const back = await stageThatAskedForSupplement(m, a.id);
        return { patch: { supplement_deadline: null }, note, after: (mm) => this.addMaterials(mm, a.id, input.materials, round), move: back == null ? 'STAY' : { index: back } };
      }
      const today = this.calendar.today();
      const cal = await this.calendar.calendar();
      return {
        // The five-day clock of Art. 32 runs again from the day the supplement arrives.
        patch: { supplement_deadline: null, received_on: today },
        note,
        after: async (mm) => {
          await this.addMaterials(mm, a.id, input.materials, round);
          if (a.stage_kind === StageKind.ACCEPT) {
            const due = cal.deemedAcceptanceDeadline(today);
            await mm.query(`UPDATE application_stage SET due_on = $2 WHERE application_id = $1 AND done_at IS NULL`, [a.id, due]);
            await mm.query(`UPDATE application SET stage_due_on = $2 WHERE id = $1`, [a.id, due]);
          }
        },
      };
    });
  }

  reject(ctx: RequestContext, id: string, input: RejectInput) {
    return this.transition(ctx, id, ApplicationAction.REJECT, async () => ({
      patch: {
        rejection: JSON.stringify({
          reason: input.reason.trim(),
          legalBasis: input.legalBasis.trim(),
          competentBody: input.competentBody?.trim() || null,
          appealRights: APPEAL_RIGHTS,
          rejectedAt: new Date().toISOString(),
        }),
      },
      note: input.reason,
    }));
  }

  suspend(ctx: RequestContext, id: string, input: SuspendInput) {
    return this.transition(ctx, id, ApplicationAction.SUSPEND, async (m, a, actorId) => ({
      note: `${input.kind}：${input.reason}`,
      after: async (mm) => {
        await mm.query(`INSERT INTO suspension (application_id, kind, reason, from_date, created_by) VALUES ($1, $2, $3, $4, $5)`, [
          a.id, input.kind, input.reason.trim(), this.calendar.today(), actorId,
        ]);
      },
    }));
  }

  resume(ctx: RequestContext, id: string) {
    return this.transition(ctx, id, ApplicationAction.RESUME, async (m, a) => {
      const today = this.calendar.today();
      const ended: Array<{ from: string }> = await m.query(
        `SELECT to_char(from_date, 'YYYY-MM-DD') AS "from" FROM suspension WHERE application_id = $1 AND to_date IS NULL`,
        [a.id],
      );
      await m.query(`UPDATE suspension SET to_date = $2 WHERE application_id = $1 AND to_date IS NULL`, [a.id, today]);
      const due = await this.computeDue(m, a, today);
      // The stage's own clock stood still too: its due date moves by the same days.
      const cal = await this.calendar.calendar();
      return { patch: { due_date: due.dueDate }, after: (mm) => Promise.all(ended.map((s) => pauseStageClock(mm, a, cal, s.from, today))).then(() => undefined) };
    });
  }

  complete(ctx: RequestContext, id: string, input: CompleteInput) {
    return this.transition(ctx, id, ApplicationAction.COMPLETE, async (_m, a) => {
      if (input.result === DecisionResult.DENIED && !input.reasons?.trim()) throw new InputError('input.reasons', 'a denial needs written reasons');
      const charged = a.content.fee && !a.content.fee.free;
      if (charged && input.result === DecisionResult.APPROVED && !input.feeReceiptNumber?.trim()) {
        throw new InputError('input.feeReceiptNumber', 'this item charges a fee: record the fee receipt number');
      }
      return {
        patch: {
          completed_at: new Date(),
          decision: JSON.stringify({
            result: input.result,
            reasons: input.reasons?.trim() || null,
            resultDocumentNumber: input.resultDocumentNumber?.trim() || null,
            feeReceiptNumber: input.feeReceiptNumber?.trim() || null,
            appealRights: input.result === DecisionResult.DENIED ? APPEAL_RIGHTS : null,
            decidedAt: new Date().toISOString(),
          }),
        },
        note: input.result === DecisionResult.APPROVED ? '准予' : `不予批准：${input.reasons}`,
      };
    });
  }

  deliver(ctx: RequestContext, id: string, input: DeliverInput) {
    return this.transition(ctx, id, ApplicationAction.DELIVER, async () => {
      if (input.method === DeliveryMethod.MAIL && !input.trackingNumber?.trim()) throw new InputError('input.trackingNumber', 'is required when the result is mailed');
      return {
        patch: {
          delivered_at: new Date(),
          delivery: JSON.stringify({ method: input.method, deliveredOn: this.calendar.today(), trackingNumber: input.trackingNumber?.trim() || null, note: input.note?.trim() || null }),
        },
        note: input.method,
      };
    });
  }

  withdraw(ctx: RequestContext, id: string, reason: string) {
    if (!reason?.trim()) throw new InputError('reason', 'is required');
    if (reason.length > 500) throw new InputError('reason', 'must be at most 500 characters');
    return this.transition(ctx, id, ApplicationAction.WITHDRAW, async () => ({ patch: { withdrawal_reason: reason.trim() }, note: reason.trim() }));
  }

  // ---------- system actions (background jobs) ----------

  /** Art. 32: SUBMITTED with no decision within 5 working days of receipt → accepted as of the receipt day. */
  async runDeemedAcceptance(scope: JobScope = {}): Promise<number> {
    const cal = await this.calendar.calendar();
    const today = this.calendar.today();
    const only = scope.ids ? ` AND id = ANY($1::uuid[])` : '';
    const days: Array<{ d: string }> = await this.ds.query(
      `SELECT DISTINCT to_char(received_on, 'YYYY-MM-DD') AS d FROM application WHERE status = 'SUBMITTED' AND stage_kind IS DISTINCT FROM 'COLLECT'${only}`,
      scope.ids ? [scope.ids] : [],
    );
    const overdue = days.map((x) => x.d).filter((d) => cal.deemedAcceptanceDeadline(d) < today);
    if (!overdue.length) return 0;
    const ids: Array<{ id: string }> = await this.ds.query(
      `SELECT id FROM application WHERE status = 'SUBMITTED' AND stage_kind IS DISTINCT FROM 'COLLECT' AND received_on = ANY($1::date[])${scope.ids ? ' AND id = ANY($2::uuid[])' : ''}`,
      scope.ids ? [overdue, scope.ids] : [overdue],
    );
    let n = 0;
    for (const { id } of ids) {
      n += await this.systemTransition(id, ApplicationAction.DEEMED_ACCEPT, async (a, m) => ({
        patch: await this.acceptancePatch(m, a, a.received_on, true),
        note: `自收到申请材料之日起5个工作日内未作出决定，自${a.received_on}起视为受理（《行政许可法》第三十二条）`,
      }));
    }
    return n;
  }

  /** DEFICIENT past the supplement deadline → LAPSED. */
  async runLapses(scope: JobScope = {}): Promise<number> {
    const today = this.calendar.today();
    const ids: Array<{ id: string }> = await this.ds.query(
      `SELECT id FROM application WHERE status = 'DEFICIENT' AND supplement_deadline < $1::date${scope.ids ? ' AND id = ANY($2::uuid[])' : ''}`,
      scope.ids ? [today, scope.ids] : [today],
    );
    let n = 0;
    for (const { id } of ids) {
      n += await this.systemTransition(id, ApplicationAction.LAPSE, async (a) => ({ note: `补正期限 ${a.supplement_deadline} 已过，未补正` }));
    }
    return n;
  }

  // ---------- internals ----------

  async computeDue(m: EntityManager | DataSource, a: ApplicationRow, today: string, acceptedOn = a.accepted_on as string) {
    const cal = await this.calendar.calendar();
    const suspensions: Array<{ from: string; to: string | null }> = await m.query(
      `SELECT to_char(from_date, 'YYYY-MM-DD') AS "from", to_char(to_date, 'YYYY-MM-DD') AS "to" FROM suspension WHERE application_id = $1 ORDER BY from_date`,
      [a.id],
    );
    const instant = a.content.handlingKind === HandlingKind.INSTANT;
    const due = cal.dueDate({ acceptedOn, limit: instant ? 0 : a.content.promisedLimit, unit: a.content.promisedUnit, suspensions, today });
    if (!a.extension) return due;
    // Art. 42: the one extension moves the decision period by its working days.
    const extended = cal.addWorkingDays(due.dueDate, a.extension.workingDays);
    return {
      ...due,
      dueDate: extended,
      explanation: [...due.explanation, `延期：${a.extension.extendedOn} 决定延长 ${a.extension.workingDays} 个工作日（《行政许可法》第四十二条），理由：${a.extension.reason}；办结期限顺延至 ${extended}。`],
      explanationEn: [...due.explanationEn, `Extended on ${a.extension.extendedOn} by ${a.extension.workingDays} working days (Art. 42): ${a.extension.reason}; due ${extended}.`],
    };
  }

  private async acceptancePatch(m: EntityManager, a: ApplicationRow, acceptedOn: string, deemed: boolean): Promise<Patch> {
    const due = await this.computeDue(m, a, this.calendar.today(), acceptedOn);
    return {
      accepted_at: new Date(),
      accepted_on: acceptedOn,
      deemed_accepted: deemed,
      receipt_number: `SL${a.number}`,
      due_date: due.dueDate,
    };
  }

  /**
   * One action on one application, in one transaction: lock, scope, the status table (status actions), the stage
   * table (at the current stage, by this party), the step, the status change, the stage move, the event, the
   * notification and, for staff, the audit entry.
   */
  async transition(
    ctx: RequestContext,
    id: string,
    action: AnyAction,
    step: (m: EntityManager, a: ApplicationRow, actorId: string) => Promise<StepResult>,
  ): Promise<string> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError('Application', id);
    // Everything inside the transaction must use its connection: load the calendar first, so that no step waits
    // for a second pooled connection while holding one (under load that starves the pool).
    const cal = await this.calendar.calendar();
    return this.ds.transaction(async (m) => {
      const a = await this.row(m, id, true);
      if (!a || !mayRead(ctx.viewer, a)) throw new NotFoundError('Application', id);
      const today = this.calendar.today();
      const actors = actorsFor(ctx.viewer, a);
      const statusRule = isStatusAction(action) ? TRANSITIONS[action] : null;
      const stageRule = a.stage_kind ? STAGE_RULES[a.stage_kind].find((r) => r.action === action) : undefined;
      const allowed = (statusRule?.by ?? stageRule?.by ?? []).filter((b): b is Actor => b !== 'PUBLIC' && (!stageRule || stageRule.by.includes(b)));
      // A clerk whose scope does not reach the centre now holding it (another level's or county's) sees nothing to act on.
      const hidden = () => new NotFoundError('Application', id);
      if (!actors.length) throw hasRole(ctx.viewer, [Role.CLERK]) ? hidden() : new ForbiddenError(`You may not ${action} this application`);
      let to = a.status;
      if (statusRule) {
        const verdict = can(action as ApplicationAction, a.status, actors.find((x) => statusRule.by.includes(x)) ?? actors[0]);
        if (!verdict.ok && verdict.code === 'INVALID_TRANSITION') throw new AppError('INVALID_TRANSITION', verdict.reason, { status: a.status, stage: a.stage_kind });
        to = statusRule.to;
      }
      const state = await stageStateOf(m, a, today);
      if (state && !stageRule) {
        throw new AppError('INVALID_TRANSITION', `${action} is not possible at the ${a.stage_kind} stage`, { status: a.status, stage: a.stage_kind, messageKey: 'linkage.errors.wrongStage' });
      }
      if (!state && !statusRule) throw new AppError('INVALID_TRANSITION', `${action} is not possible: the application is ${a.status}`, { status: a.status });
      const actor = allowed.find((x) => actors.includes(x));
      if (!actor) {
        if (allowed.includes(Actor.CLERK) && hasRole(ctx.viewer, [Role.CLERK])) throw hidden();
        throw new ForbiddenError(`Only ${allowed.join(' or ')} may ${action} this application${a.stage_kind ? ` at the ${a.stage_kind} stage` : ''}`);
      }
      if (statusRule) {
        const verdict = can(action as ApplicationAction, a.status, actor);
        if (!verdict.ok) throw new AppError(verdict.code, verdict.reason, { status: a.status });
      }
      if (state) {
        const v = stageAllows(action, state, actor);
        if (!v.ok) throw new AppError(v.code, v.reason, { status: a.status, stage: a.stage_kind, messageKey: `linkage.errors.${v.key}` });
      }
      const result = await step(m, a, ctx.viewer!.id);
      await this.apply(m, a, to, result.patch ?? {});
      await result.after?.(m);
      await this.event(m, ctx, a.id, action, a.status, to, actor, result.note ?? null);
      const arrived = await this.moveFor(m, a, cal, today, action, result);
      const fresh = (await this.row(m, id)) as ApplicationRow;
      await this.notify(m, fresh, action, arrived);
      if (actor === Actor.CLERK) {
        await this.audit.record(m, ctx, {
          action: `application.${action}`,
          entity: 'Application',
          entityId: a.id,
          jurisdictionId: a.jurisdiction_id,
          before: { status: a.status, stage: a.stage_kind, stageIndex: a.stage_index },
          after: { status: to, stage: fresh.stage_kind, stageIndex: fresh.stage_index, ...(result.patch ?? {}) },
        });
      }
      return a.id;
    });
  }

  /** The stage move of an action (its own, or the step's override); returns whether it arrived at a new stage. */
  private async moveFor(m: EntityManager, a: ApplicationRow, cal: WorkCalendar, today: string, action: AnyAction, result: StepResult): Promise<boolean> {
    const move = result.move ?? (isStatusAction(action) ? STATUS_ACTION_MOVES[action] : STAGE_TRANSITIONS[action].move);
    if (!move || move === 'STAY' || a.stage_index == null) return false;
    const outcome = OUTCOMES[action] ?? 'FORWARDED';
    // The route depends on the patched row (a referral changes the centre); the caller's copy stays as it was.
    const moving = { ...a, ...(result.patch?.referred_to_id != null ? { referred_to_id: result.patch.referred_to_id as number } : {}) };
    const arrived = await moveStage(m, moving, cal, today, move, outcome, result.note ?? null, { passedMaterials: result.passedMaterials });
    return !!arrived;
  }

  async systemTransition(id: string, action: AnyAction, step: (a: ApplicationRow, m: EntityManager) => Promise<StepResult>): Promise<number> {
    // Load the calendar before taking a connection for the transaction (see transition()).
    const cal = await this.calendar.calendar();
    return this.ds.transaction(async (m) => {
      const a = await this.row(m, id, true);
      if (!a) return 0;
      const today = this.calendar.today();
      let to = a.status;
      if (isStatusAction(action)) {
        const verdict = can(action, a.status, Actor.SYSTEM);
        if (!verdict.ok) return 0; // someone acted meanwhile
        to = verdict.to;
      }
      const state = await stageStateOf(m, a, today);
      if (state && !stageAllows(action, state, Actor.SYSTEM).ok) return 0;
      if (!state && !isStatusAction(action)) return 0;
      const result = await step(a, m);
      await this.apply(m, a, to, result.patch ?? {});
      await m.query(
        `INSERT INTO application_event (application_id, action, from_status, to_status, actor_role, note) VALUES ($1, $2, $3, $4, 'SYSTEM', $5)`,
        [a.id, action, a.status, to, result.note ?? null],
      );
      const arrived = await this.moveFor(m, a, cal, today, action, result);
      await this.notify(m, (await this.row(m, id)) as ApplicationRow, action, arrived);
      return 1;
    });
  }

  private async apply(m: EntityManager, a: ApplicationRow, to: ApplicationStatus, patch: Patch): Promise<void> {
    const cols = Object.keys(patch);
    const sets = cols.map((c, i) => `${c} = $${i + 3}`);
    await m.query(
      `UPDATE application SET status = $2, version = version + 1, updated_at = now()${sets.length ? ', ' + sets.join(', ') : ''} WHERE id = $1`,
      [a.id, to, ...cols.map((c) => patch[c])],
    );
  }

  private async event(m: EntityManager, ctx: RequestContext, id: string, action: AnyAction, from: ApplicationStatus | null, to: ApplicationStatus, actor: Actor, note: string | null) {
    await m.query(
      `INSERT INTO application_event (application_id, action, from_status, to_status, actor_id, actor_role, note) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, action, from, to, ctx.viewer?.id ?? null, actor, note],
    );
  }

  private async notify(m: EntityManager, a: ApplicationRow, action: AnyAction, arrivedAtStage = false): Promise<void> {
    // Status actions have their own wording; a stage move that changes no status says where the application went.
    const n = (isStatusAction(action) ? notificationFor(a, action) : null) ?? (arrivedAtStage || action === 'EXTEND' ? await stageNotification(m, a, action) : null);
    if (!n) return;
    await m.query(
      `INSERT INTO notification (user_id, phone, application_id, kind, title, body) VALUES ($1, $2, $3, $4, $5, $6)`,
      [a.applicant_user_id ?? (a.on_behalf ? a.submitted_by : null), a.applicant_phone, a.id, action, n.title, n.body],
    );
  }

  async row(m: EntityManager | DataSource, id: string, lock = false): Promise<ApplicationRow | null> {
    const rows: ApplicationRow[] = await m.query(`${APPLICATION_SELECT} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`, [id]);
    return rows[0] ?? null;
  }

  private async byIdempotencyKey(userId: string, key: string, m: EntityManager | DataSource = this.ds): Promise<string | null> {
    const rows: Array<{ id: string }> = await m.query(`SELECT application_id AS id FROM application_idempotency WHERE submitted_by = $1 AND idempotency_key = $2`, [userId, key]);
    return rows[0]?.id ?? null;
  }

  private async checkMaterials(viewer: NonNullable<RequestContext['viewer']>, content: ItemContent, materials: MaterialFilesInput[], initial: boolean) {
    const byName = new Map(content.materials.map((x) => [x.name, x]));
    const given = new Set<string>();
    materials.forEach((x, i) => {
      if (!byName.has(x.requirement)) throw new InputError(`input.materials.${i}.requirement`, `"${x.requirement}" is not a material of this item`);
      if (given.has(x.requirement)) throw new InputError(`input.materials.${i}.requirement`, `"${x.requirement}" is listed twice`);
      if (!x.fileIds.length && !x.paperOriginal) throw new InputError(`input.materials.${i}.fileIds`, 'attach the files, or (station or window) mark the paper original received');
      given.add(x.requirement);
    });
    if (initial) {
      const missing = content.materials.filter((x) => x.necessity === MaterialNecessity.REQUIRED && !given.has(x.name)).map((x) => x.name);
      if (missing.length) throw new InputError('input.materials', `required materials are missing: ${missing.join('、')}`, { missing });
    }
    await this.files.assertOwned(viewer, materials.flatMap((x) => x.fileIds));
  }

  private async addMaterials(m: EntityManager, id: string, materials: MaterialFilesInput[], round: number) {
    const rows = materials.flatMap((x) => x.fileIds.map((f) => [x.requirement, f]));
    await m.query(
      `INSERT INTO application_material (application_id, requirement, file_id, round)
       SELECT $1, x.requirement, x.file_id, $4 FROM unnest($2::text[], $3::uuid[]) AS x(requirement, file_id)`,
      [id, rows.map((r) => r[0]), rows.map((r) => r[1]), round],
    );
  }
}
