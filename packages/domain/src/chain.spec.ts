import { Actor, ApplicationAction as AA, ApplicationStatus as S } from './application';
import { WorkCalendar } from './calendar';
import {
  STAGE_RULES,
  StageAction as SA,
  StageKind as K,
  chainOf,
  collectLevel,
  defaultChain,
  intakeLevels,
  isAvailableAtLevel,
  returnTarget,
  routeChain,
  stageAllows,
  stageDueAfterSuspension,
  stageDueOn,
  stageNextActions,
  validateChain,
  validateStageTable,
  type ChainStage,
} from './chain';
import { validateItemContent } from './catalogue';
import { HandlingKind, JurisdictionLevel as L, TimeLimitUnit as U } from './enums';

const cal = new WorkCalendar();

/** 最低生活保障审核确认: 村代收 → 乡镇受理 → 乡镇入户调查审核 → 村级公示 7 日 → 县民政局确认 */
const DIBAO: ChainStage[] = [
  { kind: K.COLLECT, level: L.VILLAGE, name: '村代办员收件', limit: 2, unit: U.WORKING_DAYS },
  { kind: K.ACCEPT, level: L.TOWNSHIP, name: '乡镇受理', limit: 5, unit: U.WORKING_DAYS },
  { kind: K.REVIEW, level: L.TOWNSHIP, name: '乡镇入户调查审核', limit: 10, unit: U.WORKING_DAYS },
  { kind: K.PUBLIC_NOTICE, level: L.VILLAGE, name: '村级公示', limit: 7, unit: U.CALENDAR_DAYS },
  { kind: K.DECIDE, level: L.COUNTY, name: '县民政局审批确认', limit: 10, unit: U.WORKING_DAYS },
];

const ONE_STAGE = { handlingLevel: L.TOWNSHIP, promisedLimit: 7, promisedUnit: U.WORKING_DAYS, handlingKind: HandlingKind.PROMISED };

