/**
 * A county directory as an Excel workbook (导出 / 导入): pure functions, no database.
 *
 * Five sheets, row 1 the headers, data from row 2: 事项 (one row per item), 材料, 流程, 收费 and 常见问题 (one row
 * per material, step, fee and question, tied to their item by 事项编码). Enum cells are written with their Chinese
 * labels (事项类型 行政许可, 时限单位 工作日, 材料形式 原件 …; the drop-down lists offer the labels) and read as label or
 * code. Reading
 * matches columns by their Chinese header, so columns may be moved, and reports every problem at once with the
 * sheet, the Excel row and the column, including those `validateItemContent` finds in the assembled items.
 */
import { Workbook, type DataValidation, type Worksheet } from 'exceljs';
import {
  CATEGORY_LABELS_ZH,
  WORKBOOK_LABELS_ZH,
  HandlingKind,
  ITEM_CODE_PATTERN,
  ITEM_TYPE_LABELS_ZH,
  JurisdictionLevel,
  LEVEL_ORDER,
  MaterialForm,
  MaterialMedium,
  MaterialNecessity,
  ServiceCategory,
  ServiceItemType,
  ServiceObject,
  TimeLimitUnit,
  validateItemContent,
  type FaqEntry,
  type FeeItem,
  type ItemContent,
  type MaterialRequirement,
  type ProcedureStep,
} from '@weimin/domain';

export type DirectoryContent = Omit<ItemContent, 'demo'>;

export interface DirectoryExportItem {
  code: string;
  status: string;
  versionNo: number | null;
  content: ItemContent;
}

export interface DirectoryProblem {
  /** Sheet name, '' for the file as a whole. */
  sheet: string;
  /** Excel row number; 1 is the header row, 0 the file or sheet as a whole. */
  row: number;
  /** Column letter and header, e.g. `G 适用情形`; the header alone when the column is missing; '' when none. */
  column: string;
  /** English, for logs and API users; the web says `messageKey` with `params`. */
  message: string;
  messageKey: string;
  params: Record<string, unknown>;
}

export interface DirectoryReadResult {
  items: Array<{ code: string; content: DirectoryContent; row: number }>;
  problems: DirectoryProblem[];
}

export const SHEET = { items: '事项', materials: '材料', procedure: '流程', fees: '收费', faq: '常见问题' } as const;
const SHEET_ORDER: string[] = ['', SHEET.items, SHEET.materials, SHEET.procedure, SHEET.fees, SHEET.faq];

type Kind = 'text' | 'optText' | 'int' | 'optInt' | 'bool' | 'enum' | 'readonly';

interface ColumnSpec {
  header: string;
  /** Key of the parsed row; for 事项 the dotted content path (except `code`, `fee.charged`, `status`, `versionNo`). */
  key: string;
  kind: Kind;
  width: number;
  /** The codes. */
  values?: readonly string[];
  /** Chinese labels by code: written on export and offered in the drop-down; label or code accepted on import. */
  labels?: Record<string, string>;
  /** Text column that must stay text in Excel (codes, telephone numbers). */
  textFormat?: boolean;
  /** The column may be left out of an imported file. */
  optional?: boolean;
}

const YES_NO = ['是', '否'] as const;
const codes = (e: Record<string, string>) => Object.values(e);

