/**
 * Users, sessions and role assignments: registration with an SMS code, login with rate limits, password recovery
 * and change, the profile, and who a token belongs to. Staff administration is modules/user.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { hash, verify } from '@node-rs/argon2';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { Role, isValidIdNumber, isValidMobile, maskIdNumber, maskPhone, passwordProblem, type PasswordContext } from '@weimin/domain';
import type { Config } from '../../config';
import type { RequestContext, RoleGrant, Viewer } from '../../common/context';
import { AppError, InputError, RateLimitedError, UnauthenticatedError } from '../../common/errors';
import type { AuditService } from '../audit/audit.service';
import type { VerificationService } from './verification.service';
import type { RegisterInput, User } from './account.types';
import { queryGeneric } from '../../db/planned';
import type { SessionCache } from './session-cache';

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export function hashPassword(password: string): Promise<string> {
  // argon2id with the library's defaults (m=19 MiB, t=2, p=1), the OWASP minimum.
  return hash(password);
}

/** Refuses a password the policy does not accept, naming the field and the reason (`password.<problem>`). */
export function checkPasswordPolicy(field: string, password: string, context: PasswordContext): void {
  const problem = passwordProblem(password, context);
  if (problem) throw new InputError(field, `password refused by the policy (${problem})`, { problem }, `password.${problem}`);
}

/** A one-time password: 12 characters from an alphabet without look-alikes, in groups of four. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(12);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

interface UserRow {
  id: string;
  login: string;
  name: string;
  phone: string | null;
  id_number: string | null;
  password_hash: string;
  disabled: boolean;
  must_change_password: boolean;
  home_jurisdiction_id: number | null;
  disabled_reason: string | null;
  created_at: Date;
}

/** A hash of a password nobody has, so that an unknown login costs as much time as a wrong password. */
let dummyHash: Promise<string> | null = null;

export class AccountService {
  private readonly accountLimiter: RateLimiterPostgres;
  private readonly ipLimiter: RateLimiterPostgres;

  constructor(
    private readonly ds: DataSource,
    private readonly config: Config,
    private readonly codes: VerificationService,
    private readonly audit: AuditService,
    private readonly sessions: SessionCache<Viewer>,
  ) {
    const common = { storeClient: ds, storeType: 'typeorm', tableName: 'login_limit', tableCreated: true, duration: config.login.windowSeconds };
    this.accountLimiter = new RateLimiterPostgres({ ...common, keyPrefix: 'acct', points: config.login.accountFailures });
    this.ipLimiter = new RateLimiterPostgres({ ...common, keyPrefix: 'ip', points: config.login.ipFailures });
  }

  /**
   * The viewer behind a session token, with the paths of the jurisdictions of their roles: one statement, or none
   * while the process holds the session's answer (session-cache.ts: dropped at once when the session, the account
   * or its roles change, by this process or any other; at most SESSION_CACHE_SECONDS old). A disabled account or a
   * revoked role counts from the next request. A viewer who must change a temporary password carries no grants
   * until they do.
   */
  async viewerForToken(token: string): Promise<{ viewer: Viewer; tokenHash: Buffer } | null> {
    const tokenHash = hashToken(token);
    const key = tokenHash.toString('base64');
    const cached = this.sessions.get(key);
    if (cached) return { viewer: cached, tokenHash };
    const ticket = this.sessions.ticket();
    const rows: Array<{ id: string; login: string; name: string; must: boolean; expires_at: Date; role: Role | null; jurisdiction_id: number | null; path: string | null }> =
      await queryGeneric(this.ds,
        `SELECT u.id, u.login, u.name, u.must_change_password AS must, s.expires_at, r.role, r.jurisdiction_id, j.path
           FROM user_session s
           JOIN app_user u ON u.id = s.user_id AND NOT u.disabled
           LEFT JOIN role_assignment r ON r.user_id = u.id
           LEFT JOIN jurisdiction j ON j.id = r.jurisdiction_id
          WHERE s.token_hash = $1 AND s.expires_at > now()`,
        [tokenHash],
      );
    if (!rows.length) return null;
    const must = rows[0].must;
    const grants: RoleGrant[] = must ? [] : rows.filter((r) => r.role).map((r) => ({ role: r.role as Role, jurisdictionId: r.jurisdiction_id, path: r.path }));
    const viewer: Viewer = { id: rows[0].id, login: rows[0].login, name: rows[0].name, grants, mustChangePassword: must };
    // Shared by the requests of this session from now on: nobody may change it.
    grants.forEach((g) => Object.freeze(g));
    Object.freeze(grants);
    this.sessions.set(key, ticket, Object.freeze(viewer), viewer.id, rows[0].expires_at);
    return { viewer, tokenHash };
  }

