/**
 * The handling chain (办理链条) of the four-level linkage as data: the stages an item's application passes
 * through, each at one level with its own time limit, and the stage table — which actions may be taken at which
 * stage kind, by whom, and where each one moves the application. Status (packages/domain/src/application.ts) says
 * where the application stands in law; the stage says who holds it now. The server applies both tables in one
 * service; the web app draws its buttons from `nextActions`. See DESIGN.md "Linkage across the levels".
 */
import { ApplicationAction, ApplicationStatus, Actor, TRANSITIONS } from './application';
import { addCalendarDays, calendarDaysBetween, type WorkCalendar } from './calendar';
import { HandlingKind, JurisdictionLevel, LEVEL_ORDER, TimeLimitUnit } from './enums';

export enum StageKind {
  COLLECT = 'COLLECT',
  ACCEPT = 'ACCEPT',
  REVIEW = 'REVIEW',
  PUBLIC_NOTICE = 'PUBLIC_NOTICE',
  DECIDE = 'DECIDE',
  /** Implicit last stage: the result goes back to the lodging centre, whose clerk or agent hands it over. */
  DELIVER = 'DELIVER',
}

/** Stage moves that keep the status (the status table holds the ones that change it). */
export enum StageAction {
  FORWARD = 'FORWARD',
  RETURN = 'RETURN',
  REFER = 'REFER',
  EXTEND = 'EXTEND',
  OBJECT = 'OBJECT',
  RESOLVE_OBJECTION = 'RESOLVE_OBJECTION',
  END_PUBLIC_NOTICE = 'END_PUBLIC_NOTICE',
}

/** Anything that can appear in an application's history or its `nextActions`. */
export type AnyAction = ApplicationAction | StageAction;

export interface ChainStage {
  kind: StageKind;
  /** Where it happens: the centre of this level above the applicant's place. */
  level: JurisdictionLevel;
  /** e.g. 村代办员收件, 乡镇审核, 村级公示, 县民政局审批确认 */
  name: string;
  limit: number;
  unit: TimeLimitUnit;
}

export const STAGE_KIND_LABELS_ZH: Record<StageKind, string> = {
  COLLECT: '代收',
  ACCEPT: '受理',
  REVIEW: '审核',
  PUBLIC_NOTICE: '公示',
  DECIDE: '审批',
  DELIVER: '送达',
};

/** Art. 32: acceptance is decided within 5 working days of receipt. */
export const ACCEPT_STAGE_WORKING_DAYS = 5;
/** Art. 42: one extension of the decision period, by default up to 10 working days. */
export const DEFAULT_EXTENSION_WORKING_DAYS = 10;
export const MAX_CHAIN_STAGES = 10;

/** What the chain needs of an item's content (a subset of ItemContent). */
export interface ChainSource {
  handlingLevel: JurisdictionLevel;
  promisedLimit: number;
  promisedUnit: TimeLimitUnit;
  handlingKind: HandlingKind;
  chain?: ChainStage[] | null;
  extensionLimit?: number | null;
}

/** Today's items: acceptance and decision at the handling level (the one-stage chain). */
export function defaultChain(c: ChainSource): ChainStage[] {
  return [
    { kind: StageKind.ACCEPT, level: c.handlingLevel, name: '窗口受理', limit: ACCEPT_STAGE_WORKING_DAYS, unit: TimeLimitUnit.WORKING_DAYS },
    {
      kind: StageKind.DECIDE,
      level: c.handlingLevel,
      name: '审批办结',
      limit: c.handlingKind === HandlingKind.INSTANT ? 0 : c.promisedLimit,
      unit: c.promisedUnit,
    },
  ];
}

export function chainOf(c: ChainSource): ChainStage[] {
  return c.chain?.length ? c.chain : defaultChain(c);
}

export function extensionLimitOf(c: ChainSource): number {
  return c.extensionLimit ?? DEFAULT_EXTENSION_WORKING_DAYS;
}

/** Levels at which a new application can be lodged: those of the COLLECT and ACCEPT stages. */
export function intakeLevels(chain: readonly ChainStage[]): JurisdictionLevel[] {
  return [...new Set(chain.filter((s) => s.kind === StageKind.COLLECT || s.kind === StageKind.ACCEPT).map((s) => s.level))];
}

