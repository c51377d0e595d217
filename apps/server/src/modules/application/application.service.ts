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
  stageDueOn,
  returnTarget,
  type AnyAction,
  type ItemContent,
  type JurisdictionLevel,
  type RoutedStage,
  type StageMove,
} from '@weimin/domain';
import { coversPath, hasRole, type RequestContext } from '../../common/context';
import type { TextParams, WorkCalendar } from '@weimin/domain';
import { AppError, ForbiddenError, InputError, NotFoundError } from '../../common/errors';
import type { AuditService } from '../audit/audit.service';
import type { CalendarService } from '../calendar/calendar.service';
import type { FileService } from '../file/file.service';
import { APPEAL_RIGHTS, actorsFor, mayRead, type ApplicationParties } from './application.access';
import { newLookupCode } from './tracking-guard';
import { historyNote, notificationFor, ref, stageMoveMessage, stageNotification } from './application.notifications';
import { moveStage, passedByStation, pauseStageClock, routeOf, stageStateOf, stageThatAskedForSupplement, type StageOutcome } from './application.stages';
import { CombinedStatement, ItemContentCache, lineOf, pickCentre, rememberWritten, type LineNode } from './application.write';
import { queryGeneric } from '../../db/planned';
import { PARENT_TABLES, forgetPartitions, isMissingTable, rowTables, type RowTables } from '../../db/month-partitions';
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

const dateColumns = (t = '') => `to_char(${t}received_on, 'YYYY-MM-DD') AS received_on, to_char(${t}accepted_on, 'YYYY-MM-DD') AS accepted_on,
  to_char(${t}due_date, 'YYYY-MM-DD') AS due_date, to_char(${t}supplement_deadline, 'YYYY-MM-DD') AS supplement_deadline,
  to_char(${t}stage_arrived_on, 'YYYY-MM-DD') AS stage_arrived_on, to_char(${t}stage_due_on, 'YYYY-MM-DD') AS stage_due_on`;

/** The row as the write path reads it (rowForWrite): the application with what its rules and moves need. */
export interface WriteRow extends ApplicationRow {
  referred_level: JurisdictionLevel | null;
  referred_path: string | null;
  line: LineNode[];
  suspensions: Array<{ from: string; to: string | null }>;
  open_objections: number | null;
  material_requirements: string[] | null;
}

interface Decided {
  a: WriteRow;
  to: ApplicationStatus;
  actor: Actor;
  action: AnyAction;
  result: StepResult;
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

export interface StepResult {
  patch?: Patch;
  /** The history line in zh-CN (kept for readers of the old field); with noteKey, the words of that key. */
  note?: string | null;
  /** The catalogue key of a line the server composes, and its parameters (what a person typed is a parameter). */
  noteKey?: string | null;
  noteParams?: TextParams | null;
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
  /** Item versions are immutable: their content is read once per process. */
  readonly contents = new ItemContentCache();
  /** The published version last seen per item: a submit then skips the content it already has. */
  private readonly publishedVersion = new Map<string, string>();

