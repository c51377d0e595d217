/**
 * What the printed documents and the confirmation need from the server: the 行政复议 body and the court of the
 * place (set on a centre, inherited down the tree, demo values for 六安), the agent who lodged an application,
 * the SMS at lodging with number and lookup code, and malformed numbers refused naming the field.
 */
import { JINAN, fails, gql, idNumber, jurisdictionId, loginAs, materialsFor, ok, randomPhone, townAndVillage, unique, withDb, type ItemInfo, type Place } from './helpers';

const SUBMIT = `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id number lookupCode onBehalf agent appealBodies { reviewBody court } } }`;
const GET = `query($id: ID!) { application(id: $id) { id agent appealBodies { reviewBody court } rejection { reason } } }`;
const CENTER = `query($id: ID!) { jurisdiction(id: $id) { serviceCenter { hallArea reviewBody court version } } }`;
const UPDATE = `mutation($j: ID!, $i: ServiceCenterInput!) { updateServiceCenter(jurisdictionId: $j, input: $i) { hallArea reviewBody court version } }`;

/**
 * The SMS written at lodging (the outbox row the worker hands to the gateway within a minute): to whom and what.
 */
async function lodgingSms(applicationId: string): Promise<{ phone: string | null; body: string }> {
  return withDb(async (c) => (await c.query(`SELECT phone, body FROM notification WHERE application_id = $1 AND kind = 'SUBMIT'`, [applicationId])).rows[0]);
}

let township: Place;
let village: Place;
let townItem: ItemInfo;
let villageItem: ItemInfo;

beforeAll(async () => {
  ({ township, village, townItem, villageItem } = await townAndVillage());
});