/** The COLLECT level of a chain, if it has one (stored beside the version so the catalogue can index it). */
export function collectLevel(chain: readonly ChainStage[]): JurisdictionLevel | null {
  return chain.find((s) => s.kind === StageKind.COLLECT)?.level ?? null;
}

export function isAvailableAtLevel(c: ChainSource, level: JurisdictionLevel): boolean {
  return intakeLevels(chainOf(c)).includes(level);
}

const depth = (l: JurisdictionLevel) => LEVEL_ORDER.indexOf(l);

/**
 * One problem with a chain: the field (relative to the item content, e.g. `chain.2.limit`), an English message for
 * logs, and the message key (`chain.<rule>`, rendered by the web as `serverErrors.keys.chain.<rule>`) with its values.
 */
export interface ChainProblem {
  field: string;
  message: string;
  messageKey: string;
  params?: Record<string, string | number>;
}

/** What else of the item the chain rules look at. */
export interface ChainContext {
  /** Level of the directory that owns the item: no stage happens above it. */
  ownerLevel?: JurisdictionLevel;
  promisedLimit?: number;
  promisedUnit?: TimeLimitUnit;
}

const MAX_STAGE_LIMIT = 3650;
const MAX_STAGE_NAME = 50;

/**
 * Problems with a chain, empty when sound — the rules of the handling chain:
 * at most 10 stages; exactly one ACCEPT, at the item's handling level; an optional COLLECT first, directly before
 * ACCEPT and at a lower level; REVIEW, PUBLIC_NOTICE and DECIDE after ACCEPT; REVIEW and DECIDE at the accepting
 * level or above; exactly one DECIDE, last; no stage above the owning directory; names 1–50 characters; limits
 * whole days (ACCEPT at most 5 working days, Art. 32; a public notice at least 1 day); working days except the
 * public notice, which runs in calendar days; the working days of the stages after acceptance within the promised
 * limit (the whole chain runs within it, from acceptance).
 */
