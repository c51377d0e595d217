/** Users, sessions and role assignments: registration, login with rate limits, and who a token belongs to. */
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hash, verify } from '@node-rs/argon2';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { Role, isValidIdNumber, isValidMobile, maskIdNumber, maskPhone } from '@weimin/domain';
import type { Config } from '../../config';
import type { RequestContext, RoleGrant, Viewer } from '../../common/context';
import { AppError, InputError, RateLimitedError } from '../../common/errors';
import type { RegisterInput, User } from './account.types';

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export function hashPassword(password: string): Promise<string> {
  // argon2id with the library's defaults (m=19 MiB, t=2, p=1), the OWASP minimum.
  return hash(password);
}

interface UserRow {
  id: string;
  login: string;
  name: string;
  phone: string | null;
  id_number: string | null;
  password_hash: string;
  disabled: boolean;
}

/** A hash of a password nobody has, so that an unknown login costs as much time as a wrong password. */
let dummyHash: Promise<string> | null = null;

export class AccountService {
  private readonly accountLimiter: RateLimiterPostgres;
  private readonly ipLimiter: RateLimiterPostgres;

  constructor(
    private readonly ds: DataSource,
    private readonly config: Config,
  ) {
    const common = { storeClient: ds, storeType: 'typeorm', tableName: 'login_limit', tableCreated: true, duration: config.login.windowSeconds };
    this.accountLimiter = new RateLimiterPostgres({ ...common, keyPrefix: 'acct', points: config.login.accountFailures });
    this.ipLimiter = new RateLimiterPostgres({ ...common, keyPrefix: 'ip', points: config.login.ipFailures });
  }

  /** The viewer behind a session token, with the paths of the jurisdictions of their roles: one statement. */
  async viewerForToken(token: string): Promise<{ viewer: Viewer; tokenHash: Buffer } | null> {
    const tokenHash = hashToken(token);
    const rows: Array<{ id: string; login: string; name: string; role: Role | null; jurisdiction_id: number | null; path: string | null }> =
      await this.ds.query(
        `SELECT u.id, u.login, u.name, r.role, r.jurisdiction_id, j.path
           FROM user_session s
           JOIN app_user u ON u.id = s.user_id AND NOT u.disabled
           LEFT JOIN role_assignment r ON r.user_id = u.id
           LEFT JOIN jurisdiction j ON j.id = r.jurisdiction_id
          WHERE s.token_hash = $1 AND s.expires_at > now()`,
        [tokenHash],
      );
    if (!rows.length) return null;
    const grants: RoleGrant[] = rows.filter((r) => r.role).map((r) => ({ role: r.role as Role, jurisdictionId: r.jurisdiction_id, path: r.path }));
    return { viewer: { id: rows[0].id, login: rows[0].login, name: rows[0].name, grants }, tokenHash };
  }

  async login(ctx: RequestContext, login: string, password: string) {
    const key = login.trim().toLowerCase();
    await this.checkLimit(this.accountLimiter, key);
    await this.checkLimit(this.ipLimiter, ctx.ip);
    const rows: UserRow[] = await this.ds.query(`SELECT * FROM app_user WHERE lower(login) = $1`, [key]);
    const user = rows[0];
    const ok = user && !user.disabled
      ? await verify(user.password_hash, password)
      : (await verify(await (dummyHash ??= hashPassword(randomBytes(16).toString('hex'))), password), false);
    if (!ok) {
      await Promise.all([this.consume(this.accountLimiter, key), this.consume(this.ipLimiter, ctx.ip)]);
      // Same answer whether the account exists or not.
      throw new AppError('UNAUTHENTICATED', 'Wrong login or password');
    }
    await this.accountLimiter.delete(key);
    return this.startSession(ctx, user.id);
  }

  async register(ctx: RequestContext, input: RegisterInput) {
    const phone = input.phone.trim();
    const idNumber = input.idNumber.trim().toUpperCase();
    if (!isValidMobile(phone)) throw new InputError('input.phone', 'is not a valid mainland mobile number');
    if (!isValidIdNumber(idNumber)) throw new InputError('input.idNumber', 'is not a valid resident ID number (check digit, region or birth date is wrong)');
    const passwordHash = await hashPassword(input.password);
    const userId = await this.ds.transaction(async (m) => {
      const clash: Array<{ phone: string | null; id_number: string | null }> = await m.query(
        `SELECT phone, id_number FROM app_user WHERE phone = $1 OR id_number = $2 OR lower(login) = $1`,
        [phone, idNumber],
      );
      if (clash.some((c) => c.id_number === idNumber)) throw new InputError('input.idNumber', 'is already registered; log in instead');
      if (clash.length) throw new InputError('input.phone', 'is already registered; log in instead');
      const [{ id }] = await m.query(
        `INSERT INTO app_user (login, name, phone, id_number, password_hash) VALUES ($1, $2, $1, $3, $4) RETURNING id`,
        [phone, input.name.trim(), idNumber, passwordHash],
      );
      await m.query(`INSERT INTO role_assignment (user_id, role) VALUES ($1, 'CITIZEN')`, [id]);
      return id as string;
    });
    return this.startSession(ctx, userId);
  }

  async logout(ctx: RequestContext): Promise<boolean> {
    if (ctx.sessionTokenHash) await this.ds.query(`DELETE FROM user_session WHERE token_hash = $1`, [ctx.sessionTokenHash]);
    ctx.clearSessionCookie();
    return true;
  }

  async user(viewer: Viewer | null, id: string): Promise<User | null> {
    const [users, roles] = await Promise.all([
      this.ds.query(`SELECT id, login, name, phone, id_number FROM app_user WHERE id = $1`, [id]) as Promise<UserRow[]>,
      this.ds.query(`SELECT role, jurisdiction_id FROM role_assignment WHERE user_id = $1 ORDER BY role`, [id]) as Promise<Array<{ role: Role; jurisdiction_id: number | null }>>,
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
      roles: roles.map((r) => ({ role: r.role, jurisdictionId: r.jurisdiction_id, jurisdiction: null })),
    };
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

  private async checkLimit(limiter: RateLimiterPostgres, key: string) {
    const res = await limiter.get(key);
    if (res && res.consumedPoints >= limiter.points) throw new RateLimitedError(res.msBeforeNext / 1000);
  }

  private async consume(limiter: RateLimiterPostgres, key: string) {
    try {
      await limiter.consume(key);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
    }
  }
}
