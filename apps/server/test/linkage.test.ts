/**
 * 四级联动 over HTTP: an application travels village → township → county and back, with a clock at every stage;
 * returns, the public notice with objections, extension, referral, walk-in, and every refusal.
 */
import 'reflect-metadata';
import { WorkCalendar, addCalendarDays, chinaDate } from '@weimin/domain';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/config';
import { createDataSource } from '../src/db/data-source';
import { createServices, type Services } from '../src/services';
import { JINAN, YUAN, contextFor, fails, gql, loginAs, ok, pickItem, staffAccount, unique, uploadPdf, withDb } from './helpers';

const STAGE = `kind name level centre centreJurisdictionId arrivedOn dueOn doneOn outcome note overdue warning extendedDays`;
const FIELDS = `id number lookupCode status receivedOn acceptedOn dueDate nextActions noPhone paperOriginals
  applicant { name idNumber phone } currentStage { ${STAGE} } stages { ${STAGE} }
  deficiencyNotices { sequence isRepeat items { material } } events { action actor note } objections { id name resolution upheld }`;
const SUBMIT = `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { ${FIELDS} } }`;
const GET = `query($id: ID!) { application(id: $id) { ${FIELDS} } }`;
const FORWARD = `mutation($id: ID!, $n: String) { forwardApplication(id: $id, note: $n) { ${FIELDS} } }`;
const RETURN = `mutation($id: ID!, $i: ReturnApplicationInput!) { returnApplication(id: $id, input: $i) { ${FIELDS} } }`;
const REFER = `mutation($id: ID!, $to: ID!, $r: String!) { referApplication(id: $id, toJurisdictionId: $to, reason: $r) { ${FIELDS} } }`;
const EXTEND = `mutation($id: ID!, $i: ExtendInput!) { extendApplication(id: $id, input: $i) { ${FIELDS} } }`;
const ACCEPT = `mutation($id: ID!) { acceptApplication(id: $id) { ${FIELDS} } }`;
const NOTIFY = `mutation($id: ID!, $i: NotifyDeficiencyInput!) { notifyDeficiency(id: $id, input: $i) { ${FIELDS} } }`;
const SUPPLEMENT = `mutation($id: ID!, $i: SupplementInput!) { supplementApplication(id: $id, input: $i) { ${FIELDS} } }`;
const COMPLETE = `mutation($id: ID!, $i: CompleteInput!) { completeApplication(id: $id, input: $i) { ${FIELDS} } }`;
const DELIVER = `mutation($id: ID!, $i: DeliverInput!) { deliverApplication(id: $id, input: $i) { ${FIELDS} } }`;
const OBJECT = `mutation($id: ID!, $i: ObjectionInput!) { objectToPublicNotice(applicationId: $id, input: $i) }`;
const RESOLVE = `mutation($id: ID!, $i: ResolveObjectionInput!) { resolveObjection(id: $id, input: $i) { ${FIELDS} } }`;
const NOTICES = `query($j: ID!) { publicNotices(jurisdictionId: $j) { applicationId serviceItemName applicantName place from to objections } }`;
const QUEUE = `query($f: StageQueueFilterInput, $first: Int, $after: String) { stageQueue(filter: $f, first: $first, after: $after) { totalCount nodes { id number currentStage { kind dueOn } } pageInfo { hasNextPage endCursor } } }`;

const cal = new WorkCalendar();
let ds: DataSource;
let place: { township: { id: string; code: string }; village: { id: string; code: string }; township2: { id: string; code: string }; yuanTownship: { id: string } };
let dibao: { id: string; materials: Array<{ name: string; necessity: string }> };
let agent: string;
let town: string;
let county: string;

const servicesAt = (day: string): Services => createServices(ds, loadConfig(), { clock: { now: () => new Date(`${day}T04:00:00Z`) } });

beforeAll(async () => {
  ds = createDataSource(process.env.TEST_DATABASE_URL_RUN as string, 2);
  await ds.initialize();
  place = await withDb(async (c) => {
    const ts = (await c.query(`SELECT id::text, code FROM jurisdiction WHERE parent_id = (SELECT id FROM jurisdiction WHERE code = $1) ORDER BY code LIMIT 2`, [JINAN])).rows;
    const v = (await c.query(`SELECT id::text, code FROM jurisdiction WHERE parent_id = $1 ORDER BY code LIMIT 1`, [Number(ts[0].id)])).rows[0];
    const y = (await c.query(`SELECT id::text FROM jurisdiction WHERE parent_id = (SELECT id FROM jurisdiction WHERE code = $1) ORDER BY code LIMIT 1`, [YUAN])).rows[0];
    return { township: ts[0], township2: ts[1], village: v, yuanTownship: y };
  });
  const items = await ok(`query($at: ID!) { serviceItems(filter: { availableAt: $at }, first: 100) { nodes { id name handlingChain { kind level name limit unit } materials { name necessity } } } }`, { at: place.village.id });
  dibao = items.serviceItems.nodes.find((n: any) => n.name === '最低生活保障审核确认');
  agent = await loginAs('village.agent');
  town = await loginAs('town.clerk');
  county = await loginAs('jinan.clerk');
});
afterAll(() => ds.destroy());