  /** For /readyz: 'on' (sessions kept, the listener connected), 'paused' (looked up on every request until it is back) or 'off'. */
  get sessionCacheState(): 'on' | 'paused' | 'off' {
    return !this.sessions.enabled ? 'off' : this.sessions.live ? 'on' : 'paused';
  }

  /**
   * After a committed change to a user's sessions, account or roles: this process forgets their sessions' viewers
   * at once (the other processes do when the database's notification reaches them).
   */
  viewerChanged(userId: string): void {
    this.sessions.dropUser(userId);
  }

  /**
   * Login. A point of the account's and the address's allowance is taken before the password is checked and given
   * back on success, so concurrent wrong guesses can never exceed the limit. A disabled account is named as such
   * only after a correct password.
   */
  async login(ctx: RequestContext, login: string, password: string) {
    const key = login.trim().toLowerCase();
    await this.take(this.accountLimiter, key);
    try {
      await this.take(this.ipLimiter, ctx.ip);
    } catch (e) {
      await this.accountLimiter.reward(key, 1);
      throw e;
    }
    const rows: UserRow[] = await this.ds.query(`SELECT * FROM app_user WHERE lower(login) = $1`, [key]);
    const user = rows[0];
    const ok = user
      ? await verify(user.password_hash, password)
      : (await verify(await (dummyHash ??= hashPassword(randomBytes(16).toString('hex'))), password), false);
    // Same answer whether the account exists or not.
    if (!ok) throw new AppError('UNAUTHENTICATED', 'Wrong login or password', {}, 'auth.wrongLogin');
    await Promise.all([this.accountLimiter.delete(key), this.ipLimiter.reward(ctx.ip, 1)]);
    if (user.disabled) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled; ask your system administrator', {}, 'account.disabled');
    return this.startSession(ctx, user.id);
  }

  /**
   * Registration, step 1: an SMS to the phone. The answer is the same whether or not the phone or the ID number is
   * registered; the SMS then says to log in or reset the password instead of carrying a code.
   */
  async sendRegistrationCode(ctx: RequestContext, phoneIn: string, idNumberIn: string): Promise<number> {
    const phone = this.phone('phone', phoneIn);
    const idNumber = this.idNumber('idNumber', idNumberIn);
    await this.codes.spend(ctx, phone);
    const id = await this.ds.transaction(async (m) => {
      const clash = await m.query(`SELECT 1 FROM app_user WHERE phone = $1 OR lower(login) = $1 OR id_number = $2 LIMIT 1`, [phone, idNumber]);
      if (clash.length) return this.codes.notice(m, phone, 'registerAlreadyHaveAccount', null);
      return this.codes.issue(m, ctx, phone, 'REGISTER', 'registerCode', null, idNumber);
    });
    await this.codes.send([id]);
    return 10;
  }

