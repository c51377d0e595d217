/**
 * Bulk onboarding: staff workbooks out (export) and in (import). An import checks every row first — the file's own
 * shape, then taken logins and phones, unknown codes and scope, each with sheet, row and column in Chinese — and
 * saves nothing if any row is wrong; otherwise it creates every account with its role and a temporary password in
 * one transaction, and returns the passwords once, as a workbook.
 *
 * Cost: a temporary password is 12 random characters from 55 (about 69 bits), valid until the first login, so it
 * is hashed with a light argon2id (4 MiB, 1 pass) — guessing a random 69-bit secret is out of reach whatever the
 * hash; the password the person then chooses gets the full cost. Hashes run in parallel on libuv's pool.
 */
import type { DataSource } from 'typeorm';
import { hash } from '@node-rs/argon2';
import { Role } from '@weimin/domain';
import { scopePaths, type RequestContext, type Viewer } from '../../common/context';
import { ForbiddenError, InputError } from '../../common/errors';
import type { AuditEntry, AuditService } from '../audit/audit.service';
import { temporaryPassword } from '../account/account.service';
import { STAFF_SHEET, readStaffWorkbook, writeStaffTemplate, writePasswordWorkbook, writeStaffWorkbook, type StaffExportRow, type StaffProblem } from './staff-excel';

export const MAX_STAFF_IMPORT_BYTES = 5 * 1024 * 1024;
const MAX_REPORTED = 200;
const MAX_EXPORT_ROWS = 50_000;

/** argon2id for one-time passwords (see the top comment); verify() reads the parameters from the hash. */
export function hashTemporaryPassword(password: string): Promise<string> {
  return hash(password, { memoryCost: 4096, timeCost: 1, parallelism: 1 });
}

async function inParallel<T, R>(items: T[], width: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  }));
  return out;
}