export function validateChain(chain: readonly ChainStage[], handlingLevel: JurisdictionLevel, ctx: ChainContext = {}): ChainProblem[] {
  const p: ChainProblem[] = [];
  const add = (field: string, rule: string, message: string, params?: Record<string, string | number>) =>
    p.push({ field, message, messageKey: `chain.${rule}`, ...(params ? { params } : {}) });
  if (!Array.isArray(chain)) {
    add('chain', 'notAList', 'must be a list of stages');
    return p;
  }
  if (chain.length > MAX_CHAIN_STAGES) add('chain', 'tooManyStages', `may have at most ${MAX_CHAIN_STAGES} stages`, { max: MAX_CHAIN_STAGES });
  const kinds = chain.map((s) => s.kind);
  const accept = kinds.indexOf(StageKind.ACCEPT);
  const levelOk = (l: unknown): l is JurisdictionLevel => LEVEL_ORDER.includes(l as JurisdictionLevel);
  chain.forEach((s, i) => {
    const f = `chain.${i}`;
    const n = i + 1;
    if (!Object.values(StageKind).includes(s.kind) || s.kind === StageKind.DELIVER) add(`${f}.kind`, 'kind', 'must be COLLECT, ACCEPT, REVIEW, PUBLIC_NOTICE or DECIDE', { n });
    if (!levelOk(s.level)) add(`${f}.level`, 'level', 'must be CITY, COUNTY, TOWNSHIP or VILLAGE', { n });
    else if (ctx.ownerLevel && levelOk(ctx.ownerLevel) && depth(s.level) < depth(ctx.ownerLevel)) {
      add(`${f}.level`, 'aboveOwner', `a ${ctx.ownerLevel} directory has no stage at ${s.level}`, { n, level: ctx.ownerLevel });
    } else if (accept >= 0 && i > accept && (s.kind === StageKind.REVIEW || s.kind === StageKind.DECIDE) && levelOk(chain[accept].level) && depth(s.level) > depth(chain[accept].level)) {
      add(`${f}.level`, 'belowAccept', `${s.kind} happens at the accepting level (${chain[accept].level}) or above`, { n, level: chain[accept].level });
    }
    if (typeof s.name !== 'string' || !s.name.trim()) add(`${f}.name`, 'nameRequired', 'is required', { n });
    else if (s.name.length > MAX_STAGE_NAME) add(`${f}.name`, 'nameTooLong', `must be at most ${MAX_STAGE_NAME} characters`, { n, max: MAX_STAGE_NAME });
    if (!Number.isInteger(s.limit) || s.limit < 0 || s.limit > MAX_STAGE_LIMIT) add(`${f}.limit`, 'limitRange', `must be a whole number of days from 0 to ${MAX_STAGE_LIMIT}`, { n, min: 0, max: MAX_STAGE_LIMIT });
    else if (s.kind === StageKind.ACCEPT && s.limit > ACCEPT_STAGE_WORKING_DAYS) add(`${f}.limit`, 'acceptLimit', `acceptance is decided within ${ACCEPT_STAGE_WORKING_DAYS} working days (Art. 32)`, { n, max: ACCEPT_STAGE_WORKING_DAYS });
    else if (s.kind === StageKind.PUBLIC_NOTICE && s.limit < 1) add(`${f}.limit`, 'noticeMinDays', 'a public notice runs at least 1 day', { n });
    if (!Object.values(TimeLimitUnit).includes(s.unit)) add(`${f}.unit`, 'unit', 'must be WORKING_DAYS or CALENDAR_DAYS', { n });
    else if (s.kind === StageKind.PUBLIC_NOTICE && s.unit !== TimeLimitUnit.CALENDAR_DAYS) add(`${f}.unit`, 'noticeCalendarDays', 'a public notice runs in calendar days', { n });
    else if (s.kind !== StageKind.PUBLIC_NOTICE && Object.values(StageKind).includes(s.kind) && s.unit !== TimeLimitUnit.WORKING_DAYS) {
      add(`${f}.unit`, 'workingDays', 'only a public notice runs in calendar days; every other stage in working days', { n });
    }
  });
  const count = (k: StageKind) => kinds.filter((x) => x === k).length;
  if (count(StageKind.ACCEPT) !== 1) add('chain', 'oneAccept', 'needs exactly one ACCEPT stage');
  if (count(StageKind.DECIDE) !== 1) add('chain', 'oneDecide', 'needs exactly one DECIDE stage');
  else if (kinds[kinds.length - 1] !== StageKind.DECIDE) add(`chain.${kinds.indexOf(StageKind.DECIDE)}.kind`, 'decideLast', 'must end with the DECIDE stage', { n: kinds.indexOf(StageKind.DECIDE) + 1 });
  if (count(StageKind.COLLECT) > 1) add('chain', 'oneCollect', 'may have at most one COLLECT stage');
  const collect = kinds.indexOf(StageKind.COLLECT);
  if (accept >= 0) {
    const acceptStage = chain[accept];
    if (acceptStage.level !== handlingLevel) add(`chain.${accept}.level`, 'acceptAtHandlingLevel', `the ACCEPT stage is at the handling level (${handlingLevel})`, { n: accept + 1, level: handlingLevel });
    if (collect >= 0) {
      if (collect !== 0 || accept !== 1) add(`chain.${collect}.kind`, 'collectFirst', 'COLLECT comes first, directly before ACCEPT', { n: collect + 1 });
      else if (levelOk(chain[collect].level) && levelOk(acceptStage.level) && depth(chain[collect].level) <= depth(acceptStage.level)) {
        add(`chain.${collect}.level`, 'collectBelow', 'COLLECT happens at a level below the accepting one', { n: collect + 1, level: acceptStage.level });
      }
    } else if (accept !== 0) add(`chain.${accept}.kind`, 'acceptFirst', 'ACCEPT comes first (after an optional COLLECT)', { n: accept + 1 });
    // The whole chain runs within the promised limit, from acceptance.
    if (ctx.promisedUnit === TimeLimitUnit.WORKING_DAYS && Number.isInteger(ctx.promisedLimit)) {
      const after = chain.slice(accept + 1).filter((s) => s.unit === TimeLimitUnit.WORKING_DAYS && Number.isInteger(s.limit));
      const sum = after.reduce((n, s) => n + s.limit, 0);
      if (sum > (ctx.promisedLimit as number)) {
        add('chain', 'overPromise', `the working days of the stages after acceptance (${sum}) exceed the promised limit (${ctx.promisedLimit})`, { sum, limit: ctx.promisedLimit as number });
      }
    }
  }
  return p;
}