  /** Registration, step 2: with the code of the SMS, the account is created and logged in. */
  async register(ctx: RequestContext, input: RegisterInput) {
    const phone = this.phone('input.phone', input.phone);
    const idNumber = this.idNumber('input.idNumber', input.idNumber);
    const name = input.name.trim();
    if (!name) throw new InputError('input.name', 'is required', {}, 'account.nameRequired');
    checkPasswordPolicy('input.password', input.password, { login: phone, phone, idNumber });
    const codeId = await this.codes.check(phone, 'REGISTER', input.code, idNumber);
    const passwordHash = await hashPassword(input.password);
    const userId = await this.ds.transaction(async (m) => {
      await this.codes.use(m, codeId);
      const clash = await m.query(`SELECT 1 FROM app_user WHERE phone = $1 OR lower(login) = $1 OR id_number = $2 LIMIT 1`, [phone, idNumber]);
      // Registered since the code was sent (a race): the code no longer proves anything.
      if (clash.length) throw new InputError('input.code', 'this code is no longer valid', {}, 'verification.codeExpired');
      const [{ id }] = await m.query(
        `INSERT INTO app_user (login, name, phone, id_number, password_hash, password_changed_at) VALUES ($1, $2, $1, $3, $4, now()) RETURNING id`,
        [phone, name, idNumber, passwordHash],
      );
      await m.query(`INSERT INTO role_assignment (user_id, role) VALUES ($1, 'CITIZEN')`, [id]);
      return id as string;
    });
    return this.startSession(ctx, userId);
  }

  /** Password recovery, step 1: the same answer whether or not the phone has an account. */
  async sendPasswordResetCode(ctx: RequestContext, phoneIn: string): Promise<number> {
    const phone = this.phone('phone', phoneIn);
    await this.codes.spend(ctx, phone);
    const id = await this.ds.transaction(async (m) => {
      const [user] = await m.query(`SELECT id FROM app_user WHERE phone = $1`, [phone]);
      if (!user) return this.codes.notice(m, phone, 'resetNoAccount', null);
      return this.codes.issue(m, ctx, phone, 'RESET_PASSWORD', 'resetCode', user.id);
    });
    await this.codes.send([id]);
    return 10;
  }

  /** Password recovery, step 2: a new password with the code; every session of the account ends. */
  async resetPassword(ctx: RequestContext, phoneIn: string, code: string, password: string): Promise<boolean> {
    const phone = this.phone('input.phone', phoneIn);
    const codeId = await this.codes.check(phone, 'RESET_PASSWORD', code);
    const [user]: UserRow[] = await this.ds.query(`SELECT * FROM app_user WHERE phone = $1`, [phone]);
    if (!user) throw new InputError('input.code', 'this code is no longer valid', {}, 'verification.codeExpired');
    checkPasswordPolicy('input.password', password, { login: user.login, phone, idNumber: user.id_number });
    const passwordHash = await hashPassword(password);
    await this.ds.transaction(async (m) => {
      await this.codes.use(m, codeId);
      await this.setPassword(m, user.id, passwordHash, false);
      await m.query(`DELETE FROM user_session WHERE user_id = $1`, [user.id]);
      if (user.home_jurisdiction_id != null) {
        await this.audit.record(m, { ...ctx, viewer: null }, { action: 'resetOwnPassword', entity: 'User', entityId: user.id, jurisdictionId: user.home_jurisdiction_id });
      }
    });
    this.viewerChanged(user.id);
    await this.accountLimiter.delete(user.login.toLowerCase());
    return true;
  }