const ITEM_COLUMNS: ColumnSpec[] = [
  { header: '事项编码', key: 'code', kind: 'text', width: 14, textFormat: true },
  { header: '事项名称', key: 'name', kind: 'text', width: 34 },
  { header: '事项类型', key: 'type', kind: 'enum', width: 30, values: codes(ServiceItemType), labels: ITEM_TYPE_LABELS_ZH },
  { header: '主题分类', key: 'category', kind: 'enum', width: 20, values: codes(ServiceCategory), labels: CATEGORY_LABELS_ZH },
  // The four service levels (a province handles no items).
  { header: '办理层级', key: 'handlingLevel', kind: 'enum', width: 12, values: [...LEVEL_ORDER], labels: WORKBOOK_LABELS_ZH.level },
  { header: '实施部门', key: 'handlingDepartment', kind: 'text', width: 28 },
  { header: '委托部门', key: 'delegation.entrustingDepartment', kind: 'optText', width: 20 },
  { header: '委托文件', key: 'delegation.document', kind: 'optText', width: 24 },
  { header: '设定依据', key: 'legalBasis', kind: 'text', width: 40 },
  { header: '受理条件', key: 'conditions', kind: 'text', width: 40 },
  { header: '服务对象', key: 'serviceObject', kind: 'enum', width: 24, values: codes(ServiceObject), labels: WORKBOOK_LABELS_ZH.serviceObject },
  { header: '法定时限', key: 'statutoryLimit', kind: 'optInt', width: 10 },
  { header: '法定时限单位', key: 'statutoryUnit', kind: 'enum', width: 14, values: codes(TimeLimitUnit), labels: WORKBOOK_LABELS_ZH.unit },
  { header: '承诺时限', key: 'promisedLimit', kind: 'int', width: 10 },
  { header: '承诺时限单位', key: 'promisedUnit', kind: 'enum', width: 14, values: codes(TimeLimitUnit), labels: WORKBOOK_LABELS_ZH.unit },
  { header: '办件类型', key: 'handlingKind', kind: 'enum', width: 12, values: codes(HandlingKind), labels: WORKBOOK_LABELS_ZH.handlingKind },
  // 是否收费 = "is a fee charged": 是 means fee.free = false.
  { header: '是否收费', key: 'fee.charged', kind: 'bool', width: 10, values: YES_NO },
  { header: '到现场次数', key: 'visitsRequired', kind: 'int', width: 11 },
  { header: '网上可办', key: 'onlineCapable', kind: 'bool', width: 10, values: YES_NO },
  { header: '咨询电话', key: 'consultationPhone', kind: 'text', width: 16, textFormat: true },
  { header: '监督电话', key: 'supervisionPhone', kind: 'text', width: 16, textFormat: true },
  { header: '办理地点', key: 'location', kind: 'text', width: 32 },
  { header: '办公时间', key: 'officeHours', kind: 'text', width: 32 },
  { header: '暂不进驻文件', key: 'exemption.document', kind: 'optText', width: 24 },
  { header: '暂不进驻办理机构', key: 'exemption.office', kind: 'optText', width: 20 },
  { header: '暂不进驻地址', key: 'exemption.address', kind: 'optText', width: 24 },
  { header: '暂不进驻电话', key: 'exemption.phone', kind: 'optText', width: 16, textFormat: true },
  { header: '状态', key: 'status', kind: 'readonly', width: 12, optional: true },
  { header: '版本', key: 'versionNo', kind: 'readonly', width: 8, optional: true },
];

const CODE_COLUMN: ColumnSpec = { header: '事项编码', key: 'code', kind: 'text', width: 14, textFormat: true };

const MATERIAL_COLUMNS: ColumnSpec[] = [
  CODE_COLUMN,
  { header: '材料名称', key: 'name', kind: 'text', width: 30 },
  { header: '原件复印件', key: 'form', kind: 'enum', width: 14, values: codes(MaterialForm), labels: WORKBOOK_LABELS_ZH.form },
  { header: '介质', key: 'medium', kind: 'enum', width: 12, values: codes(MaterialMedium), labels: WORKBOOK_LABELS_ZH.medium },
  { header: '份数', key: 'copies', kind: 'int', width: 8 },
  { header: '必要性', key: 'necessity', kind: 'enum', width: 12, values: codes(MaterialNecessity), labels: WORKBOOK_LABELS_ZH.necessity },
  { header: '适用情形', key: 'condition', kind: 'optText', width: 28 },
  { header: '受理标准', key: 'acceptanceStandard', kind: 'optText', width: 28 },
  { header: '备注', key: 'notes', kind: 'optText', width: 28 },
];

const STEP_COLUMNS: ColumnSpec[] = [
  CODE_COLUMN,
  { header: '序号', key: 'seq', kind: 'optInt', width: 8, optional: true },
  { header: '步骤', key: 'title', kind: 'text', width: 20 },
  { header: '说明', key: 'description', kind: 'optText', width: 60 },
];

const FEE_COLUMNS: ColumnSpec[] = [
  CODE_COLUMN,
  { header: '收费项目', key: 'name', kind: 'text', width: 24 },
  { header: '收费标准', key: 'standard', kind: 'text', width: 24 },
  { header: '收费依据', key: 'basis', kind: 'text', width: 40 },
];

const FAQ_COLUMNS: ColumnSpec[] = [
  CODE_COLUMN,
  { header: '问题', key: 'question', kind: 'text', width: 40 },
  { header: '解答', key: 'answer', kind: 'text', width: 60 },
];

/** Row limit per sheet while reading (the import refuses more than 2,000 items anyway). */
const MAX_SHEET_ROWS = 100_000;
/** Rows below the data that keep the drop-down lists, for rows a user adds. */
const VALIDATION_SPARE_ROWS = 1000;

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

const yesNo = (b: unknown): string | null => (typeof b === 'boolean' ? (b ? '是' : '否') : null);

