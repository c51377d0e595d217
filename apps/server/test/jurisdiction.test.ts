import { BASE, JINAN, LUAN, fails, gql, loginAs, ok, withDb } from './helpers';

describe('the jurisdiction tree', () => {
  it('holds the real 六安市 tree: 7 counties, 146 townships, 1,970 villages', async () => {
    const counts = await Promise.all(
      ['CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'].map(async (level) => {
        const d = await ok(`query($l: JurisdictionLevel, $s: String) { jurisdictions(level: $l, search: $s, first: 1) { totalCount } }`, { l: level, s: '3415' });
        return d.jurisdictions.totalCount;
      }),
    );
    expect(counts).toEqual([1, 7, 146, 1970]);
  });

  it('returns children and grandchildren of 六安市 in a fixed number of statements', async () => {
    const query = `{ jurisdiction(code: "${LUAN}") { name children { name children { name } } } }`;
    const res = await fetch(`${BASE()}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const body = await res.json();
    expect(body.data.jurisdiction.name).toBe('六安市');
    expect(body.data.jurisdiction.children.map((c: any) => c.name)).toEqual(['金安区', '裕安区', '叶集区', '霍邱县', '舒城县', '金寨县', '霍山县']);
    const townships = body.data.jurisdiction.children.flatMap((c: any) => c.children);
    expect(townships).toHaveLength(146);
    // one for the node, one per level of children
    expect(Number(res.headers.get('x-sql-statements'))).toBe(3);
  });

  it('gives the ancestors of a village root first, in one statement after the lookup', async () => {
    const village = await withDb(async (c) => (await c.query(`SELECT code FROM jurisdiction WHERE level = 'VILLAGE' ORDER BY code LIMIT 1`)).rows[0].code);
    const query = `{ jurisdiction(code: "${village}") { level ancestors { level name } parent { level } } }`;
    const res = await fetch(`${BASE()}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const { data } = await res.json();
    expect(data.jurisdiction.ancestors.map((a: any) => a.level)).toEqual(['CITY', 'COUNTY', 'TOWNSHIP']);
    expect(data.jurisdiction.ancestors[0].name).toBe('六安市');
    expect(data.jurisdiction.parent.level).toBe('TOWNSHIP');
    expect(Number(res.headers.get('x-sql-statements'))).toBeLessThanOrEqual(3);
  });

  it('pages through children with cursors and a total count', async () => {
    const jinan = await ok(`{ jurisdiction(code: "${JINAN}") { id } }`);
    const first = await ok(`query($p: ID) { jurisdictions(parentId: $p, first: 5) { totalCount nodes { code } pageInfo { hasNextPage endCursor } } }`, { p: jinan.jurisdiction.id });
    const second = await ok(`query($p: ID, $a: String) { jurisdictions(parentId: $p, first: 5, after: $a) { nodes { code } } }`, { p: jinan.jurisdiction.id, a: first.jurisdictions.pageInfo.endCursor });
    expect(first.jurisdictions.nodes).toHaveLength(5);
    expect(first.jurisdictions.pageInfo.hasNextPage).toBe(true);
    const codes = [...first.jurisdictions.nodes, ...second.jurisdictions.nodes].map((n: any) => n.code);
    expect([...codes].sort()).toEqual(codes);
    expect(new Set(codes).size).toBe(10);
  });

  it('finds places by part of the name', async () => {
    const d = await ok(`{ jurisdictions(search: "金寨", first: 5) { nodes { name level } } }`);
    expect(d.jurisdictions.nodes[0]).toEqual({ name: '金寨县', level: 'COUNTY' });
  });

  it('answers null for an unknown code and an error for a malformed id', async () => {
    expect((await ok(`{ jurisdiction(code: "999999999999") { id } }`)).jurisdiction).toBeNull();
    const err = await fails(`{ jurisdiction(id: "abc") { id } }`);
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('service centres', () => {
  const CENTER = `query($c: String!) { jurisdiction(code: $c) { id name serviceCenter { id name status hallArea facilities windows standardized version } } }`;
  const UPDATE = `mutation($j: ID!, $i: ServiceCenterInput!) { updateServiceCenter(jurisdictionId: $j, input: $i) { name status hallArea facilities standardized version } }`;

  it('names centres by level as the policy does', async () => {
    const d = await ok(`{ jurisdiction(code: "${LUAN}") { serviceCenter { name } children { serviceCenter { name } } } }`);
    expect(d.jurisdiction.serviceCenter.name).toBe('六安市政务服务中心');
    expect(d.jurisdiction.children[0].serviceCenter.name).toBe('六安市金安区政务服务中心');
  });

  it('lets a county administrator complete a township centre, which then counts as standardised', async () => {
    const token = await loginAs('jinan.admin');
    const code = await withDb(async (c) => (await c.query(`SELECT code FROM jurisdiction WHERE level = 'TOWNSHIP' AND code LIKE '341502%' ORDER BY code DESC LIMIT 1`)).rows[0].code);
    const before = (await ok(CENTER, { c: code })).jurisdiction;
    const all = ['IT_EQUIPMENT', 'SERVICE_COUNTER', 'SERVICE_WINDOWS', 'SIGNAGE', 'CONSULTATION_PHONE', 'SERVICE_GUIDE', 'WORK_RULES', 'CONVENIENCE_FACILITIES', 'PUBLISHED_ITEMS', 'PUBLISHED_PROCESS'];
    const nine = await ok(UPDATE, { j: before.id, i: { status: 'BUILT', hallArea: 150, facilities: all.slice(0, 9), windows: 6, version: before.serviceCenter.version } }, token);
    expect(nine.updateServiceCenter.standardized).toBe(false);
    const ten = await ok(UPDATE, { j: before.id, i: { status: 'BUILT', hallArea: 150, facilities: all, windows: 6 } }, token);
    expect(ten.updateServiceCenter).toMatchObject({ standardized: true, status: 'BUILT', hallArea: 150, version: before.serviceCenter.version + 2 });
    const audit = await withDb((c) => c.query(`SELECT action FROM audit_log WHERE entity = 'ServiceCenter' AND entity_id = $1`, [String(before.serviceCenter.id)]));
    expect(audit.rows.map((r) => r.action)).toEqual(['updateServiceCenter', 'updateServiceCenter']);
  });

  it('refuses a stale version with VERSION_CONFLICT', async () => {
    const token = await loginAs('jinan.admin');
    const code = await withDb(async (c) => (await c.query(`SELECT code FROM jurisdiction WHERE level = 'TOWNSHIP' AND code LIKE '341502%' ORDER BY code DESC OFFSET 1 LIMIT 1`)).rows[0].code);
    const j = (await ok(CENTER, { c: code })).jurisdiction;
    await ok(UPDATE, { j: j.id, i: { status: 'BUILT', hallArea: 200, facilities: [], windows: 3, version: j.serviceCenter.version } }, token);
    const err = await fails(UPDATE, { j: j.id, i: { status: 'BUILT', hallArea: 300, facilities: [], windows: 3, version: j.serviceCenter.version } }, token);
    expect(err.extensions?.code).toBe('VERSION_CONFLICT');
    expect((await ok(CENTER, { c: code })).jurisdiction.serviceCenter.hallArea).toBe(200);
  });

  it('sets up a station for a village that has none', async () => {
    const token = await loginAs('jinan.admin');
    const row = await withDb(async (c) => (await c.query(
      `SELECT j.id, j.name FROM jurisdiction j LEFT JOIN service_center s ON s.jurisdiction_id = j.id WHERE j.level = 'VILLAGE' AND j.code LIKE '341502%' AND s.id IS NULL ORDER BY j.code LIMIT 1`)).rows[0]);
    const d = await ok(UPDATE, { j: String(row.id), i: { status: 'PLANNED', facilities: ['SIGNAGE'], windows: 1 } }, token);
    expect(d.updateServiceCenter.name).toBe(`${row.name}为民服务工作站`);
    expect(d.updateServiceCenter.standardized).toBe(false);
  });

  it('keeps administrators to their own county and other roles out', async () => {
    const yuan = await loginAs('yuan.admin');
    const clerk = await loginAs('jinan.clerk');
    const j = (await ok(CENTER, { c: JINAN })).jurisdiction;
    const input = { status: 'BUILT', hallArea: 1, facilities: [], windows: 0 };
    expect((await fails(UPDATE, { j: j.id, i: input }, yuan)).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(UPDATE, { j: j.id, i: input }, clerk)).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(UPDATE, { j: j.id, i: input })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await ok(CENTER, { c: JINAN })).jurisdiction.serviceCenter.hallArea).toBe(j.serviceCenter.hallArea);
  });

  it('names the field of an invalid centre edit', async () => {
    const token = await loginAs('jinan.admin');
    const j = (await ok(CENTER, { c: JINAN })).jurisdiction;
    const r = await gql(UPDATE, { j: j.id, i: { status: 'BUILT', hallArea: -5, facilities: [], windows: 1 } }, token);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hallArea' });
  });
});
