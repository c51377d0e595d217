/**
 * SMS verification codes (registration, password recovery, phone change): 6 digits, valid 10 minutes, single use,
 * at most 5 wrong tries each; at most 5 codes per phone per hour and a per-address limit, both answered with
 * RATE_LIMITED and the wait in minutes. Only an HMAC of the code under a per-row salt is stored; the SMS goes
 * through the notification outbox and is sent at once.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import {
  VERIFICATION_CODES_PER_PHONE_PER_HOUR,
  VERIFICATION_CODE_MAX_TRIES,
  VERIFICATION_CODE_MINUTES,
  smsText,
  smsNoticeKey,
  type SmsKey,
} from '@weimin/domain';
import type { Config } from '../../config';
import type { RequestContext } from '../../common/context';
import { InputError, RateLimitedError } from '../../common/errors';
import type { NotificationService } from '../notification/notification.service';

export type CodePurpose = 'REGISTER' | 'RESET_PASSWORD' | 'CHANGE_PHONE';

function digest(salt: Buffer, code: string, bound: string): Buffer {
  return createHmac('sha256', salt).update(`${code}|${bound}`).digest();
}

export class VerificationService {
  private readonly phoneLimiter: RateLimiterPostgres;
  private readonly ipLimiter: RateLimiterPostgres;

  constructor(
    private readonly ds: DataSource,
    private readonly notifications: NotificationService,
    config: Config,
  ) {
    const common = { storeClient: ds, storeType: 'typeorm', tableName: 'login_limit', tableCreated: true, duration: 3600 };
    this.phoneLimiter = new RateLimiterPostgres({ ...common, keyPrefix: 'sms-phone', points: VERIFICATION_CODES_PER_PHONE_PER_HOUR });
    this.ipLimiter = new RateLimiterPostgres({ ...common, keyPrefix: 'sms-ip', points: config.smsPerIpPerHour });
  }

  /** Takes one SMS from the phone's and the address's hourly allowance, atomically; refuses when either is spent. */
  async spend(ctx: RequestContext, phone: string): Promise<void> {
    for (const [limiter, key] of [[this.ipLimiter, ctx.ip], [this.phoneLimiter, phone]] as const) {
      try {
        await limiter.consume(key);
      } catch (e) {
        if (e instanceof RateLimiterRes) throw new RateLimitedError(e.msBeforeNext / 1000);
        throw e;
      }
    }
  }

  /**
   * Issues a code for the phone and queues its SMS; `bound` (e.g. the ID number being registered) is part of what the
   * code proves, so it cannot be reused with another value. Call after `spend`.
   */
  async issue(m: EntityManager, ctx: RequestContext, phone: string, purpose: CodePurpose, text: SmsKey, userId: string | null, bound = ''): Promise<string> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const salt = randomBytes(16);
    await m.query(
      `INSERT INTO verification_code (phone, purpose, user_id, code_hash, salt, expires_at, ip)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6), $7)`,
      [phone, purpose, userId, digest(salt, code, bound), salt, VERIFICATION_CODE_MINUTES, ctx.ip],
    );
    // The title is what the log shows of a sent code: a word for the log, never the text. The app shows the key.
    return this.notifications.enqueue(m, {
      userId, phone, kind: 'VERIFICATION_CODE', title: 'verificationCode', body: smsText(text, { code }), messageKey: smsNoticeKey(text), params: {},
    });
  }

  /** An SMS that carries no code (e.g. "you already have an account"). */
  async notice(m: EntityManager, phone: string, text: SmsKey, userId: string | null): Promise<string> {
    return this.notifications.enqueue(m, { userId, phone, kind: 'ACCOUNT_NOTICE', title: 'accountNotice', body: smsText(text), messageKey: smsNoticeKey(text), params: {} });
  }

  async send(ids: string[]): Promise<void> {
    await this.notifications.deliverNow(ids);
  }

  /**
   * Checks a code. The try is counted (in its own statement, committed whatever follows) before comparing, so no
   * more than 5 comparisons are ever made per code. Returns the code's id; the caller marks it used with `use`
   * inside the transaction that acts on it.
   */
  async check(phone: string, purpose: CodePurpose, code: string, bound = '', field = 'input.code'): Promise<string> {
    if (!/^\d{6}$/.test(code)) throw new InputError(field, 'must be the 6 digits of the SMS', {}, 'verification.codeFormat');
    const [row]: Array<{ id: string; code_hash: Buffer; salt: Buffer; attempts: number }> = await this.ds.query(
      `WITH tried AS (
         UPDATE verification_code SET attempts = attempts + 1
          WHERE id = (SELECT id FROM verification_code WHERE phone = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
                       ORDER BY created_at DESC LIMIT 1)
            AND attempts < $3
          RETURNING id, code_hash, salt, attempts)
       SELECT * FROM tried`,
      [phone, purpose, VERIFICATION_CODE_MAX_TRIES],
    );
    if (!row) throw new InputError(field, 'no valid code: ask for a new one', {}, 'verification.codeExpired');
    if (!timingSafeEqual(row.code_hash, digest(row.salt, code, bound))) {
      const left = VERIFICATION_CODE_MAX_TRIES - row.attempts;
      throw new InputError(field, `wrong code (${left} tries left)`, { triesLeft: left }, left > 0 ? 'verification.codeWrong' : 'verification.codeExpired');
    }
    return row.id;
  }

  /** Marks the code used; false if another request used it first (single use). */
  async use(m: EntityManager, id: string, field = 'input.code'): Promise<void> {
    const rows = await m.query(`WITH used AS (UPDATE verification_code SET used_at = now() WHERE id = $1 AND used_at IS NULL RETURNING id) SELECT id FROM used`, [id]);
    if (!rows.length) throw new InputError(field, 'this code was already used', {}, 'verification.codeExpired');
  }
}
