import { JINAN, fails, gql, loginAs, ok, pdfBytes, PNG_BYTES, unique, uploadFile, uploadPdf, withDb } from './helpers';

const APP_FIELDS = `id number lookupCode status receivedOn acceptedOn dueDate supplementDeadline overdue warning nextActions nextStep
  applicant { name idNumber phone } onBehalf consent
  receipt { number acceptedOn dueDate lookupCode deemed }
  deficiencyNotices { sequence items { material problem } supplementDeadline isRepeat }
  events { action fromStatus toStatus actor note }
  materials { requirement fileName round url }
  decision { result reasons resultDocumentNumber appealRights }
  rejection { reason legalBasis competentBody appealRights }
  delivery { method trackingNumber }
  suspensions { kind reason from to }
  serviceItem { id name versionNo } jurisdiction { code } handlingCenter dueDateExplanation version`;

const SUBMIT = `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { ${APP_FIELDS} } }`;
const act = (name: string, args = '') => `mutation($id: ID!${args ? ', ' + args.split(',').map((a) => a.trim()).filter(Boolean).map((a) => `$${a.split(':')[0].trim()}: ${a.split(':')[1].trim()}`).join(', ') : ''}) { ${name}(id: $id${args ? ', ' + args.split(',').map((a) => a.split(':')[0].trim()).map((a) => `${a}: $${a}`).join(', ') : ''}) { ${APP_FIELDS} } }`;
const ACCEPT = act('acceptApplication');
const NOTIFY = act('notifyDeficiency', 'input: NotifyDeficiencyInput!');
const SUPPLEMENT = act('supplementApplication', 'input: SupplementInput!');
const REJECT = act('rejectApplication', 'input: RejectInput!');
const SUSPEND = act('suspendApplication', 'input: SuspendInput!');
const RESUME = act('resumeApplication');
const COMPLETE = act('completeApplication', 'input: CompleteInput!');
const DELIVER = act('deliverApplication', 'input: DeliverInput!');
const WITHDRAW = act('withdrawApplication', 'reason: String!');
const GET = `query($id: ID!) { application(id: $id) { ${APP_FIELDS} } }`;

interface Setting {
  township: { id: string; code: string };
  village: { id: string; code: string };
  item: { id: string; name: string; materials: Array<{ name: string; necessity: string }>; promisedLimit: number };
  villageItem: { id: string; materials: Array<{ name: string; necessity: string }> };
}

let s: Setting;
let citizen: string;
let clerk: string;

async function pickItem(at: string, level: string) {
  const d = await ok(`query($at: ID!) { serviceItems(filter: { availableAt: $at }, first: 100) { nodes { id name handlingKind onlineCapable exemption { office } fee { free } promisedLimit promisedUnit handlingChain { kind } materials { name necessity } } } }`, { at });
  const item = d.serviceItems.nodes.find((n: any) => n.handlingKind === 'PROMISED' && n.handlingChain.length === 2 && n.onlineCapable && !n.exemption && n.fee.free && n.promisedUnit === 'WORKING_DAYS' && n.materials.length >= 2);
  if (!item) throw new Error(`no suitable ${level} item`);
  return item;
}

beforeAll(async () => {
  const rows = await withDb(async (c) => {
    const t = (await c.query(`SELECT id::text, code FROM jurisdiction WHERE parent_id = (SELECT id FROM jurisdiction WHERE code = $1) ORDER BY code LIMIT 1`, [JINAN])).rows[0];
    const v = (await c.query(`SELECT id::text, code FROM jurisdiction WHERE parent_id = $1 ORDER BY code LIMIT 1`, [Number(t.id)])).rows[0];
    return { t, v };
  });
  s = { township: rows.t, village: rows.v, item: await pickItem(rows.t.id, 'TOWNSHIP'), villageItem: await pickItem(rows.v.id, 'VILLAGE') };
  citizen = await loginAs('citizen');
  clerk = await loginAs('town.clerk');
});

async function materialsFor(token: string, materials: Array<{ name: string; necessity: string }>, all = false) {
  const needed = materials.filter((m) => all || m.necessity === 'REQUIRED');
  return Promise.all(needed.map(async (m) => ({ requirement: m.name, fileIds: [await uploadPdf(token)] })));
}

