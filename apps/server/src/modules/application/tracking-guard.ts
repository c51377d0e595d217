/**
 * Tracking without login is guarded against guessing: lookup codes are long and random (10 characters from an
 * alphabet without look-alikes, about 2^49 codes; the 6-digit codes of older applications keep working), failed
 * attempts are limited per application number and per client address, and one operation may ask for one
 * application (see `singleTrackingRule`).
 */
import { randomInt } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import type { Config } from '../../config';
import { AppError } from '../../common/errors';

/** No 0/O, 1/I/L: read aloud and typed from a printed receipt without mistakes. */
export const LOOKUP_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const LOOKUP_LENGTH = 10;

export function newLookupCode(): string {
  let code = '';
  for (let i = 0; i < LOOKUP_LENGTH; i++) code += LOOKUP_ALPHABET[randomInt(LOOKUP_ALPHABET.length)];
  return code;
}

/** What a person types: spaces and dashes dropped, case ignored (older codes are digits only). */
export function normalizeLookupCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase().slice(0, 32);
}

export class TrackingLimitedError extends AppError {
  constructor(retryAfterSeconds: number, scope: 'number' | 'ip') {
    super(
      'RATE_LIMITED',
      scope === 'number'
        ? 'Too many wrong lookup codes for this application number; please contact the service centre, or try again later'
        : 'Too many wrong lookup codes from this address; please contact the service centre, or try again later',
      { retryAfterSeconds: Math.ceil(retryAfterSeconds), retryAfterMinutes: Math.ceil(retryAfterSeconds / 60), scope },
      'tracking.tooManyAttempts',
    );
  }
}

export class TrackingGuard {
  private readonly byNumber: RateLimiterPostgres;
  private readonly byIp: RateLimiterPostgres;

  constructor(ds: DataSource, config: Config) {
    const common = { storeClient: ds, storeType: 'typeorm', tableName: 'login_limit', tableCreated: true, duration: config.tracking.windowSeconds };
    this.byNumber = new RateLimiterPostgres({ ...common, keyPrefix: 'track', points: config.tracking.numberFailures });
    this.byIp = new RateLimiterPostgres({ ...common, keyPrefix: 'trackip', points: config.tracking.ipFailures });
  }

  /**
   * Runs one tracking attempt. A point is taken from both budgets before the code is compared (so concurrent
   * guesses cannot all slip through) and given back when the code was right: only failures count.
   */
  async attempt<T>(number: string, ip: string, run: () => Promise<T | null>): Promise<T | null> {
    const key = number.trim().slice(0, 64);
    await this.take(this.byNumber, key, 'number');
    try {
      await this.take(this.byIp, ip, 'ip');
    } catch (e) {
      await this.byNumber.reward(key, 1).catch(() => undefined);
      throw e;
    }
    const found = await run();
    if (found) await Promise.all([this.byNumber.reward(key, 1), this.byIp.reward(ip, 1)]);
    return found;
  }

  private async take(limiter: RateLimiterPostgres, key: string, scope: 'number' | 'ip') {
    try {
      await limiter.consume(key);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw new TrackingLimitedError(e.msBeforeNext / 1000, scope);
      throw e;
    }
  }
}

/** A GraphQL validation rule: an operation may ask for `applicationByNumber` at most once (no alias floods). */
export function singleTrackingRule(context: ValidationContext): ASTVisitor {
  let seen = 0;
  return {
    Field(node) {
      if (node.name.value !== 'applicationByNumber' || context.getParentType()?.name !== 'Query') return;
      seen++;
      if (seen === 2) {
        context.reportError(
          new GraphQLError('An operation may ask for applicationByNumber only once', {
            nodes: [node],
            extensions: { code: 'BAD_USER_INPUT', messageKey: 'tracking.onePerRequest', field: 'applicationByNumber' },
          }),
        );
      }
    },
  };
}