describe('appeal bodies', () => {
  it('names the demo 行政复议 body and court of 金安区 on an application at its township, inherited from the county centre', async () => {
    const citizen = await loginAs('citizen');
    const a = (await ok(SUBMIT, { i: { serviceItemId: townItem.id, jurisdictionId: township.id, materials: await materialsFor(citizen, townItem.materials, true), idempotencyKey: unique('k') } }, citizen)).submitApplication;
    expect(a.appealBodies).toEqual({ reviewBody: '六安市金安区人民政府', court: '六安市金安区人民法院' });
    const county = (await ok(CENTER, { id: await jurisdictionId(JINAN) })).jurisdiction.serviceCenter;
    expect(county).toMatchObject({ reviewBody: '六安市金安区人民政府', court: '六安市金安区人民法院' });
  });

  it('lets the county administrator set them on a centre below, which then wins, and clear them again', async () => {
    const admin = await loginAs('jinan.admin');
    const citizen = await loginAs('citizen');
    const before = (await ok(CENTER, { id: township.id })).jurisdiction.serviceCenter;
    const base = { status: 'BUILT', hallArea: before.hallArea, facilities: [], windows: 2 };
    const set = (await ok(UPDATE, { j: township.id, i: { ...base, reviewBody: ' 某镇人民政府 ', court: '某县人民法院' } }, admin)).updateServiceCenter;
    expect(set).toMatchObject({ reviewBody: '某镇人民政府', court: '某县人民法院' });
    const a = (await ok(SUBMIT, { i: { serviceItemId: townItem.id, jurisdictionId: township.id, materials: await materialsFor(citizen, townItem.materials, true), idempotencyKey: unique('k') } }, citizen)).submitApplication;
    expect(a.appealBodies).toEqual({ reviewBody: '某镇人民政府', court: '某县人民法院' });
    // an edit that leaves them out keeps them; an empty value gives the county's back
    expect((await ok(UPDATE, { j: township.id, i: base }, admin)).updateServiceCenter.reviewBody).toBe('某镇人民政府');
    const cleared = (await ok(UPDATE, { j: township.id, i: { ...base, reviewBody: '', court: '  ' } }, admin)).updateServiceCenter;
    expect(cleared).toMatchObject({ reviewBody: null, court: null });
    expect((await ok(GET, { id: a.id }, citizen)).application.appealBodies).toEqual({ reviewBody: '六安市金安区人民政府', court: '六安市金安区人民法院' });
  });

  it('refuses a body of one character or of more than 100, naming the field, and changes nothing', async () => {
    const admin = await loginAs('jinan.admin');
    const before = (await ok(CENTER, { id: township.id })).jurisdiction.serviceCenter;
    const base = { status: 'BUILT', hallArea: before.hallArea, facilities: [], windows: 2 };
    const short = await fails(UPDATE, { j: township.id, i: { ...base, reviewBody: '某' } }, admin);
    expect(short.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reviewBody' });
    const long = await fails(UPDATE, { j: township.id, i: { ...base, court: '法'.repeat(101) } }, admin);
    expect(long.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.court' });
    expect((await ok(CENTER, { id: township.id })).jurisdiction.serviceCenter.version).toBe(before.version);
  });
});

describe('numbers in staff forms', () => {
  it('refuses a hall area typed as "abc大约300" as BAD_USER_INPUT naming the field, and changes nothing', async () => {
    const admin = await loginAs('jinan.admin');
    const before = (await ok(CENTER, { id: township.id })).jurisdiction.serviceCenter;
    const r = await gql(UPDATE, { j: township.id, i: { status: 'BUILT', hallArea: 'abc大约300', facilities: [], windows: 2 } }, admin);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hallArea', messageKey: 'input.notANumber' });
    const windows = await gql(UPDATE, { j: township.id, i: { status: 'BUILT', hallArea: 100, facilities: [], windows: '三' } }, admin);
    expect(windows.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.windows' });
    expect((await ok(CENTER, { id: township.id })).jurisdiction.serviceCenter).toEqual(before);
  });
});

describe('lodging by an agent or at the window', () => {
  it('names the village agent and texts the villager the number and the lookup code', async () => {
    const agent = await loginAs('village.agent');
    const phone = randomPhone();
    const villager = { name: '陈阿婆', idNumber: idNumber(), phone, consent: '本人签字的代办委托书，存村服务站' };
    const a = (await ok(SUBMIT, { i: { serviceItemId: villageItem.id, jurisdictionId: village.id, materials: await materialsFor(agent, villageItem.materials, true), onBehalfOf: villager, idempotencyKey: unique('agent') } }, agent)).submitApplication;
    expect(a).toMatchObject({ onBehalf: true, agent: '村代办员' });
    const sms = await lodgingSms(a.id);
    expect(sms.phone).toBe(phone);
    expect(sms.body).toContain(a.number);
    expect(sms.body).toContain(a.lookupCode);
  });

  it('names no agent for a walk-in at the window, and still texts number and code', async () => {
    const clerk = await loginAs('town.clerk');
    const phone = randomPhone();
    const person = { name: '周大伯', idNumber: idNumber(), phone, consent: '本人到窗口当面申请，签字确认' };
    const a = (await ok(SUBMIT, { i: { serviceItemId: townItem.id, jurisdictionId: township.id, materials: await materialsFor(clerk, townItem.materials, true), onBehalfOf: person, idempotencyKey: unique('walkin') } }, clerk)).submitApplication;
    expect(a).toMatchObject({ onBehalf: true, agent: null });
    const sms = await lodgingSms(a.id);
    expect(sms.phone).toBe(phone);
    expect(sms.body).toContain(a.number);
    expect(sms.body).toContain(a.lookupCode);
  });

  it('texts a citizen who applies themselves the number and the lookup code', async () => {
    const citizen = await loginAs('citizen2');
    const phone = (await ok(`{ me { phone } }`, {}, citizen)).me.phone;
    const a = (await ok(SUBMIT, { i: { serviceItemId: townItem.id, jurisdictionId: township.id, materials: await materialsFor(citizen, townItem.materials, true), idempotencyKey: unique('k') } }, citizen)).submitApplication;
    expect(a.agent).toBeNull();
    const sms = await lodgingSms(a.id);
    expect(sms.phone).toBe(phone);
    expect(sms.body).toContain(a.number);
    expect(sms.body).toContain(a.lookupCode);
  });
});
