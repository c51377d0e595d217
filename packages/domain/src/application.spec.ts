import {
  ALL_APPLICATION_ACTIONS,
  ALL_APPLICATION_STATUSES,
  APPLICATION_ACTION_LABELS_ZH,
  APPLICATION_STATUS_LABELS_ZH,
  Actor,
  ApplicationAction,
  ApplicationStatus,
  TERMINAL_STATUSES,
  TRANSITIONS,
  can,
  checkRepeatNotice,
  isTerminal,
  nextActions,
  validateTransitionTable,
  type Transition,
} from './index';

const S = ApplicationStatus;
const A = ApplicationAction;
const ALL_ACTORS = Object.values(Actor);

/** DESIGN.md "Applications (办件)", written out independently of the table under test. */
const EXPECTED: Array<[ApplicationAction, ApplicationStatus[], ApplicationStatus, Actor[]]> = [
  [A.SUBMIT, [], S.SUBMITTED, [Actor.APPLICANT, Actor.AGENT]],
  [A.ACCEPT, [S.SUBMITTED], S.ACCEPTED, [Actor.CLERK]],
  // the village station's written list of what is missing, at the COLLECT stage (the stage table narrows it)
  [A.NOTIFY_DEFICIENCY, [S.SUBMITTED], S.DEFICIENT, [Actor.AGENT, Actor.CLERK]],
  [A.SUPPLEMENT, [S.DEFICIENT], S.SUBMITTED, [Actor.APPLICANT, Actor.AGENT]],
  [A.REJECT, [S.SUBMITTED], S.REJECTED, [Actor.CLERK]],
  [A.SUSPEND, [S.ACCEPTED], S.SUSPENDED, [Actor.CLERK]],
  [A.RESUME, [S.SUSPENDED], S.ACCEPTED, [Actor.CLERK]],
  [A.COMPLETE, [S.ACCEPTED], S.COMPLETED, [Actor.CLERK]],
  [A.DELIVER, [S.COMPLETED], S.DELIVERED, [Actor.AGENT, Actor.CLERK]],
  [A.WITHDRAW, [S.SUBMITTED, S.DEFICIENT, S.ACCEPTED], S.WITHDRAWN, [Actor.APPLICANT, Actor.AGENT]],
  [A.LAPSE, [S.DEFICIENT], S.LAPSED, [Actor.SYSTEM]],
  [A.DEEMED_ACCEPT, [S.SUBMITTED], S.ACCEPTED, [Actor.SYSTEM]],
  // DESIGN.md "Linkage across the levels": a later stage asking for more goes back through the accepting window.
  [A.RETURN_FOR_SUPPLEMENT, [S.ACCEPTED], S.DEFICIENT, [Actor.CLERK]],
  [A.SUPPLEMENT_AFTER_RETURN, [S.DEFICIENT], S.ACCEPTED, [Actor.APPLICANT, Actor.AGENT]],
];

describe('the transition table', () => {
  it('has one row per action, exactly as designed', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ALL_APPLICATION_ACTIONS].sort());
    expect(EXPECTED.map(([a]) => a).sort()).toEqual([...ALL_APPLICATION_ACTIONS].sort());
    for (const [action, from, to, by] of EXPECTED) {
      expect({ action, from: [...TRANSITIONS[action].from].sort(), to: TRANSITIONS[action].to, by: [...TRANSITIONS[action].by].sort() }).toEqual({
        action,
        from: [...from].sort(),
        to,
        by: [...by].sort(),
      });
    }
  });
  it('is string enums, frozen, and validated', () => {
    expect(S.SUSPENDED).toBe('SUSPENDED');
    expect(A.DEEMED_ACCEPT).toBe('DEEMED_ACCEPT');
    expect(Actor.AGENT).toBe('AGENT');
    expect(Object.isFrozen(TRANSITIONS)).toBe(true);
    expect(Object.isFrozen(TRANSITIONS.WITHDRAW.from)).toBe(true);
    expect(validateTransitionTable(TRANSITIONS)).toEqual([]);
  });
  it('has exactly four terminal statuses, none with a way out', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual([S.DELIVERED, S.LAPSED, S.REJECTED, S.WITHDRAWN].sort());
    expect(isTerminal(S.COMPLETED)).toBe(false);
    for (const s of ALL_APPLICATION_STATUSES) {
      const out = Object.values(TRANSITIONS).filter((t) => t.from.includes(s));
      expect([s, out.length === 0]).toEqual([s, isTerminal(s)]);
    }
  });
  it('finds the mistakes a broken table would have', () => {
    const broken: Record<string, Transition> = {
      ...TRANSITIONS,
      DELIVER: { from: [S.COMPLETED], to: 'SHIPPED' as ApplicationStatus, by: [] },
      RESUME: { from: [S.SUSPENDED, S.LAPSED], to: S.ACCEPTED, by: ['ROBOT' as Actor] },
      SUBMIT: { from: [S.DEFICIENT], to: S.SUBMITTED, by: [Actor.APPLICANT] },
    };
    delete broken.LAPSE;
    expect(validateTransitionTable(broken)).toEqual([
      'LAPSE: missing from the table',
      'SUBMIT: creates the application and has no from',
      'RESUME: ROBOT is not an actor',
      'DELIVER: to SHIPPED is not a status',
      'DELIVER: nobody may take it',
      'LAPSED is terminal but has outgoing actions RESUME',
    ]);
  });
  it('has a Chinese label for every status and action', () => {
    for (const s of ALL_APPLICATION_STATUSES) expect(APPLICATION_STATUS_LABELS_ZH[s]).toBeTruthy();
    for (const a of ALL_APPLICATION_ACTIONS) expect(APPLICATION_ACTION_LABELS_ZH[a]).toBeTruthy();
  });
});

