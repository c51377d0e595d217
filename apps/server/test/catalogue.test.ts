import { BASE, JINAN, YUAN, fails, gql, jurisdictionId, loginAs, ok, sampleContent, unique, withDb } from './helpers';

const FIELDS = `id code name status edition version versionNo hasUnpublishedChanges promisedLimit materials { name necessity } owner { code }`;
const CREATE = `mutation($i: CreateServiceItemInput!) { createServiceItem(input: $i) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $i: ServiceItemContentInput!) { updateServiceItem(id: $id, version: $v, input: $i) { ${FIELDS} } }`;
const PUBLISH = `mutation($id: ID!) { publishServiceItem(id: $id) { ${FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!, $r: String!) { withdrawServiceItem(id: $id, reason: $r) { ${FIELDS} withdrawnReason } }`;
const GET = `query($id: ID!, $e: ServiceItemEdition) { serviceItem(id: $id, edition: $e) { ${FIELDS} } }`;
const AVAILABLE = `query($at: ID!, $s: String, $first: Int, $after: String) { serviceItems(filter: { availableAt: $at, search: $s }, first: $first, after: $after) { totalCount nodes { id code name handlingLevel owner { code } } pageInfo { hasNextPage endCursor } } }`;

async function firstChild(code: string): Promise<{ id: string; code: string }> {
  return withDb(async (c) => {
    const r = await c.query(`SELECT id::text, code FROM jurisdiction WHERE parent_id = (SELECT id FROM jurisdiction WHERE code = $1) ORDER BY code LIMIT 1`, [code]);
    return r.rows[0];
  });
}

