/**
 * Editing an item's handling chain (四级联动) in its draft: every chain rule refused on the server with the stage and
 * field named and a message key, nothing saved; publishing shows the new chain on the guide and at the village;
 * an application follows the chain of the version it was lodged on.
 */
import { JINAN, fails, jurisdictionId, loginAs, ok, sampleContent, submitWithPdfs, unique, withDb, type ItemInfo } from './helpers';

const ITEM = `id version versionNo status hasUnpublishedChanges extensionLimit chain { kind level name limit unit } handlingChain { kind level name limit unit } materials { name necessity }`;
const CREATE = `mutation($i: CreateServiceItemInput!) { createServiceItem(input: $i) { ${ITEM} } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $i: ServiceItemContentInput!) { updateServiceItem(id: $id, version: $v, input: $i) { ${ITEM} } }`;
const PUBLISH = `mutation($id: ID!) { publishServiceItem(id: $id) { ${ITEM} } }`;
const GUIDE = `query($id: ID!) { serviceItem(id: $id) { versionNo handlingChain { kind level name limit unit } } }`;
const WORKING = `query($id: ID!) { serviceItem(id: $id, edition: WORKING) { version chain { kind name } } }`;
const APP = `query($id: ID!) { application(id: $id) { status currentStage { kind level name } stages { kind } serviceItem { versionNo } } }`;

const WD = 'WORKING_DAYS';
const CD = 'CALENDAR_DAYS';
const collect = { kind: 'COLLECT', level: 'VILLAGE', name: '村代办员收件', limit: 2, unit: WD };
const accept = { kind: 'ACCEPT', level: 'TOWNSHIP', name: '乡镇受理', limit: 5, unit: WD };
const review = { kind: 'REVIEW', level: 'TOWNSHIP', name: '乡镇入户核查', limit: 3, unit: WD };
const notice = { kind: 'PUBLIC_NOTICE', level: 'VILLAGE', name: '村级公示', limit: 5, unit: CD };
const decide = { kind: 'DECIDE', level: 'COUNTY', name: '县民政局审批', limit: 5, unit: WD };
const NEW_CHAIN = [collect, accept, review, notice, decide];

let admin: string;
let jinanId: string;
let township: { id: string; code: string };
let village: { id: string };

beforeAll(async () => {
  admin = await loginAs('jinan.admin');
  jinanId = await jurisdictionId(JINAN);
  [township, village] = await withDb(async (c) => {
    const t = (await c.query(`SELECT id::text, code FROM jurisdiction WHERE parent_id = $1 ORDER BY code LIMIT 1`, [Number(jinanId)])).rows[0];
    const v = (await c.query(`SELECT id::text FROM jurisdiction WHERE parent_id = $1 ORDER BY code LIMIT 1`, [Number(t.id)])).rows[0];
    return [t, v];
  });
});