describe('can', () => {
  it('allows every designed (action, from, actor) and gives the target status', () => {
    for (const [action, from, to, by] of EXPECTED) {
      for (const actor of by) {
        if (action === A.SUBMIT) expect(can(action, null, actor)).toEqual({ ok: true, to });
        for (const status of from) expect(can(action, status, actor)).toEqual({ ok: true, to });
      }
    }
  });
  it('refuses every other pair with a reason naming the status and the allowed ones', () => {
    let refused = 0;
    for (const action of ALL_APPLICATION_ACTIONS) {
      const t = TRANSITIONS[action];
      for (const status of ALL_APPLICATION_STATUSES) {
        for (const actor of ALL_ACTORS) {
          const r = can(action, status, actor);
          const allowed = t.from.includes(status) && t.by.includes(actor);
          expect({ action, status, actor, ok: r.ok }).toEqual({ action, status, actor, ok: allowed });
          if (r.ok) continue;
          refused++;
          expect(r.reason).toContain(status);
          expect(r.reason).toContain(action);
          if (!t.from.includes(status)) {
            expect(r.code).toBe('INVALID_TRANSITION');
            for (const f of t.from) expect(r.reason).toContain(f);
          } else {
            expect(r.code).toBe('FORBIDDEN');
            expect(r.reason).toContain(actor);
            for (const b of t.by) expect(r.reason).toContain(b);
          }
        }
      }
    }
    // 14 actions × 9 statuses × 4 actors = 504 pairs; 22 (action, status, actor) triples are allowed (SUBMIT has no status)
    expect(refused).toBe(504 - 22);
  });
  it('words the reasons clearly', () => {
    expect(can(A.ACCEPT, S.ACCEPTED, Actor.CLERK)).toEqual({
      ok: false,
      code: 'INVALID_TRANSITION',
      reason: 'Cannot ACCEPT an application that is ACCEPTED: ACCEPT is allowed only from SUBMITTED.',
    });
    expect(can(A.WITHDRAW, S.COMPLETED, Actor.APPLICANT)).toEqual({
      ok: false,
      code: 'INVALID_TRANSITION',
      reason: 'Cannot WITHDRAW an application that is COMPLETED: WITHDRAW is allowed only from SUBMITTED, DEFICIENT or ACCEPTED.',
    });
    expect(can(A.RESUME, S.DELIVERED, Actor.CLERK)).toMatchObject({ ok: false, reason: expect.stringContaining('DELIVERED is final') });
    expect(can(A.ACCEPT, S.SUBMITTED, Actor.APPLICANT)).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      reason: 'APPLICANT may not ACCEPT: only CLERK may (the application is SUBMITTED).',
    });
    expect(can(A.LAPSE, S.DEFICIENT, Actor.CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(can(A.WITHDRAW, S.SUBMITTED, Actor.CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
  it('handles submission: only for a new application, by applicant or agent', () => {
    expect(can(A.SUBMIT, null, Actor.AGENT)).toEqual({ ok: true, to: S.SUBMITTED });
    expect(can(A.SUBMIT, null, Actor.CLERK)).toMatchObject({ ok: false, code: 'FORBIDDEN', reason: expect.stringContaining('APPLICANT or AGENT') });
    expect(can(A.SUBMIT, S.DEFICIENT, Actor.APPLICANT)).toMatchObject({ ok: false, code: 'INVALID_TRANSITION', reason: expect.stringContaining('SUPPLEMENT') });
    expect(can(A.ACCEPT, null, Actor.CLERK)).toMatchObject({ ok: false, reason: expect.stringContaining('not been submitted') });
    expect(can('SHIP' as ApplicationAction, S.SUBMITTED, Actor.CLERK)).toMatchObject({ ok: false, reason: 'Unknown action SHIP.' });
  });
});

describe('nextActions', () => {
  const clerk: Record<ApplicationStatus, ApplicationAction[]> = {
    SUBMITTED: [A.ACCEPT, A.NOTIFY_DEFICIENCY, A.REJECT],
    DEFICIENT: [],
    ACCEPTED: [A.SUSPEND, A.COMPLETE, A.RETURN_FOR_SUPPLEMENT],
    SUSPENDED: [A.RESUME],
    COMPLETED: [A.DELIVER],
    DELIVERED: [],
    REJECTED: [],
    WITHDRAWN: [],
    LAPSED: [],
  };
  const applicant: Record<ApplicationStatus, ApplicationAction[]> = {
    SUBMITTED: [A.WITHDRAW],
    DEFICIENT: [A.SUPPLEMENT, A.WITHDRAW, A.SUPPLEMENT_AFTER_RETURN],
    ACCEPTED: [A.WITHDRAW],
    SUSPENDED: [],
    COMPLETED: [],
    DELIVERED: [],
    REJECTED: [],
    WITHDRAWN: [],
    LAPSED: [],
  };
  it.each(ALL_APPLICATION_STATUSES)('in %s: clerk, applicant, agent, both, system', (status) => {
    expect(nextActions(status, [Actor.CLERK])).toEqual(clerk[status]);
    expect(nextActions(status, [Actor.APPLICANT])).toEqual(applicant[status]);
    expect(nextActions(status, [Actor.AGENT])).toEqual(status === S.COMPLETED ? [A.DELIVER] : status === S.SUBMITTED ? [A.NOTIFY_DEFICIENCY, A.WITHDRAW] : applicant[status]);
    // a clerk who is also the applicant: both sets, in table order
    expect(new Set(nextActions(status, [Actor.APPLICANT, Actor.CLERK]))).toEqual(new Set([...clerk[status], ...applicant[status]]));
    // system-only actions (LAPSE, DEEMED_ACCEPT) and SUBMIT are never buttons
    expect(nextActions(status, ALL_ACTORS)).not.toEqual(expect.arrayContaining([A.LAPSE]));
    expect(nextActions(status, ALL_ACTORS).some((a) => a === A.LAPSE || a === A.DEEMED_ACCEPT || a === A.SUBMIT)).toBe(false);
    expect(nextActions(status, [Actor.SYSTEM])).toEqual([]);
    expect(nextActions(status, [])).toEqual([]);
  });
  it('only lists what can() allows', () => {
    for (const status of ALL_APPLICATION_STATUSES) {
      for (const actor of ALL_ACTORS) {
        for (const action of nextActions(status, [actor])) expect(can(action, status, actor).ok).toBe(true);
      }
    }
  });
});

describe('one-time notice', () => {
  it('lets the first notice cite anything', () => {
    expect(checkRepeatNotice({ previousNotices: 0, citedMaterials: ['身份证', '户口簿'], changedInLatestSupplement: [] })).toEqual({ ok: true });
  });
  it('lets a later notice cite only materials changed in the latest supplement', () => {
    expect(
      checkRepeatNotice({ previousNotices: 1, citedMaterials: ['户口簿'], changedInLatestSupplement: ['户口簿', '照片'] }),
    ).toEqual({ ok: true });
    expect(
      checkRepeatNotice({
        previousNotices: 2,
        citedMaterials: ['户口簿', '身份证', '结婚证', '身份证'],
        changedInLatestSupplement: ['户口簿'],
      }),
    ).toEqual({ ok: false, violating: ['身份证', '结婚证'] });
    expect(checkRepeatNotice({ previousNotices: 1, citedMaterials: ['身份证'], changedInLatestSupplement: [] })).toEqual({
      ok: false,
      violating: ['身份证'],
    });
  });
  it('refuses a nonsensical count', () => {
    expect(() => checkRepeatNotice({ previousNotices: -1, citedMaterials: [], changedInLatestSupplement: [] })).toThrow(RangeError);
  });
});