/** A valid resident ID number (GB 11643 check digit) born on the day, with a sequence. */
function idNumber(birth: string, seq: number): string {
  const body = `341502${birth}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((n, c, i) => n + Number(c) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}
const DIBAO_ID = idNumber('19500307', 2);

async function files(token: string, names: string[]) {
  return Promise.all(names.map(async (n) => ({ requirement: n, fileIds: [await uploadPdf(token)] })));
}
const required = () => dibao.materials.filter((m) => m.necessity === 'REQUIRED').map((m) => m.name);

async function lodgeAtVillage(name = '王秀英', id = DIBAO_ID) {
  const d = await ok(SUBMIT, {
    i: {
      serviceItemId: dibao.id, jurisdictionId: place.village.id, materials: await files(agent, required()), idempotencyKey: unique('dibao'),
      onBehalfOf: { name, idNumber: id, phone: '13900001111', consent: '本人签字的代办委托书，存村服务站' },
    },
  }, agent);
  return d.submitApplication;
}

describe('the handling chain of 最低生活保障 (village → township → village → county → village)', () => {
  it('shows the chain on the guide, available at the village station', () => {
    expect(dibao).toBeDefined();
    expect(dibao.materials.length).toBeGreaterThan(2);
    expect((dibao as any).handlingChain.map((s: any) => `${s.kind}@${s.level}:${s.limit}${s.unit === 'CALENDAR_DAYS' ? '日' : ''}`)).toEqual([
      'COLLECT@VILLAGE:2', 'ACCEPT@TOWNSHIP:5', 'REVIEW@TOWNSHIP:8', 'PUBLIC_NOTICE@VILLAGE:7日', 'DECIDE@COUNTY:7',
    ]);
  });

  it('travels every stage with its own clock, and refuses what does not belong to the stage or the caller', async () => {
    const today = chinaDate(new Date());
    const a = await lodgeAtVillage();
    // Lodged at the station: the station collects; SMS with number and lookup code to the villager's phone.
    expect(a.currentStage).toMatchObject({ kind: 'COLLECT', level: 'VILLAGE', arrivedOn: today, dueOn: cal.addWorkingDays(today, 2), doneOn: null });
    expect(a.nextActions).toEqual(['FORWARD', 'NOTIFY_DEFICIENCY', 'WITHDRAW']);
    const sms = await withDb((c) => c.query(`SELECT phone, body FROM notification WHERE application_id = $1 ORDER BY created_at`, [a.id]));
    expect(sms.rows[0]).toMatchObject({ phone: '13900001111' });
    expect(sms.rows[0].body).toContain(a.number);
    expect(sms.rows[0].body).toContain(a.lookupCode);

    // Not yet at the accepting window: the township cannot accept it (wrong stage).
    expect((await fails(ACCEPT, { id: a.id }, town)).extensions?.code).toBe('INVALID_TRANSITION');
    // Another county's clerk does not even see it.
    expect((await fails(FORWARD, { id: a.id }, await loginAs('yuan.clerk'))).extensions?.code).toBe('NOT_FOUND');

    // 转报: at the township window from today; the five days of Art. 32 count from here.
    const f = (await ok(FORWARD, { id: a.id, n: '材料齐全，转报乡镇' }, agent)).forwardApplication;
    expect(f.currentStage).toMatchObject({ kind: 'ACCEPT', level: 'TOWNSHIP', arrivedOn: today, dueOn: cal.deemedAcceptanceDeadline(today) });
    expect(f.receivedOn).toBe(today);
    expect(f.stages[0]).toMatchObject({ kind: 'COLLECT', doneOn: today, outcome: 'FORWARDED', note: '材料齐全，转报乡镇' });
    expect(f.nextActions).toEqual(['WITHDRAW']);

    // In the township clerk's stage queue (by ID number and by name), not in the county's.
    const q = await ok(QUEUE, { f: { kind: 'ACCEPT', search: DIBAO_ID }, first: 100 }, town);
    expect(q.stageQueue.nodes.map((n: any) => n.id)).toContain(a.id);
    expect((await ok(QUEUE, { f: { search: '王秀' }, first: 100 }, town)).stageQueue.nodes.map((n: any) => n.id)).toContain(a.id);
    expect((await ok(QUEUE, { f: { kind: 'ACCEPT' }, first: 100 }, county)).stageQueue.nodes.map((n: any) => n.id)).not.toContain(a.id);

    const accepted = (await ok(ACCEPT, { id: a.id }, town)).acceptApplication;
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.currentStage).toMatchObject({ kind: 'REVIEW', level: 'TOWNSHIP', name: '乡镇入户调查审核', dueOn: cal.addWorkingDays(today, 8) });
    expect(accepted.nextActions).toEqual(['FORWARD', 'RETURN_FOR_SUPPLEMENT', 'SUSPEND']);
    // The county may act below it, but not out of turn: deciding at the review stage is the wrong stage.
    expect((await fails(COMPLETE, { id: a.id, i: { result: 'APPROVED' } }, county)).extensions?.code).toBe('INVALID_TRANSITION');

    // A return needs its reasons (named); with materials it goes back through the window as a repeat notice.
    const noReason = await fails(RETURN, { id: a.id, i: { reason: '', materials: [{ material: required()[1], problem: '缺少家庭成员签字' }] } }, town);
    expect(noReason.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    const returned = (await ok(RETURN, { id: a.id, i: { reason: '入户调查发现授权书缺签字', materials: [{ material: required()[1], problem: '缺少家庭成员签字' }] } }, town)).returnApplication;
    expect(returned).toMatchObject({ status: 'DEFICIENT', currentStage: { kind: 'ACCEPT', level: 'TOWNSHIP' } });
    expect(returned.deficiencyNotices.at(-1)).toMatchObject({ isRepeat: true, items: [{ material: required()[1] }] });
    expect(returned.stages.at(-2)).toMatchObject({ kind: 'REVIEW', outcome: 'RETURNED_FOR_SUPPLEMENT' });
    const seen = (await ok(GET, { id: a.id }, agent)).application;
    expect(seen.nextActions).toEqual(['SUPPLEMENT_AFTER_RETURN', 'WITHDRAW']);
    // The agent supplements only what was asked: back at the review, still accepted.
    const supplied = (await ok(SUPPLEMENT, { id: a.id, i: { materials: await files(agent, [required()[1]]) } }, agent)).supplementApplication;
    expect(supplied).toMatchObject({ status: 'ACCEPTED', acceptedOn: today, currentStage: { kind: 'REVIEW' } });

    // Passed: on the village public-notice board, masked, for 7 calendar days.
    const posted = (await ok(FORWARD, { id: a.id }, town)).forwardApplication;
    expect(posted.currentStage).toMatchObject({ kind: 'PUBLIC_NOTICE', level: 'VILLAGE', arrivedOn: today, dueOn: addCalendarDays(today, 7) });
    const board = (await ok(NOTICES, { j: place.village.id })).publicNotices;
    const entry = board.find((n: any) => n.applicationId === a.id);
    expect(entry).toMatchObject({ serviceItemName: '最低生活保障审核确认', applicantName: '王**', from: today, to: addCalendarDays(today, 7), objections: 0 });
    expect(JSON.stringify(board)).not.toContain('13900001111');
    expect(JSON.stringify(board)).not.toContain(DIBAO_ID);
    // Nobody may cut the notice short (the refusal carries its message key for the web).
    expect((await fails(FORWARD, { id: a.id }, town)).extensions).toMatchObject({ code: 'INVALID_TRANSITION', messageKey: 'linkage.noticeNotEnded' });

    // The period ends by itself without objections (controllable clock), and the county decides.
    const later = addCalendarDays(today, 8);
    expect(await servicesAt(addCalendarDays(today, 7)).stageActions.runPublicNoticeEnds({ ids: [a.id] })).toBe(0);
    expect(await servicesAt(later).stageActions.runPublicNoticeEnds({ ids: [a.id] })).toBe(1);
    const atCounty = (await ok(GET, { id: a.id }, county)).application;
    expect(atCounty.currentStage).toMatchObject({ kind: 'DECIDE', level: 'COUNTY', arrivedOn: later, dueOn: cal.addWorkingDays(later, 7) });
    expect(atCounty.stages.find((s: any) => s.kind === 'PUBLIC_NOTICE')).toMatchObject({ outcome: 'NOTICE_ENDED', doneOn: later });
    expect(atCounty.events.at(-1)).toMatchObject({ action: 'END_PUBLIC_NOTICE', actor: '系统' });
    expect(atCounty.nextActions).toEqual(['COMPLETE', 'EXTEND', 'RETURN', 'RETURN_FOR_SUPPLEMENT', 'SUSPEND']);
    // The township may no longer act on it (another level's stage) but still follows it.
    expect((await fails(COMPLETE, { id: a.id, i: { result: 'APPROVED' } }, town)).extensions?.code).toBe('NOT_FOUND');
    expect((await ok(GET, { id: a.id }, town)).application.currentStage.kind).toBe('DECIDE');

    // 延期: once, within the limit, with reasons.
    const tooLong = await fails(EXTEND, { id: a.id, i: { workingDays: 11, reason: '需补充核查' } }, county);
    expect(tooLong.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.workingDays', messageKey: 'linkage.extendTooLong', params: { max: 10 } });
    const extended = (await ok(EXTEND, { id: a.id, i: { workingDays: 5, reason: '需核查申请人家庭车辆信息' } }, county)).extendApplication;
    // On the city's calendar as it is now (another suite may add a year of days off meanwhile).
    const overrides = (await withDb((c) => c.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, working, name FROM calendar_override`))).rows;
    expect(extended.dueDate).toBe(new WorkCalendar(overrides).addWorkingDays(accepted.dueDate, 5));
    expect(extended.currentStage).toMatchObject({ dueOn: cal.addWorkingDays(cal.addWorkingDays(later, 7), 5), extendedDays: 5 });
    expect(extended.nextActions).not.toContain('EXTEND');
    expect((await fails(EXTEND, { id: a.id, i: { workingDays: 1, reason: '再延' } }, county)).extensions).toMatchObject({ code: 'INVALID_TRANSITION', messageKey: 'linkage.extendedAlready' });

    // Decided; the result goes back to the village station, where the agent hands it over.
    const decided = (await ok(COMPLETE, { id: a.id, i: { result: 'APPROVED', resultDocumentNumber: '金民低保〔2026〕1号' } }, county)).completeApplication;
    expect(decided).toMatchObject({ status: 'COMPLETED', currentStage: { kind: 'DELIVER', level: 'VILLAGE' } });
    const register = await ok(`{ stationRegister(handOver: true, first: 100) { nodes { id currentStage { kind } } } }`, {}, agent);
    expect(register.stationRegister.nodes.map((n: any) => n.id)).toContain(a.id);
    expect((await ok(GET, { id: a.id }, agent)).application.nextActions).toEqual(['DELIVER']);
    const handed = (await ok(DELIVER, { id: a.id, i: { method: 'PICKUP', note: '本人到村服务站领取' } }, agent)).deliverApplication;
    expect(handed).toMatchObject({ status: 'DELIVERED', currentStage: null, nextActions: [] });

    // Tracking by number and lookup code shows every stage with its dates, and no notes.
    const t = await ok(`query($n: String!, $c: String!) { applicationByNumber(number: $n, lookupCode: $c) { status stages { kind centre arrivedOn doneOn outcome note } } }`, { n: a.number, c: a.lookupCode });
    expect(t.applicationByNumber.stages.map((s: any) => s.kind)).toEqual(['COLLECT', 'ACCEPT', 'REVIEW', 'ACCEPT', 'REVIEW', 'PUBLIC_NOTICE', 'DECIDE', 'DELIVER']);
    expect(t.applicationByNumber.stages.every((s: any) => s.arrivedOn && s.doneOn && s.centre && s.note === null)).toBe(true);
    // An SMS at every stage change.
    const all = await withDb((c) => c.query(`SELECT title FROM notification WHERE application_id = $1 ORDER BY created_at`, [a.id]));
    expect(all.rows.map((r) => r.title)).toEqual(['申请已提交', '办理环节变更', '申请已受理', '请补正材料', '办理环节变更', '办理环节变更', '办理环节变更', '办理期限延长', '申请已办结', '办理结果已送达']);
  });
});