async function submit(token = citizen, extra: Record<string, unknown> = {}) {
  const d = await ok(SUBMIT, { i: { serviceItemId: s.item.id, jurisdictionId: s.township.id, materials: await materialsFor(token, s.item.materials, true), idempotencyKey: unique('key'), ...extra } }, token);
  return d.submitApplication;
}

describe('uploading materials', () => {
  it('stores a PDF with its sha256 and sniffs the type from the content, not the name', async () => {
    const body = pdfBytes('x');
    const r = await uploadFile(citizen, '身份证.pdf', body);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ originalName: '身份证.pdf', mimeType: 'application/pdf', sizeBytes: body.length });
    expect(r.body.sha256).toBe(require('node:crypto').createHash('sha256').update(body).digest('hex'));
    expect((await uploadFile(citizen, 'photo.png', PNG_BYTES)).body.mimeType).toBe('image/png');
    const fake = await uploadFile(citizen, 'virus.pdf', Buffer.from('MZ this is not a pdf at all'));
    expect(fake.status).toBe(400);
    expect(fake.body.field).toBe('file');
  });

  it('refuses anonymous uploads, uploads without the anti-CSRF header, and oversize files', async () => {
    expect((await uploadFile(undefined, 'a.pdf', pdfBytes())).status).toBe(401);
    expect((await uploadFile(citizen, 'a.pdf', pdfBytes(), {})).status).toBe(400);
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(11 * 1024 * 1024)]);
    const r = await uploadFile(citizen, 'big.pdf', big);
    expect([400, 413]).toContain(r.status);
  });
});

describe('submitting', () => {
  it('records the application with its number, pinned version and history', async () => {
    const a = await submit();
    expect(a).toMatchObject({ status: 'SUBMITTED', onBehalf: false, jurisdiction: { code: s.township.code }, serviceItem: { id: s.item.id, name: s.item.name } });
    expect(a.number).toMatch(new RegExp(`^${s.township.code.slice(0, 6)}\\d{14}$`));
    expect(a.applicant).toEqual({ name: '张秀英', idNumber: '341502195803120025', phone: '13905640001' });
    expect(a.events).toEqual([expect.objectContaining({ action: 'SUBMIT', fromStatus: null, toStatus: 'SUBMITTED' })]);
    expect(a.materials.length).toBe(s.item.materials.length);
    expect(a.nextActions).toEqual(['WITHDRAW']);
    expect(a.handlingCenter).toMatch(/为民服务中心$/);
  });

  it('returns the same application for a retried submit, also when both arrive at once', async () => {
    const input = { serviceItemId: s.item.id, jurisdictionId: s.township.id, materials: await materialsFor(citizen, s.item.materials), idempotencyKey: unique('retry') };
    const [a, b] = await Promise.all([gql(SUBMIT, { i: input }, citizen), gql(SUBMIT, { i: input }, citizen)]);
    expect(a.errors ?? b.errors).toBeUndefined();
    expect(a.data.submitApplication.id).toBe(b.data.submitApplication.id);
    const again = await ok(SUBMIT, { i: input }, citizen);
    expect(again.submitApplication.id).toBe(a.data.submitApplication.id);
    const n = await withDb((c) => c.query(`SELECT count(*)::int AS n FROM application WHERE idempotency_key = $1`, [input.idempotencyKey]));
    expect(n.rows[0].n).toBe(1);
  });

  it('refuses a submission missing a required material, naming it, and stores nothing', async () => {
    const key = unique('missing');
    const required = s.item.materials.filter((m) => m.necessity === 'REQUIRED');
    const err = await fails(SUBMIT, { i: { serviceItemId: s.item.id, jurisdictionId: s.township.id, materials: [], idempotencyKey: key } }, citizen);
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.materials' });
    expect(err.message).toContain(required[0].name);
    const n = await withDb((c) => c.query(`SELECT count(*)::int AS n FROM application WHERE idempotency_key = $1`, [key]));
    expect(n.rows[0].n).toBe(0);
  });

  it('refuses an item not available at that jurisdiction, and files that are not yours', async () => {
    const materials = await materialsFor(citizen, s.item.materials);
    const wrongPlace = await fails(SUBMIT, { i: { serviceItemId: s.item.id, jurisdictionId: s.village.id, materials, idempotencyKey: unique('k') } }, citizen);
    expect(wrongPlace.extensions?.field).toBe('input.jurisdictionId');
    const other = await loginAs('citizen2');
    const stolen = await fails(SUBMIT, { i: { serviceItemId: s.item.id, jurisdictionId: s.township.id, materials, idempotencyKey: unique('k') } }, other);
    expect(stolen.extensions?.field).toBe('input.materials');
  });

  it('lets a village agent apply for a villager with recorded consent, and only in their village', async () => {
    const agent = await loginAs('village.agent');
    const materials = await materialsFor(agent, s.villageItem.materials);
    const villager = { name: '王老汉', idNumber: '341502194501010010', noPhone: true, consent: '本人签字的代办委托书，存村服务站' };
    const d = await ok(SUBMIT, { i: { serviceItemId: s.villageItem.id, jurisdictionId: s.village.id, materials, onBehalfOf: villager, idempotencyKey: unique('agent') } }, agent);
    expect(d.submitApplication).toMatchObject({ onBehalf: true, consent: villager.consent, applicant: { name: '王老汉', idNumber: villager.idNumber } });
    expect(d.submitApplication.events[0].actor).toContain('代办员');
    const mine = await ok(`{ myApplications(first: 100) { nodes { id } } }`, {}, agent);
    expect(mine.myApplications.nodes.map((n: any) => n.id)).toContain(d.submitApplication.id);
    const err = await fails(SUBMIT, { i: { serviceItemId: s.item.id, jurisdictionId: s.township.id, materials: await materialsFor(agent, s.item.materials), onBehalfOf: villager, idempotencyKey: unique('agent') } }, agent);
    expect(err.extensions?.code).toBe('FORBIDDEN');
    const noConsent = await gql(SUBMIT, { i: { serviceItemId: s.villageItem.id, jurisdictionId: s.village.id, materials, onBehalfOf: { ...villager, consent: '' }, idempotencyKey: unique('agent') } }, agent);
    expect(noConsent.errors?.[0].extensions?.field).toBe('input.onBehalfOf.consent');
  });
});