// ---------------------------------------------------------------------------------------------------------------
// Routing an application through the chain
// ---------------------------------------------------------------------------------------------------------------

export interface RoutedStage extends ChainStage {
  /** Position in the routed list (0 = first stage this application passes). */
  index: number;
}

/**
 * The stages an application lodged at a place of `placeLevel` passes: a COLLECT stage is skipped when the
 * application is lodged at the accepting level; a stage whose level lies below the place (a village public notice
 * of an application lodged at the township) happens at the place itself; DELIVER at the place comes last.
 */
export function routeChain(chain: readonly ChainStage[], placeLevel: JurisdictionLevel): RoutedStage[] {
  const out: RoutedStage[] = [];
  for (const s of chain) {
    if (s.kind === StageKind.COLLECT && s.level !== placeLevel) continue;
    const level = depth(s.level) > depth(placeLevel) ? placeLevel : s.level;
    out.push({ ...s, level, index: out.length });
  }
  out.push({ kind: StageKind.DELIVER, level: placeLevel, name: '结果送达', limit: 0, unit: TimeLimitUnit.WORKING_DAYS, index: out.length });
  return out;
}

/** Where the first stage is (COLLECT when lodged at the station, otherwise ACCEPT). */
export function firstStage(route: readonly RoutedStage[]): RoutedStage {
  return route[0];
}

export function stageOfKind(route: readonly RoutedStage[], kind: StageKind): RoutedStage | undefined {
  return route.find((s) => s.kind === kind);
}

/** Where a return goes: the nearest earlier REVIEW stage, else the ACCEPT stage if it is at another level. */
export function returnTarget(route: readonly RoutedStage[], from: number): RoutedStage | null {
  for (let i = from - 1; i >= 0; i--) if (route[i].kind === StageKind.REVIEW) return route[i];
  const accept = route.find((s) => s.kind === StageKind.ACCEPT);
  if (accept && accept.index < from && accept.level !== route[from].level) return accept;
  return null;
}

/**
 * A stage's due date, counted from its arrival on the working-day calendar (调休 included): working days skip
 * days off; calendar days end on the day itself (a public notice runs N full days). The ACCEPT stage is due on the
 * 5th working day (Art. 32).
 */
export function stageDueOn(cal: WorkCalendar, stage: Pick<ChainStage, 'kind' | 'limit' | 'unit'>, arrivedOn: string): string {
  if (stage.kind === StageKind.PUBLIC_NOTICE) return addCalendarDays(arrivedOn, stage.limit);
  if (stage.kind === StageKind.ACCEPT) return cal.deemedAcceptanceDeadline(arrivedOn);
  return cal.dueDate({ acceptedOn: arrivedOn, limit: stage.limit, unit: stage.unit }).dueDate;
}

/**
 * A stage's due date after a suspension (Art. 45: the special procedure's time is not counted) that ran from `from`
 * to `to`: moved by the days d with from < d ≤ to, the same days the promised limit moves by — working days on the
 * official calendar (调休 working weekends count, holidays do not) for a working-day stage; calendar days for a
 * calendar-day stage, ending on the next working day when the moved date is a day off.
 */
export function stageDueAfterSuspension(cal: WorkCalendar, stage: Pick<ChainStage, 'unit'>, dueOn: string, from: string, to: string): string {
  if (to <= from) return dueOn;
  if (stage.unit === TimeLimitUnit.CALENDAR_DAYS) return cal.nextWorkingDayOnOrAfter(addCalendarDays(dueOn, calendarDaysBetween(from, to)));
  return cal.addWorkingDays(dueOn, cal.workingDaysBetween(from, to));
}

// ---------------------------------------------------------------------------------------------------------------
// The stage table
// ---------------------------------------------------------------------------------------------------------------