  constructor(
    private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    private readonly files: FileService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Submit in three statements: one read of everything the rules need (an earlier submit with the key, the place
   * and its line, the published item, the applicant, the files' owner), then one statement that writes the
   * application with its first stage, materials, event and notification; the key's unique row (application_idempotency)
   * settles two submits with one key at the same moment: the loser's statement writes nothing and it answers with the
   * winner's id.
   */
  async submit(ctx: RequestContext, input: SubmitApplicationInput): Promise<string> {
    const viewer = ctx.viewer!;
    const jurisdictionId = Number(input.jurisdictionId);
    const placeOk = Number.isSafeInteger(jurisdictionId) && jurisdictionId > 0 && jurisdictionId <= 2 ** 31 - 1;
    const itemOk = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.serviceItemId);
    const onBehalfId = input.onBehalfOf ? input.onBehalfOf.idNumber.trim().toUpperCase() : null;
    const fileIds = input.materials.flatMap((x) => x.fileIds);
    const filesOk = fileIds.every((f) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(f));
    const [pre] = await queryGeneric(this.ds,
      `SELECT (SELECT application_id FROM application_idempotency WHERE submitted_by = $1 AND idempotency_key = $2) AS existing,
              j.id AS place_id, j.code AS place_code, j.path AS place_path, j.level AS place_level, ${lineOf('j.path')} AS line,
              i.published_version_id AS version_id, v.owner_id,
              CASE WHEN v.id IS NOT NULL AND v.id IS DISTINCT FROM $6::uuid THEN v.content END AS content,
              u.name AS viewer_name, u.id_number AS viewer_id_number, u.phone AS viewer_phone,
              (SELECT id FROM app_user WHERE id_number = $5) AS on_behalf_user_id,
              (SELECT coalesce(array_agg(id::text), '{}') FROM stored_file WHERE id = ANY($7::uuid[]) AND owner_id = $1) AS owned_files
         FROM (SELECT 1) one
         LEFT JOIN jurisdiction j ON j.id = $3
         LEFT JOIN service_item i ON i.id = $4 AND i.status = 'PUBLISHED'
         LEFT JOIN service_item_version v ON v.id = i.published_version_id
         LEFT JOIN app_user u ON u.id = $1`,
      [viewer.id, input.idempotencyKey, placeOk ? jurisdictionId : null, itemOk ? input.serviceItemId : null, onBehalfId,
        (itemOk && this.publishedVersion.get(input.serviceItemId)) || null, filesOk ? fileIds : []],
    );
    if (pre.existing) return pre.existing;

    if (!placeOk) throw new InputError('input.jurisdictionId', 'is not a jurisdiction id', {}, 'input.badId');
    if (!pre.place_id) throw new InputError('input.jurisdictionId', 'does not exist', {}, 'jurisdiction.unknown');
    const place = { id: pre.place_id as number, code: pre.place_code as string, path: pre.place_path as string, level: pre.place_level as JurisdictionLevel };
    if (!itemOk) throw new InputError('input.serviceItemId', 'is not a service item id', {}, 'input.badId');
    if (!pre.version_id) throw new InputError('input.serviceItemId', 'is not a published service item', {}, 'application.itemNotPublished');
    const content: ItemContent = pre.content ? this.contents.put(pre.version_id, pre.content) : await this.contents.get(this.ds, pre.version_id);
    this.publishedVersion.set(input.serviceItemId, pre.version_id);
    const ancestors = String(place.path).split('.').filter(Boolean).map(Number);
    if (!ancestors.includes(pre.owner_id) || !isAvailableAtLevel(content, place.level)) {
      throw new InputError('input.jurisdictionId', 'the item is not available at this jurisdiction', {}, 'application.notAvailableHere');
    }
    if (content.exemption) {
      throw new InputError('input.serviceItemId', `this item is not yet handled in the centre; apply at ${content.exemption.office}, ${content.exemption.address} (${content.exemption.phone})`, { office: content.exemption.office, address: content.exemption.address, phone: content.exemption.phone }, 'application.notInCentre');
    }

    // Who applies: a citizen for themselves, or a village agent for a villager of their village.
    let applicant: { userId: string | null; name: string; idNumber: string; phone: string | null; onBehalf: boolean; consent: object | null };
    // Full-process agency: the village agent for a villager; walk-in (窗口代录): a clerk of the lodging centre.
    const walkIn = !!input.onBehalfOf && !coversPath(viewer, [Role.AGENT], place.path) && coversPath(viewer, [Role.CLERK], place.path);
    if (input.onBehalfOf) {
      if (!walkIn && !coversPath(viewer, [Role.AGENT], place.path)) throw new ForbiddenError('Only the agent of this village or a clerk of this centre may apply on someone\'s behalf here', 'application.onBehalfHere');
      const idNumber = onBehalfId as string;
      if (!isValidIdNumber(idNumber)) throw new InputError('input.onBehalfOf.idNumber', 'is not a valid resident ID number', {}, 'account.idNumberInvalid');
      // An empty phone must be a decision (没有手机), not an omission: the person would never hear of the application.
      const phone = input.onBehalfOf.phone?.trim() || null;
      if (!phone && !input.onBehalfOf.noPhone) throw new InputError('input.onBehalfOf.phone', 'give the mobile, or mark the person as having no phone (noPhone)', {}, 'application.phoneOrNoPhone');
      if (phone && input.onBehalfOf.noPhone) throw new InputError('input.onBehalfOf.phone', 'a person marked as having no phone has no mobile to give', {}, 'application.phoneOrNoPhone');
      applicant = {
        userId: pre.on_behalf_user_id ?? null,
        name: input.onBehalfOf.name.trim(),
        idNumber,
        phone,
        onBehalf: true,
        consent: { statement: input.onBehalfOf.consent.trim(), recordedBy: viewer.id, recordedAt: new Date().toISOString() },
      };
    } else {
      if (!hasRole(viewer, [Role.CITIZEN])) {
        throw new ForbiddenError('Citizens apply for themselves; agents must name the villager they apply for (onBehalfOf)', 'application.onBehalfOnly');
      }
      if (!content.onlineCapable) throw new InputError('input.serviceItemId', 'this item cannot be applied for online; please go to the centre or your village station', {}, 'application.notOnline');
      if (!pre.viewer_id_number) throw new InputError('input', 'your account has no ID number; register as a citizen to apply', {}, 'application.noIdNumber');
      applicant = { userId: viewer.id, name: pre.viewer_name, idNumber: pre.viewer_id_number, phone: pre.viewer_phone, onBehalf: false, consent: null };
    }

    if (!input.onBehalfOf && input.materials.some((x) => x.paperOriginal)) {
      throw new InputError('input.materials', 'only the station or the window records paper originals received', {}, 'application.paperOnlyAtDesk');
    }
    this.checkMaterialList(content, input.materials, true);
    const owned = new Set<string>((pre.owned_files as string[]).map((f) => f.toLowerCase()));
    const bad = fileIds.find((f) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(f));
    if (bad !== undefined) throw new InputError('input.materials', `${bad.slice(0, 40)} is not a file id`, {}, 'input.badId');
    const notOwned = fileIds.find((f) => !owned.has(f.toLowerCase()));
    if (notOwned) throw new InputError('input.materials', `file ${notOwned} is not one of your uploads`, {}, 'file.notYours');
    let formData: Record<string, unknown> = {};
    if (input.formData) {
      try {
        formData = JSON.parse(input.formData);
      } catch {
        throw new InputError('input.formData', 'is not valid JSON', {}, 'input.notJson');
      }
      if (formData == null || typeof formData !== 'object' || Array.isArray(formData)) throw new InputError('input.formData', 'must be a JSON object', {}, 'input.notAnObject');
    }

    const today = this.calendar.today();
    const cal = await this.calendar.calendar();
    // The first stage of the route, at its centre on the line above the place.
    const route = routeOf({ content, jurisdiction_level: place.level });
    const first = route[0];
    if (!first) throw new Error(`item ${input.serviceItemId} has no stage at ${place.level}`);
    const centre = pickCentre(pre.line as LineNode[], place.path, null, first.level);
    if (!centre) throw new Error(`no ${first.level} jurisdiction above jurisdiction ${place.id}`);
    const stageDue = stageDueOn(cal, first, today);
    const lookupCode = newLookupCode();
    const actor = walkIn ? Actor.CLERK : applicant.onBehalf ? Actor.AGENT : Actor.APPLICANT;
    const NUMBER = '\u27e6number\u27e7';
    const message = notificationFor({ number: NUMBER, due_date: null, supplement_deadline: null, content, lookup_code: lookupCode }, ApplicationAction.SUBMIT);
    const submitNote = applicant.onBehalf ? historyNote(walkIn ? 'walkIn' : 'onBehalf', { name: applicant.name }) : null;
    const materialRows = input.materials.flatMap((x) => x.fileIds.map((f) => [x.requirement, f]));
    const w = new CombinedStatement()
      .add('seq', `SELECT nextval('application_number_seq') AS n`, [])
      .add('app', `
        INSERT INTO application (number, lookup_code, status, service_item_id, item_version_id, jurisdiction_id, applicant_user_id,
                                 applicant_name, applicant_id_number, applicant_phone, submitted_by, on_behalf, consent, form_data,
                                 idempotency_key, received_on, no_phone, paper_originals,
                                 stage_index, stage_kind, stage_center_id, stage_center_path, stage_arrived_on, stage_due_on)
        SELECT $1 || CASE WHEN seq.n < 1000000 THEN lpad(seq.n::text, 6, '0') ELSE seq.n::text END,
               $2, 'SUBMITTED', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 0, $18, $19, $20, $15, $21
          FROM seq
        RETURNING *, ${dateColumns()}`,
      [`${place.code.slice(0, 6)}${today.replace(/-/g, '')}`, lookupCode, input.serviceItemId, pre.version_id, place.id, applicant.userId, applicant.name,
        applicant.idNumber, applicant.phone, viewer.id, applicant.onBehalf, applicant.consent && JSON.stringify(applicant.consent), JSON.stringify(formData),
        input.idempotencyKey, today, !applicant.phone, input.materials.filter((x) => x.paperOriginal).map((x) => x.requirement),
        first.kind, centre.id, centre.path, stageDue])
      .add('materials', `
        INSERT INTO application_material (application_id, requirement, file_id, round)
        SELECT app.id, x.requirement, x.file_id, 1 FROM app, unnest($1::text[], $2::uuid[]) AS x(requirement, file_id)`,
      [materialRows.map((r) => r[0]), materialRows.map((r) => r[1])])
      .add('event', `
        INSERT INTO application_event (application_id, action, from_status, to_status, actor_id, actor_role, note, note_key, note_params)
        SELECT app.id, 'SUBMIT', NULL, 'SUBMITTED', $1, $2, $3, $4, $5 FROM app`,
      [viewer.id, actor, submitNote?.note ?? null, submitNote?.noteKey ?? null, submitNote ? JSON.stringify(submitNote.noteParams) : null])
      .add('stage', `
        INSERT INTO application_stage (application_id, stage_index, kind, name, level, center_id, limit_days, unit, arrived_on, due_on)
        SELECT app.id, 0, $1, $2, $3, $4, $5, $6, $7, $8 FROM app`,
      [first.kind, first.name, first.level, centre.id, first.limit, first.unit, today, stageDue]);
    if (message) {
      w.add('outbox', `
        INSERT INTO notification (user_id, phone, application_id, kind, title, body, message_key, params)
        SELECT $1, $2, app.id, 'SUBMIT', $3, replace($4, $5, app.number), $6, jsonb_set($7::jsonb, '{number}', to_jsonb(app.number)) FROM app`,
      [applicant.userId ?? (applicant.onBehalf ? viewer.id : null), applicant.phone, message.title, message.body, NUMBER, message.messageKey, JSON.stringify(message.params)]);
    }
    let rows: ApplicationRow[];
    try {
      rows = await queryGeneric(this.ds, w.sql(`SELECT * FROM app`), w.params);
    } catch (err) {
      // The same key arrived at the same moment and won (application_idempotency is filled by the insert's
      // statement trigger, so this statement wrote nothing): this attempt is that application.
      if (!isUniqueViolation(err, 'application_idempotency_pkey')) throw err;
      return (await this.byIdempotencyKey(viewer.id, input.idempotencyKey)) as string;
    }
    rememberWritten(ctx, rows[0].id, { ...rows[0], path: place.path, jurisdiction_code: place.code, jurisdiction_level: place.level, content });
    return rows[0].id;
  }

  accept(ctx: RequestContext, id: string) {
    return this.transition(ctx, id, ApplicationAction.ACCEPT, async (m, a) => {
      const acceptedOn = this.calendar.today();
      return { patch: await this.acceptancePatch(m, a, acceptedOn, false) };
    }, { optimistic: true });
  }

  notifyDeficiency(ctx: RequestContext, id: string, input: NotifyDeficiencyInput) {
    return this.transition(ctx, id, ApplicationAction.NOTIFY_DEFICIENCY, async (m, a, actorId) => {
      const names = new Set(a.content.materials.map((x) => x.name));
      input.items.forEach((item, i) => {
        if (!names.has(item.material.trim())) throw new InputError(`input.items.${i}.material`, `"${item.material}" is not a material of this item`, { material: item.material }, 'application.unknownMaterial');
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
            { violating: verdict.violating, list: verdict.violating.join('、') },
            'application.noticeOnce',
          );
        }
      }
      const cal = await this.calendar.calendar();
      const today = this.calendar.today();
      const deadline = input.supplementDeadline ?? cal.addWorkingDays(today, DEFAULT_SUPPLEMENT_WORKING_DAYS);
      if (deadline <= today) throw new InputError('input.supplementDeadline', 'must be after today', {}, 'application.deadlineAfterToday');
      return {
        patch: { supplement_deadline: deadline },
        ...historyNote('deficiency', { items: input.items.map((i) => ({ material: i.material.trim(), problem: i.problem.trim() })) }),
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
        throw new InputError('input.materials', `the notice also asks for: ${missing.join('、')}`, { missing, list: missing.join('、') }, 'application.noticeAlsoAsks');
      }
      const [{ round }] = await m.query(`SELECT coalesce(max(round), 0) + 1 AS round FROM application_material WHERE application_id = $1`, [a.id]);
      // What the applicant wrote is theirs; otherwise the line names the materials.
      const note = input.note ? { note: input.note } : historyNote('supplement', { materials: input.materials.map((x) => x.requirement) });
      if (action === ApplicationAction.SUPPLEMENT_AFTER_RETURN) {
        const back = await stageThatAskedForSupplement(m, a.id);
        return { patch: { supplement_deadline: null }, ...note, after: (mm) => this.addMaterials(mm, a.id, input.materials, round), move: back == null ? 'STAY' : { index: back } };
      }
      const today = this.calendar.today();
      const cal = await this.calendar.calendar();
      return {
        // The five-day clock of Art. 32 runs again from the day the supplement arrives.
        patch: { supplement_deadline: null, received_on: today },
        ...note,
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
      ...historyNote('suspend', { procedure: ref(`application.procedure.${input.kind}`), reason: input.reason.trim() }),
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
      // The suspensions as just closed, not as read with the row.
      const due = await this.computeDue(m, { ...a, suspensions: undefined } as ApplicationRow, today, undefined, false);
      // The stage's own clock stood still too: its due date moves by the same days.
      const cal = await this.calendar.calendar();
      return { patch: { due_date: due.dueDate }, after: (mm) => Promise.all(ended.map((s) => pauseStageClock(mm, a, cal, s.from, today))).then(() => undefined) };
    });
  }

  complete(ctx: RequestContext, id: string, input: CompleteInput) {
    return this.transition(ctx, id, ApplicationAction.COMPLETE, async (_m, a) => {
      if (input.result === DecisionResult.DENIED && !input.reasons?.trim()) throw new InputError('input.reasons', 'a denial needs written reasons', {}, 'application.denialReasons');
      const charged = a.content.fee && !a.content.fee.free;
      if (charged && input.result === DecisionResult.APPROVED && !input.feeReceiptNumber?.trim()) {
        throw new InputError('input.feeReceiptNumber', 'this item charges a fee: record the fee receipt number', {}, 'application.feeReceipt');
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
        ...(input.result === DecisionResult.APPROVED ? historyNote('approved') : historyNote('denied', { reasons: input.reasons!.trim() })),
      };
    });
  }

  deliver(ctx: RequestContext, id: string, input: DeliverInput) {
    return this.transition(ctx, id, ApplicationAction.DELIVER, async () => {
      if (input.method === DeliveryMethod.MAIL && !input.trackingNumber?.trim()) throw new InputError('input.trackingNumber', 'is required when the result is mailed', {}, 'application.trackingNumber');
      return {
        patch: {
          delivered_at: new Date(),
          delivery: JSON.stringify({ method: input.method, deliveredOn: this.calendar.today(), trackingNumber: input.trackingNumber?.trim() || null, note: input.note?.trim() || null }),
        },
        ...historyNote('deliver', { method: ref(`application.delivery.${input.method}`) }),
      };
    });
  }

  withdraw(ctx: RequestContext, id: string, reason: string) {
    if (!reason?.trim()) throw new InputError('reason', 'is required', {}, 'input.required');
    if (reason.length > 500) throw new InputError('reason', 'must be at most 500 characters', { max: 500 }, 'input.tooLong');
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
        ...historyNote('deemedAccept', { receivedOn: a.received_on }),
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
      n += await this.systemTransition(id, ApplicationAction.LAPSE, async (a) => historyNote('lapse', { deadline: a.supplement_deadline }));
    }
    return n;
  }