  /** Changes the viewer's own password (also the way out of a temporary one); their other sessions end. */
  async changePassword(ctx: RequestContext, current: string, next: string): Promise<User> {
    const viewer = ctx.viewer;
    if (!viewer) throw new UnauthenticatedError();
    const [user]: UserRow[] = await this.ds.query(`SELECT * FROM app_user WHERE id = $1`, [viewer.id]);
    const key = user.login.toLowerCase();
    await this.take(this.accountLimiter, key);
    if (!(await verify(user.password_hash, current))) {
      throw new InputError('current', 'is not your current password', {}, 'account.currentPasswordWrong');
    }
    await this.accountLimiter.reward(key, 1);
    if (current === next) throw new InputError('next', 'must differ from the current password', {}, 'password.sameAsCurrent');
    checkPasswordPolicy('next', next, { login: user.login, phone: user.phone, idNumber: user.id_number });
    const passwordHash = await hashPassword(next);
    await this.ds.transaction(async (m) => {
      await this.setPassword(m, user.id, passwordHash, false);
      await m.query(`DELETE FROM user_session WHERE user_id = $1 AND token_hash <> $2`, [user.id, ctx.sessionTokenHash ?? Buffer.alloc(0)]);
      if (user.home_jurisdiction_id != null) {
        await this.audit.record(m, ctx, { action: 'changePassword', entity: 'User', entityId: user.id, jurisdictionId: user.home_jurisdiction_id });
      }
    });
    this.viewerChanged(user.id);
    return (await this.user({ ...viewer }, viewer.id)) as User;
  }

  async updateProfile(ctx: RequestContext, nameIn: string): Promise<User> {
    const viewer = ctx.viewer as Viewer;
    const name = nameIn.trim();
    if (!name) throw new InputError('name', 'is required', {}, 'account.nameRequired');
    await this.ds.transaction(async (m) => {
      const [before] = await m.query(`SELECT name, home_jurisdiction_id FROM app_user WHERE id = $1`, [viewer.id]);
      await m.query(`UPDATE app_user SET name = $2 WHERE id = $1`, [viewer.id, name]);
      if (before.home_jurisdiction_id != null) {
        await this.audit.record(m, ctx, { action: 'updateProfile', entity: 'User', entityId: viewer.id, jurisdictionId: before.home_jurisdiction_id, before: { name: before.name }, after: { name } });
      }
    });
    this.viewerChanged(viewer.id);
    return (await this.user(viewer, viewer.id)) as User;
  }

  /** Phone change, step 1: a code to the new number (or, if it belongs to another account, a notice). */
  async sendPhoneChangeCode(ctx: RequestContext, phoneIn: string): Promise<number> {
    const phone = this.phone('phone', phoneIn);
    const viewer = ctx.viewer as Viewer;
    await this.codes.spend(ctx, phone);
    const id = await this.ds.transaction(async (m) => {
      const taken = await m.query(`SELECT 1 FROM app_user WHERE (phone = $1 OR lower(login) = $1) AND id <> $2`, [phone, viewer.id]);
      if (taken.length) return this.codes.notice(m, phone, 'changePhoneTaken', null);
      return this.codes.issue(m, ctx, phone, 'CHANGE_PHONE', 'changePhoneCode', viewer.id, viewer.id);
    });
    await this.codes.send([id]);
    return 10;
  }

  /** Phone change, step 2. A citizen's login is their phone, so it moves with it. */
  async changePhone(ctx: RequestContext, phoneIn: string, code: string): Promise<User> {
    const phone = this.phone('phone', phoneIn);
    const viewer = ctx.viewer as Viewer;
    const codeId = await this.codes.check(phone, 'CHANGE_PHONE', code, viewer.id, 'code');
    await this.ds.transaction(async (m) => {
      await this.codes.use(m, codeId, 'code');
      const [before] = await m.query(`SELECT login, phone, home_jurisdiction_id FROM app_user WHERE id = $1`, [viewer.id]);
      const taken = await m.query(`SELECT 1 FROM app_user WHERE (phone = $1 OR lower(login) = $1) AND id <> $2`, [phone, viewer.id]);
      if (taken.length) throw new InputError('code', 'this code is no longer valid', {}, 'verification.codeExpired');
      await m.query(`UPDATE app_user SET phone = $2, login = CASE WHEN login = phone THEN $2 ELSE login END WHERE id = $1`, [viewer.id, phone]);
      if (before.home_jurisdiction_id != null) {
        await this.audit.record(m, ctx, { action: 'changePhone', entity: 'User', entityId: viewer.id, jurisdictionId: before.home_jurisdiction_id, before: { phone: maskPhone(before.phone ?? '') }, after: { phone: maskPhone(phone) } });
      }
    });
    this.viewerChanged(viewer.id);
    return (await this.user(viewer, viewer.id)) as User;
  }

