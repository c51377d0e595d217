/**
 * Staff as an Excel workbook (人员导出 / 人员导入): pure functions, no database, in the style of the directory workbook.
 * One sheet 人员, row 1 the headers, one row per account and role: 姓名, 登录名, 手机号, 角色, 区划代码. Reading
 * matches columns by their Chinese header and reports every problem at once with sheet, Excel row and column.
 * The workbook of temporary passwords has one row per created account.
 */
import { Workbook, type Worksheet } from 'exceljs';
import { ROLE_LABELS_ZH, Role, STAFF_LOGIN_PATTERN, STAFF_ROLES, isValidMobile } from '@weimin/domain';

export const STAFF_SHEET = '人员';
export const MAX_STAFF_ROWS = 5000;

export interface StaffProblem {
  sheet: string;
  row: number;
  /** Column letter and header, e.g. `B 登录名`; '' for the row or the file. */
  column: string;
  /** English, for logs and API users; the web says `messageKey` with `params`. */
  message: string;
  messageKey: string;
  params: Record<string, unknown>;
}

export interface StaffRow {
  row: number;
  name: string;
  login: string;
  phone: string | null;
  role: Role;
  jurisdictionCode: string;
}

export interface StaffExportRow {
  name: string;
  login: string;
  phone: string | null;
  role: Role | null;
  jurisdictionCode: string | null;
  jurisdictionName: string | null;
  disabled: boolean;
}

const COLUMNS = [
  { header: '姓名', key: 'name', width: 14 },
  { header: '登录名', key: 'login', width: 22 },
  { header: '手机号', key: 'phone', width: 16 },
  { header: '角色', key: 'role', width: 14 },
  { header: '区划代码', key: 'jurisdictionCode', width: 16 },
] as const;
const EXPORT_ONLY = [
  { header: '区划名称', key: 'jurisdictionName', width: 20 },
  { header: '状态', key: 'status', width: 10 },
] as const;

const ROLE_BY_LABEL = new Map<string, Role>(STAFF_ROLES.flatMap((r) => [[r, r] as [string, Role], [ROLE_LABELS_ZH[r], r] as [string, Role]]));

function sheet(wb: Workbook, name: string, columns: ReadonlyArray<{ header: string; key: string; width: number }>): Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, activeCell: 'A2' }] });
  // login, phone and codes stay text in Excel (no 1.39E+10, no lost leading zeros)
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@' } }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  return ws;
}

