/**
 * Blank application forms for the demo catalogue: every demo material that is a form to fill in (…申请表,
 * …申请书, …登记表, …审批表) gets a generated A4 PDF with its fields in Chinese, attached to the material in the
 * working copies and in the published demo versions (the demo data is written once; real directories attach
 * their own forms through the editor). The font is Noto Sans SC from an npm package (never a system font), embedded
 * as a subset of the characters used, so a form weighs some 50 kB.
 *
 * Runs after the server is up, not during the demo load: the first `npm start` is not held up by it, and a form
 * missing after an interrupted run is made on the next start.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import type { FileService } from '../../modules/file/file.service';
import type { BlankForm } from '@weimin/domain';

/** Material names that are forms the applicant fills in. */
export const FORM_NAME = /(申请表|申请书|登记表|审批表)$/;

function fontPath(): string {
  // the package exports only its JavaScript entry; the fonts sit beside it
  return path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');
}

const FIELDS = ['申请人姓名', '性别', '出生日期', '公民身份号码', '联系电话', '户籍地址', '现居住地址', '开户银行及账号'];

/** One blank form as PDF bytes. */
export async function blankFormPdf(title: string, font: Buffer): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Subject: '空白申请表（演示数据）' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font);
  doc.font('cjk');
  doc.fontSize(20).text(title, { align: 'center' });
  doc.moveDown(0.3).fontSize(10).fillColor('#666').text('（演示数据：空白表格示例，以受理窗口发放的正式表格为准）', { align: 'center' }).fillColor('#000');
  doc.moveDown(1);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const label = 130;
  let y = doc.y;
  const row = (text: string, height = 28) => {
    doc.rect(left, y, label, height).stroke();
    doc.rect(left + label, y, width - label, height).stroke();
    doc.fontSize(11).text(text, left + 8, y + (height - 14) / 2, { width: label - 16 });
    y += height;
  };
  for (const f of FIELDS) row(f);
  row('申请事由', 110);
  row('随附材料', 60);
  y += 18;
  doc.fontSize(11).text('本人承诺：以上填写内容及所附材料真实、完整，如有虚假，愿承担相应法律责任。', left, y, { width });
  y = doc.y + 24;
  doc.text('申请人（签字或按手印）：____________        代办人（如有）：____________', left, y, { width });
  doc.moveDown(1.2).text('日期：______年____月____日', { width, align: 'right' });
  doc.moveDown(2).fontSize(9).fillColor('#666').text('受理窗口填写：收件人 ________  收件日期 ________  办件编号 ________________', { width });
  doc.end();
  return done;
}

interface MaterialRow {
  name: string;
  blankFormFileId?: string | null;
  blankForm?: BlankForm | null;
}

/** Makes and attaches the forms still missing; returns how many were made and how long it took. */
export async function attachDemoForms(ds: DataSource, files: FileService): Promise<{ forms: number; ms: number }> {
  const t0 = Date.now();
  const [admin] = await ds.query(`SELECT id FROM app_user WHERE login = 'admin'`);
  if (!admin) return { forms: 0, ms: 0 };
  const names: Array<{ name: string }> = await ds.query(
    `SELECT DISTINCT m->>'name' AS name FROM service_item i, jsonb_array_elements(i.content->'materials') m
      WHERE (i.content->>'demo')::boolean AND m->'blankForm' IS NULL AND m->>'name' ~ '(申请表|申请书|登记表|审批表)$' ORDER BY 1`,
  );
  if (!names.length) return { forms: 0, ms: Date.now() - t0 };
  const font = fs.readFileSync(fontPath());
  const made = new Map<string, BlankForm>();
  for (const { name } of names) {
    const pdf = await blankFormPdf(name, font);
    const stored = await files.storeAs(admin.id, `${name}.pdf`, 'application/pdf', pdf);
    made.set(name, { fileId: stored.id, fileName: stored.originalName, mimeType: stored.mimeType, sizeBytes: stored.sizeBytes });
  }
  const attach = (materials: MaterialRow[]) =>
    materials.map((m) => {
      const form = !m.blankForm ? made.get(m.name) : undefined;
      return form ? { ...m, blankFormFileId: form.fileId, blankForm: form } : m;
    });
  await ds.transaction(async (m) => {
    for (const table of ['service_item', 'service_item_version']) {
      const rows: Array<{ id: string; materials: MaterialRow[] }> = await m.query(
        `SELECT id, content->'materials' AS materials FROM ${table} WHERE (content->>'demo')::boolean
            AND EXISTS (SELECT 1 FROM jsonb_array_elements(content->'materials') x WHERE x->'blankForm' IS NULL AND x->>'name' = ANY($1))`,
        [[...made.keys()]],
      );
      const ids = rows.map((r) => r.id);
      const values = rows.map((r) => JSON.stringify(attach(r.materials)));
      await m.query(
        `UPDATE ${table} t SET content = jsonb_set(t.content, '{materials}', x.materials::jsonb)
           FROM unnest($1::uuid[], $2::text[]) AS x(id, materials) WHERE t.id = x.id`,
        [ids, values],
      );
    }
  });
  return { forms: made.size, ms: Date.now() - t0 };
}
