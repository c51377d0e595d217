/**
 * The application (办件) state machine as data: statuses, actions, who may do what from where. The server applies
 * TRANSITIONS in one service (state check and event in one transaction); the web app builds its buttons from
 * `nextActions`. See DESIGN.md "Applications (办件)".
 */

export enum ApplicationStatus {
  SUBMITTED = 'SUBMITTED',
  DEFICIENT = 'DEFICIENT',
  ACCEPTED = 'ACCEPTED',
  SUSPENDED = 'SUSPENDED',
  COMPLETED = 'COMPLETED',
  DELIVERED = 'DELIVERED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  LAPSED = 'LAPSED',
}

export enum ApplicationAction {
  SUBMIT = 'SUBMIT',
  ACCEPT = 'ACCEPT',
  NOTIFY_DEFICIENCY = 'NOTIFY_DEFICIENCY',
  SUPPLEMENT = 'SUPPLEMENT',
  REJECT = 'REJECT',
  SUSPEND = 'SUSPEND',
  RESUME = 'RESUME',
  COMPLETE = 'COMPLETE',
  DELIVER = 'DELIVER',
  WITHDRAW = 'WITHDRAW',
  LAPSE = 'LAPSE',
  DEEMED_ACCEPT = 'DEEMED_ACCEPT',
  /** A later stage (review, decision) asks the applicant for more: back through the accepting window. */
  RETURN_FOR_SUPPLEMENT = 'RETURN_FOR_SUPPLEMENT',
  /** The supplement after such a return: the application goes back to the stage that asked. */
  SUPPLEMENT_AFTER_RETURN = 'SUPPLEMENT_AFTER_RETURN',
}

/** Who acts on an application: the applicant, a village agent on the applicant's behalf, a window clerk, a job. */
export enum Actor {
  APPLICANT = 'APPLICANT',
  AGENT = 'AGENT',
  CLERK = 'CLERK',
  SYSTEM = 'SYSTEM',
}

export interface Transition {
  /** Statuses the action may start from; empty for SUBMIT, which creates the application. */
  readonly from: readonly ApplicationStatus[];
  readonly to: ApplicationStatus;
  readonly by: readonly Actor[];
}

const S = ApplicationStatus;
const A = Actor;

/** The transition table, exactly as in DESIGN.md. */
export const TRANSITIONS: Readonly<Record<ApplicationAction, Transition>> = deepFreeze({
  SUBMIT: { from: [], to: S.SUBMITTED, by: [A.APPLICANT, A.AGENT] },
  ACCEPT: { from: [S.SUBMITTED], to: S.ACCEPTED, by: [A.CLERK] },
  NOTIFY_DEFICIENCY: { from: [S.SUBMITTED], to: S.DEFICIENT, by: [A.CLERK, A.AGENT] },
  SUPPLEMENT: { from: [S.DEFICIENT], to: S.SUBMITTED, by: [A.APPLICANT, A.AGENT] },
  REJECT: { from: [S.SUBMITTED], to: S.REJECTED, by: [A.CLERK] },
  SUSPEND: { from: [S.ACCEPTED], to: S.SUSPENDED, by: [A.CLERK] },
  RESUME: { from: [S.SUSPENDED], to: S.ACCEPTED, by: [A.CLERK] },
  COMPLETE: { from: [S.ACCEPTED], to: S.COMPLETED, by: [A.CLERK] },
  DELIVER: { from: [S.COMPLETED], to: S.DELIVERED, by: [A.CLERK, A.AGENT] },
  WITHDRAW: { from: [S.SUBMITTED, S.DEFICIENT, S.ACCEPTED], to: S.WITHDRAWN, by: [A.APPLICANT, A.AGENT] },
  LAPSE: { from: [S.DEFICIENT], to: S.LAPSED, by: [A.SYSTEM] },
  DEEMED_ACCEPT: { from: [S.SUBMITTED], to: S.ACCEPTED, by: [A.SYSTEM] },
  RETURN_FOR_SUPPLEMENT: { from: [S.ACCEPTED], to: S.DEFICIENT, by: [A.CLERK] },
  SUPPLEMENT_AFTER_RETURN: { from: [S.DEFICIENT], to: S.ACCEPTED, by: [A.APPLICANT, A.AGENT] },
});