interface SheetValidations {
  add(range: string, validation: DataValidation): void;
}

function addSheet(wb: Workbook, name: string, columns: ColumnSpec[], freezeFirstColumn = false): Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: freezeFirstColumn ? 1 : 0, activeCell: 'A2' }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.textFormat ? { numFmt: '@' } : {} }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, color: c.kind === 'readonly' ? { argb: 'FF808080' } : undefined };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.kind === 'readonly' ? 'FFEDEDED' : 'FFDDEBF7' } };
    if (c.kind === 'readonly') cell.note = '只读:导出时填写,导入时忽略';
  });
  return ws;
}

/** Drop-down lists on the enum and 是/否 columns, down to some spare rows below the data. */
function addListValidations(ws: Worksheet, columns: ColumnSpec[], dataRows: number): void {
  const last = dataRows + 1 + VALIDATION_SPARE_ROWS;
  const validations = (ws as unknown as { dataValidations: SheetValidations }).dataValidations;
  columns.forEach((c, i) => {
    if (!c.values) return;
    const list = (c.labels ? c.values.map((v) => c.labels![v] ?? v) : c.values).join(',');
    if (list.length > 250) throw new Error(`the list of ${c.header} is too long for an Excel list validation`);
    const letter = ws.getColumn(i + 1).letter;
    validations.add(`${letter}2:${letter}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${list}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: c.header,
      error: `请从列表中选择:${list}`,
    });
  });
}

/** A row with its enum codes replaced by their Chinese labels (unknown codes stay as they are). */
function labelled(columns: ColumnSpec[], row: Record<string, unknown>): Record<string, unknown> {
  const out = { ...row };
  for (const c of columns) {
    const v = out[c.key];
    if (c.labels && typeof v === 'string' && c.labels[v]) out[c.key] = c.labels[v];
  }
  return out;
}

/** The directory as an .xlsx file. */
export async function writeDirectoryWorkbook(ownerName: string, items: DirectoryExportItem[]): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = '为民服务系统';
  wb.title = `${ownerName} 事项目录`;
  wb.created = new Date();

  const itemsWs = addSheet(wb, SHEET.items, ITEM_COLUMNS, true);
  const materialsWs = addSheet(wb, SHEET.materials, MATERIAL_COLUMNS);
  const stepsWs = addSheet(wb, SHEET.procedure, STEP_COLUMNS);
  const feesWs = addSheet(wb, SHEET.fees, FEE_COLUMNS);
  const faqWs = addSheet(wb, SHEET.faq, FAQ_COLUMNS);

  for (const { code, status, versionNo, content: c } of items) {
    itemsWs.addRow(labelled(ITEM_COLUMNS, {
      code,
      name: c.name,
      type: c.type,
      category: c.category,
      handlingLevel: c.handlingLevel,
      handlingDepartment: c.handlingDepartment,
      'delegation.entrustingDepartment': c.delegation?.entrustingDepartment ?? null,
      'delegation.document': c.delegation?.document ?? null,
      legalBasis: c.legalBasis,
      conditions: c.conditions,
      serviceObject: c.serviceObject,
      statutoryLimit: c.statutoryLimit ?? null,
      statutoryUnit: c.statutoryLimit == null ? null : (c.statutoryUnit ?? null),
      promisedLimit: c.promisedLimit,
      promisedUnit: c.promisedUnit,
      handlingKind: c.handlingKind,
      'fee.charged': yesNo(typeof c.fee?.free === 'boolean' ? !c.fee.free : null),
      visitsRequired: c.visitsRequired,
      onlineCapable: yesNo(c.onlineCapable),
      consultationPhone: c.consultationPhone,
      supervisionPhone: c.supervisionPhone,
      location: c.location,
      officeHours: c.officeHours,
      'exemption.document': c.exemption?.document ?? null,
      'exemption.office': c.exemption?.office ?? null,
      'exemption.address': c.exemption?.address ?? null,
      'exemption.phone': c.exemption?.phone ?? null,
      status,
      versionNo,
    }));
    for (const m of c.materials ?? []) {
      materialsWs.addRow(labelled(MATERIAL_COLUMNS, { code, ...m, condition: m.condition ?? null, acceptanceStandard: m.acceptanceStandard ?? null, notes: m.notes ?? null }));
    }
    (c.procedure ?? []).forEach((s, i) => stepsWs.addRow({ code, seq: i + 1, title: s.title, description: s.description ?? null }));
    if (c.fee && !c.fee.free) for (const f of c.fee.items ?? []) feesWs.addRow({ code, name: f.name, standard: f.standard, basis: f.basis });
    for (const q of c.faq ?? []) faqWs.addRow({ code, question: q.question, answer: q.answer });
  }
  const readonlyFill = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFF5F5F5' } };
  ITEM_COLUMNS.forEach((c, i) => {
    if (c.kind !== 'readonly') return;
    itemsWs.getColumn(i + 1).eachCell({ includeEmpty: false }, (cell, row) => {
      if (row > 1) {
        cell.fill = readonlyFill;
        cell.font = { color: { argb: 'FF808080' } };
      }
    });
  });
  addListValidations(itemsWs, ITEM_COLUMNS, itemsWs.rowCount - 1);
  addListValidations(materialsWs, MATERIAL_COLUMNS, materialsWs.rowCount - 1);

  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

type Scalar = string | number | boolean | null;

/** The plain value of a cell: rich text joined, formulas by their cached result, Excel errors flagged. */
function cellScalar(value: unknown): Scalar | { error: string } {
  if (value == null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
    if (typeof v.error === 'string') return { error: v.error };
    if ('formula' in v || 'sharedFormula' in v) return cellScalar(v.result);
    if ('text' in v) return cellScalar(v.text);
  }
  return String(value);
}

/** Text as stored: newlines normalised, trimmed, empty as null. */
function cleanText(s: string): string | null {
  const t = s.replace(/\r\n?/g, '\n').trim();
  return t === '' ? null : t;
}

interface ParsedRow {
  row: number;
  values: Record<string, unknown>;
}

interface ParsedSheet {
  rows: ParsedRow[];
  /** key → `G 适用情形` as found in this file. */
  columnOf: Record<string, string>;
}

class ProblemList {
  readonly list: DirectoryProblem[] = [];
  /** Cells whose value could not be read, so the content validation does not report them again. */
  private readonly unreadable = new Set<string>();

  add(sheet: string, row: number, column: string, message: string, messageKey: string, params: Record<string, unknown> = {}): void {
    this.list.push({ sheet, row, column, message, messageKey, params });
  }

  addUnreadable(sheet: string, row: number, column: string, message: string, messageKey: string, params: Record<string, unknown> = {}): void {
    this.add(sheet, row, column, message, messageKey, params);
    this.unreadable.add(`${sheet}\u0000${row}\u0000${column}`);
  }

  addUnlessReported(sheet: string, row: number, column: string, message: string, messageKey: string, params: Record<string, unknown> = {}): void {
    if (!this.unreadable.has(`${sheet}\u0000${row}\u0000${column}`)) this.add(sheet, row, column, message, messageKey, params);
  }
}

function findSheet(wb: Workbook, name: string): Worksheet | undefined {
  return wb.worksheets.find((ws) => ws.name.trim() === name);
}

/** Where each known header is (column number), from row 1. */
function headerColumns(ws: Worksheet, columns: ColumnSpec[]): { found: Map<string, number>; twice: Array<{ header: string; col: number; first: number }> } {
  const found = new Map<string, number>();
  const twice: Array<{ header: string; col: number; first: number }> = [];
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const scalar = cellScalar(cell.value);
    const text = typeof scalar === 'string' ? scalar.trim() : '';
    if (!text || !columns.some((c) => c.header === text)) return;
    if (found.has(text)) twice.push({ header: text, col, first: found.get(text)! });
    else found.set(text, col);
  });
  return { found, twice };
}

/** Whether row 1 holds every required header once; reports what is wrong. */
function checkHeaders(ws: Worksheet, name: string, columns: ColumnSpec[], problems: ProblemList): boolean {
  const { found, twice } = headerColumns(ws, columns);
  for (const t of twice) {
    problems.add(name, 1, `${ws.getColumn(t.col).letter} ${t.header}`, `the column ${t.header} appears twice (also column ${ws.getColumn(t.first).letter})`, 'workbook.columnTwice', { header: t.header, other: ws.getColumn(t.first).letter });
  }
  const missing = columns.filter((c) => !found.has(c.header) && !c.optional);
  for (const c of missing) problems.add(name, 1, c.header, `the column ${c.header} is missing: row 1 must hold the headers, data starts in row 2`, 'workbook.columnMissing', { header: c.header });
  return !twice.length && !missing.length;
}

/** The data rows of a sheet whose headers passed `checkHeaders`. */
function readSheet(ws: Worksheet, name: string, columns: ColumnSpec[], problems: ProblemList): ParsedSheet {
  const { found } = headerColumns(ws, columns);
  const present = columns.filter((c) => found.has(c.header));
  const columnOf: Record<string, string> = {};
  for (const c of present) columnOf[c.key] = `${ws.getColumn(found.get(c.header)!).letter} ${c.header}`;

  const rows: ParsedRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNo) => {
    if (rowNo === 1) return;
    const raw = present.map((c) => [c, cellScalar(r.getCell(found.get(c.header)!).value)] as const);
    const isEmpty = (v: Scalar | { error: string }) => v == null || (typeof v === 'string' && v.trim() === '');
    if (raw.every(([c, v]) => c.kind === 'readonly' || isEmpty(v))) return;
    const values: Record<string, unknown> = {};
    for (const [c, v] of raw) {
      if (c.kind === 'readonly') continue;
      const column = columnOf[c.key];
      if (v != null && typeof v === 'object') {
        problems.addUnreadable(name, rowNo, column, `holds the Excel error ${v.error}; enter a value`, 'workbook.excelError', { error: v.error });
        values[c.key] = null;
        continue;
      }
      values[c.key] = parseCell(c, v, (message, key, params) => problems.addUnreadable(name, rowNo, column, message, key, params));
    }
    rows.push({ row: rowNo, values });
  });
  return { rows, columnOf };
}

function parseCell(c: ColumnSpec, v: Scalar, problem: (message: string, messageKey: string, params?: Record<string, unknown>) => void): unknown {
  switch (c.kind) {
    case 'text':
    case 'optText':
      return v == null ? null : cleanText(typeof v === 'boolean' ? (v ? '是' : '否') : String(v));
    case 'int':
    case 'optInt': {
      if (v == null || (typeof v === 'string' && v.trim() === '')) return null;
      if (typeof v === 'number') return Number.isFinite(v) ? v : (problem('must be a number', 'input.notANumber'), null);
      const s = String(v).trim();
      if (/^[+-]?\d+(\.\d+)?$/.test(s)) return Number(s);
      problem(`must be a number, not "${s.length > 40 ? s.slice(0, 40) + '…' : s}"`, 'workbook.notANumber', { value: s.length > 40 ? s.slice(0, 40) + '…' : s });
      return null;
    }
    case 'bool': {
      if (v == null) return null;
      if (typeof v === 'boolean') return v;
      const s = String(v).trim().toLowerCase();
      if (s === '') return null;
      if (['是', 'true', '1', 'y', 'yes'].includes(s)) return true;
      if (['否', 'false', '0', 'n', 'no'].includes(s)) return false;
      problem(`must be 是 or 否, not "${String(v).trim()}"`, 'workbook.yesNo', { value: String(v).trim().slice(0, 40) });
      return null;
    }
    case 'enum': {
      if (v == null) return null;
      const s = String(v).trim();
      if (s === '') return null;
      const upper = s.toUpperCase();
      if (c.values?.includes(upper)) return upper;
      const plain = (x: string) => x.replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');
      const byLabel = c.labels && Object.entries(c.labels).find(([, label]) => plain(label) === plain(s));
      // Anything else goes through as written; the content validation names the allowed values.
      return byLabel ? byLabel[0] : s;
    }
    default:
      return null;
  }
}

interface Assembled {
  code: string;
  row: number;
  content: DirectoryContent;
  /** Excel rows of the materials, steps, fees and questions, by their index in the content. */
  rows: { materials: number[]; procedure: number[]; fees: number[]; faq: number[] };
}

const str = (v: unknown) => (v ?? null) as string;
const num = (v: unknown) => (v ?? null) as number;

function itemFromRow(values: Record<string, unknown>): DirectoryContent {
  const v = (k: string) => values[k] ?? null;
  const delegation = v('delegation.entrustingDepartment') != null || v('delegation.document') != null;
  const exemption = ['document', 'office', 'address', 'phone'].some((k) => v(`exemption.${k}`) != null);
  const charged = v('fee.charged');
  return {
    name: str(v('name')),
    type: str(v('type')) as ServiceItemType,
    category: str(v('category')) as ServiceCategory,
    handlingLevel: str(v('handlingLevel')) as JurisdictionLevel,
    handlingDepartment: str(v('handlingDepartment')),
    delegation: delegation ? { entrustingDepartment: str(v('delegation.entrustingDepartment')), document: str(v('delegation.document')) } : null,
    legalBasis: str(v('legalBasis')),
    conditions: str(v('conditions')),
    serviceObject: str(v('serviceObject')) as ServiceObject,
    materials: [],
    procedure: [],
    statutoryLimit: num(v('statutoryLimit')),
    statutoryUnit: v('statutoryLimit') == null ? null : (str(v('statutoryUnit')) as TimeLimitUnit),
    promisedLimit: num(v('promisedLimit')),
    promisedUnit: str(v('promisedUnit')) as TimeLimitUnit,
    handlingKind: str(v('handlingKind')) as HandlingKind,
    fee: { free: (charged == null ? null : !charged) as boolean, items: [] },
    visitsRequired: num(v('visitsRequired')),
    onlineCapable: v('onlineCapable') as boolean,
    consultationPhone: str(v('consultationPhone')),
    supervisionPhone: str(v('supervisionPhone')),
    location: str(v('location')),
    officeHours: str(v('officeHours')),
    faq: [],
    exemption: exemption
      ? { document: str(v('exemption.document')), office: str(v('exemption.office')), address: str(v('exemption.address')), phone: str(v('exemption.phone')) }
      : null,
  };
}

/** Which sheet, row and column a field path of `validateItemContent` points at. */
function locate(
  item: Assembled,
  field: string,
  columns: Record<string, Record<string, string>>,
): { sheet: string; row: number; column: string; hint?: string } {
  const m = /^(materials|procedure|fee\.items|faq)\.(\d+)\.(\w+)$/.exec(field);
  if (m) {
    const [, list, index, key] = m;
    const i = Number(index);
    const [sheet, rows] =
      list === 'materials' ? [SHEET.materials, item.rows.materials]
      : list === 'procedure' ? [SHEET.procedure, item.rows.procedure]
      : list === 'fee.items' ? [SHEET.fees, item.rows.fees]
      : [SHEET.faq, item.rows.faq];
    return { sheet, row: rows[i] ?? 0, column: columns[sheet][key] ?? '' };
  }
  const itemColumns = columns[SHEET.items];
  if (field === 'fee.free') return { sheet: SHEET.items, row: item.row, column: itemColumns['fee.charged'] };
  if (field === 'fee.items') return { sheet: SHEET.items, row: item.row, column: itemColumns['fee.charged'], hint: `add its fees in sheet ${SHEET.fees}` };
  if (field === 'procedure') return { sheet: SHEET.items, row: item.row, column: itemColumns.code, hint: `sheet ${SHEET.procedure} has no step for ${item.code}` };
  if (field === 'materials') return { sheet: SHEET.items, row: item.row, column: itemColumns.code };
  return { sheet: SHEET.items, row: item.row, column: itemColumns[field] ?? itemColumns.code };
}

function fileProblem(message: string, messageKey: string, params: Record<string, unknown> = {}): DirectoryReadResult {
  return { items: [], problems: [{ sheet: '', row: 0, column: '', message, messageKey, params }] };
}

/**
 * Parses a directory workbook and reports every problem at once. With `ownerLevel`, the content validation also
 * checks that the items may be held in a directory of that level.
 */
export async function readDirectoryWorkbook(buf: Buffer, opts: { ownerLevel?: JurisdictionLevel } = {}): Promise<DirectoryReadResult> {
  if (buf.length >= 4 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    return fileProblem('This is an old-format .xls file or a password-protected workbook: save it as an unprotected .xlsx workbook (Excel 2007 or later) and import that', 'workbook.oldFormat');
  }
  if (buf.length < 4 || buf.readUInt32BE(0) !== 0x504b0304) {
    return fileProblem('This file is not an Excel workbook (.xlsx): export the directory, edit it in Excel or WPS, and import the saved .xlsx file', 'workbook.notXlsx');
  }
  const wb = new Workbook();
  try {
    // Ignored: parts that do not hold values and that exceljs expands cell by cell (a whole-column list would
    // otherwise become a million objects).
    const options = {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'mergeCells', 'hyperlinks', 'extLst', 'drawing', 'picture', 'legacyDrawing'],
      maxRows: MAX_SHEET_ROWS,
      maxCols: 1000,
    };
    await wb.xlsx.load(buf as never, options as never);
  } catch (e) {
    const tooLong = e instanceof Error && /Max \w+ count/.test(e.message);
    const detail = tooLong ? `a sheet has more than ${MAX_SHEET_ROWS} rows` : 'it could not be read';
    return fileProblem(`This file is not a readable Excel workbook (.xlsx): ${detail}`, tooLong ? 'workbook.tooManyRows' : 'workbook.unreadable', { max: MAX_SHEET_ROWS });
  }
  if (!wb.worksheets.length) return fileProblem('This file is not an Excel workbook (.xlsx): it has no sheets', 'workbook.noSheets');

  const problems = new ProblemList();
  const specs: Array<[string, ColumnSpec[]]> = [
    [SHEET.items, ITEM_COLUMNS],
    [SHEET.materials, MATERIAL_COLUMNS],
    [SHEET.procedure, STEP_COLUMNS],
    [SHEET.fees, FEE_COLUMNS],
    [SHEET.faq, FAQ_COLUMNS],
  ];
  const layout = new ProblemList();
  const sheets = new Map<string, Worksheet>();
  for (const [name, columns] of specs) {
    const ws = findSheet(wb, name);
    if (!ws) layout.add(name, 0, '', `the sheet ${name} is missing: keep all five sheets (${specs.map(([n]) => n).join(', ')}), even when one is empty`, 'workbook.sheetMissing', { sheet: name, sheets: specs.map(([n]) => n).join('、') });
    else if (checkHeaders(ws, name, columns, layout)) sheets.set(name, ws);
  }
  // Without every sheet and header the items cannot be assembled faithfully: report the layout alone.
  if (layout.list.length) return { items: [], problems: sortProblems(layout.list) };
  const parsed: Record<string, ParsedSheet> = {};
  for (const [name, columns] of specs) parsed[name] = readSheet(sheets.get(name)!, name, columns, problems);

  const columns: Record<string, Record<string, string>> = Object.fromEntries(Object.entries(parsed).map(([k, s]) => [k, s.columnOf]));
  const byCode = new Map<string, Assembled>();
  const codeColumn = (sheet: string) => columns[sheet].code;

  for (const { row, values } of parsed[SHEET.items].rows) {
    const code = values.code as string | null;
    if (!code) {
      problems.add(SHEET.items, row, codeColumn(SHEET.items), 'is required', 'input.required');
      continue;
    }
    const first = byCode.get(code);
    if (first) {
      problems.add(SHEET.items, row, codeColumn(SHEET.items), `${code} is already used in row ${first.row}`, 'workbook.codeTwice', { code, row: first.row });
      continue;
    }
    if (!ITEM_CODE_PATTERN.test(code)) problems.add(SHEET.items, row, codeColumn(SHEET.items), 'must be 3–64 letters, digits, "-" or "_"', 'catalogue.codeFormat');
    byCode.set(code, { code, row, content: itemFromRow(values), rows: { materials: [], procedure: [], fees: [], faq: [] } });
  }

  const owner = (sheet: string, row: number, values: Record<string, unknown>): Assembled | null => {
    const code = values.code as string | null;
    if (!code) {
      problems.add(sheet, row, codeColumn(sheet), `is required: the code of the item in sheet ${SHEET.items}`, 'workbook.itemCodeRequired', { sheet: SHEET.items });
      return null;
    }
    const item = byCode.get(code);
    if (!item) problems.add(sheet, row, codeColumn(sheet), `${code} is not an item of sheet ${SHEET.items}`, 'workbook.unknownItem', { code, sheet: SHEET.items });
    return item ?? null;
  };

  for (const { row, values } of parsed[SHEET.materials].rows) {
    const item = owner(SHEET.materials, row, values);
    if (!item) continue;
    const m: MaterialRequirement = {
      name: str(values.name),
      form: str(values.form) as MaterialForm,
      medium: str(values.medium) as MaterialMedium,
      copies: num(values.copies),
      necessity: str(values.necessity) as MaterialNecessity,
      condition: str(values.condition),
      acceptanceStandard: str(values.acceptanceStandard),
      notes: str(values.notes),
    };
    item.content.materials.push(m);
    item.rows.materials.push(row);
  }

  const steps = new Map<Assembled, Array<{ row: number; seq: number | null; step: ProcedureStep }>>();
  for (const { row, values } of parsed[SHEET.procedure].rows) {
    const item = owner(SHEET.procedure, row, values);
    if (!item) continue;
    const list = steps.get(item) ?? [];
    list.push({ row, seq: (values.seq ?? null) as number | null, step: { title: str(values.title), description: str(values.description) } });
    steps.set(item, list);
  }
  for (const [item, list] of steps) {
    // By 序号 where given (rows without one keep their place after the numbered ones), then by row.
    list.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity) || a.row - b.row);
    item.content.procedure = list.map((s) => s.step);
    item.rows.procedure = list.map((s) => s.row);
  }

  for (const { row, values } of parsed[SHEET.fees].rows) {
    const item = owner(SHEET.fees, row, values);
    if (!item) continue;
    if (item.content.fee.free === true) {
      problems.add(SHEET.fees, row, codeColumn(SHEET.fees), `${item.code} is marked 是否收费 = 否 (row ${item.row} of sheet ${SHEET.items}): set it to 是 or remove this fee`, 'workbook.feeOnFreeItem', { code: item.code, row: item.row, sheet: SHEET.items });
      continue;
    }
    const f: FeeItem = { name: str(values.name), standard: str(values.standard), basis: str(values.basis) };
    item.content.fee.items.push(f);
    item.rows.fees.push(row);
  }

  for (const { row, values } of parsed[SHEET.faq].rows) {
    const item = owner(SHEET.faq, row, values);
    if (!item) continue;
    const q: FaqEntry = { question: str(values.question), answer: str(values.answer) };
    item.content.faq.push(q);
    item.rows.faq.push(row);
  }

  for (const item of byCode.values()) {
    for (const p of validateItemContent({ ...item.content, demo: false }, opts.ownerLevel)) {
      const at = locate(item, p.field, columns);
      problems.addUnlessReported(at.sheet, at.row, at.column, at.hint ? `${p.message} (${at.hint})` : p.message, p.messageKey, p.params ?? {});
    }
  }

  return {
    items: [...byCode.values()].map((i) => ({ code: i.code, content: i.content, row: i.row })),
    problems: sortProblems(problems.list),
  };
}

function columnIndex(column: string): number {
  const letters = /^([A-Z]+) /.exec(column)?.[1];
  if (!letters) return 0;
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

function sortProblems(list: DirectoryProblem[]): DirectoryProblem[] {
  return list
    .map((p, i) => ({ p, i }))
    .sort((a, b) =>
      SHEET_ORDER.indexOf(a.p.sheet) - SHEET_ORDER.indexOf(b.p.sheet) ||
      a.p.row - b.p.row ||
      columnIndex(a.p.column) - columnIndex(b.p.column) ||
      a.i - b.i,
    )
    .map(({ p }) => p);
}

// ---------------------------------------------------------------------------------------------
// Comparing
// ---------------------------------------------------------------------------------------------

/**
 * The content as a round trip through the workbook gives it back (known fields only, text trimmed, empty optional
 * text as null, empty delegation / exemption as null): what decides whether an imported row changes an item.
 */
export function normaliseContent(c: ItemContent | DirectoryContent): DirectoryContent {
  const t = (v: unknown) => (typeof v === 'string' ? cleanText(v) : (v ?? null)) as string;
  const delegation = c.delegation && (t(c.delegation.entrustingDepartment) != null || t(c.delegation.document) != null)
    ? { entrustingDepartment: t(c.delegation.entrustingDepartment), document: t(c.delegation.document) }
    : null;
  const e = c.exemption;
  const exemption = e && [e.document, e.office, e.address, e.phone].some((v) => t(v) != null)
    ? { document: t(e.document), office: t(e.office), address: t(e.address), phone: t(e.phone) }
    : null;
  const free = c.fee?.free;
  return {
    name: t(c.name),
    type: c.type,
    category: c.category,
    handlingLevel: c.handlingLevel,
    handlingDepartment: t(c.handlingDepartment),
    delegation,
    legalBasis: t(c.legalBasis),
    conditions: t(c.conditions),
    serviceObject: c.serviceObject,
    materials: (c.materials ?? []).map((m) => ({
      name: t(m.name),
      form: m.form,
      medium: m.medium,
      copies: m.copies,
      necessity: m.necessity,
      condition: t(m.condition),
      acceptanceStandard: t(m.acceptanceStandard),
      notes: t(m.notes),
    })),
    procedure: (c.procedure ?? []).map((s) => ({ title: t(s.title), description: t(s.description) })),
    statutoryLimit: c.statutoryLimit ?? null,
    statutoryUnit: c.statutoryLimit == null ? null : (c.statutoryUnit ?? null),
    promisedLimit: c.promisedLimit,
    promisedUnit: c.promisedUnit,
    handlingKind: c.handlingKind,
    fee: { free, items: free === false ? (c.fee.items ?? []).map((f) => ({ name: t(f.name), standard: t(f.standard), basis: t(f.basis) })) : [] },
    visitsRequired: c.visitsRequired,
    onlineCapable: c.onlineCapable,
    consultationPhone: t(c.consultationPhone),
    supervisionPhone: t(c.supervisionPhone),
    location: t(c.location),
    officeHours: t(c.officeHours),
    faq: (c.faq ?? []).map((q) => ({ question: t(q.question), answer: t(q.answer) })),
    exemption,
  };
}

/** Whether two contents are the same as far as the workbook can tell. */
export function sameContent(a: ItemContent | DirectoryContent, b: ItemContent | DirectoryContent): boolean {
  return JSON.stringify(normaliseContent(a)) === JSON.stringify(normaliseContent(b));
}