describe('handling', () => {
  it('goes notice → supplement → accept → suspend → resume → complete → deliver, with receipt and history', async () => {
    const a = await submit();
    const [m1, m2] = s.item.materials;
    const noticed = (await ok(NOTIFY, { id: a.id, input: { items: [{ material: m1.name, problem: '复印件不清晰' }, { material: m2.name, problem: '缺少签字' }] } }, clerk)).notifyDeficiency;
    expect(noticed.status).toBe('DEFICIENT');
    expect(noticed.deficiencyNotices).toEqual([expect.objectContaining({ sequence: 1, isRepeat: false, items: [{ material: m1.name, problem: '复印件不清晰' }, { material: m2.name, problem: '缺少签字' }] })]);
    expect(noticed.supplementDeadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(noticed.nextActions).toEqual([]); // the clerk waits for the applicant

    const mine = await ok(GET, { id: a.id }, citizen);
    expect(mine.application.nextActions.sort()).toEqual(['SUPPLEMENT', 'WITHDRAW']);
    // Everything the notice cited comes back at once: half a supplement is refused and changes nothing.
    const half = await fails(SUPPLEMENT, { id: a.id, input: { materials: [{ requirement: m1.name, fileIds: [await uploadPdf(citizen)] }] } }, citizen);
    expect(half.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.materials', missing: [m2.name] });
    expect((await ok(GET, { id: a.id }, citizen)).application.status).toBe('DEFICIENT');
    const supplemented = (await ok(SUPPLEMENT, { id: a.id, input: { materials: [
      { requirement: m1.name, fileIds: [await uploadPdf(citizen, '清晰版.pdf')] },
      { requirement: m2.name, fileIds: [await uploadPdf(citizen, '签字版.pdf')] },
    ] } }, citizen)).supplementApplication;
    expect(supplemented.status).toBe('SUBMITTED');
    expect(supplemented.materials.filter((x: any) => x.round === 2).map((x: any) => x.fileName)).toEqual(['清晰版.pdf', '签字版.pdf']);

    const accepted = (await ok(ACCEPT, { id: a.id }, clerk)).acceptApplication;
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.receipt).toMatchObject({ number: `SL${a.number}`, deemed: false });
    expect(accepted.receipt.lookupCode).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(accepted.receipt.dueDate > accepted.receipt.acceptedOn).toBe(true);
    expect(accepted.dueDateExplanation.join('\n')).toContain(accepted.dueDate);
    // At the decision stage: decide, extend once (Art. 42), ask for more through the window, or suspend.
    expect(accepted.nextActions.sort()).toEqual(['COMPLETE', 'EXTEND', 'RETURN_FOR_SUPPLEMENT', 'SUSPEND']);

    const tracked = await ok(`query($n: String!, $c: String!) { applicationByNumber(number: $n, lookupCode: $c) { status serviceItemName dueDate nextStep events { action } } }`, { n: a.number, c: accepted.receipt.lookupCode });
    expect(tracked.applicationByNumber).toMatchObject({ status: 'ACCEPTED', serviceItemName: s.item.name, dueDate: accepted.dueDate });
    const wrong = await ok(`query($n: String!) { applicationByNumber(number: $n, lookupCode: "000000") { status } }`, { n: a.number });
    expect(wrong.applicationByNumber).toBeNull();

    const suspended = (await ok(SUSPEND, { id: a.id, input: { kind: 'EXPERT_REVIEW', reason: '需专家评审' } }, clerk)).suspendApplication;
    expect(suspended).toMatchObject({ status: 'SUSPENDED', suspensions: [expect.objectContaining({ kind: 'EXPERT_REVIEW', to: null })] });
    const resumed = (await ok(RESUME, { id: a.id }, clerk)).resumeApplication;
    expect(resumed.status).toBe('ACCEPTED');
    expect(resumed.suspensions[0].to).not.toBeNull();

    expect((await fails(COMPLETE, { id: a.id, input: { result: 'DENIED' } }, clerk)).extensions?.field).toBe('input.reasons');
    const completed = (await ok(COMPLETE, { id: a.id, input: { result: 'APPROVED', resultDocumentNumber: '金民〔2026〕1号' } }, clerk)).completeApplication;
    expect(completed).toMatchObject({ status: 'COMPLETED', decision: { result: 'APPROVED', resultDocumentNumber: '金民〔2026〕1号', appealRights: null } });
    expect((await fails(DELIVER, { id: a.id, input: { method: 'MAIL' } }, clerk)).extensions?.field).toBe('input.trackingNumber');
    const delivered = (await ok(DELIVER, { id: a.id, input: { method: 'PICKUP' } }, clerk)).deliverApplication;
    expect(delivered.status).toBe('DELIVERED');
    expect(delivered.events.map((e: any) => e.action)).toEqual(['SUBMIT', 'NOTIFY_DEFICIENCY', 'SUPPLEMENT', 'ACCEPT', 'SUSPEND', 'RESUME', 'COMPLETE', 'DELIVER']);
    expect(delivered.nextActions).toEqual([]);

    const notes = await ok(`{ myNotifications(first: 100) { title applicationId } }`, {}, citizen);
    expect(notes.myNotifications.filter((n: any) => n.applicationId === a.id).map((n: any) => n.title)).toEqual(
      expect.arrayContaining(['申请已提交', '请补正材料', '申请已受理', '申请已办结', '办理结果已送达']),
    );
    // The texts the server composes come as keys of the shared catalogue with their parameters, the Chinese words beside.
    const keyedQ = `query($id: ID!) { application(id: $id) { nextStep nextStepKey nextStepParams events { action actor actorRole actorName note noteKey noteParams } } }`;
    const keyedApp = (await ok(keyedQ, { id: a.id }, clerk)).application;
    expect(keyedApp).toMatchObject({ nextStepKey: 'application.nextStep.DELIVERED', nextStepParams: {}, nextStep: '办理结果已送达，欢迎评价' });
    const byAction = Object.fromEntries(keyedApp.events.map((e: any) => [e.action, e]));
    expect(byAction.NOTIFY_DEFICIENCY).toMatchObject({
      actorRole: 'CLERK', noteKey: 'application.history.deficiency',
      noteParams: { items: [{ material: m1.name, problem: '复印件不清晰' }, { material: m2.name, problem: '缺少签字' }] },
      note: `${m1.name}：复印件不清晰；${m2.name}：缺少签字`,
    });
    expect(byAction.NOTIFY_DEFICIENCY.actor).toBe(`${byAction.NOTIFY_DEFICIENCY.actorName}（窗口）`);
    expect(byAction.SUSPEND).toMatchObject({ noteKey: 'application.history.suspend', noteParams: { procedure: { key: 'application.procedure.EXPERT_REVIEW' }, reason: '需专家评审' }, note: '专家评审：需专家评审' });
    expect(byAction.DELIVER).toMatchObject({ noteKey: 'application.history.deliver', noteParams: { method: { key: 'application.delivery.PICKUP' } } });
    expect(byAction.ACCEPT).toMatchObject({ noteKey: null, noteParams: null });
    const keyedNotes = (await ok(`{ myNotifications(first: 100) { title body messageKey params applicationId } }`, {}, citizen)).myNotifications.filter((n: any) => n.applicationId === a.id);
    expect(keyedNotes.find((n: any) => n.messageKey === 'application.notice.SUBMIT')).toMatchObject({
      title: '申请已提交', params: { item: s.item.name, number: a.number, lookupCode: a.lookupCode }, body: `您的「${s.item.name}」申请已提交，办件编号 ${a.number}，查询码 ${a.lookupCode}。`,
    });
    expect(keyedNotes.find((n: any) => n.messageKey === 'application.notice.ACCEPT')?.params).toEqual({ item: s.item.name, number: a.number, dueDate: accepted.dueDate });
    const mineIds = (await ok(`{ myNotifications(first: 100) { id applicationId readAt } }`, {}, citizen)).myNotifications.filter((n: any) => n.applicationId === a.id);
    const unreadBefore = (await ok(`{ unreadNotificationCount }`, {}, citizen)).unreadNotificationCount;
    const marked = await ok(`mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`, { ids: mineIds.map((n: any) => n.id) }, citizen);
    expect(marked.markNotificationsRead).toBe(mineIds.filter((n: any) => !n.readAt).length);
    expect((await ok(`{ unreadNotificationCount }`, {}, citizen)).unreadNotificationCount).toBeLessThanOrEqual(unreadBefore - marked.markNotificationsRead);
    expect(a.lookupCode).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    const audit = await withDb((c) => c.query(`SELECT action FROM audit_log WHERE entity = 'Application' AND entity_id = $1 ORDER BY id`, [a.id]));
    expect(audit.rows.map((r) => r.action)).toContain('application.ACCEPT');
  });

  it('allows a second notice only for materials changed in the latest supplement', async () => {
    const a = await submit();
    const [m1, m2] = s.item.materials;
    await ok(NOTIFY, { id: a.id, input: { items: [{ material: m1.name, problem: '过期' }] } }, clerk);
    await ok(SUPPLEMENT, { id: a.id, input: { materials: [{ requirement: m1.name, fileIds: [await uploadPdf(citizen)] }] } }, citizen);
    const violation = await fails(NOTIFY, { id: a.id, input: { items: [{ material: m2.name, problem: '第一次就该指出的问题' }] } }, clerk);
    expect(violation.extensions?.code).toBe('ONE_TIME_NOTICE_VIOLATION');
    expect(violation.extensions?.violating).toEqual([m2.name]);
    expect((await ok(GET, { id: a.id }, clerk)).application.status).toBe('SUBMITTED');
    const second = (await ok(NOTIFY, { id: a.id, input: { items: [{ material: m1.name, problem: '新交的材料印章不清' }] } }, clerk)).notifyDeficiency;
    expect(second.deficiencyNotices.map((n: any) => n.isRepeat)).toEqual([false, true]);
  });

  it('rejects with reasons, legal basis, the competent body and appeal rights', async () => {
    const a = await submit();
    const r = (await ok(REJECT, { id: a.id, input: { reason: '不属于本中心受理范围', legalBasis: '《行政许可法》第三十二条', competentBody: '县自然资源和规划局' } }, clerk)).rejectApplication;
    expect(r).toMatchObject({ status: 'REJECTED', rejection: { reason: '不属于本中心受理范围', competentBody: '县自然资源和规划局' } });
    expect(r.rejection.appealRights).toMatch(/行政复议/);
    expect((await fails(ACCEPT, { id: a.id }, clerk)).extensions?.code).toBe('INVALID_TRANSITION');
  });

  it('lets the applicant withdraw before completion, and not after', async () => {
    const a = await submit();
    expect((await ok(WITHDRAW, { id: a.id, reason: '不需要了' }, citizen)).withdrawApplication.status).toBe('WITHDRAWN');
    expect((await fails(WITHDRAW, { id: a.id, reason: '再撤一次' }, citizen)).extensions?.code).toBe('INVALID_TRANSITION');
  });

  it('lets exactly one of two clerks acting at once succeed', async () => {
    const a = await submit();
    const other = await loginAs('jinan.clerk');
    const results = await Promise.all([gql(ACCEPT, { id: a.id }, clerk), gql(ACCEPT, { id: a.id }, other)]);
    const wins = results.filter((r) => !r.errors);
    const losses = results.filter((r) => r.errors);
    expect(wins).toHaveLength(1);
    expect(losses[0].errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    const events = await withDb((c) => c.query(`SELECT count(*)::int AS n FROM application_event WHERE application_id = $1 AND action = 'ACCEPT'`, [a.id]));
    expect(events.rows[0].n).toBe(1);
  });

  it('keeps out the wrong role, the wrong county and the wrong state, changing nothing', async () => {
    const a = await submit();
    expect((await fails(ACCEPT, { id: a.id }, citizen)).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(ACCEPT, { id: a.id }, await loginAs('yuan.clerk'))).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(COMPLETE, { id: a.id, input: { result: 'APPROVED' } }, clerk)).extensions?.code).toBe('INVALID_TRANSITION');
    expect((await fails(SUPPLEMENT, { id: a.id, input: { materials: [{ requirement: s.item.materials[0].name, fileIds: [await uploadPdf(citizen)] }] } }, citizen)).extensions?.code).toBe('INVALID_TRANSITION');
    expect((await fails(WITHDRAW, { id: a.id, reason: 'x' }, await loginAs('citizen2'))).extensions?.code).toBe('NOT_FOUND');
    const now = (await ok(GET, { id: a.id }, citizen)).application;
    expect(now).toMatchObject({ status: 'SUBMITTED', version: 1 });
  });

  it('masks personal data for supervisors and hides applications from other counties', async () => {
    const a = await submit();
    const sup = (await ok(GET, { id: a.id }, await loginAs('supervisor'))).application;
    expect(sup.applicant.idNumber).toBe('3415**********0025');
    expect(sup.applicant.phone).toBe('139****0001');
    expect(sup.nextActions).toEqual([]);
    expect((await ok(GET, { id: a.id }, await loginAs('yuan.clerk'))).application).toBeNull();
    expect((await ok(GET, { id: a.id }, clerk)).application.applicant.idNumber).toBe('341502195803120025');
  });

  it('gives clerks a work queue of their subtree sorted by due date, with filters', async () => {
    const a = await submit();
    const accepted = await submit();
    await ok(ACCEPT, { id: accepted.id }, clerk);
    const q = `query($f: ApplicationFilterInput) { applications(filter: $f, first: 100) { totalCount nodes { id status dueDate } } }`;
    const submitted = await ok(q, { f: { status: ['SUBMITTED'] } }, clerk);
    expect(submitted.applications.nodes.map((n: any) => n.id)).toContain(a.id);
    expect(submitted.applications.nodes.every((n: any) => n.status === 'SUBMITTED')).toBe(true);
    const acc = await ok(q, { f: { status: ['ACCEPTED'] } }, clerk);
    const dues = acc.applications.nodes.map((n: any) => n.dueDate);
    expect([...dues].sort()).toEqual(dues);
    const yuan = await ok(q, {}, await loginAs('yuan.clerk'));
    expect(yuan.applications.nodes.map((n: any) => n.id)).not.toContain(a.id);
    expect((await fails(q, {}, citizen)).extensions?.code).toBe('FORBIDDEN');
  });
});