/** Where a stage move takes the application. */
export type StageMove = 'NEXT' | 'BACK' | 'STAY' | 'REFER';

export interface StageTransition {
  /** Statuses in which the move may be made (stage moves keep the status). */
  readonly whileStatus: readonly ApplicationStatus[];
  readonly move: StageMove;
}

const S = ApplicationStatus;
const A = Actor;
const K = StageKind;
const SA = StageAction;
const AA = ApplicationAction;

/** Status-keeping moves: where each goes and in which statuses it is allowed. */
export const STAGE_TRANSITIONS: Readonly<Record<StageAction, StageTransition>> = Object.freeze({
  FORWARD: { whileStatus: [S.SUBMITTED, S.ACCEPTED], move: 'NEXT' },
  RETURN: { whileStatus: [S.ACCEPTED], move: 'BACK' },
  REFER: { whileStatus: [S.SUBMITTED], move: 'REFER' },
  EXTEND: { whileStatus: [S.ACCEPTED], move: 'STAY' },
  OBJECT: { whileStatus: [S.ACCEPTED], move: 'STAY' },
  RESOLVE_OBJECTION: { whileStatus: [S.ACCEPTED], move: 'STAY' },
  END_PUBLIC_NOTICE: { whileStatus: [S.ACCEPTED], move: 'NEXT' },
} satisfies Record<StageAction, StageTransition>);

/** Where the status actions move the stage (the others keep it). */
export const STATUS_ACTION_MOVES: Readonly<Partial<Record<ApplicationAction, StageMove | 'CLOSE'>>> = Object.freeze({
  ACCEPT: 'NEXT',
  DEEMED_ACCEPT: 'NEXT',
  COMPLETE: 'NEXT',
  DELIVER: 'CLOSE',
  REJECT: 'CLOSE',
  WITHDRAW: 'CLOSE',
  LAPSE: 'CLOSE',
});

export interface StageRule {
  readonly action: AnyAction;
  /** Who may take it at this stage; PUBLIC = anyone, no login (objections). */
  readonly by: readonly (Actor | 'PUBLIC')[];
}

/**
 * Which actions each stage kind allows and who takes them there. The station (AGENT or CLERK of the village)
 * works COLLECT and DELIVER; the clerks of a stage's centre work it; applicants supplement and withdraw.
 */
export const STAGE_RULES: Readonly<Record<StageKind, readonly StageRule[]>> = Object.freeze({
  COLLECT: [
    { action: SA.FORWARD, by: [A.AGENT, A.CLERK] },
    { action: AA.NOTIFY_DEFICIENCY, by: [A.AGENT, A.CLERK] },
    { action: AA.SUPPLEMENT, by: [A.APPLICANT, A.AGENT] },
    { action: AA.WITHDRAW, by: [A.APPLICANT, A.AGENT] },
    { action: AA.LAPSE, by: [A.SYSTEM] },
  ],
  ACCEPT: [
    { action: AA.ACCEPT, by: [A.CLERK] },
    { action: AA.NOTIFY_DEFICIENCY, by: [A.CLERK] },
    { action: AA.REJECT, by: [A.CLERK] },
    { action: SA.REFER, by: [A.CLERK] },
    { action: SA.FORWARD, by: [A.CLERK] },
    { action: AA.SUPPLEMENT, by: [A.APPLICANT, A.AGENT] },
    { action: AA.SUPPLEMENT_AFTER_RETURN, by: [A.APPLICANT, A.AGENT] },
    { action: AA.WITHDRAW, by: [A.APPLICANT, A.AGENT] },
    { action: AA.DEEMED_ACCEPT, by: [A.SYSTEM] },
    { action: AA.LAPSE, by: [A.SYSTEM] },
  ],
  REVIEW: [
    { action: SA.FORWARD, by: [A.CLERK] },
    { action: SA.RETURN, by: [A.CLERK] },
    { action: AA.RETURN_FOR_SUPPLEMENT, by: [A.CLERK] },
    { action: AA.SUSPEND, by: [A.CLERK] },
    { action: AA.RESUME, by: [A.CLERK] },
    { action: AA.WITHDRAW, by: [A.APPLICANT, A.AGENT] },
  ],
  PUBLIC_NOTICE: [
    { action: SA.FORWARD, by: [A.CLERK] },
    { action: SA.RETURN, by: [A.CLERK] },
    { action: SA.RESOLVE_OBJECTION, by: [A.CLERK] },
    { action: SA.OBJECT, by: ['PUBLIC'] },
    { action: SA.END_PUBLIC_NOTICE, by: [A.SYSTEM] },
    { action: AA.WITHDRAW, by: [A.APPLICANT, A.AGENT] },
  ],
  DECIDE: [
    { action: AA.COMPLETE, by: [A.CLERK] },
    { action: SA.EXTEND, by: [A.CLERK] },
    { action: SA.RETURN, by: [A.CLERK] },
    { action: AA.RETURN_FOR_SUPPLEMENT, by: [A.CLERK] },
    { action: AA.SUSPEND, by: [A.CLERK] },
    { action: AA.RESUME, by: [A.CLERK] },
    { action: AA.WITHDRAW, by: [A.APPLICANT, A.AGENT] },
  ],
  DELIVER: [{ action: AA.DELIVER, by: [A.CLERK, A.AGENT] }],
});