/** The staff of a subtree, one row per role (an account without roles: one row with the role empty). */
export async function writeStaffWorkbook(title: string, rows: StaffExportRow[]): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = '为民服务系统';
  wb.title = title;
  const ws = sheet(wb, STAFF_SHEET, [...COLUMNS, ...EXPORT_ONLY]);
  for (const r of rows) {
    ws.addRow({
      name: r.name, login: r.login, phone: r.phone ?? '', role: r.role ? ROLE_LABELS_ZH[r.role] : '', jurisdictionCode: r.jurisdictionCode ?? '',
      jurisdictionName: r.jurisdictionName ?? '', status: r.disabled ? '已停用' : '正常',
    });
  }
  (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations.add(`D2:D${rows.length + 500}`, {
    type: 'list', allowBlank: true, formulae: [`"${STAFF_ROLES.map((r) => ROLE_LABELS_ZH[r]).join(',')}"`],
    showErrorMessage: true, errorStyle: 'warning', errorTitle: '角色', error: '请从列表中选择角色',
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An empty workbook with the import columns: the template offered for download. */
export function writeStaffTemplate(): Promise<Buffer> {
  return writeStaffWorkbook('人员导入模板', []);
}

/** The one-time passwords of the accounts an import created (shown once: the server keeps only hashes). */
export async function writePasswordWorkbook(rows: Array<{ name: string; login: string; temporaryPassword: string }>): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = '为民服务系统';
  wb.title = '临时密码';
  const ws = sheet(wb, '临时密码', [
    { header: '姓名', key: 'name', width: 14 },
    { header: '登录名', key: 'login', width: 22 },
    { header: '临时密码', key: 'temporaryPassword', width: 20 },
  ]);
  for (const r of rows) ws.addRow(r);
  ws.addRow({});
  ws.addRow({ name: '临时密码只在首次登录时使用，登录后须立即修改。请将本文件分发后妥善销毁。' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function text(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('').trim();
    if ('result' in v) return text(v.result);
    if ('text' in v) return text(v.text);
  }
  return String(value).trim();
}

/**
 * Reads and checks an import file on its own (shape of every cell, duplicates within the file). What needs the
 * database (taken logins and phones, existing codes, scope) is checked by the service, with the same positions.
 */
export async function readStaffWorkbook(file: Buffer): Promise<{ rows: StaffRow[]; problems: StaffProblem[]; columnOf: Record<string, string> }> {
  const problems: StaffProblem[] = [];
  const wb = new Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return { rows: [], problems: [{ sheet: '', row: 0, column: '', message: 'This file is not an Excel workbook (.xlsx)', messageKey: 'workbook.notXlsx', params: {} }], columnOf: {} };
  }
  const ws = wb.worksheets.find((w) => w.name.trim() === STAFF_SHEET);
  if (!ws) return { rows: [], problems: [{ sheet: '', row: 0, column: '', message: `the sheet ${STAFF_SHEET} is missing`, messageKey: 'workbook.sheetMissing', params: { sheet: STAFF_SHEET, sheets: STAFF_SHEET } }], columnOf: {} };
  const found = new Map<string, number>();
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const h = text(cell.value);
    if (COLUMNS.some((c) => c.header === h) && !found.has(h)) found.set(h, col);
  });
  const columnOf: Record<string, string> = {};
  for (const c of COLUMNS) {
    const col = found.get(c.header);
    if (col == null) problems.push({ sheet: STAFF_SHEET, row: 1, column: c.header, message: `the column ${c.header} is missing`, messageKey: 'workbook.columnMissing', params: { header: c.header } });
    else columnOf[c.key] = `${ws.getColumn(col).letter} ${c.header}`;
  }
  if (problems.length) return { rows: [], problems, columnOf };
  const rows: StaffRow[] = [];
  const seenLogin = new Map<string, number>();
  const seenPhone = new Map<string, number>();
  const at = (row: number, key: string, message: string, messageKey: string, params: Record<string, unknown> = {}) =>
    problems.push({ sheet: STAFF_SHEET, row, column: columnOf[key], message, messageKey, params });
  ws.eachRow({ includeEmpty: false }, (r, rowNo) => {
    if (rowNo === 1) return;
    const get = (key: string) => text(r.getCell(found.get(COLUMNS.find((c) => c.key === key)!.header)!).value);
    const name = get('name');
    const login = get('login');
    const phone = get('phone');
    const roleText = get('role');
    const code = get('jurisdictionCode');
    if (!name && !login && !phone && !roleText && !code) return;
    if (rows.length + problems.length > MAX_STAFF_ROWS) return;
    const before = problems.length;
    if (!name) at(rowNo, 'name', 'the name is required', 'input.required');
    else if (Array.from(name).length > 50) at(rowNo, 'name', 'the name is longer than 50 characters', 'input.tooLong', { max: 50 });
    if (!STAFF_LOGIN_PATTERN.test(login)) at(rowNo, 'login', 'the login must be 3–50 letters, digits, dots, dashes or underscores, starting with a letter', 'user.loginInvalid');
    else if (seenLogin.has(login.toLowerCase())) at(rowNo, 'login', `the login repeats row ${seenLogin.get(login.toLowerCase())}`, 'workbook.loginTwice', { row: seenLogin.get(login.toLowerCase()) });
    else seenLogin.set(login.toLowerCase(), rowNo);
    if (phone) {
      if (!isValidMobile(phone)) at(rowNo, 'phone', 'not a mainland mobile number', 'account.phoneInvalid');
      else if (seenPhone.has(phone)) at(rowNo, 'phone', `the phone repeats row ${seenPhone.get(phone)}`, 'workbook.phoneTwice', { row: seenPhone.get(phone) });
      else seenPhone.set(phone, rowNo);
    }
    const role = ROLE_BY_LABEL.get(roleText) ?? ROLE_BY_LABEL.get(roleText.toUpperCase());
    if (!role) at(rowNo, 'role', `the role must be one of ${STAFF_ROLES.join(', ')}`, 'workbook.role', { values: STAFF_ROLES.map((x) => ROLE_LABELS_ZH[x]).join('、') });
    if (!/^\d{12}$/.test(code)) at(rowNo, 'jurisdictionCode', 'the jurisdiction code must be 12 digits', 'workbook.jurisdictionCode');
    if (problems.length === before) rows.push({ row: rowNo, name, login, phone: phone || null, role: role as Role, jurisdictionCode: code });
  });
  if (rows.length + problems.length > MAX_STAFF_ROWS) {
    problems.push({ sheet: STAFF_SHEET, row: 0, column: '', message: `at most ${MAX_STAFF_ROWS} rows at once: split the file`, messageKey: 'workbook.tooManyStaff', params: { max: MAX_STAFF_ROWS } });
  }
  if (!rows.length && !problems.length) problems.push({ sheet: STAFF_SHEET, row: 0, column: '', message: 'the sheet holds nobody', messageKey: 'workbook.noStaff', params: {} });
  return { rows, problems, columnOf };
}