  // ---------- internals ----------

  /** The due date with its explanation; `explain: false` (the write path) leaves the explanation out. */
  async computeDue(m: EntityManager | DataSource, a: ApplicationRow, today: string, acceptedOn = a.accepted_on as string, explain = true) {
    const cal = await this.calendar.calendar();
    const prefetched = (a as Partial<WriteRow>).suspensions;
    const suspensions: Array<{ from: string; to: string | null }> = prefetched ?? await m.query(
      `SELECT to_char(from_date, 'YYYY-MM-DD') AS "from", to_char(to_date, 'YYYY-MM-DD') AS "to" FROM suspension WHERE application_id = $1 ORDER BY from_date`,
      [a.id],
    );
    const instant = a.content.handlingKind === HandlingKind.INSTANT;
    const due = cal.dueDate({ acceptedOn, limit: instant ? 0 : a.content.promisedLimit, unit: a.content.promisedUnit, suspensions, today, explain });
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
    const due = await this.computeDue(m, a, this.calendar.today(), acceptedOn, false);
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
   *
   * `optimistic` (actions whose step only reads: accept, forward): the row is read without a lock, the rules are
   * checked, and everything is written by one statement whose UPDATE holds `WHERE version = <the version read>`;
   * when another action came in between, nothing is written and the action starts again from a fresh read (which
   * then finds the new state, as the second of two clerks would after waiting for the lock). At a public notice
   * (objections arrive without a version change) and for steps with more to write, the locked path is taken.
   */
  async transition(
    ctx: RequestContext,
    id: string,
    action: AnyAction,
    step: (m: EntityManager, a: ApplicationRow, actorId: string) => Promise<StepResult>,
    opts: { optimistic?: boolean } = {},
  ): Promise<string> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError('Application', id);
    // Everything inside the transaction must use its connection: load the calendar first, so that no step waits
    // for a second pooled connection while holding one (under load that starves the pool).
    const cal = await this.calendar.calendar();
    if (opts.optimistic) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const { a, tables } = await this.optimisticRow(id);
        if (a?.stage_kind === StageKind.PUBLIC_NOTICE) break;
        const d = await this.decide(ctx, id, a, action, step, this.ds.manager);
        if (!this.fastWritable(d.a, action, d.result)) break;
        if (await this.writeTransition(this.ds.manager, ctx, d, cal, true, tables)) return d.a.id;
      }
    }
    return this.ds.transaction(async (m) => {
      const d = await this.decide(ctx, id, await this.rowForWrite(m, id, true), action, step, m);
      if (this.fastWritable(d.a, action, d.result)) {
        await this.writeTransition(m, ctx, d, cal, false);
        return d.a.id;
      }
      const { a, to, actor, result } = d;
      const today = this.calendar.today();
      await this.apply(m, a, to, result.patch ?? {});
      await result.after?.(m);
      await this.event(m, ctx, a.id, action, a.status, to, actor, result);
      const arrived = await this.moveFor(m, a, cal, today, action, result);
      const fresh = (await this.row(m, id)) as ApplicationRow;
      await this.notify(m, fresh, action, arrived);
      if (actor === Actor.CLERK) {
        await this.audit.record(m, ctx, transitionAudit(action, a, fresh, to, result.patch));
      }
      return a.id;
    });
  }

  /** The rules of one action on the row as read: who acts, the status and stage tables, then the step. */
  private async decide(
    ctx: RequestContext,
    id: string,
    a: WriteRow | null,
    action: AnyAction,
    step: (m: EntityManager, a: ApplicationRow, actorId: string) => Promise<StepResult>,
    m: EntityManager,
  ): Promise<Decided> {
    if (!a || !mayRead(ctx.viewer, a)) throw new NotFoundError('Application', id);
    const today = this.calendar.today();
    const actors = actorsFor(ctx.viewer, a);
    const statusRule = isStatusAction(action) ? TRANSITIONS[action] : null;
    const stageRule = a.stage_kind ? STAGE_RULES[a.stage_kind].find((r) => r.action === action) : undefined;
    const allowed = (statusRule?.by ?? stageRule?.by ?? []).filter((b): b is Actor => b !== 'PUBLIC' && (!stageRule || stageRule.by.includes(b)));
    // A clerk whose scope does not reach the centre now holding it (another level's or county's) sees nothing to act on.
    const hidden = () => new NotFoundError('Application', id);
    if (!actors.length) throw hasRole(ctx.viewer, [Role.CLERK]) ? hidden() : new ForbiddenError(`You may not ${action} this application`, 'application.notYours', { action });
    let to = a.status;
    if (statusRule) {
      const verdict = can(action as ApplicationAction, a.status, actors.find((x) => statusRule.by.includes(x)) ?? actors[0]);
      if (!verdict.ok && verdict.code === 'INVALID_TRANSITION') throw new AppError('INVALID_TRANSITION', verdict.reason, { status: a.status, stage: a.stage_kind, action }, 'application.wrongStatus');
      to = statusRule.to;
    }
    const state = await stageStateOf(m, a, today);
    if (state && !stageRule) {
      throw new AppError('INVALID_TRANSITION', `${action} is not possible at the ${a.stage_kind} stage`, { status: a.status, stage: a.stage_kind, action }, 'linkage.wrongStage');
    }
    if (!state && !statusRule) throw new AppError('INVALID_TRANSITION', `${action} is not possible: the application is ${a.status}`, { status: a.status, action }, 'application.wrongStatus');
    const actor = allowed.find((x) => actors.includes(x));
    if (!actor) {
      if (allowed.includes(Actor.CLERK) && hasRole(ctx.viewer, [Role.CLERK])) throw hidden();
      throw new ForbiddenError(`Only ${allowed.join(' or ')} may ${action} this application${a.stage_kind ? ` at the ${a.stage_kind} stage` : ''}`, 'application.notYours', { action });
    }
    if (statusRule) {
      const verdict = can(action as ApplicationAction, a.status, actor);
      if (!verdict.ok) throw new AppError(verdict.code, verdict.reason, { status: a.status, action }, verdict.code === 'FORBIDDEN' ? 'application.notYours' : 'application.wrongStatus');
    }
    if (state) {
      const v = stageAllows(action, state, actor);
      if (!v.ok) throw new AppError(v.code, v.reason, { status: a.status, stage: a.stage_kind, action }, `linkage.${v.key}`);
    }
    const result = await step(m, a, ctx.viewer!.id);
    return { a, to, actor, action, result };
  }

  /** Whether one combined statement can write the action: no step of its own to run after, no new referral line. */
  private fastWritable(a: WriteRow, action: AnyAction, result: StepResult): boolean {
    const referred = result.patch?.referred_to_id;
    return !result.after && action !== 'EXTEND' && (referred == null || referred === a.referred_to_id);
  }

  /**
   * Writes a decided action in one statement: the application row (status, patch and the new current stage),
   * the event, the stage rows (close and open), the notification and the audit entry. With `guarded`, only if the
   * row still has the version read; returns false when it had moved on (nothing written).
   */
  private async writeTransition(m: EntityManager, ctx: RequestContext, d: Decided, cal: WorkCalendar, guarded: boolean, t: RowTables = PARENT_TABLES): Promise<boolean> {
    const { a, to, actor, action, result } = d;
    const today = this.calendar.today();
    const patch: Patch = { ...(result.patch ?? {}) };
    const move = result.move ?? (isStatusAction(action) ? STATUS_ACTION_MOVES[action] : STAGE_TRANSITIONS[action].move);
    const moving = !!move && move !== 'STAY' && a.stage_index != null;
    let opened: { index: number; stage: RoutedStage; centre: LineNode; due: string } | null = null;
    if (moving && move !== 'CLOSE') {
      const route = routeOf(a);
      const index = typeof move === 'object' ? move.index : move === 'NEXT' ? a.stage_index! + 1 : move === 'REFER' ? a.stage_index! : returnTarget(route, a.stage_index!)?.index;
      if (index == null) throw new Error(`nothing to return application ${a.id} to`);
      const stage = route[index];
      if (!stage) throw new Error(`stage ${index} is outside the route of application ${a.id}`);
      const referred = a.referred_to_id != null && a.referred_path ? { level: a.referred_level as JurisdictionLevel, path: a.referred_path } : null;
      const centre = pickCentre(a.line, a.path, referred, stage.level);
      if (!centre) throw new Error(`no ${stage.level} jurisdiction above application ${a.id}`);
      opened = { index, stage, centre, due: stageDueOn(cal, stage, today) };
      Object.assign(patch, {
        stage_index: index, stage_kind: stage.kind, stage_center_id: centre.id, stage_center_path: centre.path, stage_arrived_on: today, stage_due_on: opened.due,
      });
    } else if (moving) {
      Object.assign(patch, { stage_index: null, stage_kind: null, stage_center_id: null, stage_center_path: null, stage_arrived_on: null, stage_due_on: null });
    }
    const fresh = { ...a, ...patch, status: to } as ApplicationRow;
    const message = (isStatusAction(action) ? notificationFor(fresh, action) : null) ?? (opened ? stageMoveMessage(fresh, action, opened.stage.name, opened.centre.centre) : null);

    const cols = Object.keys(patch);
    const w = new CombinedStatement().add('upd', `
      UPDATE ${t.application} SET status = $2, version = version + 1, updated_at = now()${cols.map((c, i) => `, ${c} = $${i + 4}`).join('')}
       WHERE id = $1${guarded ? ' AND version = $3' : ' AND $3::int IS NOT NULL'}${t.guard}
      RETURNING *, ${dateColumns()}`,
    [a.id, to, a.version, ...cols.map((c) => patch[c])]);
    w.add('event', `
      INSERT INTO ${t.application_event} (application_id, action, from_status, to_status, actor_id, actor_role, note, note_key, note_params)
      SELECT upd.id, $1, $2, $3, $4, $5, $6, $7, $8 FROM upd`,
    [action, a.status, to, ctx.viewer?.id ?? null, actor, ...noteColumns(result)]);
    if (moving) {
      w.add('closed', `
        UPDATE ${t.application_stage} SET done_at = now(), done_on = $2, outcome = $3, note = $4, note_key = $5, note_params = $6,
               passed_materials = coalesce($7::text[], passed_materials)
         WHERE application_id = $1 AND done_at IS NULL AND EXISTS (SELECT 1 FROM upd)`,
      [a.id, today, OUTCOMES[action] ?? 'FORWARDED', ...noteColumns(result), result.passedMaterials ?? null]);
    }
    if (opened) {
      const { stage, centre, index, due } = opened;
      w.add('opened', `
        INSERT INTO ${t.application_stage} (application_id, stage_index, kind, name, level, center_id, limit_days, unit, arrived_on, due_on)
        SELECT upd.id, $1, $2, $3, $4, $5, $6, $7, $8, $9 FROM upd`,
      [index, stage.kind, stage.name, stage.level, centre.id, stage.limit, stage.unit, today, due]);
    }
    if (message) {
      w.add('outbox', `
        INSERT INTO notification (user_id, phone, application_id, kind, title, body, message_key, params) SELECT $1, $2, upd.id, $3, $4, $5, $6, $7 FROM upd`,
      [a.applicant_user_id ?? (a.on_behalf ? a.submitted_by : null), a.applicant_phone, action, message.title, message.body, message.messageKey, JSON.stringify(message.params)]);
    }
    if (actor === Actor.CLERK) {
      const entry = this.audit.entryStatement(ctx, transitionAudit(action, a, fresh, to, result.patch), 'upd');
      w.add('audited', entry.sql, entry.params);
    }
    let rows: ApplicationRow[];
    try {
      rows = await queryGeneric(m, w.sql(`SELECT * FROM upd`), w.params);
    } catch (e) {
      // A month partition named directly was dropped since the catalogue was read: read again from the parent.
      if (!(t.direct && guarded && isMissingTable(e))) throw e;
      forgetPartitions(m);
      return false;
    }
    if (!rows.length) {
      if (guarded) return false;
      throw new NotFoundError('Application', a.id);
    }
    rememberWritten(ctx, a.id, { ...rows[0], path: a.path, jurisdiction_code: a.jurisdiction_code, jurisdiction_level: a.jurisdiction_level, content: a.content });
    return true;
  }

  /**
   * The row as the rules read it, with what the write path needs beside it (its line of jurisdictions with the
   * centres' names, suspensions, open objections at a public notice, materials at the station), one statement;
   * the item's content from the cache. Its sub-reads name the id itself (not `a.id`), so that the planner keeps
   * the one month partition of the materials and stages instead of planning every one.
   */
  async rowForWrite(m: EntityManager, id: string, lock: boolean, t: RowTables = PARENT_TABLES): Promise<WriteRow | null> {
    const rows: WriteRow[] = await queryGeneric(m,
      `SELECT a.*, ${dateColumns('a.')}, j.path, j.code AS jurisdiction_code, j.level AS jurisdiction_level,
              r.level AS referred_level, r.path AS referred_path, ${lineOf('j.path', 'r.path')} AS line,
              (SELECT coalesce(json_agg(json_build_object('from', to_char(s.from_date, 'YYYY-MM-DD'), 'to', to_char(s.to_date, 'YYYY-MM-DD')) ORDER BY s.from_date), '[]'::json)
                 FROM suspension s WHERE s.application_id = $1) AS suspensions,
              CASE WHEN a.stage_kind = 'PUBLIC_NOTICE' THEN
                (SELECT count(*)::int FROM public_notice_objection o JOIN ${t.application_stage} s ON s.id = o.stage_id
                  WHERE o.application_id = $1 AND s.application_id = $1 AND s.done_at IS NULL AND o.resolved_at IS NULL) END AS open_objections,
              CASE WHEN a.stage_kind = 'COLLECT' THEN
                (SELECT coalesce(array_agg(DISTINCT x.requirement), '{}') FROM ${t.application_material} x WHERE x.application_id = $1) END AS material_requirements
         FROM ${t.application} a
         JOIN jurisdiction j ON j.id = a.jurisdiction_id
         LEFT JOIN jurisdiction r ON r.id = a.referred_to_id
        WHERE a.id = $1${t.guard}${lock ? ' FOR UPDATE OF a' : ''}`,
      [id],
    );
    const a = rows[0];
    if (!a) return null;
    a.content = await this.contents.get(m, a.item_version_id);
    return a;
  }

  /**
   * The row of an optimistic action (no lock, no transaction), read from its month partitions when they are known
   * (db/month-partitions.ts); from the parents when they are not, when the partition is gone or detached, or when
   * nothing was found there. `tables`: where the row was found, for the write that follows.
   */
  private async optimisticRow(id: string): Promise<{ a: WriteRow | null; tables: RowTables }> {
    const m = this.ds.manager;
    const t = rowTables(m, id);
    if (t.direct) {
      try {
        const a = await this.rowForWrite(m, id, false, t);
        if (a) return { a, tables: t };
      } catch (e) {
        if (!isMissingTable(e)) throw e;
        forgetPartitions(m);
      }
    }
    return { a: await this.rowForWrite(m, id, false, PARENT_TABLES), tables: PARENT_TABLES };
  }

  /** The stage move of an action (its own, or the step's override); returns whether it arrived at a new stage. */
  private async moveFor(m: EntityManager, a: ApplicationRow, cal: WorkCalendar, today: string, action: AnyAction, result: StepResult): Promise<boolean> {
    const move = result.move ?? (isStatusAction(action) ? STATUS_ACTION_MOVES[action] : STAGE_TRANSITIONS[action].move);
    if (!move || move === 'STAY' || a.stage_index == null) return false;
    const outcome = OUTCOMES[action] ?? 'FORWARDED';
    // The route depends on the patched row (a referral changes the centre); the caller's copy stays as it was.
    const moving = { ...a, ...(result.patch?.referred_to_id != null ? { referred_to_id: result.patch.referred_to_id as number } : {}) };
    const arrived = await moveStage(m, moving, cal, today, move, outcome, result.note ?? null, { passedMaterials: result.passedMaterials, noteKey: result.noteKey, noteParams: result.noteParams });
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
        `INSERT INTO application_event (application_id, action, from_status, to_status, actor_role, note, note_key, note_params) VALUES ($1, $2, $3, $4, 'SYSTEM', $5, $6, $7)`,
        [a.id, action, a.status, to, ...noteColumns(result)],
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

  private async event(m: EntityManager, ctx: RequestContext, id: string, action: AnyAction, from: ApplicationStatus | null, to: ApplicationStatus, actor: Actor, r: StepResult) {
    await m.query(
      `INSERT INTO application_event (application_id, action, from_status, to_status, actor_id, actor_role, note, note_key, note_params) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, action, from, to, ctx.viewer?.id ?? null, actor, ...noteColumns(r)],
    );
  }

  private async notify(m: EntityManager, a: ApplicationRow, action: AnyAction, arrivedAtStage = false): Promise<void> {
    // Status actions have their own wording; a stage move that changes no status says where the application went.
    const n = (isStatusAction(action) ? notificationFor(a, action) : null) ?? (arrivedAtStage || action === 'EXTEND' ? await stageNotification(m, a, action) : null);
    if (!n) return;
    await m.query(
      `INSERT INTO notification (user_id, phone, application_id, kind, title, body, message_key, params) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [a.applicant_user_id ?? (a.on_behalf ? a.submitted_by : null), a.applicant_phone, a.id, action, n.title, n.body, n.messageKey, JSON.stringify(n.params)],
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
    this.checkMaterialList(content, materials, initial);
    await this.files.assertOwned(viewer, materials.flatMap((x) => x.fileIds));
  }

  /** The list itself: each a material of the item, once, with files (or a paper original); all required ones at first. */
  private checkMaterialList(content: ItemContent, materials: MaterialFilesInput[], initial: boolean) {
    const byName = new Map(content.materials.map((x) => [x.name, x]));
    const given = new Set<string>();
    materials.forEach((x, i) => {
      if (!byName.has(x.requirement)) throw new InputError(`input.materials.${i}.requirement`, `"${x.requirement}" is not a material of this item`, { material: x.requirement }, 'application.unknownMaterial');
      if (given.has(x.requirement)) throw new InputError(`input.materials.${i}.requirement`, `"${x.requirement}" is listed twice`, { material: x.requirement }, 'application.materialTwice');
      if (!x.fileIds.length && !x.paperOriginal) throw new InputError(`input.materials.${i}.fileIds`, 'attach the files, or (station or window) mark the paper original received', {}, 'application.attachFiles');
      given.add(x.requirement);
    });
    if (initial) {
      const missing = content.materials.filter((x) => x.necessity === MaterialNecessity.REQUIRED && !given.has(x.name)).map((x) => x.name);
      if (missing.length) throw new InputError('input.materials', `required materials are missing: ${missing.join('、')}`, { missing, list: missing.join('、') }, 'application.materialsMissing');
    }
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

/** note, note_key, note_params of an event or a closed stage. */
export function noteColumns(r: Pick<StepResult, 'note' | 'noteKey' | 'noteParams'>): [string | null, string | null, string | null] {
  return [r.note ?? null, r.noteKey ?? null, r.noteKey && r.noteParams ? JSON.stringify(r.noteParams) : null];
}

/** The audit entry of a clerk's transition, the same for the locked and the combined write. */
function transitionAudit(
  action: string,
  a: Pick<ApplicationRow, 'id' | 'jurisdiction_id' | 'status' | 'stage_kind' | 'stage_index'>,
  fresh: Pick<ApplicationRow, 'stage_kind' | 'stage_index'>,
  to: string,
  patch: object | null | undefined,
) {
  return {
    action: `application.${action}`,
    entity: 'Application',
    entityId: a.id,
    jurisdictionId: a.jurisdiction_id,
    before: { status: a.status, stage: a.stage_kind, stageIndex: a.stage_index },
    after: { status: to, stage: fresh.stage_kind, stageIndex: fresh.stage_index, ...(patch ?? {}) },
  };
}
