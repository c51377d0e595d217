import { Workbook } from 'exceljs';
import { ITEM_TYPE_LABELS_ZH, JurisdictionLevel, WORKBOOK_LABELS_ZH, type ItemContent } from '@weimin/domain';
import { DEMO_ITEMS } from '../../db/seeds/demo-catalogue';
import { normaliseContent, readDirectoryWorkbook, sameContent, writeDirectoryWorkbook, type DirectoryExportItem, type DirectoryProblem } from './directory-excel';

/** Where and what in English (the message keys are checked in their own test). */
const plain = (list: DirectoryProblem[]) => list.map(({ sheet, row, column, message }) => ({ sheet, row, column, message }));

const demo: DirectoryExportItem[] = DEMO_ITEMS.map((d, i) => ({
  code: d.code,
  status: i % 3 ? 'PUBLISHED' : 'DRAFT',
  versionNo: i % 3 ? i : null,
  content: { ...d.content, demo: true },
}));

function charged(over: Partial<ItemContent> = {}): ItemContent {
  return {
    ...DEMO_ITEMS[0].content,
    name: '收费事项',
    fee: { free: false, items: [{ name: '工本费', standard: '每证10元', basis: '皖价费〔2017〕1号' }] },
    delegation: { entrustingDepartment: '县民政局', document: '县政〔2024〕3号' },
    exemption: { document: '县政办〔2025〕8号', office: '县不动产登记中心', address: '县政务服务中心二楼', phone: '0564-3370001' },
    demo: false,
    ...over,
  };
}

async function load(buf: Buffer): Promise<Workbook> {
  const wb = new Workbook();
  await wb.xlsx.load(buf as never);
  return wb;
}

