/** Upload limits that hold under every size: over the limit is always 413 and nothing is stored. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PNG_BYTES, loginAs, pdfBytes, uploadFile, withDb } from './helpers';

const MiB = 1024 * 1024;
let token: string;

async function storedCount(): Promise<number> {
  return withDb(async (c) => Number((await c.query(`SELECT count(*) FROM stored_file WHERE owner_id = (SELECT id FROM app_user WHERE login = 'citizen2')`)).rows[0].count));
}

function tempFiles(): string[] {
  const root = path.resolve(__dirname, '../../../.data/files');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'));
}

beforeAll(async () => {
  token = await loginAs('citizen2');
});

it('refuses every body over the limit with 413 and stores nothing; exactly the limit is taken', async () => {
  const before = await storedCount();
  const sizes = [10 * MiB + 1, 10.01 * MiB, 10.5 * MiB, 12 * MiB, 20 * MiB, 30 * MiB].map(Math.floor);
  for (const size of sizes) {
    const pdf = pdfBytes();
    const body = Buffer.concat([pdf, Buffer.alloc(size - pdf.length)]);
    expect(body.length).toBe(size);
    const r = await uploadFile(token, 'big.pdf', body);
    expect({ size, status: r.status, code: r.body.code }).toEqual({ size, status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(r.body.messageKey).toBe('file.tooLarge');
  }
  expect(await storedCount()).toBe(before);
  expect(tempFiles()).toEqual([]);
  const pdf = pdfBytes();
  const exact = await uploadFile(token, 'exact.pdf', Buffer.concat([pdf, Buffer.alloc(10 * MiB - pdf.length)]));
  expect(exact.status).toBe(201);
  expect(exact.body.sizeBytes).toBe(10 * MiB);
});

it('strips control and bidi characters from file names', async () => {
  const r = await uploadFile(token, '\u202Efdp.exe\u0000\u200B材料.pdf', pdfBytes());
  expect(r.status).toBe(201);
  expect(r.body.originalName).toBe('fdp.exe材料.pdf');
});

it('a malformed file id is a 404, never a database error', async () => {
  for (const id of ['-'.repeat(36), 'g'.repeat(36), '00000000-0000-0000-0000-00000000000z']) {
    const res = await fetch(`${process.env.WEIMIN_URL}/api/files/${id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).not.toMatch(/uuid|syntax|22P02/);
  }
});

it('serves PDFs and images inline for the preview, sandboxed and never sniffed; ?download=1 saves them', async () => {
  const get = (id: string, q = '') => fetch(`${process.env.WEIMIN_URL}/api/files/${id}${q}`, { headers: { authorization: `Bearer ${token}` } });
  const pdf = await uploadFile(token, '申请表.pdf', pdfBytes());
  const png = await uploadFile(token, '户口簿.png', PNG_BYTES);
  const p = await get(pdf.body.id);
  expect(p.status).toBe(200);
  expect(p.headers.get('content-type')).toBe('application/pdf');
  expect(p.headers.get('content-disposition')).toMatch(/^inline; filename\*=UTF-8''/);
  expect(p.headers.get('x-content-type-options')).toBe('nosniff');
  expect(p.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(p.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  const i = await get(png.body.id);
  expect(i.headers.get('content-type')).toBe('image/png');
  expect(i.headers.get('content-disposition')).toMatch(/^inline;/);
  expect(i.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
  expect(Buffer.from(await i.arrayBuffer()).equals(PNG_BYTES)).toBe(true);
  const saved = await get(pdf.body.id, '?download=1');
  expect(saved.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''/);
});