const isStageAction = (a: AnyAction): a is StageAction => (Object.values(StageAction) as string[]).includes(a);

/** Problems with the stage table (empty when sound); checked at start-up like the status table. */
export function validateStageTable(rules: Readonly<Record<string, readonly StageRule[]>> = STAGE_RULES): string[] {
  const problems: string[] = [];
  const actions = new Set<string>([...Object.values(ApplicationAction), ...Object.values(StageAction)]);
  for (const k of Object.values(StageKind)) if (!(k in rules)) problems.push(`${k}: missing from the stage table`);
  for (const [kind, list] of Object.entries(rules)) {
    if (!(Object.values(StageKind) as string[]).includes(kind)) problems.push(`${kind}: not a stage kind`);
    const seen = new Set<string>();
    for (const r of list) {
      if (!actions.has(r.action)) problems.push(`${kind}: ${String(r.action)} is not an action`);
      if (seen.has(r.action)) problems.push(`${kind}: ${r.action} listed twice`);
      seen.add(r.action);
      if (!r.by.length) problems.push(`${kind}: nobody may ${r.action}`);
      if (!isStageAction(r.action)) {
        const t = TRANSITIONS[r.action];
        if (t && r.by.some((b) => b !== 'PUBLIC' && !t.by.includes(b))) problems.push(`${kind}: ${r.action} by ${r.by.join('/')} exceeds the status table (${t.by.join('/')})`);
      }
    }
    const leaves = list.some((r) => r.action === SA.FORWARD || STATUS_ACTION_MOVES[r.action as ApplicationAction] === 'NEXT' || STATUS_ACTION_MOVES[r.action as ApplicationAction] === 'CLOSE' || r.action === SA.END_PUBLIC_NOTICE);
    if (!leaves) problems.push(`${kind}: no action leaves the stage`);
  }
  // Every stage action is used somewhere.
  for (const a of Object.values(StageAction)) {
    if (!Object.values(rules).some((list) => list.some((r) => r.action === a))) problems.push(`${a}: allowed at no stage`);
  }
  return problems;
}

{
  const problems = validateStageTable();
  if (problems.length) throw new Error(`Invalid stage table: ${problems.join('; ')}`);
}

export interface StageState {
  kind: StageKind;
  status: ApplicationStatus;
  /** Open objections at a public notice (it cannot pass with one open). */
  openObjections?: number;
  /** Whether the decision period was extended already (once only). */
  extended?: boolean;
  /** Whether a return from here has somewhere to go. */
  canReturn?: boolean;
  /** DEFICIENT after acceptance (a later stage asked for more): supplement brings it back. */
  acceptedBefore?: boolean;
  /** Whether the public notice period has ended (nobody may cut it short). */
  noticeEnded?: boolean;
}

/** Whether `actor` may take `action` at this stage; the status table is checked separately for status actions. */
/** Why a stage refuses an action: the web's message key is `linkage.<key>`. */
export type StageRefusal = 'wrongStage' | 'wrongStatus' | 'noReturnTarget' | 'extendedAlready' | 'openObjections' | 'noticeNotEnded' | 'noObjection' | 'notReturned' | 'returned' | 'notYours';