async function save(wb: Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Row number of the first row whose column A holds this value. */
function rowOf(wb: Workbook, sheet: string, code: string, nth = 0): number {
  const rows: number[] = [];
  wb.getWorksheet(sheet)!.eachRow((r, n) => {
    if (r.getCell(1).value === code) rows.push(n);
  });
  return rows[nth];
}

describe('directory workbook', () => {
  it('reads back what it writes: every demo item, plus fees, delegation and exemption', async () => {
    const items = [...demo, { code: 'FEE-1', status: 'DRAFT', versionNo: null, content: charged() }];
    const buf = await writeDirectoryWorkbook('金安区', items);
    const read = await readDirectoryWorkbook(buf, { ownerLevel: JurisdictionLevel.COUNTY });
    expect(read.problems).toEqual([]);
    expect(read.items.map((i) => i.code)).toEqual(items.map((i) => i.code));
    read.items.forEach((r, i) => {
      expect(r.row).toBe(i + 2);
      expect(r.content).toEqual(normaliseContent(items[i].content));
      expect(sameContent(r.content, items[i].content)).toBe(true);
    });
    expect(read.items.at(-1)!.content.fee).toEqual({ free: false, items: [{ name: '工本费', standard: '每证10元', basis: '皖价费〔2017〕1号' }] });
  });

  it('lays out the sheets: headers in row 1, frozen, Chinese drop-down values, 是/否', async () => {
    const wb = await load(await writeDirectoryWorkbook('金安区', demo));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['事项', '材料', '流程', '收费', '常见问题']);
    const ws = wb.getWorksheet('事项')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 6)).toEqual(['事项编码', '事项名称', '事项类型', '主题分类', '办理层级', '实施部门']);
    expect(headers.slice(-2)).toEqual(['状态', '版本']);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('E2').value).toBe(WORKBOOK_LABELS_ZH.level[DEMO_ITEMS[0].content.handlingLevel as 'VILLAGE']);
    expect(ws.getCell('E2').dataValidation).toMatchObject({ type: 'list', formulae: ['"市,县(区),乡镇(街道),村(社区)"'] });
    // every enum column says its value in Chinese and offers the Chinese words
    const header = (name: string) => headers.indexOf(name) + 1;
    expect(ws.getRow(2).getCell(header('事项类型')).value).toBe(ITEM_TYPE_LABELS_ZH[DEMO_ITEMS[0].content.type]);
    expect(ws.getRow(2).getCell(header('事项类型')).dataValidation.formulae).toEqual([`"${Object.values(ITEM_TYPE_LABELS_ZH).join(',')}"`]);
    expect(ws.getRow(2).getCell(header('承诺时限单位')).value).toBe(WORKBOOK_LABELS_ZH.unit[DEMO_ITEMS[0].content.promisedUnit]);
    expect(ws.getRow(2).getCell(header('承诺时限单位')).dataValidation.formulae).toEqual(['"工作日,自然日"']);
    expect(ws.getRow(2).getCell(header('办件类型')).value).toMatch(/^(即办件|承诺件)$/);
    const mat = wb.getWorksheet('材料')!;
    expect(mat.getCell('C2').value).toBe(WORKBOOK_LABELS_ZH.form[DEMO_ITEMS[0].content.materials[0].form]);
    expect(mat.getCell('C2').dataValidation.formulae).toEqual(['"原件,复印件,原件及复印件"']);
    expect(mat.getCell('F2').dataValidation.formulae).toEqual(['"必须,容缺(条件),可选"']);
    expect(ws.getCell('Q2').value).toBe('否'); // 是否收费: the demo items are free
    expect(ws.getCell('S2').value).toBe('是'); // 网上可办
    expect(wb.getWorksheet('材料')!.getCell('A2').value).toBe(DEMO_ITEMS[0].code);
  });

  it('accepts the Chinese words and the codes alike in every drop-down column', async () => {
    const wb = await load(await writeDirectoryWorkbook('金安区', demo.slice(0, 2)));
    const ws = wb.getWorksheet('事项')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    const cell = (row: number, name: string) => ws.getRow(row).getCell(headers.indexOf(name) + 1);
    // row 2 in codes, row 3 in Chinese (full-width brackets too)
    const first = DEMO_ITEMS[0].content;
    cell(2, '事项类型').value = first.type;
    cell(2, '办理层级').value = first.handlingLevel.toLowerCase();
    cell(2, '服务对象').value = first.serviceObject;
    cell(2, '承诺时限单位').value = first.promisedUnit;
    cell(2, '办件类型').value = first.handlingKind;
    cell(3, '办理层级').value = WORKBOOK_LABELS_ZH.level[DEMO_ITEMS[1].content.handlingLevel as 'VILLAGE'].replace('(', '（').replace(')', '）');
    cell(3, '承诺时限单位').value = '自然日';
    const mat = wb.getWorksheet('材料')!;
    mat.getCell('C2').value = 'COPY';
    mat.getCell('D2').value = '电子';
    mat.getCell('F2').value = 'OPTIONAL';
    const read = await readDirectoryWorkbook(await save(wb));
    expect(plain(read.problems)).toEqual([]);
    expect(read.items[0].content).toMatchObject({ type: first.type, handlingLevel: first.handlingLevel, serviceObject: first.serviceObject, promisedUnit: first.promisedUnit, handlingKind: first.handlingKind });
    expect(read.items[0].content.materials[0]).toMatchObject({ form: 'COPY', medium: 'ELECTRONIC', necessity: 'OPTIONAL' });
    expect(read.items[1].content).toMatchObject({ handlingLevel: DEMO_ITEMS[1].content.handlingLevel, promisedUnit: 'CALENDAR_DAYS' });
    // a word that is neither is named with the field's own key
    cell(2, '承诺时限单位').value = '小时';
    const bad = await readDirectoryWorkbook(await save(wb));
    expect(bad.problems).toEqual([expect.objectContaining({ sheet: '事项', row: 2, column: expect.stringMatching(/承诺时限单位$/), messageKey: 'item.timeUnit' })]);
  });

  it('matches columns by header, accepts 是/否, true/false and numeric strings', async () => {
    const wb = await load(await writeDirectoryWorkbook('金安区', demo.slice(0, 2)));
    const ws = wb.getWorksheet('事项')!;
    ws.spliceColumns(2, 1); // 事项名称 moves to the end
    ws.getCell('AC1').value = '事项名称';
    ws.getCell('AC2').value = '新名称';
    ws.getCell('AC3').value = demo[1].content.name;
    // After the move: M 承诺时限, R 网上可办.
    expect(ws.getCell('M1').value).toBe('承诺时限');
    ws.getCell('M2').value = String(DEMO_ITEMS[0].content.promisedLimit);
    ws.getCell('R1').value = '网上可办';
    ws.getCell('R2').value = 'false';
    ws.getCell('R3').value = true;
    const read = await readDirectoryWorkbook(await save(wb));
    expect(read.problems).toEqual([]);
    expect(read.items[0].content).toMatchObject({ name: '新名称', onlineCapable: false, promisedLimit: DEMO_ITEMS[0].content.promisedLimit });
    expect(read.items[1].content.onlineCapable).toBe(true);
  });

  it('maps each content problem to its sheet, row and column', async () => {
    const wb = await load(await writeDirectoryWorkbook('金安区', demo.slice(0, 3)));
    const items = wb.getWorksheet('事项')!;
    const materials = wb.getWorksheet('材料')!;
    const code = DEMO_ITEMS[1].code;
    // The second material of the second item becomes CONDITIONAL without its condition.
    const matRow = rowOf(wb, '材料', code, 1);
    materials.getCell(`F${matRow}`).value = 'CONDITIONAL';
    materials.getCell(`G${matRow}`).value = null;
    // The third item: promised over the statutory limit, a bad phone, a text in a number column.
    const row = rowOf(wb, '事项', DEMO_ITEMS[2].code);
    items.getCell(`L${row}`).value = 10;
    items.getCell(`M${row}`).value = 'WORKING_DAYS';
    items.getCell(`N${row}`).value = 15;
    items.getCell(`O${row}`).value = 'WORKING_DAYS';
    items.getCell(`P${row}`).value = 'PROMISED';
    items.getCell(`T${row}`).value = 'call us';
    items.getCell(`R${row}`).value = '两次';
    items.getCell(`S${row}`).value = '也许';
    const read = await readDirectoryWorkbook(await save(wb));
    expect(plain(read.problems)).toEqual([
      { sheet: '事项', row, column: 'N 承诺时限', message: 'may not exceed the statutory limit (10)' },
      { sheet: '事项', row, column: 'R 到现场次数', message: 'must be a number, not "两次"' },
      { sheet: '事项', row, column: 'S 网上可办', message: 'must be 是 or 否, not "也许"' },
      { sheet: '事项', row, column: 'T 咨询电话', message: 'must be a telephone number' },
      { sheet: '材料', row: matRow, column: 'G 适用情形', message: 'is required' },
    ]);
  });

  it('reports orphan rows, duplicate and bad codes, missing steps, fees of a free item and a charged item without fees', async () => {
    const wb = await load(await writeDirectoryWorkbook('金安区', demo.slice(0, 2)));
    const items = wb.getWorksheet('事项')!;
    const values = (n: number) => (items.getRow(n).values as unknown[]).slice(1);
    items.addRow(values(2)); // row 4: a duplicate of row 2
    items.addRow(values(3)).getCell(1).value = 'X'; // row 5: a bad code, and no steps
    items.getCell('Q2').value = '是'; // charged, without fee rows
    wb.getWorksheet('材料')!.addRow(['NOPE-1', '某证明', 'COPY', 'PAPER', 1, 'REQUIRED']);
    const feeRow = wb.getWorksheet('收费')!.addRow([DEMO_ITEMS[1].code, '工本费', '10元', '文件']).number;
    const read = await readDirectoryWorkbook(await save(wb));
    const at = (sheet: string, row: number) => plain(read.problems).filter((p) => p.sheet === sheet && p.row === row);
    expect(at('事项', 2)).toEqual([{ sheet: '事项', row: 2, column: 'Q 是否收费', message: expect.stringMatching(/at least one fee.*收费/) }]);
    expect(at('事项', 3)).toEqual([]);
    expect(at('事项', 4)).toEqual([{ sheet: '事项', row: 4, column: 'A 事项编码', message: `${DEMO_ITEMS[0].code} is already used in row 2` }]);
    expect(at('事项', 5).map((p) => [p.column, p.message])).toEqual([
      ['A 事项编码', expect.stringMatching(/3–64/)],
      ['A 事项编码', expect.stringMatching(/at least one step.*流程/)],
    ]);
    expect(plain(read.problems).filter((p) => p.sheet === '材料')).toEqual([
      { sheet: '材料', row: expect.any(Number), column: 'A 事项编码', message: 'NOPE-1 is not an item of sheet 事项' },
    ]);
    expect(plain(read.problems).filter((p) => p.sheet === '收费')).toEqual([
      { sheet: '收费', row: feeRow, column: 'A 事项编码', message: expect.stringMatching(/是否收费 = 否/) },
    ]);
    expect(read.problems).toHaveLength(6);
  });

  it('reports missing sheets and headers before anything else', async () => {
    const wb = await load(await writeDirectoryWorkbook('金安区', demo.slice(0, 1)));
    wb.removeWorksheet(wb.getWorksheet('常见问题')!.id);
    wb.getWorksheet('材料')!.getCell('G1').value = '情形';
    const read = await readDirectoryWorkbook(await save(wb));
    expect(read.items).toEqual([]);
    expect(plain(read.problems)).toEqual([
      { sheet: '材料', row: 1, column: '适用情形', message: expect.stringMatching(/missing/) },
      { sheet: '常见问题', row: 0, column: '', message: expect.stringMatching(/missing/) },
    ]);
  });

  it('checks the level of the directory when told', async () => {
    const buf = await writeDirectoryWorkbook('某镇', demo.slice(0, 1).map((d) => ({ ...d, content: { ...d.content, handlingLevel: JurisdictionLevel.COUNTY } })));
    const read = await readDirectoryWorkbook(buf, { ownerLevel: JurisdictionLevel.TOWNSHIP });
    expect(plain(read.problems)).toEqual([{ sheet: '事项', row: 2, column: 'E 办理层级', message: 'a TOWNSHIP directory cannot hold items handled at COUNTY' }]);
  });

  it('says so when the file is not an xlsx workbook', async () => {
    for (const buf of [Buffer.from('code,name\nA,B\n'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), Buffer.from('PK\u0003\u0004garbage')]) {
      const read = await readDirectoryWorkbook(buf);
      expect(read.items).toEqual([]);
      expect(plain(read.problems)).toEqual([{ sheet: '', row: 0, column: '', message: expect.stringMatching(/xlsx/) }]);
    }
  });
});