export class StaffWorkbookService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  private paths(viewer: Viewer | null): string[] {
    const paths = scopePaths(viewer, [Role.SYSTEM_ADMIN]);
    if (!paths.length) throw new ForbiddenError('Only system administrators administer users', 'forbidden.systemAdminOnly');
    return paths;
  }

  async template(viewer: Viewer | null): Promise<{ filename: string; body: Buffer }> {
    this.paths(viewer);
    return { filename: '人员导入模板.xlsx', body: await writeStaffTemplate() };
  }

  async export(viewer: Viewer | null): Promise<{ filename: string; body: Buffer }> {
    const paths = this.paths(viewer);
    const rows: StaffExportRow[] = await this.ds.query(
      `SELECT u.name, u.login, u.phone, r.role, j.code AS "jurisdictionCode", j.name AS "jurisdictionName", u.disabled
         FROM app_user u JOIN jurisdiction h ON h.id = u.home_jurisdiction_id
         LEFT JOIN role_assignment r ON r.user_id = u.id AND r.jurisdiction_id IS NOT NULL
         LEFT JOIN jurisdiction j ON j.id = r.jurisdiction_id
        WHERE u.home_jurisdiction_id IS NOT NULL AND (${paths.map((_, i) => `h.path LIKE $${i + 1}`).join(' OR ')})
        ORDER BY lower(u.login), r.role LIMIT ${MAX_EXPORT_ROWS}`,
      paths.map((x) => x + '%'),
    );
    const day = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    return { filename: `人员-${day}.xlsx`, body: await writeStaffWorkbook('人员', rows) };
  }

  async import(ctx: RequestContext, file: Buffer): Promise<{ created: number; passwords: Buffer }> {
    const paths = this.paths(ctx.viewer);
    if (!file.length) throw new InputError('fileBase64', 'the file is empty', {}, 'user.importEmpty');
    if (file.length > MAX_STAFF_IMPORT_BYTES) throw new InputError('fileBase64', 'the file is over 5 MB', { maxBytes: MAX_STAFF_IMPORT_BYTES }, 'user.importTooLarge');
    const { rows, problems, columnOf } = await readStaffWorkbook(file);
    const fail = (list: StaffProblem[]) =>
      new InputError('fileBase64', `${list.length} problem(s) in the file; nothing was saved`, { problems: list.slice(0, MAX_REPORTED), problemCount: list.length }, 'user.importProblems');
    if (problems.length) throw fail(problems);

    const at = (row: number, key: string, message: string, messageKey: string) => problems.push({ sheet: STAFF_SHEET, row, column: columnOf[key], message, messageKey, params: {} });
    const [taken, codes]: [Array<{ login: string; phone: string | null }>, Array<{ id: number; code: string; path: string }>] = await Promise.all([
      this.ds.query(
        `SELECT login, phone FROM app_user WHERE lower(login) = ANY($1::text[]) OR phone = ANY($2::text[]) OR lower(login) = ANY($2::text[])`,
        [rows.map((r) => r.login.toLowerCase()), rows.flatMap((r) => (r.phone ? [r.phone] : []))],
      ),
      this.ds.query(`SELECT id, code, path FROM jurisdiction WHERE code = ANY($1::text[])`, [[...new Set(rows.map((r) => r.jurisdictionCode))]]),
    ]);
    const takenLogins = new Set(taken.map((t) => t.login.toLowerCase()));
    const takenPhones = new Set(taken.flatMap((t) => [t.phone, t.login]).filter(Boolean));
    const byCode = new Map(codes.map((c) => [c.code, c]));
    for (const r of rows) {
      if (takenLogins.has(r.login.toLowerCase())) at(r.row, 'login', 'the login is taken by another account', 'user.loginTaken');
      if (r.phone && takenPhones.has(r.phone)) at(r.row, 'phone', 'the phone belongs to another account', 'user.phoneTaken');
      const j = byCode.get(r.jurisdictionCode);
      if (!j) at(r.row, 'jurisdictionCode', 'no jurisdiction has this code', 'user.jurisdictionUnknown');
      else if (r.role === Role.SYSTEM_ADMIN ? !paths.some((x) => j.path.startsWith(x) && j.path !== x) : !paths.some((x) => j.path.startsWith(x))) {
        at(
          r.row,
          'jurisdictionCode',
          r.role === Role.SYSTEM_ADMIN ? 'SYSTEM_ADMIN can only be granted below your own assignment' : 'That jurisdiction is outside your scope',
          r.role === Role.SYSTEM_ADMIN ? 'user.systemAdminBelow' : 'forbidden.outsideScope',
        );
      }
    }
    if (problems.length) throw fail(problems.sort((a, b) => a.row - b.row));

    const passwords = rows.map(() => temporaryPassword());
    const hashes = await inParallel(passwords, 8, hashTemporaryPassword);
    await this.ds.transaction(async (m) => {
      const created: Array<{ id: string; login: string }> = await m.query(
        `INSERT INTO app_user (login, name, phone, password_hash, must_change_password, home_jurisdiction_id, created_by)
         SELECT x.login, x.name, x.phone, x.hash, true, x.home, $6
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) AS x(login, name, phone, hash, home)
         RETURNING id, login`,
        [rows.map((r) => r.login), rows.map((r) => r.name), rows.map((r) => r.phone), hashes, rows.map((r) => byCode.get(r.jurisdictionCode)!.id), ctx.viewer?.id ?? null],
      );
      const idOf = new Map(created.map((c) => [c.login.toLowerCase(), c.id]));
      const assigned: Array<{ id: number; user_id: string; role: string; jurisdiction_id: number }> = await m.query(
        `INSERT INTO role_assignment (user_id, role, jurisdiction_id, created_by)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::uuid[])
         RETURNING id, user_id, role, jurisdiction_id`,
        [rows.map((r) => idOf.get(r.login.toLowerCase())), rows.map((r) => r.role), rows.map((r) => byCode.get(r.jurisdictionCode)!.id), rows.map(() => ctx.viewer?.id ?? null)],
      );
      const entries: AuditEntry[] = [
        ...rows.map((r) => ({
          action: 'createStaffUser', entity: 'User', entityId: idOf.get(r.login.toLowerCase()) as string, jurisdictionId: byCode.get(r.jurisdictionCode)!.id,
          after: { login: r.login, name: r.name, phone: r.phone, homeJurisdictionId: byCode.get(r.jurisdictionCode)!.id, import: true },
        })),
        ...assigned.map((a) => ({ action: 'assignRole', entity: 'RoleAssignment', entityId: String(a.id), jurisdictionId: a.jurisdiction_id, after: { userId: a.user_id, role: a.role, jurisdictionId: a.jurisdiction_id, import: true } })),
      ];
      await this.audit.recordMany(m, ctx, entries);
    });
    return { created: rows.length, passwords: await writePasswordWorkbook(rows.map((r, i) => ({ name: r.name, login: r.login, temporaryPassword: passwords[i] }))) };
  }
}
