/**
 * Staff administration. A SYSTEM_ADMIN assignment at a jurisdiction administers the accounts that belong to its
 * subtree (their home jurisdiction) and the role assignments within it: nobody grants a role outside their subtree,
 * nor SYSTEM_ADMIN at or above their own assignment, nor administers themselves or an administrator at or above
 * them. Every refusal is FORBIDDEN and is made before anything is written. Every change is audited in its
 * transaction.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { Role, STAFF_LOGIN_PATTERN, isValidMobile } from '@weimin/domain';
import { scopePaths, type RequestContext, type Viewer } from '../../common/context';
import { ForbiddenError, InputError, NotFoundError } from '../../common/errors';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../common/pagination';
import type { AuditService } from '../audit/audit.service';
import { hashPassword, temporaryPassword, type AccountService } from '../account/account.service';
import type { User } from '../account/account.types';

export const LOGIN_PATTERN = STAFF_LOGIN_PATTERN;

export interface UserFilterArgs {
  search?: string | null;
  role?: Role | null;
  jurisdictionId?: string | null;
  disabled?: boolean | null;
}

export interface NewStaffUser {
  name: string;
  login: string;
  phone?: string | null;
  homeJurisdictionId?: number | null;
}

interface Row {
  id: string;
  login: string;
  name: string;
  phone: string | null;
  id_number: string | null;
  disabled: boolean;
  disabled_reason: string | null;
  must_change_password: boolean;
  home_jurisdiction_id: number | null;
  created_at: Date;
  home_path: string | null;
}

interface AssignmentRow {
  id: number;
  user_id: string;
  role: Role;
  jurisdiction_id: number | null;
  path: string | null;
}

const isRootPath = (p: string) => p.split('.').filter(Boolean).length === 1;

export class UserService {
  constructor(
    private readonly ds: DataSource,
    private readonly accounts: AccountService,
    private readonly audit: AuditService,
  ) {}

  private adminPaths(viewer: Viewer | null): string[] {
    const paths = scopePaths(viewer, [Role.SYSTEM_ADMIN]);
    if (!paths.length) throw new ForbiddenError('Only system administrators administer users', 'forbidden.systemAdminOnly');
    return paths;
  }

  private toUser(r: Row, assignments: AssignmentRow[]): User {
    return {
      id: r.id,
      login: r.login,
      name: r.name,
      phone: r.phone,
      idNumber: r.id_number && r.id_number.slice(0, 4) + '*'.repeat(10) + r.id_number.slice(-4),
      mustChangePassword: r.must_change_password,
      disabled: r.disabled,
      disabledReason: r.disabled_reason,
      homeJurisdiction: null,
      homeJurisdictionId: r.home_jurisdiction_id,
      createdAt: r.created_at,
      roles: assignments.filter((a) => a.user_id === r.id).map((a) => ({ id: String(a.id), role: a.role, jurisdictionId: a.jurisdiction_id, jurisdiction: null })),
    };
  }

  private async load(m: EntityManager | DataSource, id: string, lock = false): Promise<{ row: Row; assignments: AssignmentRow[] }> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new InputError('userId', 'is not a user id', {}, 'input.badId');
    const [row]: Row[] = await m.query(
      `SELECT u.*, h.path AS home_path FROM app_user u LEFT JOIN jurisdiction h ON h.id = u.home_jurisdiction_id WHERE u.id = $1${lock ? ' FOR UPDATE OF u' : ''}`,
      [id],
    );
    if (!row) throw new NotFoundError('User', id);
    const assignments: AssignmentRow[] = await m.query(
      `SELECT r.id, r.user_id, r.role, r.jurisdiction_id, j.path FROM role_assignment r LEFT JOIN jurisdiction j ON j.id = r.jurisdiction_id
        WHERE r.user_id = $1 ORDER BY r.role, r.id`,
      [id],
    );
    return { row, assignments };
  }

  /** Visible: belongs to or holds a role within one of the viewer's subtrees (citizens: root administrators). */
  private visible(paths: string[], row: Row, assignments: AssignmentRow[]): boolean {
    const within = (p: string | null) => p != null && paths.some((x) => p.startsWith(x));
    if (within(row.home_path) || assignments.some((a) => within(a.path))) return true;
    return row.home_path == null && paths.some(isRootPath);
  }

  /**
   * The viewer's administrator path that administers this account, or null: someone else, belonging to the
   * subtree, with every SYSTEM_ADMIN role of theirs strictly below it.
   */
  private administeringPath(viewer: Viewer, paths: string[], row: Row, assignments: AssignmentRow[]): string | null {
    if (row.id === viewer.id) return null;
    const candidates = paths.filter((p) => (row.home_path == null ? isRootPath(p) : row.home_path.startsWith(p)));
    return (
      candidates.find((p) => assignments.filter((a) => a.role === Role.SYSTEM_ADMIN).every((a) => a.path != null && a.path.startsWith(p) && a.path !== p)) ?? null
    );
  }

  private async jurisdictionPath(m: EntityManager | DataSource, field: string, id: string | number): Promise<{ id: number; path: string }> {
    const n = Number(id);
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 31 - 1) throw new InputError(field, 'is not a jurisdiction id', {}, 'input.badId');
    const [j] = await m.query(`SELECT id, path FROM jurisdiction WHERE id = $1`, [n]);
    if (!j) throw new InputError(field, 'does not exist', {}, 'user.jurisdictionUnknown');
    return j;
  }

  async list(viewer: Viewer | null, filter: UserFilterArgs, first?: number | null, after?: string | null): Promise<Connection<User>> {
    const paths = this.adminPaths(viewer);
    const take = pageSize(first);
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const where: string[] = [];
    const citizens = filter.role === Role.CITIZEN;
    if (citizens) {
      if (!paths.some(isRootPath)) throw new ForbiddenError('Only the city’s system administrators administer citizens', 'user.citizensByCity');
      where.push(`u.home_jurisdiction_id IS NULL`, `EXISTS (SELECT 1 FROM role_assignment r WHERE r.user_id = u.id AND r.role = 'CITIZEN')`);
    } else {
      where.push(`u.home_jurisdiction_id IS NOT NULL`, `(${paths.map((x) => `h.path LIKE ${p(x + '%')}`).join(' OR ')})`);
    }
    if (filter.search?.trim()) {
      const s = `%${filter.search.trim().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      const ph = p(s);
      where.push(`(u.name ILIKE ${ph} OR u.login ILIKE ${ph} OR u.phone LIKE ${ph})`);
    }
    if (filter.disabled != null) where.push(`u.disabled = ${p(filter.disabled)}`);
    if (filter.jurisdictionId != null) {
      const j = await this.jurisdictionPath(this.ds, 'filter.jurisdictionId', filter.jurisdictionId);
      if (!paths.some((x) => j.path.startsWith(x))) throw new ForbiddenError('That jurisdiction is outside your scope', 'forbidden.outsideScope');
      const jp = p(j.path + '%');
      const roleCond = filter.role && !citizens ? ` AND r.role = ${p(filter.role)}` : '';
      where.push(
        filter.role && !citizens
          ? `EXISTS (SELECT 1 FROM role_assignment r JOIN jurisdiction rj ON rj.id = r.jurisdiction_id WHERE r.user_id = u.id AND rj.path LIKE ${jp}${roleCond})`
          : `(h.path LIKE ${jp} OR EXISTS (SELECT 1 FROM role_assignment r JOIN jurisdiction rj ON rj.id = r.jurisdiction_id WHERE r.user_id = u.id AND rj.path LIKE ${jp}))`,
      );
    } else if (filter.role && !citizens) {
      where.push(`EXISTS (SELECT 1 FROM role_assignment r WHERE r.user_id = u.id AND r.role = ${p(filter.role)})`);
    }
    const countParams = [...params];
    const countWhere = where.join(' AND ');
    const cursor = decodeCursor(after);
    if (cursor != null) {
      const sep = cursor.lastIndexOf('|');
      if (sep < 1) throw new InputError('after', 'is not a cursor this API returned', {}, 'input.badCursor');
      where.push(`(lower(u.login), u.id) > (${p(cursor.slice(0, sep))}, ${p(cursor.slice(sep + 1))}::uuid)`);
    }
    const from = `FROM app_user u LEFT JOIN jurisdiction h ON h.id = u.home_jurisdiction_id`;
    const [rows, [{ n }]] = await Promise.all([
      this.ds.query(`SELECT u.*, h.path AS home_path ${from} WHERE ${where.join(' AND ')} ORDER BY lower(u.login), u.id LIMIT ${p(take + 1)}`, params) as Promise<Row[]>,
      this.ds.query(`SELECT count(*)::int AS n ${from} WHERE ${countWhere}`, countParams) as Promise<Array<{ n: number }>>,
    ]);
    const page = rows.slice(0, take);
    const assignments: AssignmentRow[] = page.length
      ? await this.ds.query(
          `SELECT r.id, r.user_id, r.role, r.jurisdiction_id, j.path FROM role_assignment r LEFT JOIN jurisdiction j ON j.id = r.jurisdiction_id
            WHERE r.user_id = ANY($1::uuid[]) ORDER BY r.role, r.id`,
          [page.map((r) => r.id)],
        )
      : [];
    const last = page[page.length - 1];
    return {
      nodes: page.map((r) => this.toUser(r, assignments)),
      totalCount: n,
      pageInfo: { hasNextPage: rows.length > take, endCursor: last ? encodeCursor(`${last.login.toLowerCase()}|${last.id}`) : null },
    };
  }

  async get(viewer: Viewer | null, id: string): Promise<User> {
    const paths = this.adminPaths(viewer);
    const { row, assignments } = await this.load(this.ds, id);
    if (!this.visible(paths, row, assignments)) throw new ForbiddenError('That account is outside your scope', 'user.accountOutsideScope');
    return this.toUser(row, assignments);
  }

  /** Checks a new account's fields; returns them normalised. Shared with the Excel import. */
  async checkNew(m: EntityManager | DataSource, viewer: Viewer, input: NewStaffUser, field = (f: string) => `input.${f}`): Promise<NewStaffUser & { homePath: string }> {
    const paths = this.adminPaths(viewer);
    const name = input.name.trim();
    if (!name) throw new InputError(field('name'), 'is required', {}, 'user.nameRequired');
    const login = input.login.trim();
    if (!LOGIN_PATTERN.test(login)) throw new InputError(field('login'), '3–50 letters, digits, dot, dash or underscore, starting with a letter', {}, 'user.loginInvalid');
    const phone = input.phone?.trim() || null;
    if (phone && !isValidMobile(phone)) throw new InputError(field('phone'), 'is not a valid mainland mobile number', {}, 'account.phoneInvalid');
    let home: { id: number; path: string };
    if (input.homeJurisdictionId != null) home = await this.jurisdictionPath(m, field('homeJurisdictionId'), input.homeJurisdictionId);
    else {
      const own = (viewer.grants.filter((g) => g.role === Role.SYSTEM_ADMIN && g.jurisdictionId != null));
      if (own.length !== 1) throw new InputError(field('homeJurisdictionId'), 'is required: you administer several jurisdictions', {}, 'user.homeRequired');
      home = { id: own[0].jurisdictionId as number, path: own[0].path as string };
    }
    if (!paths.some((x) => home.path.startsWith(x))) throw new ForbiddenError('That jurisdiction is outside your scope', 'forbidden.outsideScope');
    const clash: Array<{ login: string; phone: string | null }> = await m.query(
      `SELECT login, phone FROM app_user WHERE lower(login) = lower($1) OR ($2::text IS NOT NULL AND (phone = $2 OR lower(login) = $2))`,
      [login, phone],
    );
    if (clash.some((c) => c.login.toLowerCase() === login.toLowerCase())) throw new InputError(field('login'), 'is taken', {}, 'user.loginTaken');
    if (clash.length) throw new InputError(field('phone'), 'belongs to another account', {}, 'user.phoneTaken');
    return { name, login, phone, homeJurisdictionId: home.id, homePath: home.path };
  }

  /** Inserts a checked account with a temporary password hash; audited. */
  async insert(m: EntityManager, ctx: RequestContext, u: NewStaffUser, passwordHash: string): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO app_user (login, name, phone, password_hash, must_change_password, home_jurisdiction_id, created_by)
       VALUES ($1, $2, $3, $4, true, $5, $6) RETURNING id`,
      [u.login, u.name, u.phone ?? null, passwordHash, u.homeJurisdictionId, ctx.viewer?.id ?? null],
    );
    await this.audit.record(m, ctx, {
      action: 'createStaffUser', entity: 'User', entityId: id, jurisdictionId: u.homeJurisdictionId ?? null,
      after: { login: u.login, name: u.name, phone: u.phone ?? null, homeJurisdictionId: u.homeJurisdictionId },
    });
    return id;
  }

  /** Grants a role, checked; audited. Shared with the Excel import. */
  async grant(m: EntityManager, ctx: RequestContext, userId: string, role: Role, target: { id: number; path: string }, field = 'jurisdictionId'): Promise<void> {
    const paths = this.adminPaths(ctx.viewer);
    if (role === Role.CITIZEN) throw new InputError('role', 'CITIZEN is not granted: citizens register themselves', {}, 'user.roleCitizen');
    const allowed = role === Role.SYSTEM_ADMIN
      ? paths.some((x) => target.path.startsWith(x) && target.path !== x)
      : paths.some((x) => target.path.startsWith(x));
    if (!allowed) {
      throw new ForbiddenError(role === Role.SYSTEM_ADMIN ? 'SYSTEM_ADMIN can only be granted below your own assignment' : 'That jurisdiction is outside your scope', role === Role.SYSTEM_ADMIN ? 'user.systemAdminBelow' : 'forbidden.outsideScope');
    }
    const inserted = await m.query(
      `INSERT INTO role_assignment (user_id, role, jurisdiction_id, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING id`,
      [userId, role, target.id, ctx.viewer?.id ?? null],
    );
    if (!inserted.length) throw new InputError(field, 'the account already holds this role there', {}, 'user.roleHeld');
    await this.audit.record(m, ctx, { action: 'assignRole', entity: 'RoleAssignment', entityId: String(inserted[0].id), jurisdictionId: target.id, after: { userId, role, jurisdictionId: target.id } });
  }

  async create(ctx: RequestContext, input: NewStaffUser): Promise<{ user: User; temporaryPassword: string }> {
    const viewer = ctx.viewer as Viewer;
    const checked = await this.checkNew(this.ds, viewer, input);
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const id = await this.ds.transaction(async (m) => {
      // checked again inside the transaction: a unique index settles a race on the login
      await this.checkNew(m, viewer, input);
      return this.insert(m, ctx, checked, passwordHash);
    });
    return { user: await this.get(viewer, id), temporaryPassword: password };
  }

  async assignRole(ctx: RequestContext, userId: string, role: Role, jurisdictionId: string): Promise<User> {
    const viewer = ctx.viewer as Viewer;
    const paths = this.adminPaths(viewer);
    await this.ds.transaction(async (m) => {
      const { row, assignments } = await this.load(m, userId, true);
      if (!this.administeringPath(viewer, paths, row, assignments)) throw new ForbiddenError('You do not administer this account', 'user.notYourAccount');
      const target = await this.jurisdictionPath(m, 'jurisdictionId', jurisdictionId);
      await this.grant(m, ctx, userId, role, target);
    });
    this.accounts.viewerChanged(userId);
    return this.get(viewer, userId);
  }

  async revokeRole(ctx: RequestContext, assignmentId: string): Promise<User> {
    const viewer = ctx.viewer as Viewer;
    const paths = this.adminPaths(viewer);
    const n = Number(assignmentId);
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 31 - 1) throw new InputError('assignmentId', 'is not an assignment id', {}, 'input.badId');
    const userId = await this.ds.transaction(async (m) => {
      const [a]: AssignmentRow[] = await m.query(
        `SELECT r.id, r.user_id, r.role, r.jurisdiction_id, j.path FROM role_assignment r LEFT JOIN jurisdiction j ON j.id = r.jurisdiction_id WHERE r.id = $1`,
        [n],
      );
      if (!a) throw new NotFoundError('RoleAssignment', assignmentId);
      const { row, assignments } = await this.load(m, a.user_id, true);
      if (a.role === Role.CITIZEN || a.path == null) throw new ForbiddenError('A citizen’s own role is not revoked; disable the account instead', 'user.citizenRoleKept');
      const allowed = a.role === Role.SYSTEM_ADMIN
        ? paths.some((x) => (a.path as string).startsWith(x) && a.path !== x)
        : paths.some((x) => (a.path as string).startsWith(x));
      if (!allowed || row.id === viewer.id || !this.visible(paths, row, assignments)) throw new ForbiddenError('You do not administer this assignment', 'user.notYourAssignment');
      await m.query(`DELETE FROM role_assignment WHERE id = $1`, [n]);
      await this.audit.record(m, ctx, { action: 'revokeRole', entity: 'RoleAssignment', entityId: String(n), jurisdictionId: a.jurisdiction_id, before: { userId: a.user_id, role: a.role, jurisdictionId: a.jurisdiction_id } });
      return a.user_id;
    });
    this.accounts.viewerChanged(userId);
    return this.get(viewer, userId);
  }

  async setDisabled(ctx: RequestContext, userId: string, disabled: boolean, reason: string | null): Promise<User> {
    const viewer = ctx.viewer as Viewer;
    const paths = this.adminPaths(viewer);
    const why = reason?.trim() || null;
    if (disabled && !why) throw new InputError('reason', 'is required when disabling an account', {}, 'user.reasonRequired');
    await this.ds.transaction(async (m) => {
      const { row, assignments } = await this.load(m, userId, true);
      if (!this.administeringPath(viewer, paths, row, assignments)) throw new ForbiddenError('You do not administer this account', 'user.notYourAccount');
      await m.query(
        `UPDATE app_user SET disabled = $2, disabled_reason = $3, disabled_at = CASE WHEN $2 THEN now() END WHERE id = $1`,
        [userId, disabled, disabled ? why : null],
      );
      // Every session ends now (the next request of each would be refused anyway: grants are read per request).
      if (disabled) await m.query(`DELETE FROM user_session WHERE user_id = $1`, [userId]);
      await this.audit.record(m, ctx, {
        action: disabled ? 'disableUser' : 'enableUser', entity: 'User', entityId: userId, jurisdictionId: row.home_jurisdiction_id,
        before: { disabled: row.disabled, reason: row.disabled_reason }, after: { disabled, reason: disabled ? why : null },
      });
    });
    this.accounts.viewerChanged(userId);
    if (!disabled) await this.accounts.unlock((await this.load(this.ds, userId)).row.login);
    return this.get(viewer, userId);
  }

  async resetPassword(ctx: RequestContext, userId: string): Promise<{ user: User; temporaryPassword: string }> {
    const viewer = ctx.viewer as Viewer;
    const paths = this.adminPaths(viewer);
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const login = await this.ds.transaction(async (m) => {
      const { row, assignments } = await this.load(m, userId, true);
      if (!this.administeringPath(viewer, paths, row, assignments)) throw new ForbiddenError('You do not administer this account', 'user.notYourAccount');
      await this.accounts.setPassword(m, userId, passwordHash, true);
      await m.query(`DELETE FROM user_session WHERE user_id = $1`, [userId]);
      await this.audit.record(m, ctx, { action: 'resetUserPassword', entity: 'User', entityId: userId, jurisdictionId: row.home_jurisdiction_id });
      return row.login;
    });
    this.accounts.viewerChanged(userId);
    await this.accounts.unlock(login);
    return { user: await this.get(viewer, userId), temporaryPassword: password };
  }
}