/** Statuses with no way out. */
export const TERMINAL_STATUSES: readonly ApplicationStatus[] = Object.freeze([
  S.DELIVERED,
  S.REJECTED,
  S.WITHDRAWN,
  S.LAPSED,
]);

export const ALL_APPLICATION_STATUSES: readonly ApplicationStatus[] = Object.freeze(Object.values(ApplicationStatus));
export const ALL_APPLICATION_ACTIONS: readonly ApplicationAction[] = Object.freeze(Object.values(ApplicationAction));

export const APPLICATION_STATUS_LABELS_ZH: Record<ApplicationStatus, string> = {
  SUBMITTED: '待受理',
  DEFICIENT: '待补正',
  ACCEPTED: '已受理',
  SUSPENDED: '特别程序中',
  COMPLETED: '已办结',
  DELIVERED: '已送达',
  REJECTED: '不予受理',
  WITHDRAWN: '已撤回',
  LAPSED: '逾期未补正',
};

export const APPLICATION_ACTION_LABELS_ZH: Record<ApplicationAction, string> = {
  SUBMIT: '提交申请',
  ACCEPT: '受理',
  NOTIFY_DEFICIENCY: '一次性告知',
  SUPPLEMENT: '补正材料',
  REJECT: '不予受理',
  SUSPEND: '中止（特别程序）',
  RESUME: '恢复办理',
  COMPLETE: '办结',
  DELIVER: '送达',
  WITHDRAW: '撤回申请',
  LAPSE: '逾期未补正',
  DEEMED_ACCEPT: '视为受理',
  RETURN_FOR_SUPPLEMENT: '退回补正',
  SUPPLEMENT_AFTER_RETURN: '补正后续办',
};