export function stageAllows(
  action: AnyAction,
  s: StageState,
  actor: Actor | 'PUBLIC',
): { ok: true } | { ok: false; code: 'INVALID_TRANSITION' | 'FORBIDDEN'; reason: string; key: StageRefusal } {
  const rule = STAGE_RULES[s.kind].find((r) => r.action === action);
  if (!rule) return { ok: false, code: 'INVALID_TRANSITION', reason: `${action} is not possible at the ${s.kind} stage` , key: 'wrongStage' };
  if (isStageAction(action)) {
    const t = STAGE_TRANSITIONS[action];
    if (!t.whileStatus.includes(s.status)) return { ok: false, code: 'INVALID_TRANSITION', reason: `${action} is not possible while the application is ${s.status}` , key: 'wrongStatus' };
    if (action === SA.FORWARD && s.kind === StageKind.COLLECT && s.status !== S.SUBMITTED) return { ok: false, code: 'INVALID_TRANSITION', reason: `the station forwards a SUBMITTED application, not a ${s.status} one` , key: 'wrongStatus' };
    if (action === SA.FORWARD && s.kind === StageKind.ACCEPT && s.status !== S.ACCEPTED) return { ok: false, code: 'INVALID_TRANSITION', reason: 'the accepting window accepts, notifies or rejects; it forwards only what was accepted' , key: 'wrongStatus' };
    if (action === SA.RETURN && !s.canReturn) return { ok: false, code: 'INVALID_TRANSITION', reason: 'there is no earlier stage to return to' , key: 'noReturnTarget' };
    if (action === SA.EXTEND && s.extended) return { ok: false, code: 'INVALID_TRANSITION', reason: 'the decision period was extended already (once only, Art. 42)' , key: 'extendedAlready' };
    if (action === SA.FORWARD && s.kind === StageKind.PUBLIC_NOTICE && (s.openObjections ?? 0) > 0) {
      return { ok: false, code: 'INVALID_TRANSITION', reason: 'resolve every objection before passing the public notice' , key: 'openObjections' };
    }
    if (action === SA.FORWARD && s.kind === StageKind.PUBLIC_NOTICE && !s.noticeEnded) {
      return { ok: false, code: 'INVALID_TRANSITION', reason: 'the public notice period has not ended' , key: 'noticeNotEnded' };
    }
    if (action === SA.RESOLVE_OBJECTION && !(s.openObjections ?? 0)) return { ok: false, code: 'INVALID_TRANSITION', reason: 'there is no open objection' , key: 'noObjection' };
  } else {
    if (action === AA.SUPPLEMENT && s.acceptedBefore) return { ok: false, code: 'INVALID_TRANSITION', reason: 'supplement after a return brings the application back to the stage that asked' , key: 'returned' };
    if (action === AA.SUPPLEMENT_AFTER_RETURN && !s.acceptedBefore) return { ok: false, code: 'INVALID_TRANSITION', reason: 'the application was not returned after acceptance' , key: 'notReturned' };
  }
  if (!rule.by.includes(actor)) return { ok: false, code: 'FORBIDDEN', reason: `${String(actor)} may not ${action} at the ${s.kind} stage` , key: 'notYours' };
  return { ok: true };
}

/**
 * What the given actors may do now: status actions allowed by the status table and this stage, then the stage
 * moves, in table order. Actions only the system or the public take are never listed.
 */
export function stageNextActions(s: StageState, actors: readonly Actor[]): AnyAction[] {
  const out: AnyAction[] = [];
  for (const r of STAGE_RULES[s.kind]) {
    const who = r.by.filter((b): b is Actor => b !== 'PUBLIC' && b !== Actor.SYSTEM && actors.includes(b));
    if (!who.length) continue;
    if (!isStageAction(r.action)) {
      const t = TRANSITIONS[r.action];
      if (!t.from.includes(s.status)) continue;
    }
    if (who.some((w) => stageAllows(r.action, s, w).ok)) out.push(r.action);
  }
  return out;
}