describe('the handling chain', () => {
  it("today's items are one-stage chains: acceptance and decision at the handling level, decided within the promised limit", () => {
    expect(chainOf(ONE_STAGE)).toEqual([
      { kind: K.ACCEPT, level: L.TOWNSHIP, name: '窗口受理', limit: 5, unit: U.WORKING_DAYS },
      { kind: K.DECIDE, level: L.TOWNSHIP, name: '审批办结', limit: 7, unit: U.WORKING_DAYS },
    ]);
    expect(defaultChain({ ...ONE_STAGE, handlingKind: HandlingKind.INSTANT, promisedLimit: 0 })[1].limit).toBe(0);
    expect(validateChain(defaultChain(ONE_STAGE), L.TOWNSHIP)).toEqual([]);
    expect(intakeLevels(chainOf(ONE_STAGE))).toEqual([L.TOWNSHIP]);
  });

  it('is available wherever a stage can take a new application (COLLECT or ACCEPT)', () => {
    const dibao = { ...ONE_STAGE, chain: DIBAO };
    expect(validateChain(DIBAO, L.TOWNSHIP)).toEqual([]);
    expect(isAvailableAtLevel(dibao, L.VILLAGE)).toBe(true);
    expect(isAvailableAtLevel(dibao, L.TOWNSHIP)).toBe(true);
    expect(isAvailableAtLevel(dibao, L.COUNTY)).toBe(false);
    expect(isAvailableAtLevel(ONE_STAGE, L.VILLAGE)).toBe(false);
    expect(collectLevel(DIBAO)).toBe(L.VILLAGE);
    expect(collectLevel(chainOf(ONE_STAGE))).toBeNull();
  });

  it('names every problem of a bad chain by field, with its message key', () => {
    const bad: ChainStage[] = [
      { kind: K.ACCEPT, level: L.TOWNSHIP, name: '受理', limit: 5, unit: U.WORKING_DAYS },
      { kind: K.COLLECT, level: L.COUNTY, name: '', limit: -1, unit: U.WORKING_DAYS },
      { kind: K.PUBLIC_NOTICE, level: L.VILLAGE, name: '公示', limit: 7, unit: U.WORKING_DAYS },
    ];
    const keys = (problems: Array<{ field: string; messageKey: string }>) => problems.map((x) => `${x.field}:${x.messageKey}`);
    expect(keys(validateChain(bad, L.COUNTY))).toEqual(
      expect.arrayContaining([
        'chain.1.name:chain.nameRequired',
        'chain.1.limit:chain.limitRange',
        'chain.2.unit:chain.noticeCalendarDays',
        'chain:chain.oneDecide',
        'chain.0.level:chain.acceptAtHandlingLevel',
        'chain.1.kind:chain.collectFirst',
      ]),
    );
    const collectAbove: ChainStage[] = [{ ...DIBAO[0], level: L.COUNTY }, ...DIBAO.slice(1)];
    expect(validateChain(collectAbove, L.TOWNSHIP)).toEqual([
      { field: 'chain.0.level', message: 'COLLECT happens at a level below the accepting one', messageKey: 'chain.collectBelow', params: { n: 1, level: L.TOWNSHIP } },
    ]);
  });

  it('refuses each rule of the chain on its own, naming the stage and the field', () => {
    const one = (chain: ChainStage[], ctx = {}) => validateChain(chain, L.TOWNSHIP, ctx).map((x) => `${x.field}:${x.messageKey}`);
    const [c, a, r, n, d] = DIBAO;
    expect(one([c, a, r, n, d])).toEqual([]);
    expect(one([c, a, { ...a, name: '再受理' }, d])).toEqual(['chain:chain.oneAccept']);
    expect(one([c, r, n, d])).toEqual(['chain:chain.oneAccept']);
    expect(one([c, a, d, r])).toEqual(['chain.2.kind:chain.decideLast']);
    expect(one([c, a, r])).toEqual(['chain:chain.oneDecide']);
    expect(one([c, c, a, d])).toEqual(expect.arrayContaining(['chain:chain.oneCollect']));
    expect(one([a, c, d])).toEqual(['chain.1.kind:chain.collectFirst']);
    expect(one([{ ...c, level: L.TOWNSHIP }, a, d])).toEqual(['chain.0.level:chain.collectBelow']);
    expect(one([r, a, d])).toEqual(['chain.1.kind:chain.acceptFirst']);
    expect(one([c, { ...a, level: L.COUNTY }, d])).toEqual(['chain.1.level:chain.acceptAtHandlingLevel']);
    // No stage above the owning directory (a township directory decides nothing at the county).
    expect(one([c, a, r, d], { ownerLevel: L.TOWNSHIP })).toEqual(['chain.3.level:chain.aboveOwner']);
    expect(one([c, a, { ...r, level: L.VILLAGE }, d])).toEqual(['chain.2.level:chain.belowAccept']);
    expect(one([c, a, r, n, { ...d, level: L.VILLAGE }])).toEqual(['chain.4.level:chain.belowAccept']);
    expect(one([c, a, r, { ...n, level: 'MOON' as L }, d])).toEqual(['chain.3.level:chain.level']);
    expect(one([c, a, { ...r, kind: 'DELIVER' as K }, d])).toEqual(['chain.2.kind:chain.kind']);
    expect(one([c, a, { ...r, name: '审'.repeat(51) }, d])).toEqual(['chain.2.name:chain.nameTooLong']);
    expect(one([c, a, { ...r, limit: 3651 }, d])).toEqual(['chain.2.limit:chain.limitRange']);
    expect(one([c, a, { ...r, limit: 2.5 }, d])).toEqual(['chain.2.limit:chain.limitRange']);
    expect(one([c, { ...a, limit: 6 }, d])).toEqual(['chain.1.limit:chain.acceptLimit']);
    expect(one([c, a, { ...n, limit: 0 }, d])).toEqual(['chain.2.limit:chain.noticeMinDays']);
    expect(one([c, a, { ...r, unit: U.CALENDAR_DAYS }, d])).toEqual(['chain.2.unit:chain.workingDays']);
    expect(one([c, a, { ...r, unit: 'HOURS' as U }, d])).toEqual(['chain.2.unit:chain.unit']);
    expect(one(Array.from({ length: 9 }, () => r).concat([c, a, d]).slice(0, 11))).toEqual(expect.arrayContaining(['chain:chain.tooManyStages']));
    // The stages after acceptance run within the promised limit (working days; the notice's calendar days aside).
    expect(one([c, a, r, n, d], { promisedLimit: 20, promisedUnit: U.WORKING_DAYS })).toEqual([]);
    const over = validateChain([c, a, r, n, d], L.TOWNSHIP, { promisedLimit: 19, promisedUnit: U.WORKING_DAYS });
    expect(over).toEqual([{ field: 'chain', message: expect.any(String), messageKey: 'chain.overPromise', params: { sum: 20, limit: 19 } }]);
  });

  it('is validated with the rest of the item content', () => {
    const content = {
      name: '最低生活保障审核确认', type: 'ADMINISTRATIVE_PAYMENT', category: 'SOCIAL_ASSISTANCE', handlingLevel: L.TOWNSHIP, handlingDepartment: '民政办',
      delegation: null, legalBasis: '《社会救助暂行办法》', conditions: '家庭人均收入低于当地低保标准', serviceObject: 'PERSON', materials: [], procedure: [{ title: '申请' }],
      statutoryLimit: null, statutoryUnit: null, promisedLimit: 30, promisedUnit: U.WORKING_DAYS, handlingKind: HandlingKind.PROMISED, fee: { free: true, items: [] },
      visitsRequired: 0, onlineCapable: true, consultationPhone: '0564-1234567', supervisionPhone: '0564-7654321', location: '乡镇为民服务中心', officeHours: '工作日',
      faq: [], exemption: null, demo: true, chain: [{ ...DIBAO[1], level: L.COUNTY }, DIBAO[4]], extensionLimit: 61,
    } as never;
    expect(validateItemContent(content).map((x) => `${x.field}:${x.messageKey}`)).toEqual(['chain.0.level:chain.acceptAtHandlingLevel', 'extensionLimit:chain.extensionLimit']);
  });
});

