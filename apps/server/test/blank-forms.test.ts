/**
 * Blank application forms: a directory administrator uploads a PDF or DOCX as a material's form on the item's
 * working copy; once the item is published anyone downloads it from /api/forms/<id> (attachment, cacheable); the
 * demo catalogue's forms to fill in (…申请表) are generated PDFs with the Chinese text embedded.
 */
import { BASE, JINAN, PNG_BYTES, columns, fails, gql, jurisdictionId, keepOnly, loginAs, ok, pdfBytes, sampleContent, unique, uploadPdf } from './helpers';

const FIELDS = `id version status materials { name blankFormFileId } blankForms { materialIndex material fileName mimeType sizeBytes url }`;
const CREATE = `mutation($i: CreateServiceItemInput!) { createServiceItem(input: $i) { ${FIELDS} } }`;
const PUBLISH = `mutation($id: ID!) { publishServiceItem(id: $id) { ${FIELDS} } }`;

/** The sample item with these materials (a form to fill in among them). */
function content(materials: Array<Record<string, unknown>>) {
  return sampleContent({ name: '空白表格测试事项', materials, procedure: [{ title: '申请' }], location: '乡镇为民服务中心' });
}

async function uploadForm(token: string, name: string, body: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(body)]), name);
  const res = await fetch(`${BASE()}/api/files?purpose=blank-form`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'x-requested-with': 'test' }, body: form });
  return { status: res.status, body: (await res.json()) as any };
}

describe('blank application forms', () => {
  it('takes a PDF from a directory administrator, refuses other types and other roles', async () => {
    const admin = await loginAs('jinan.admin');
    expect((await uploadForm(admin, '申请表.pdf', pdfBytes())).status).toBe(201);
    const png = await uploadForm(admin, '申请表.png', PNG_BYTES);
    expect(png.status).toBe(400);
    expect(png.body.extensions ?? png.body).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await uploadForm(await loginAs('citizen'), '申请表.pdf', pdfBytes())).status).toBe(403);
  }, 120_000);

  it('attaches the form on the working copy, and offers it to anyone once published, cacheable, as a download', async () => {
    const admin = await loginAs('jinan.admin');
    const bytes = pdfBytes('blank form');
    const file = (await uploadForm(admin, '测试申请表.pdf', bytes)).body;
    const materials = [{ name: '测试申请表', form: 'ORIGINAL', medium: 'PAPER', copies: 1, necessity: 'REQUIRED', blankFormFileId: file.id }];
    const created = (await ok(CREATE, { i: { ...content(materials), ownerId: await jurisdictionId(JINAN), code: unique('F') } }, admin)).createServiceItem;
    expect(created.materials[0].blankFormFileId).toBe(file.id);
    expect(created.blankForms).toEqual([{ materialIndex: 0, material: '测试申请表', fileName: '测试申请表.pdf', mimeType: 'application/pdf', sizeBytes: bytes.length, url: `/api/forms/${file.id}` }]);
    // a draft's form is not public
    expect((await fetch(`${BASE()}${created.blankForms[0].url}`)).status).toBe(404);
    await ok(PUBLISH, { id: created.id }, admin);
    const res = await fetch(`${BASE()}${created.blankForms[0].url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('测试申请表.pdf')}`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('keeps each material\'s form through a directory workbook round trip (the workbook has no column for it)', async () => {
    const { Workbook } = await import('exceljs');
    const admin = await loginAs('jinan.admin');
    const file = (await uploadForm(admin, '往返申请表.pdf', pdfBytes('round trip'))).body;
    const materials = [
      { name: '居民身份证', form: 'ORIGINAL', medium: 'PAPER', copies: 1, necessity: 'REQUIRED' },
      { name: '往返申请表', form: 'ORIGINAL', medium: 'PAPER', copies: 1, necessity: 'REQUIRED', blankFormFileId: file.id },
    ];
    const ownerId = await jurisdictionId(JINAN);
    const code = unique('RT');
    const created = (await ok(CREATE, { i: { ...content(materials), ownerId, code } }, admin)).createServiceItem;
    const res = await fetch(`${BASE()}/api/directories/${ownerId}/export.xlsx`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    // only this item's rows (other suites edit the county's other items meanwhile)
    keepOnly(wb, new Set([code]));
    const items = wb.getWorksheet('事项')!;
    items.getCell(`${columns(items)['事项名称']}2`).value = '空白表格测试事项（导入改名）';
    const f = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const result = (await ok(`mutation($o: ID!, $f: String!) { importDirectory(ownerId: $o, fileBase64: $f) { created updated unchanged } }`, { o: ownerId, f }, admin)).importDirectory;
    expect(result).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const after = (await ok(`query($id: ID!) { serviceItem(id: $id, edition: WORKING) { name ${FIELDS} } }`, { id: created.id }, admin)).serviceItem;
    expect(after.name).toBe('空白表格测试事项（导入改名）');
    expect(after.blankForms).toEqual(created.blankForms);
    expect(after.materials.map((m: any) => m.blankFormFileId)).toEqual([null, file.id]);
  });

  it('refuses a form that is not an uploaded blank form of the editor, naming the material', async () => {
    const admin = await loginAs('jinan.admin');
    const citizensFile = await uploadPdf(await loginAs('citizen'));
    const materials = [
      { name: '居民身份证', form: 'ORIGINAL', medium: 'PAPER', copies: 1, necessity: 'REQUIRED' },
      { name: '测试申请表', form: 'ORIGINAL', medium: 'PAPER', copies: 1, necessity: 'REQUIRED', blankFormFileId: citizensFile },
    ];
    const err = await fails(CREATE, { i: { ...content(materials), ownerId: await jurisdictionId(JINAN), code: unique('F') } }, admin);
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.materials.1.blankFormFileId' });
    const junk = await gql(CREATE, { i: { ...content([{ ...materials[1], blankFormFileId: 'not-an-id' }]), ownerId: await jurisdictionId(JINAN), code: unique('F') } }, admin);
    expect(junk.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await fetch(`${BASE()}/api/forms/not-an-id`)).status).toBe(404);
  });

  it('gives the demo items that need a filled form a generated PDF with the Chinese text embedded', async () => {
    const at = await jurisdictionId(JINAN);
    const find = async () => {
      const d = await ok(`query($at: ID!) { serviceItems(filter: { ownerWithin: $at, search: "高龄津贴" }, first: 5) { nodes { name blankForms { material fileName mimeType sizeBytes url } } } }`, { at });
      const form = d.serviceItems.nodes.flatMap((n: any) => n.blankForms).find((f: any) => f.material === '高龄津贴申请表');
      return form ? { blankForm: form } : null;
    };
    // made in the background once the server is up
    const until = Date.now() + 90_000;
    let material = await find();
    while (!material?.blankForm && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 1000));
      material = await find();
    }
    expect(material.blankForm).toMatchObject({ fileName: '高龄津贴申请表.pdf', mimeType: 'application/pdf' });
    expect(material.blankForm.sizeBytes).toBeLessThan(200_000);
    const pdf = Buffer.from(await (await fetch(`${BASE()}${material.blankForm.url}`)).arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // a subset of Noto Sans SC travels with the file (CID-keyed CFF), so no reader needs a Chinese font installed
    expect(pdf.includes(Buffer.from('/FontFile3'))).toBe(true);
    expect(pdf.includes(Buffer.from('NotoSans'))).toBe(true);
  });
});