  async logout(ctx: RequestContext): Promise<boolean> {
    if (ctx.sessionTokenHash) await this.ds.query(`DELETE FROM user_session WHERE token_hash = $1`, [ctx.sessionTokenHash]);
    if (ctx.viewer) this.viewerChanged(ctx.viewer.id);
    ctx.clearSessionCookie();
    return true;
  }

  async user(viewer: Viewer | null, id: string): Promise<User | null> {
    const [users, roles] = await Promise.all([
      this.ds.query(`SELECT * FROM app_user WHERE id = $1`, [id]) as Promise<UserRow[]>,
      this.ds.query(`SELECT id, role, jurisdiction_id FROM role_assignment WHERE user_id = $1 ORDER BY role, id`, [id]) as Promise<Array<{ id: number; role: Role; jurisdiction_id: number | null }>>,
    ]);
    const u = users[0];
    if (!u) return null;
    const own = viewer?.id === u.id;
    return {
      id: u.id,
      login: u.login,
      name: u.name,
      phone: u.phone && (own ? u.phone : maskPhone(u.phone)),
      idNumber: u.id_number && (own ? u.id_number : maskIdNumber(u.id_number)),
      mustChangePassword: u.must_change_password,
      disabled: u.disabled,
      disabledReason: null,
      homeJurisdiction: null,
      homeJurisdictionId: u.home_jurisdiction_id,
      createdAt: u.created_at,
      roles: roles.map((r) => ({ id: String(r.id), role: r.role, jurisdictionId: r.jurisdiction_id, jurisdiction: null })),
    };
  }

  /** Sets a password hash; `temporary` forces a change at the next login. */
  async setPassword(m: EntityManager, userId: string, passwordHash: string, temporary: boolean): Promise<void> {
    await m.query(
      `UPDATE app_user SET password_hash = $2, must_change_password = $3, password_changed_at = now() WHERE id = $1`,
      [userId, passwordHash, temporary],
    );
  }

  /** Lifts the per-account login lock (after an administrator's password reset). */
  async unlock(login: string): Promise<void> {
    await this.accountLimiter.delete(login.trim().toLowerCase());
  }

  private phone(field: string, value: string): string {
    const phone = value.trim();
    if (!isValidMobile(phone)) throw new InputError(field, 'is not a valid mainland mobile number', {}, 'account.phoneInvalid');
    return phone;
  }

  private idNumber(field: string, value: string): string {
    const id = value.trim().toUpperCase();
    if (!isValidIdNumber(id)) throw new InputError(field, 'is not a valid resident ID number (check digit, region or birth date is wrong)', {}, 'account.idNumberInvalid');
    return id;
  }

  private async startSession(ctx: RequestContext, userId: string) {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.sessionDays * 86_400_000);
    await this.ds.query(
      `INSERT INTO user_session (token_hash, user_id, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5)`,
      [hashToken(token), userId, expiresAt, ctx.ip, ctx.userAgent],
    );
    ctx.setSessionCookie(token, expiresAt);
    const viewer = { id: userId, login: '', name: '', grants: [] };
    return { user: (await this.user(viewer, userId)) as User, token, expiresAt };
  }

  /** Takes a point or refuses with RATE_LIMITED (the take is atomic in the store). */
  private async take(limiter: RateLimiterPostgres, key: string) {
    try {
      await limiter.consume(key);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw new RateLimitedError(e.msBeforeNext / 1000);
      throw e;
    }
  }
}