describe('routing an application', () => {
  it('lodged at the village station: every stage, the result back at the village', () => {
    const r = routeChain(DIBAO, L.VILLAGE);
    expect(r.map((s) => [s.kind, s.level])).toEqual([
      [K.COLLECT, L.VILLAGE],
      [K.ACCEPT, L.TOWNSHIP],
      [K.REVIEW, L.TOWNSHIP],
      [K.PUBLIC_NOTICE, L.VILLAGE],
      [K.DECIDE, L.COUNTY],
      [K.DELIVER, L.VILLAGE],
    ]);
    expect(r.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('lodged at the township window: no collection, the public notice at the township, delivered there', () => {
    const r = routeChain(DIBAO, L.TOWNSHIP);
    expect(r.map((s) => [s.kind, s.level])).toEqual([
      [K.ACCEPT, L.TOWNSHIP],
      [K.REVIEW, L.TOWNSHIP],
      [K.PUBLIC_NOTICE, L.TOWNSHIP],
      [K.DECIDE, L.COUNTY],
      [K.DELIVER, L.TOWNSHIP],
    ]);
  });

  it('returns go to the nearest review, or to an accepting window of another level; none in a one-stage chain', () => {
    const r = routeChain(DIBAO, L.VILLAGE);
    expect(returnTarget(r, 4)?.kind).toBe(K.REVIEW); // decision → review (not back into the notice)
    expect(returnTarget(r, 3)?.kind).toBe(K.REVIEW);
    expect(returnTarget(r, 2)).toBeNull(); // review at the accepting level: ask through RETURN_FOR_SUPPLEMENT instead
    const countyDecides = routeChain([DIBAO[1], DIBAO[4]], L.TOWNSHIP);
    expect(returnTarget(countyDecides, 1)?.kind).toBe(K.ACCEPT);
    expect(returnTarget(routeChain(chainOf(ONE_STAGE), L.TOWNSHIP), 1)).toBeNull();
  });
});

describe('stage clocks on the official calendar', () => {
  it('counts working days from arrival, skipping National Day and counting the 调休 Saturday', () => {
    // arrives Mon 09-28: 09-29, 09-30, [10-01…10-07 off], 10-08, 10-09, 10-10 (Sat, 调休) … 10-16
    expect(stageDueOn(cal, DIBAO[2], '2026-09-28')).toBe('2026-10-16');
    expect(stageDueOn(cal, { kind: K.REVIEW, limit: 3, unit: U.WORKING_DAYS }, '2026-10-08')).toBe('2026-10-12');
  });
  it('gives the accepting window 5 working days (Art. 32) and a public notice N calendar days, holidays included', () => {
    expect(stageDueOn(cal, DIBAO[1], '2026-09-28')).toBe(cal.deemedAcceptanceDeadline('2026-09-28'));
    // 09-29, 09-30, [10-01…10-07 off], 10-08, 10-09, 10-10 (Sat, 调休)
    expect(stageDueOn(cal, DIBAO[1], '2026-09-28')).toBe('2026-10-10');
    expect(stageDueOn(cal, DIBAO[3], '2026-09-30')).toBe('2026-10-07');
  });
});

describe('a suspension pauses the stage clock', () => {
  it('moves a working-day stage by the working days suspended, 调休 Saturday counted and National Day not', () => {
    // Suspended Mon 09-28, resumed Mon 10-12: 09-29, 09-30, 10-08, 10-09, 10-10 (Sat, 调休), 10-12 = 6 working days.
    expect(stageDueAfterSuspension(cal, DIBAO[2], '2026-10-16', '2026-09-28', '2026-10-12')).toBe('2026-10-26');
    // Suspended and resumed the same day: nothing to move.
    expect(stageDueAfterSuspension(cal, DIBAO[2], '2026-10-16', '2026-10-12', '2026-10-12')).toBe('2026-10-16');
  });
  it('moves a calendar-day stage by calendar days, off a day off onto the next working day', () => {
    // 09-28 → 10-02 is 4 calendar days: 10-03 + 4 = 10-07, still National Day → 10-08.
    expect(stageDueAfterSuspension(cal, { unit: U.CALENDAR_DAYS }, '2026-10-03', '2026-09-28', '2026-10-02')).toBe('2026-10-08');
  });
});

describe('the stage table', () => {
  it('is sound (checked at start-up) and refuses a broken one', () => {
    expect(validateStageTable()).toEqual([]);
    const broken = { ...STAGE_RULES, REVIEW: [{ action: SA.FORWARD, by: [] }, { action: 'SHIP', by: [Actor.CLERK] }] } as never;
    expect(validateStageTable(broken)).toEqual(expect.arrayContaining(['REVIEW: nobody may FORWARD', 'REVIEW: SHIP is not an action']));
    const { DELIVER: _d, ...noDeliver } = STAGE_RULES;
    expect(validateStageTable(noDeliver as never)).toContain('DELIVER: missing from the stage table');
  });

  const next = (kind: K, status: S, actors: Actor[], extra = {}) => stageNextActions({ kind, status, canReturn: true, ...extra }, actors);

  it('lists what each party may do at each stage', () => {
    expect(next(K.COLLECT, S.SUBMITTED, [Actor.AGENT])).toEqual([SA.FORWARD, AA.NOTIFY_DEFICIENCY, AA.WITHDRAW]);
    expect(next(K.COLLECT, S.DEFICIENT, [Actor.AGENT])).toEqual([AA.SUPPLEMENT, AA.WITHDRAW]);
    expect(next(K.ACCEPT, S.SUBMITTED, [Actor.CLERK])).toEqual([AA.ACCEPT, AA.NOTIFY_DEFICIENCY, AA.REJECT, SA.REFER]);
    expect(next(K.ACCEPT, S.SUBMITTED, [Actor.AGENT])).toEqual([AA.WITHDRAW]);
    expect(next(K.ACCEPT, S.DEFICIENT, [Actor.AGENT], { acceptedBefore: true })).toEqual([AA.SUPPLEMENT_AFTER_RETURN, AA.WITHDRAW]);
    expect(next(K.ACCEPT, S.DEFICIENT, [Actor.APPLICANT])).toEqual([AA.SUPPLEMENT, AA.WITHDRAW]);
    expect(next(K.REVIEW, S.ACCEPTED, [Actor.CLERK])).toEqual([SA.FORWARD, SA.RETURN, AA.RETURN_FOR_SUPPLEMENT, AA.SUSPEND]);
    expect(next(K.REVIEW, S.ACCEPTED, [Actor.CLERK], { canReturn: false })).toEqual([SA.FORWARD, AA.RETURN_FOR_SUPPLEMENT, AA.SUSPEND]);
    expect(next(K.PUBLIC_NOTICE, S.ACCEPTED, [Actor.CLERK])).toEqual([SA.RETURN]);
    expect(next(K.PUBLIC_NOTICE, S.ACCEPTED, [Actor.CLERK], { openObjections: 1, noticeEnded: true })).toEqual([SA.RETURN, SA.RESOLVE_OBJECTION]);
    expect(next(K.PUBLIC_NOTICE, S.ACCEPTED, [Actor.CLERK], { noticeEnded: true })).toEqual([SA.FORWARD, SA.RETURN]);
    expect(next(K.DECIDE, S.ACCEPTED, [Actor.CLERK])).toEqual([AA.COMPLETE, SA.EXTEND, SA.RETURN, AA.RETURN_FOR_SUPPLEMENT, AA.SUSPEND]);
    expect(next(K.DECIDE, S.ACCEPTED, [Actor.CLERK], { extended: true, canReturn: false })).toEqual([AA.COMPLETE, AA.RETURN_FOR_SUPPLEMENT, AA.SUSPEND]);
    expect(next(K.DECIDE, S.SUSPENDED, [Actor.CLERK])).toEqual([AA.RESUME]);
    expect(next(K.DELIVER, S.COMPLETED, [Actor.AGENT])).toEqual([AA.DELIVER]);
    expect(next(K.DELIVER, S.COMPLETED, [Actor.APPLICANT])).toEqual([]);
  });

  it('refuses the wrong stage as INVALID_TRANSITION and the wrong party as FORBIDDEN', () => {
    expect(stageAllows(AA.COMPLETE, { kind: K.REVIEW, status: S.ACCEPTED }, Actor.CLERK)).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(stageAllows(SA.EXTEND, { kind: K.DECIDE, status: S.ACCEPTED, extended: true }, Actor.CLERK)).toMatchObject({ ok: false, code: 'INVALID_TRANSITION', reason: expect.stringContaining('once only') });
    expect(stageAllows(SA.FORWARD, { kind: K.ACCEPT, status: S.SUBMITTED }, Actor.CLERK)).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(stageAllows(SA.FORWARD, { kind: K.REVIEW, status: S.ACCEPTED }, Actor.AGENT)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(stageAllows(SA.OBJECT, { kind: K.PUBLIC_NOTICE, status: S.ACCEPTED }, 'PUBLIC')).toEqual({ ok: true });
    expect(stageAllows(SA.OBJECT, { kind: K.DECIDE, status: S.ACCEPTED }, 'PUBLIC')).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(stageAllows(SA.REFER, { kind: K.ACCEPT, status: S.ACCEPTED }, Actor.CLERK)).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });
});