export function isTerminal(status: ApplicationStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/**
 * Problems with a transition table (empty when it is sound): unknown statuses or actors, an action nobody may
 * take, a terminal status with a way out, or a non-terminal status without one.
 */
export function validateTransitionTable(
  table: Readonly<Record<string, Transition>>,
  terminal: readonly ApplicationStatus[] = TERMINAL_STATUSES,
): string[] {
  const problems: string[] = [];
  const statuses = new Set<string>(ALL_APPLICATION_STATUSES);
  const actors = new Set<string>(Object.values(Actor));
  for (const action of ALL_APPLICATION_ACTIONS) if (!(action in table)) problems.push(`${action}: missing from the table`);
  for (const [action, t] of Object.entries(table)) {
    if (!(ALL_APPLICATION_ACTIONS as readonly string[]).includes(action)) problems.push(`${action}: not an action`);
    if (!statuses.has(t.to)) problems.push(`${action}: to ${String(t.to)} is not a status`);
    for (const f of t.from) if (!statuses.has(f)) problems.push(`${action}: from ${String(f)} is not a status`);
    if (action === ApplicationAction.SUBMIT ? t.from.length !== 0 : t.from.length === 0) {
      problems.push(`${action}: ${action === ApplicationAction.SUBMIT ? 'creates the application and has no from' : 'has no from status'}`);
    }
    if (t.by.length === 0) problems.push(`${action}: nobody may take it`);
    for (const b of t.by) if (!actors.has(b)) problems.push(`${action}: ${String(b)} is not an actor`);
  }
  for (const s of terminal) {
    const out = Object.entries(table).filter(([, t]) => t.from.includes(s)).map(([a]) => a);
    if (out.length) problems.push(`${s} is terminal but has outgoing actions ${out.join(', ')}`);
  }
  for (const s of ALL_APPLICATION_STATUSES) {
    if (terminal.includes(s)) continue;
    if (!Object.values(table).some((t) => t.from.includes(s))) problems.push(`${s} is not terminal but has no outgoing action`);
  }
  return problems;
}

{
  const problems = validateTransitionTable(TRANSITIONS);
  if (problems.length) throw new Error(`Invalid application transition table: ${problems.join('; ')}`);
}

export type CanResult =
  | { ok: true; to: ApplicationStatus }
  | {
      ok: false;
      /** English, naming the current status (or actor) and the allowed ones. */
      reason: string;
      /** INVALID_TRANSITION: wrong status for the action; FORBIDDEN: this actor may not take it. */
      code: 'INVALID_TRANSITION' | 'FORBIDDEN';
    };

function list(xs: readonly string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;
}

/**
 * Whether `actor` may take `action` on an application in `status` (`null` = no application yet, which only
 * SUBMIT accepts). The status is checked before the actor.
 */
export function can(action: ApplicationAction, status: ApplicationStatus | null, actor: Actor): CanResult {
  const t = (TRANSITIONS as Readonly<Record<string, Transition | undefined>>)[action];
  if (!t) return { ok: false, code: 'INVALID_TRANSITION', reason: `Unknown action ${String(action)}.` };
  if (action === ApplicationAction.SUBMIT) {
    if (status !== null) {
      return {
        ok: false,
        code: 'INVALID_TRANSITION',
        reason: `Cannot SUBMIT an application that is already ${status}: SUBMIT creates a new application (a deficient one is resubmitted with SUPPLEMENT).`,
      };
    }
  } else if (status === null) {
    return { ok: false, code: 'INVALID_TRANSITION', reason: `Cannot ${action} an application that has not been submitted.` };
  } else if (!t.from.includes(status)) {
    const terminal = isTerminal(status) ? ` ${status} is final.` : '';
    return {
      ok: false,
      code: 'INVALID_TRANSITION',
      reason: `Cannot ${action} an application that is ${status}: ${action} is allowed only from ${list(t.from)}.${terminal}`,
    };
  }
  if (!t.by.includes(actor)) {
    return {
      ok: false,
      code: 'FORBIDDEN',
      reason: `${String(actor)} may not ${action}: only ${list(t.by)} may${status ? ` (the application is ${status})` : ''}.`,
    };
  }
  return { ok: true, to: t.to };
}

/**
 * What the given actors may do now on an application in `status`, in table order. SUBMIT and the actions only
 * the system takes (LAPSE, DEEMED_ACCEPT) are never listed — the web app builds its buttons from this.
 */
export function nextActions(status: ApplicationStatus, actors: readonly Actor[]): ApplicationAction[] {
  return ALL_APPLICATION_ACTIONS.filter((action) => {
    if (action === ApplicationAction.SUBMIT) return false;
    const t = TRANSITIONS[action];
    if (t.by.every((b) => b === Actor.SYSTEM)) return false;
    return t.from.includes(status) && t.by.some((b) => b !== Actor.SYSTEM && actors.includes(b));
  });
}

/**
 * One-time notice (一次性告知): the first notice may cite anything; a second or later notice on the same
 * application may only cite materials that were changed in the latest supplement. `violating` lists the cited
 * materials (deduplicated, in citation order) that should have been in the first notice.
 */
export function checkRepeatNotice(params: {
  previousNotices: number;
  citedMaterials: readonly string[];
  changedInLatestSupplement: readonly string[];
}): { ok: true } | { ok: false; violating: string[] } {
  const { previousNotices, citedMaterials, changedInLatestSupplement } = params;
  if (!Number.isInteger(previousNotices) || previousNotices < 0) {
    throw new RangeError(`previousNotices must be a non-negative integer, got ${previousNotices}`);
  }
  if (previousNotices === 0) return { ok: true };
  const changed = new Set(changedInLatestSupplement);
  const violating = [...new Set(citedMaterials.filter((m) => !changed.has(m)))];
  return violating.length ? { ok: false, violating } : { ok: true };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}