describe('the one-time notice across stages', () => {
  it("counts a notice citing what the station passed against the station's pre-check, and the station's own list is not the legal notice", async () => {
    const a = await lodgeAtVillage('李四');
    // The station's list at collection …
    const listed = (await ok(NOTIFY, { id: a.id, i: { items: [{ material: required()[0], problem: '复印件不清晰' }] } }, agent)).notifyDeficiency;
    expect(listed).toMatchObject({ status: 'DEFICIENT', currentStage: { kind: 'COLLECT' } });
    await ok(SUPPLEMENT, { id: a.id, i: { materials: await files(agent, [required()[0]]) } }, agent);
    await ok(FORWARD, { id: a.id }, agent);
    // … so the window's first notice is not a repeat; it cites a material the station passed.
    const n = (await ok(NOTIFY, { id: a.id, i: { items: [{ material: required()[2], problem: '缺少签字' }] } }, town)).notifyDeficiency;
    expect(n.deficiencyNotices.map((x: any) => x.isRepeat)).toEqual([false, false]);
    const rows = await withDb((c) => c.query(`SELECT stage_kind, precheck_misses FROM deficiency_notice WHERE application_id = $1 ORDER BY sequence`, [a.id]));
    expect(rows.rows).toEqual([{ stage_kind: 'COLLECT', precheck_misses: [] }, { stage_kind: 'ACCEPT', precheck_misses: [required()[2]] }]);
  });
});