describe("editing an item's handling chain", () => {
  it('refuses every rule of the chain by stage and field, with a message key, and saves nothing', async () => {
    const item = (await ok(CREATE, { i: { ...sampleContent({ name: '链条校验事项' }), ownerId: jinanId, code: unique('CH') } }, admin)).createServiceItem;
    const cases: Array<[string, unknown[], string, string, Record<string, unknown>?]> = [
      ['two ACCEPT stages', [collect, accept, { ...accept, name: '二次受理' }, decide], 'input.chain', 'chain.oneAccept'],
      ['no ACCEPT stage', [collect, review, decide], 'input.chain', 'chain.oneAccept'],
      ['no DECIDE stage', [collect, accept, review], 'input.chain', 'chain.oneDecide'],
      ['DECIDE not last', [collect, accept, decide, review], 'input.chain.2.kind', 'chain.decideLast'],
      ['COLLECT at the accepting level', [{ ...collect, level: 'TOWNSHIP' }, accept, decide], 'input.chain.0.level', 'chain.collectBelow'],
      ['COLLECT after ACCEPT', [accept, collect, decide], 'input.chain.1.kind', 'chain.collectFirst'],
      ['a stage before ACCEPT', [review, accept, decide], 'input.chain.1.kind', 'chain.acceptFirst'],
      ['ACCEPT away from the handling level', [collect, { ...accept, level: 'COUNTY' }, decide], 'input.chain.1.level', 'chain.acceptAtHandlingLevel', { n: 2, level: 'TOWNSHIP' }],
      ['a stage above the county directory', [collect, accept, { ...decide, level: 'CITY' }], 'input.chain.2.level', 'chain.aboveOwner', { n: 3, level: 'COUNTY' }],
      ['a decision below the accepting level', [collect, accept, { ...decide, level: 'VILLAGE' }], 'input.chain.2.level', 'chain.belowAccept'],
      ['a blank stage name', [collect, accept, { ...review, name: '  ' }, decide], 'input.chain.2.name', 'chain.nameRequired', { n: 3 }],
      ['a stage limit out of range', [collect, accept, { ...review, limit: 4000 }, decide], 'input.chain.2.limit', 'chain.limitRange', { n: 3, min: 0, max: 3650 }],
      ['acceptance longer than Art. 32', [collect, { ...accept, limit: 6 }, decide], 'input.chain.1.limit', 'chain.acceptLimit', { n: 2, max: 5 }],
      ['a public notice in working days', [collect, accept, { ...notice, unit: WD }, decide], 'input.chain.2.unit', 'chain.noticeCalendarDays'],
      ['a public notice of no days', [collect, accept, { ...notice, limit: 0 }, decide], 'input.chain.2.limit', 'chain.noticeMinDays'],
      ['a review in calendar days', [collect, accept, { ...review, unit: CD }, decide], 'input.chain.2.unit', 'chain.workingDays'],
      ['stages beyond the promised limit', [collect, accept, { ...review, limit: 8 }, decide], 'input.chain', 'chain.overPromise', { sum: 13, limit: 10 }],
    ];
    for (const [what, chain, field, messageKey, params] of cases) {
      const e = await fails(UPDATE, { id: item.id, v: item.version, i: sampleContent({ chain }) }, admin);
      expect({ what, code: e.extensions?.code, field: e.extensions?.field, messageKey: e.extensions?.messageKey }).toEqual({ what, code: 'BAD_USER_INPUT', field, messageKey });
      if (params) expect(e.extensions?.params).toMatchObject(params);
    }
    const tooLong = await fails(UPDATE, { id: item.id, v: item.version, i: sampleContent({ chain: NEW_CHAIN, extensionLimit: 61 }) }, admin);
    expect(tooLong.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.extensionLimit', messageKey: 'chain.extensionLimit', params: { max: 60 } });
    // Nothing was saved.
    expect((await ok(WORKING, { id: item.id }, admin)).serviceItem).toEqual({ version: item.version, chain: null });
  });

  it('publishes the edited chain: the guide and the village show it, and applications keep the chain of their version', async () => {
    // Version 1: the one-stage chain at the township.
    const name = unique('链条编辑事项');
    const created = (await ok(CREATE, { i: { ...sampleContent({ name }), ownerId: jinanId, code: unique('CH') } }, admin)).createServiceItem;
    const v1 = (await ok(PUBLISH, { id: created.id }, admin)).publishServiceItem;
    expect(v1.handlingChain.map((s: any) => s.kind)).toEqual(['ACCEPT', 'DECIDE']);
    const citizen = await loginAs('citizen');
    const info: ItemInfo = { id: created.id, name: '', promisedLimit: 10, materials: created.materials };
    const onV1 = await submitWithPdfs(citizen, info, township.id);

    // The draft gets a five-stage chain; the public still sees version 1 until it is published.
    const edited = (await ok(UPDATE, { id: created.id, v: v1.version, i: sampleContent({ name, chain: NEW_CHAIN, extensionLimit: 15 }) }, admin)).updateServiceItem;
    expect(edited).toMatchObject({ hasUnpublishedChanges: true, extensionLimit: 15, chain: NEW_CHAIN });
    expect((await ok(GUIDE, { id: created.id })).serviceItem.handlingChain).toHaveLength(2);
    await ok(PUBLISH, { id: created.id }, admin);
    const guide = (await ok(GUIDE, { id: created.id })).serviceItem;
    expect(guide).toEqual({ versionNo: 2, handlingChain: NEW_CHAIN });
    // Collected at the village now: the station offers it.
    const atVillage = await ok(`query($at: ID!, $s: String) { serviceItems(filter: { availableAt: $at, search: $s }, first: 5) { nodes { id } } }`, { at: village.id, s: name });
    expect(atVillage.serviceItems.nodes.map((n: any) => n.id)).toContain(created.id);

    // Lodged on version 1: accepted, it goes straight to the township decision of its own chain.
    const town = await loginAs('town.clerk');
    await ok(`mutation($id: ID!) { acceptApplication(id: $id) { id } }`, { id: onV1.id }, town);
    expect((await ok(APP, { id: onV1.id }, town)).application).toMatchObject({ serviceItem: { versionNo: 1 }, currentStage: { kind: 'DECIDE', level: 'TOWNSHIP', name: '审批办结' } });
    // Lodged on version 2 at the township: the new chain (no collection there), review next.
    const onV2 = await submitWithPdfs(citizen, info, township.id);
    await ok(`mutation($id: ID!) { acceptApplication(id: $id) { id } }`, { id: onV2.id }, town);
    const second = (await ok(APP, { id: onV2.id }, town)).application;
    expect(second).toMatchObject({ serviceItem: { versionNo: 2 }, currentStage: { kind: 'REVIEW', level: 'TOWNSHIP', name: '乡镇入户核查' } });
    expect(second.stages.map((s: any) => s.kind)).toEqual(['ACCEPT', 'REVIEW']);
  });
});