describe('the public catalogue', () => {
  it('shows a citizen at a township the township items of its county directory', async () => {
    const town = await firstChild(JINAN);
    const d = await ok(AVAILABLE, { at: town.id, first: 100 });
    expect(d.serviceItems.totalCount).toBeGreaterThanOrEqual(10);
    for (const n of d.serviceItems.nodes) {
      expect(n.handlingLevel).toBe('TOWNSHIP');
      expect(['341500000000', JINAN, town.code]).toContain(n.owner.code);
    }
  });

  it('shows a village the village items, and another county its own directory', async () => {
    const town = await firstChild(JINAN);
    const village = await firstChild(town.code);
    const v = await ok(AVAILABLE, { at: village.id, first: 100 });
    expect(v.serviceItems.totalCount).toBeGreaterThan(5);
    // The village items, and the township and county items the station collects (代收) for them.
    expect(new Set(v.serviceItems.nodes.map((n: any) => n.handlingLevel))).toEqual(new Set(['VILLAGE', 'TOWNSHIP', 'COUNTY']));
    expect(v.serviceItems.nodes.map((n: any) => n.name)).toEqual(expect.arrayContaining(['最低生活保障审核确认', '残疾人证办理(新办、换领、迁移)']));
    const yuanTown = await firstChild(YUAN);
    const y = await ok(AVAILABLE, { at: yuanTown.id, first: 100 });
    expect(y.serviceItems.nodes.every((n: any) => n.owner.code === YUAN)).toBe(true);
  });

  it('pages with cursors, searches, and runs a fixed number of statements whatever the page size', async () => {
    const town = await firstChild(JINAN);
    const counts: number[] = [];
    for (const first of [1, 5, 15]) {
      const res = await fetch(`${BASE()}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: AVAILABLE, variables: { at: town.id, first } }),
      });
      const body = await res.json();
      expect(body.data.serviceItems.nodes).toHaveLength(first);
      counts.push(Number(res.headers.get('x-sql-statements')));
    }
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBe(2); // the page (items with their owners) and totalCount
    const p1 = await ok(AVAILABLE, { at: town.id, first: 3 });
    const p2 = await ok(AVAILABLE, { at: town.id, first: 3, after: p1.serviceItems.pageInfo.endCursor });
    expect(p2.serviceItems.nodes.map((n: any) => n.id)).not.toContain(p1.serviceItems.nodes[0].id);
    const found = await ok(AVAILABLE, { at: town.id, s: '低保' });
    found.serviceItems.nodes.forEach((n: any) => expect(n.name).toMatch(/低保|最低生活保障/));
  });

  it('labels demo items and shows the full guide of one', async () => {
    const town = await firstChild(JINAN);
    const d = await ok(AVAILABLE, { at: town.id, first: 1 });
    const item = await ok(`query($id: ID!) { serviceItem(id: $id) { demo name legalBasis conditions materials { name form medium copies necessity } procedure { title } fee { free } consultationPhone supervisionPhone location officeHours } }`, { id: d.serviceItems.nodes[0].id });
    expect(item.serviceItem.demo).toBe(true);
    expect(item.serviceItem.materials.length).toBeGreaterThan(0);
    expect(item.serviceItem.procedure.length).toBeGreaterThan(0);
  });
});

describe('county directories', () => {
  let admin: string;
  let jinanId: string;
  beforeAll(async () => {
    admin = await loginAs('jinan.admin');
    jinanId = await jurisdictionId(JINAN);
  });

  it('creates a draft, publishes it, edits it without disturbing the live version, and republishes', async () => {
    const code = unique('T');
    const created = (await ok(CREATE, { i: { ...sampleContent({ name: '草稿事项' }), ownerId: jinanId, code } }, admin)).createServiceItem;
    expect(created).toMatchObject({ status: 'DRAFT', edition: 'WORKING', version: 1, versionNo: null, hasUnpublishedChanges: true, owner: { code: JINAN } });
    // Drafts are not public.
    expect((await ok(GET, { id: created.id })).serviceItem).toBeNull();

    const published = (await ok(PUBLISH, { id: created.id }, admin)).publishServiceItem;
    expect(published).toMatchObject({ status: 'PUBLISHED', versionNo: 1, hasUnpublishedChanges: false });
    const town = await firstChild(JINAN);
    const listed = await ok(AVAILABLE, { at: town.id, s: code });
    expect(listed.serviceItems.nodes.map((n: any) => n.code)).toEqual([code]);

    const edited = (await ok(UPDATE, { id: created.id, v: published.version, i: sampleContent({ name: '改过的事项', promisedLimit: 5 }) }, admin)).updateServiceItem;
    expect(edited).toMatchObject({ name: '改过的事项', hasUnpublishedChanges: true, version: published.version + 1 });
    // The public still sees version 1 until it is published again.
    expect((await ok(GET, { id: created.id })).serviceItem).toMatchObject({ name: '草稿事项', versionNo: 1, edition: 'PUBLISHED' });

    const again = (await ok(PUBLISH, { id: created.id }, admin)).publishServiceItem;
    expect(again.versionNo).toBe(2);
    expect((await ok(GET, { id: created.id })).serviceItem).toMatchObject({ name: '改过的事项', promisedLimit: 5, versionNo: 2 });
    const versions = await withDb((c) => c.query(`SELECT version_no, content->>'name' AS name FROM service_item_version WHERE item_id = $1 ORDER BY version_no`, [created.id]));
    expect(versions.rows).toEqual([{ version_no: 1, name: '草稿事项' }, { version_no: 2, name: '改过的事项' }]);
  });

  it('refuses a save based on a stale version, keeping the other save', async () => {
    const created = (await ok(CREATE, { i: { ...sampleContent(), ownerId: jinanId, code: unique('C') } }, admin)).createServiceItem;
    await ok(UPDATE, { id: created.id, v: created.version, i: sampleContent({ name: '第一位管理员的修改' }) }, admin);
    const err = await fails(UPDATE, { id: created.id, v: created.version, i: sampleContent({ name: '第二位管理员的修改' }) }, admin);
    expect(err.extensions).toMatchObject({ code: 'VERSION_CONFLICT', expectedVersion: 1, currentVersion: 2 });
    expect((await ok(GET, { id: created.id, e: 'WORKING' }, admin)).serviceItem.name).toBe('第一位管理员的修改');
  });

  it('withdraws a published item from the public catalogue, with a reason', async () => {
    const created = (await ok(CREATE, { i: { ...sampleContent(), ownerId: jinanId, code: unique('W') } }, admin)).createServiceItem;
    await ok(PUBLISH, { id: created.id }, admin);
    expect((await fails(WITHDRAW, { id: created.id, r: '  ' }, admin)).extensions?.field).toBe('reason');
    const w = (await ok(WITHDRAW, { id: created.id, r: '政策调整, 事项取消' }, admin)).withdrawServiceItem;
    expect(w).toMatchObject({ status: 'WITHDRAWN', withdrawnReason: '政策调整, 事项取消' });
    expect((await ok(GET, { id: created.id })).serviceItem).toBeNull();
    expect((await fails(WITHDRAW, { id: created.id, r: 'again' }, admin)).extensions?.code).toBe('INVALID_TRANSITION');
  });

  it.each([
    ['a promised limit over the statutory one', { promisedLimit: 30 }, 'input.promisedLimit'],
    ['a conditional material without its condition', { materials: [{ name: '证明', form: 'COPY', medium: 'PAPER', copies: 1, necessity: 'CONDITIONAL' }] }, 'input.materials.0.condition'],
    ['a charged item without a fee standard', { fee: { free: false, items: [] } }, 'input.fee.items'],
    ['an instant item with a limit', { handlingKind: 'INSTANT', promisedLimit: 3 }, 'input.promisedLimit'],
    ['a bad phone', { consultationPhone: 'call us' }, 'input.consultationPhone'],
    ['a city-level item in a county directory', { handlingLevel: 'CITY' }, 'input.handlingLevel'],
  ])('refuses %s, naming the field, and saves nothing', async (_what, patch, field) => {
    const code = unique('B');
    const err = await fails(CREATE, { i: { ...sampleContent(patch), ownerId: jinanId, code } }, admin);
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const n = await withDb((c) => c.query(`SELECT count(*)::int AS n FROM service_item WHERE code = $1`, [code]));
    expect(n.rows[0].n).toBe(0);
  });

  it('refuses a code already used in the directory', async () => {
    const code = unique('D');
    await ok(CREATE, { i: { ...sampleContent(), ownerId: jinanId, code } }, admin);
    const err = await fails(CREATE, { i: { ...sampleContent(), ownerId: jinanId, code } }, admin);
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
  });

  it('keeps another county administrator from editing or even seeing 金安区 drafts', async () => {
    const yuan = await loginAs('yuan.admin');
    const created = (await ok(CREATE, { i: { ...sampleContent(), ownerId: jinanId, code: unique('S') } }, admin)).createServiceItem;
    expect((await ok(GET, { id: created.id, e: 'WORKING' }, yuan)).serviceItem).toBeNull();
    const list = await ok(`{ serviceItems(edition: WORKING, first: 100) { totalCount nodes { owner { code } } } }`, {}, yuan);
    expect(list.serviceItems.nodes.every((n: any) => n.owner.code.startsWith('341503'))).toBe(true);
    expect((await fails(UPDATE, { id: created.id, v: 1, i: sampleContent() }, yuan)).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(PUBLISH, { id: created.id }, yuan)).extensions?.code).toBe('NOT_FOUND');
    expect((await fails(CREATE, { i: { ...sampleContent(), ownerId: jinanId, code: unique('X') } }, yuan)).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(CREATE, { i: { ...sampleContent(), ownerId: jinanId, code: unique('X') } }, await loginAs('citizen'))).extensions?.code).toBe('FORBIDDEN');
    expect((await gql(`{ serviceItems(edition: WORKING) { totalCount } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('records every directory change in the audit log', async () => {
    const created = (await ok(CREATE, { i: { ...sampleContent(), ownerId: jinanId, code: unique('A') } }, admin)).createServiceItem;
    await ok(PUBLISH, { id: created.id }, admin);
    const rows = await withDb((c) => c.query(`SELECT action, roles FROM audit_log WHERE entity_id = $1 ORDER BY id`, [created.id]));
    expect(rows.rows.map((r) => r.action)).toEqual(['createServiceItem', 'publishServiceItem']);
    expect(rows.rows[0].roles).toContain('DIRECTORY_ADMIN');
    await expect(withDb((c) => c.query(`DELETE FROM audit_log WHERE entity_id = $1`, [created.id]))).rejects.toThrow(/append-only/);
  });
});