describe('walk-in, public notice with objections', () => {
  it('records a person at the window with paper originals, accepts on the spot, and handles an objection', async () => {
    const today = chinaDate(new Date());
    const materials = required().map((r) => ({ requirement: r, fileIds: [], paperOriginal: true }));
    const walkIn = (await ok(SUBMIT, {
      i: { serviceItemId: dibao.id, jurisdictionId: place.township.id, materials, idempotencyKey: unique('walkin'),
        onBehalfOf: { name: '赵大爷', idNumber: idNumber('19400101', 3), noPhone: true, consent: '本人到窗口当面申请，签字确认' } },
    }, town)).submitApplication;
    expect(walkIn).toMatchObject({ noPhone: true, paperOriginals: required(), currentStage: { kind: 'ACCEPT', level: 'TOWNSHIP' } });
    expect(walkIn.events[0].actor).toContain('窗口');
    // Citizens cannot claim paper originals.
    const citizen = await loginAs('citizen');
    const nope = await fails(SUBMIT, { i: { serviceItemId: dibao.id, jurisdictionId: place.township.id, materials, idempotencyKey: unique('walkin') } }, citizen);
    expect(nope.extensions?.code).toBe('BAD_USER_INPUT');

    await ok(ACCEPT, { id: walkIn.id }, town);
    const posted = (await ok(FORWARD, { id: walkIn.id }, town)).forwardApplication;
    // Lodged at the township: the notice is posted there.
    expect(posted.currentStage).toMatchObject({ kind: 'PUBLIC_NOTICE', level: 'TOWNSHIP' });

    const bad = await gql(OBJECT, { id: walkIn.id, i: { name: '邻居', phone: '13800002222', reason: '' } });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await ok(OBJECT, { id: walkIn.id, i: { name: '邻居', phone: '13800002222', reason: '申请人家中有营运车辆' } })).toEqual({ objectToPublicNotice: true });
    expect((await ok(NOTICES, { j: place.township.id })).publicNotices.find((n: any) => n.applicationId === walkIn.id).objections).toBe(1);
    // Not on a board: looks the same as missing.
    expect((await fails(OBJECT, { id: dibao.id, i: { name: '某人', phone: '13800002222', reason: '随便说说看看' } })).extensions?.code).toBe('NOT_FOUND');

    // With an objection the period does not end by itself; the clerk resolves it, then passes.
    expect(await servicesAt(addCalendarDays(today, 8)).stageActions.runPublicNoticeEnds({ ids: [walkIn.id] })).toBe(0);
    const got = (await ok(GET, { id: walkIn.id }, town)).application;
    // The clerk who recorded it may also withdraw it for the person (as an agent would).
    expect(got.nextActions).toEqual(['RETURN', 'RESOLVE_OBJECTION', 'WITHDRAW']);
    const objectionId = got.objections[0].id;
    const noResolution = await fails(RESOLVE, { id: objectionId, i: { resolution: '', upheld: false } }, town);
    expect(noResolution.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.resolution' });
    const resolved = (await ok(RESOLVE, { id: objectionId, i: { resolution: '经核实车辆已于去年转让', upheld: false } }, town)).resolveObjection;
    expect(resolved.objections[0]).toMatchObject({ resolution: '经核实车辆已于去年转让', upheld: false });
    // The period passes (moved in the data: the server's clock is the real one).
    await withDb(async (c) => {
      await c.query(`UPDATE application SET stage_due_on = $2 WHERE id = $1`, [walkIn.id, addCalendarDays(today, -1)]);
      await c.query(`UPDATE application_stage SET due_on = $2 WHERE application_id = $1 AND done_at IS NULL`, [walkIn.id, addCalendarDays(today, -1)]);
    });
    const passed = (await ok(FORWARD, { id: walkIn.id }, town)).forwardApplication;
    expect(passed.currentStage).toMatchObject({ kind: 'DECIDE', level: 'COUNTY' });
  });

  it('窗口代录: a person without a phone, one paper original and scans, accepted on the spot; nobody texted; the window of another township refused', async () => {
    const today = chinaDate(new Date());
    const [paper, ...scanned] = required();
    const materials = [{ requirement: paper, fileIds: [], paperOriginal: true }, ...(await files(town, scanned))];
    const person = { name: '孙奶奶', idNumber: idNumber('19380512', 4), consent: '本人到窗口当面申请，签字确认' };
    const lodge = (onBehalfOf: object, token = town, key = unique('walkin')) =>
      gql(SUBMIT, { i: { serviceItemId: dibao.id, jurisdictionId: place.township.id, materials, idempotencyKey: key, onBehalfOf } }, token);
    const count = async () => Number((await withDb((c) => c.query(`SELECT count(*) FROM application WHERE applicant_id_number = $1`, [person.idNumber]))).rows[0].count);

    // An empty phone is a decision, not an omission: neither phone nor 没有手机 is refused, and so is both; nothing is written.
    const omitted = await lodge(person);
    expect(omitted.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.onBehalfOf.phone', messageKey: 'application.phoneOrNoPhone' });
    const both = await lodge({ ...person, phone: '13900002222', noPhone: true });
    expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.onBehalfOf.phone' });
    // The window of another township (same county) cannot record at this centre.
    const other = await staffAccount('CLERK', place.township2.code);
    expect((await lodge({ ...person, noPhone: true }, other)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count()).toBe(0);

    const a = (await lodge({ ...person, noPhone: true })).data!.submitApplication;
    expect(a).toMatchObject({
      status: 'SUBMITTED', noPhone: true, paperOriginals: [paper], applicant: { name: '孙奶奶', idNumber: person.idNumber, phone: null },
      currentStage: { kind: 'ACCEPT', level: 'TOWNSHIP', arrivedOn: today },
    });
    expect(a.nextActions).toContain('ACCEPT');
    expect(a.events[0]).toMatchObject({ action: 'SUBMIT', note: '窗口代录：孙奶奶' });
    const mats = await withDb((c) => c.query(`SELECT requirement FROM application_material WHERE application_id = $1 ORDER BY requirement`, [a.id]));
    expect(mats.rows.map((r: any) => r.requirement).sort()).toEqual([...scanned].sort());

    // 当场受理: the same accept as any other, at once.
    const accepted = (await ok(ACCEPT, { id: a.id }, town)).acceptApplication;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', acceptedOn: today, noPhone: true });
    const tracked = (await ok(`query($n: String!, $c: String!) { applicationByNumber(number: $n, lookupCode: $c) { status acceptedOn } }`, { n: a.number, c: a.lookupCode })).applicationByNumber;
    expect(tracked).toEqual({ status: 'ACCEPTED', acceptedOn: today });

    // No SMS: every message about it (lodging, acceptance) has no phone to go to.
    const sent = await withDb((c) => c.query(`SELECT kind, phone FROM notification WHERE application_id = $1 ORDER BY created_at`, [a.id]));
    expect(sent.rows.map((r: any) => r.kind)).toEqual(expect.arrayContaining(['SUBMIT', 'ACCEPT']));
    expect(sent.rows.every((r: any) => r.phone === null)).toBe(true);
  });

  it('limits objections per address', async () => {
    const a = await lodgeAtVillage('钱五');
    await ok(FORWARD, { id: a.id }, agent);
    await ok(ACCEPT, { id: a.id }, town);
    await ok(FORWARD, { id: a.id }, town);
    let limited: any = null;
    for (let i = 0; i < 6 && !limited; i++) {
      const r = await gql(OBJECT, { id: a.id, i: { name: `路人${i}`, phone: '13800003333', reason: '反映情况，请核实' } });
      if (r.errors) limited = r.errors[0];
    }
    expect(limited?.extensions?.code).toBe('RATE_LIMITED');
  });
});

describe('referral (移送)', () => {
  it('hands a wrongly lodged application to the right township of the county before acceptance; days count from the referral', async () => {
    const item = await pickItem(place.township.id);
    const citizen = await loginAs('citizen');
    const a = (await ok(SUBMIT, { i: { serviceItemId: item.id, jurisdictionId: place.township.id, materials: await files(citizen, item.materials.filter((m) => m.necessity === 'REQUIRED').map((m) => m.name)), idempotencyKey: unique('refer') } }, citizen)).submitApplication;
    expect(a.nextActions).toEqual(['WITHDRAW']);
    expect((await ok(GET, { id: a.id }, town)).application.nextActions).toEqual(['ACCEPT', 'NOTIFY_DEFICIENCY', 'REJECT', 'REFER']);
    expect((await fails(REFER, { id: a.id, to: place.township2.id, r: '' }, town)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await fails(REFER, { id: a.id, to: place.village.id, r: '户籍不在本镇' }, town)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toJurisdictionId' });
    expect((await fails(REFER, { id: a.id, to: place.yuanTownship.id, r: '户籍不在本镇' }, town)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toJurisdictionId' });
    const referred = (await ok(REFER, { id: a.id, to: place.township2.id, r: '申请人户籍不在本镇' }, town)).referApplication;
    const today = chinaDate(new Date());
    expect(referred.currentStage).toMatchObject({ kind: 'ACCEPT', centreJurisdictionId: place.township2.id, arrivedOn: today, dueOn: cal.deemedAcceptanceDeadline(today) });
    expect(referred.stages[0]).toMatchObject({ outcome: 'REFERRED', note: expect.stringContaining('申请人户籍不在本镇') });
    // The first township no longer holds it; the county (covering the second) accepts.
    expect((await fails(ACCEPT, { id: a.id }, town)).extensions?.code).toBe('NOT_FOUND');
    const accepted = (await ok(ACCEPT, { id: a.id }, county)).acceptApplication;
    expect(accepted.currentStage).toMatchObject({ kind: 'DECIDE', centreJurisdictionId: place.township2.id });
    expect((await fails(REFER, { id: a.id, to: place.township.id, r: '再移送回去' }, county)).extensions?.code).toBe('INVALID_TRANSITION');
    const notes = await withDb((c) => c.query(`SELECT body FROM notification WHERE application_id = $1 AND title = '办理环节变更'`, [a.id]));
    expect(notes.rows[0].body).toContain('已移送');
  });
});

describe('stage clocks on the official calendar', () => {
  it('counts a stage from its arrival in working days, the 调休 Saturday included', async () => {
    // Accepted on Monday 2026-09-28 (the clock of the service set to that day): the review runs 8 working days:
    // 09-29, 09-30, [10-01…10-07 off], 10-08, 10-09, 10-10 (Saturday, 调休 working day), 10-12, 10-13, 10-14.
    const a = await lodgeAtVillage('孙六');
    await ok(FORWARD, { id: a.id }, agent);
    const at = servicesAt('2026-09-28');
    await at.applications.accept(await contextFor(at, 'town.clerk'), a.id);
    const got = (await ok(GET, { id: a.id }, town)).application;
    expect(got.currentStage).toMatchObject({ kind: 'REVIEW', arrivedOn: '2026-09-28', dueOn: '2026-10-14', overdue: true });
    expect(got.stages[1]).toMatchObject({ kind: 'ACCEPT', outcome: 'ACCEPTED', doneOn: '2026-09-28' });
  });
});

describe('a suspension pauses the stage clock', () => {
  it('moves the stage due date by the working days suspended (调休 included), and the stage is neither overdue nor in warning meanwhile', async () => {
    const a = await lodgeAtVillage('周七');
    await ok(FORWARD, { id: a.id }, agent);
    const monday = servicesAt('2026-09-28');
    await monday.applications.accept(await contextFor(monday, 'town.clerk'), a.id);
    const accepted = (await ok(GET, { id: a.id }, town)).application;
    expect(accepted.currentStage).toMatchObject({ kind: 'REVIEW', dueOn: '2026-10-14', overdue: true });
    await monday.applications.suspend(await contextFor(monday, 'town.clerk'), a.id, { kind: 'EXPERT_REVIEW', reason: '需专家评审家庭收入' } as never);
    const suspended = (await ok(GET, { id: a.id }, town)).application;
    expect(suspended).toMatchObject({ status: 'SUSPENDED', currentStage: { kind: 'REVIEW', dueOn: '2026-10-14', overdue: false, warning: false } });
    // Resumed on Monday 10-12: 09-29, 09-30, [10-01…10-07 off], 10-08, 10-09, 10-10 (Saturday, 调休), 10-12 = 6 working days.
    const resumeDay = servicesAt('2026-10-12');
    await resumeDay.applications.resume(await contextFor(resumeDay, 'town.clerk'), a.id);
    const resumed = (await ok(GET, { id: a.id }, town)).application;
    expect(resumed.status).toBe('ACCEPTED');
    expect(resumed.currentStage).toMatchObject({ kind: 'REVIEW', arrivedOn: '2026-09-28', dueOn: '2026-10-22' });
    // The promised limit moved by the same days; the stage row and the queue's copy agree.
    expect(resumed.dueDate).toBe(cal.addWorkingDays(accepted.dueDate, 6));
    const rows = await withDb((c) => c.query(
      `SELECT to_char(a.stage_due_on, 'YYYY-MM-DD') AS app, to_char(s.due_on, 'YYYY-MM-DD') AS stage FROM application a
         JOIN application_stage s ON s.application_id = a.id AND s.done_at IS NULL WHERE a.id = $1`, [a.id]));
    expect(rows.rows).toEqual([{ app: '2026-10-22', stage: '2026-10-22' }]);
    // The clock runs again (the real today is past 10-22): overdue on its own.
    expect(resumed.currentStage.overdue).toBe(chinaDate(new Date()) > '2026-10-22');
  });
});

describe('stage figures on the dashboard', () => {
  const FIG = `level kind arrivals done doneOnTime onTimeRate medianDwellDays p90DwellDays returns objections extensions precheckMisses`;
  const Q = `query($j: ID!, $f: Date!, $t: Date!) { performance(jurisdictionId: $j, from: $f, to: $t) { stageFigures { ${FIG} } stagesWaiting { level kind open overdue } } }`;

  /** The same figures straight from the raw rows, with dwell counted on the calendar here. */
  async function reference(path: string, from: string, to: string, today: string) {
    return withDb(async (c) => {
      const rows = (await c.query(
        `SELECT s.level, s.kind, to_char(s.arrived_on, 'YYYY-MM-DD') AS arrived, to_char(s.done_on, 'YYYY-MM-DD') AS done, to_char(s.due_on, 'YYYY-MM-DD') AS due,
                s.outcome, s.extended_days, (SELECT count(*)::int FROM public_notice_objection o WHERE o.stage_id = s.id) AS objections,
                CASE WHEN s.kind = 'COLLECT' THEN (SELECT count(*)::int FROM deficiency_notice d WHERE d.application_id = s.application_id
                  AND d.stage_kind <> 'COLLECT' AND d.precheck_misses <> '{}') ELSE 0 END AS misses
           FROM application_stage s JOIN jurisdiction j ON j.id = s.center_id WHERE j.path LIKE $1 AND s.arrived_on BETWEEN $2 AND $3`,
        [`${path}%`, from, to],
      )).rows;
      const groups = new Map<string, typeof rows>();
      for (const r of rows) groups.set(`${r.level}|${r.kind}`, [...(groups.get(`${r.level}|${r.kind}`) ?? []), r]);
      const pick = (xs: number[], p: number) => (xs.length ? xs[Math.ceil(p * xs.length) - 1] : null);
      const figures = [...groups.entries()].map(([k, g]) => {
        const done = g.filter((r) => r.done);
        const dwell = done.map((r) => cal.workingDaysBetween(r.arrived, r.done)).sort((a, b) => a - b);
        const onTime = done.filter((r) => r.done <= r.due).length;
        return {
          level: k.split('|')[0], kind: k.split('|')[1], arrivals: g.length, done: done.length, doneOnTime: onTime, onTimeRate: done.length ? onTime / done.length : null,
          medianDwellDays: pick(dwell, 0.5), p90DwellDays: pick(dwell, 0.9),
          returns: g.filter((r) => r.outcome === 'RETURNED' || r.outcome === 'RETURNED_FOR_SUPPLEMENT').length,
          objections: g.reduce((n, r) => n + r.objections, 0), extensions: g.filter((r) => r.extended_days != null).length,
          precheckMisses: g.reduce((n, r) => n + r.misses, 0),
        };
      });
      const waiting = (await c.query(
        `SELECT j.level, a.stage_kind AS kind, count(*)::int AS open, count(*) FILTER (WHERE a.stage_due_on < $2 AND a.status <> 'SUSPENDED')::int AS overdue
           FROM application a JOIN jurisdiction j ON j.id = a.stage_center_id WHERE a.stage_center_path LIKE $1 GROUP BY 1, 2`,
        [`${path}%`, today],
      )).rows;
      const key = (x: { level: string; kind: string }) => `${x.level}|${x.kind}`;
      return { figures: figures.sort((a, b) => key(a).localeCompare(key(b))), waiting: waiting.sort((a, b) => key(a).localeCompare(key(b))) };
    });
  }

  it('equal SQL over the raw stage rows, for the county and its first township', async () => {
    const today = chinaDate(new Date());
    const from = addCalendarDays(today, -30);
    const to = addCalendarDays(today, 30);
    const supervisor = await loginAs('supervisor');
    const [county] = (await withDb((c) => c.query(`SELECT id::text, path FROM jurisdiction WHERE code = $1`, [JINAN]))).rows;
    const [township] = (await withDb((c) => c.query(`SELECT id::text, path FROM jurisdiction WHERE id = $1`, [Number(place.township.id)]))).rows;
    for (const node of [county, township]) {
      // Other suites write at the same time: compare against a reference that did not change around the query.
      for (let attempt = 0; ; attempt++) {
        const before = await reference(node.path, from, to, today);
        const got = (await ok(Q, { j: node.id, f: from, t: to }, supervisor)).performance;
        const after = await reference(node.path, from, to, today);
        if (JSON.stringify(before) !== JSON.stringify(after) && attempt < 5) continue;
        const key = (x: { level: string; kind: string }) => `${x.level}|${x.kind}`;
        expect([...got.stageFigures].sort((a: any, b: any) => key(a).localeCompare(key(b)))).toEqual(after.figures);
        expect([...got.stagesWaiting].sort((a: any, b: any) => key(a).localeCompare(key(b)))).toEqual(after.waiting);
        break;
      }
    }
    // The chains above produced every kind of figure somewhere in the county.
    const got = (await ok(Q, { j: county.id, f: from, t: to }, supervisor)).performance;
    const sum = (f: string) => got.stageFigures.reduce((n: number, x: any) => n + x[f], 0);
    expect(sum('returns')).toBeGreaterThan(0);
    expect(sum('objections')).toBeGreaterThan(0);
    expect(sum('extensions')).toBeGreaterThan(0);
    expect(sum('precheckMisses')).toBeGreaterThan(0);
    expect(got.stageFigures.map((x: any) => x.kind)).toEqual(expect.arrayContaining(['COLLECT', 'ACCEPT', 'REVIEW', 'PUBLIC_NOTICE', 'DECIDE', 'DELIVER']));
  });
});
