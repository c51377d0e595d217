import { Workbook, type Worksheet } from 'exceljs';
import { ITEM_TYPE_LABELS_ZH } from '@weimin/domain';
import { BASE, JINAN, YUAN, columns, fails, gql, jurisdictionId, keepOnly, loginAs, ok, rowsOf, unique, withDb } from './helpers';

const IMPORT = `mutation($o: ID!, $f: String!) { importDirectory(ownerId: $o, fileBase64: $f) { created updated unchanged } }`;
const WORKING = `query($o: ID!, $s: String) { serviceItems(edition: WORKING, filter: { ownerId: $o, search: $s }, first: 100) { nodes { id code name status demo version hasUnpublishedChanges materials { name } procedure { title } } } }`;
const PUBLIC = `query($id: ID!) { serviceItem(id: $id) { name edition versionNo } }`;

function exportUrl(ownerId: string): string {
  return `${BASE()}/api/directories/${ownerId}/export.xlsx`;
}

async function download(ownerId: string, token?: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(exportUrl(ownerId), { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
}

async function exported(ownerId: string, token: string): Promise<Workbook> {
  const res = await download(ownerId, token);
  expect(res.status).toBe(200);
  const wb = new Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  return wb;
}

async function base64(wb: Workbook): Promise<string> {
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

function sheet(wb: Workbook, name: string): Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

describe('directory Excel export and import', () => {
  let admin: string;
  let jinanId: string;
  let demoCodes: string[];

  beforeAll(async () => {
    admin = await loginAs('jinan.admin');
    jinanId = await jurisdictionId(JINAN);
    demoCodes = await withDb(async (c) =>
      (await c.query(`SELECT code FROM service_item WHERE owner_id = $1 AND (content->>'demo')::boolean ORDER BY code`, [jinanId])).rows.map((r) => r.code),
    );
  });

  const snapshot = (codes: string[]) =>
    withDb(async (c) =>
      (await c.query(`SELECT code, version, status, has_unpublished_changes, content FROM service_item WHERE owner_id = $1 AND code = ANY($2) ORDER BY code`, [jinanId, codes])).rows,
    );

  it('exports the working directory of 金安区 with its materials', async () => {
    expect(demoCodes).toHaveLength(38);
    const res = await download(jinanId, admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename\\*=UTF-8''${encodeURIComponent('金安区-事项目录-')}\\d{4}-\\d{2}-\\d{2}\\.xlsx$`),
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['事项', '材料', '流程', '收费', '常见问题']);

    const items = sheet(wb, '事项');
    const col = columns(items);
    const codes = rowsOf(items).map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(demoCodes));
    expect(items.getCell(`${col['状态']}2`).value).toBe('PUBLISHED');
    // the drop-down columns say their values in Chinese
    const words = (header: string) => new Set(rowsOf(items).map((r) => String(items.getCell(`${col[header]}${r.row}`).value)));
    expect([...words('事项类型')].every((w) => Object.values(ITEM_TYPE_LABELS_ZH).includes(w as never))).toBe(true);
    expect([...words('承诺时限单位')].every((w) => ['工作日', '自然日'].includes(w))).toBe(true);
    expect([...words('办件类型')].every((w) => ['即办件', '承诺件'].includes(w))).toBe(true);
    expect(['原件', '复印件', '原件及复印件']).toContain(String(sheet(wb, '材料').getCell('C2').value));

    const materials = new Map<string, string[]>();
    sheet(wb, '材料').eachRow((r, n) => {
      if (n > 1) materials.set(String(r.getCell(1).value), [...(materials.get(String(r.getCell(1).value)) ?? []), String(r.getCell(2).value)]);
    });
    const db = await withDb(async (c) =>
      (await c.query(`SELECT code, content->'materials' AS materials FROM service_item WHERE owner_id = $1 AND code = ANY($2)`, [jinanId, demoCodes])).rows,
    );
    for (const r of db) expect(materials.get(r.code) ?? []).toEqual(r.materials.map((m: { name: string }) => m.name));
    expect([...materials.values()].flat().length).toBeGreaterThan(38);
  });

  it('round-trips: a changed name and a new item are saved as working copies, the public still sees the old name', async () => {
    const wb = await exported(jinanId, admin);
    keepOnly(wb, new Set(demoCodes));
    const items = sheet(wb, '事项');
    const col = columns(items);
    const target = rowsOf(items)[0];
    const oldName = String(items.getCell(`${col['事项名称']}${target.row}`).value);
    items.getCell(`${col['事项名称']}${target.row}`).value = `${oldName}(导入修改)`;

    const newCode = unique('XL');
    const added = items.addRow((items.getRow(target.row).values as unknown[]).slice(1));
    added.getCell(col['事项编码']).value = newCode;
    added.getCell(col['事项名称']).value = '导入新增的事项';
    added.getCell(col['是否收费']).value = '否';
    // one material in codes, one in the Chinese words of the drop-down lists: both are read
    sheet(wb, '材料').addRow([newCode, '居民身份证', 'ORIGINAL', 'PAPER_OR_ELECTRONIC', 1, 'REQUIRED', null, '在有效期内']);
    sheet(wb, '材料').addRow([newCode, '户口簿', '复印件', '纸质', 1, '可选', null, null]);
    sheet(wb, '流程').addRow([newCode, 1, '受理', '窗口当场受理']);
    const file = await base64(wb);

    const result = (await ok(IMPORT, { o: jinanId, f: file }, admin)).importDirectory;
    expect(result).toEqual({ created: 1, updated: 1, unchanged: demoCodes.length - 1 });

    const changed = (await ok(WORKING, { o: jinanId, s: target.code }, admin)).serviceItems.nodes.find((n: any) => n.code === target.code);
    expect(changed).toMatchObject({ name: `${oldName}(导入修改)`, status: 'PUBLISHED', demo: true, version: 2, hasUnpublishedChanges: true });
    expect((await ok(PUBLIC, { id: changed.id })).serviceItem).toMatchObject({ name: oldName, edition: 'PUBLISHED', versionNo: 1 });

    const created = (await ok(WORKING, { o: jinanId, s: newCode }, admin)).serviceItems.nodes;
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ code: newCode, name: '导入新增的事项', status: 'DRAFT', demo: false, version: 1, materials: [{ name: '居民身份证' }, { name: '户口簿' }], procedure: [{ title: '受理' }] });
    const [stored] = await withDb(async (c) => (await c.query(`SELECT content->'materials' AS m FROM service_item WHERE owner_id = $1 AND code = $2`, [jinanId, newCode])).rows);
    expect(stored.m.map((m: any) => [m.form, m.medium, m.necessity])).toEqual([['ORIGINAL', 'PAPER_OR_ELECTRONIC', 'REQUIRED'], ['COPY', 'PAPER', 'OPTIONAL']]);
    expect((await ok(PUBLIC, { id: created[0].id })).serviceItem).toBeNull();

    const audit = await withDb((c) => c.query(`SELECT entity_id, action, roles FROM audit_log WHERE entity_id = ANY($1) AND action = 'importServiceItem'`, [[changed.id, created[0].id]]));
    expect(audit.rows.map((r) => r.entity_id).sort()).toEqual([changed.id, created[0].id].sort());
    expect(audit.rows[0].roles).toContain('DIRECTORY_ADMIN');

    // The same file again changes nothing.
    expect((await ok(IMPORT, { o: jinanId, f: file }, admin)).importDirectory).toEqual({ created: 0, updated: 0, unchanged: demoCodes.length + 1 });
  });

  it('refuses a file with errors, naming sheet, row and column, and saves nothing at all', async () => {
    const wb = await exported(jinanId, admin);
    keepOnly(wb, new Set(demoCodes));
    const items = sheet(wb, '事项');
    const col = columns(items);
    const rows = rowsOf(items);

    // A valid change and a valid new item, which must not be saved either.
    items.getCell(`${col['事项名称']}${rows[1].row}`).value = '不应保存的名称';
    const newCode = unique('XE');
    const added = items.addRow((items.getRow(rows[1].row).values as unknown[]).slice(1));
    added.getCell(col['事项编码']).value = newCode;
    added.getCell(col['是否收费']).value = '否';
    sheet(wb, '流程').addRow([newCode, 1, '受理']);

    // Row N of 材料: a CONDITIONAL material without 适用情形.
    const materialRow = rowsOf(sheet(wb, '材料'))[3].row;
    sheet(wb, '材料').getCell(`F${materialRow}`).value = 'CONDITIONAL';
    sheet(wb, '材料').getCell(`G${materialRow}`).value = null;
    // Row M of 事项: promised 15 working days against a statutory limit of 10.
    const itemRow = rows[2].row;
    for (const [header, value] of [['法定时限', 10], ['法定时限单位', 'WORKING_DAYS'], ['承诺时限', 15], ['承诺时限单位', 'WORKING_DAYS'], ['办件类型', 'PROMISED']] as const) {
      items.getCell(`${col[header]}${itemRow}`).value = value;
    }

    const before = await snapshot([...demoCodes, newCode]);
    const err = await fails(IMPORT, { o: jinanId, f: await base64(wb) }, admin);
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fileBase64', problemCount: 2, messageKey: 'directory.importProblems' });
    expect(err.message).toBe('fileBase64: 2 problem(s) in the file; nothing was saved');
    expect(err.extensions?.problems).toEqual([
      { sheet: '事项', row: itemRow, column: `${col['承诺时限']} 承诺时限`, message: 'may not exceed the statutory limit (10)', messageKey: 'item.overStatutory', params: { max: 10 } },
      { sheet: '材料', row: materialRow, column: 'G 适用情形', message: 'is required', messageKey: 'input.required', params: {} },
    ]);
    expect(await snapshot([...demoCodes, newCode])).toEqual(before);
    expect(before.map((r) => r.code)).not.toContain(newCode);
  });

  it('reports a file that is not an xlsx workbook, and refuses invalid base64', async () => {
    const notXlsx = await fails(IMPORT, { o: jinanId, f: Buffer.from('事项编码,事项名称\nA-1,x\n').toString('base64') }, admin);
    expect(notXlsx.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fileBase64', problems: [{ sheet: '', row: 0, column: '', message: expect.stringMatching(/not an Excel workbook/) }] });
    for (const bad of ['not base64!', 'QUJD\nREVG', 'QQ', 'QR==']) {
      expect((await fails(IMPORT, { o: jinanId, f: bad }, admin)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fileBase64' });
    }
    expect((await fails(IMPORT, { o: 'abc', f: 'QUJD' }, admin)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ownerId' });
  });

  it('refuses files over 5 MB and over 2,000 items, saying why', async () => {
    // a large import says what it is (x-weimin-import), or the 1 MiB limit of /graphql refuses it unread
    const big = (await gql(IMPORT, { o: jinanId, f: Buffer.alloc(5 * 1024 * 1024 + 1).toString('base64') }, admin, { 'x-weimin-import': 'directory' })).errors![0];
    expect(big.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fileBase64', maxBytes: 5 * 1024 * 1024 });
    expect(big.message).toMatch(/5 MB/);

    const wb = await exported(jinanId, admin);
    const items = sheet(wb, '事项');
    const template = (items.getRow(2).values as unknown[]).slice(1);
    const prefix = unique('N');
    for (let i = items.rowCount - 1; i <= 2000; i++) items.addRow([`${prefix}-${i}`, ...template.slice(1)]);
    expect(rowsOf(items).length).toBeGreaterThan(2000);
    const many = await fails(IMPORT, { o: jinanId, f: await base64(wb) }, admin);
    expect(many.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fileBase64', maxItems: 2000 });
    expect(many.message).toMatch(/at most 2000/);
    expect((await withDb((c) => c.query(`SELECT count(*)::int AS n FROM service_item WHERE code LIKE $1`, [`${prefix}-%`]))).rows[0].n).toBe(0);
  });

  it('keeps 金安区 to its own administrators and supervisors', async () => {
    const yuan = await loginAs('yuan.admin');
    const file = await base64(await exported(jinanId, admin));
    expect((await download(jinanId, yuan)).status).toBe(403);
    expect((await fails(IMPORT, { o: jinanId, f: file }, yuan)).extensions?.code).toBe('FORBIDDEN');
    expect((await download(await jurisdictionId(YUAN), yuan)).status).toBe(200);

    const supervisor = await loginAs('supervisor');
    expect((await download(jinanId, supervisor)).status).toBe(200);
    expect((await fails(IMPORT, { o: jinanId, f: file }, supervisor)).extensions?.code).toBe('FORBIDDEN');
    expect((await download(jinanId, await loginAs('citizen'))).status).toBe(403);
  });

  it('asks who is downloading: 401 without a session, the session cookie works too, 404 for an unknown jurisdiction', async () => {
    const anonymous = await download(jinanId);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await download(jinanId, undefined, { cookie: 'weimin_session=not-a-session' })).status).toBe(401);
    expect((await gql(IMPORT, { o: jinanId, f: 'QUJD' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    expect((await download(jinanId, undefined, { cookie: `weimin_session=${admin}` })).status).toBe(200);
    expect((await download('999999999', admin)).status).toBe(404);
    expect((await download('abc', admin)).status).toBe(404);
  });
});
