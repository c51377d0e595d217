/**
 * Domain errors and the one place that turns them into GraphQL errors. Anything else reaching the client is
 * masked as an internal error with an id that the log carries too.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { getMetadataStorage as getValidatorMetadata, type ValidationError } from 'class-validator';
import { isDatabaseUnavailable } from '../db/health';

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'INVALID_TRANSITION'
  | 'VERSION_CONFLICT'
  | 'ONE_TIME_NOTICE_VIOLATION'
  | 'RATE_LIMITED'
  /** A temporary password is in use: only changing it (and logging out) is allowed. */
  | 'PASSWORD_CHANGE_REQUIRED'
  /** The account is disabled; told only after a correct password. */
  | 'ACCOUNT_DISABLED'
  | 'SERVICE_UNAVAILABLE'
  | 'PAYLOAD_TOO_LARGE'
  | 'STORAGE_UNAVAILABLE';

/**
 * A domain error. `message` is English for logs and API users; the web renders `messageKey` with `details` as its
 * parameters from its own zh-CN / en resources (STYLE 13), so new errors name a specific key
 * (e.g. `account.passwordTooShort`); the default key is the code's (`error.BAD_USER_INPUT`).
 */
export class AppError extends Error {
  readonly messageKey: string;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    messageKey?: string,
  ) {
    super(message);
    this.name = 'AppError';
    this.messageKey = messageKey ?? `error.${code}`;
  }
}

/** `what` names the entity; the key is `notFound.<what>` (e.g. `notFound.Application`). */
export class NotFoundError extends AppError {
  constructor(what: string, id: string | number) {
    super('NOT_FOUND', `${what} ${id} was not found`, { entity: what, id: String(id) }, `notFound.${what}`);
  }
}

/** A refusal of the viewer's rights: `messageKey` says which rule (e.g. `forbidden.outsideScope`). */
export class ForbiddenError extends AppError {
  constructor(message: string, messageKey: string, details: Record<string, unknown> = {}) {
    super('FORBIDDEN', message, details, messageKey);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Please log in first', messageKey = 'auth.loginRequired') {
    super('UNAUTHENTICATED', message, {}, messageKey);
  }
}

/** A rejected value: names the field (dotted path for nested inputs) and why. */
export class InputError extends AppError {
  constructor(field: string, message: string, extra: Record<string, unknown> = {}, messageKey?: string) {
    super('BAD_USER_INPUT', `${field}: ${message}`, { field, ...extra }, messageKey ?? 'error.BAD_USER_INPUT');
  }
}

export class VersionConflictError extends AppError {
  constructor(what: string, expected: number, actual: number) {
    super('VERSION_CONFLICT', `${what} was changed by someone else (you edited version ${expected}, it is now ${actual}); reload and apply your change again`, {
      expectedVersion: expected,
      currentVersion: actual,
    }, 'version.conflict');
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)`, {
      retryAfterSeconds,
      retryAfterMinutes: Math.ceil(retryAfterSeconds / 60),
    }, 'limit.tooManyAttempts');
  }
}

/** The database is not reachable right now (an outage, a restart): retryable, answered with HTTP 503. */
export class ServiceUnavailableError extends AppError {
  constructor(retryAfterSeconds = 2) {
    super('SERVICE_UNAVAILABLE', 'The service is briefly unavailable (the database is not reachable); try again in a few seconds', {
      retryable: true,
      retryAfterSeconds,
    }, 'service.unavailable');
  }
}

/** One refused field of an input: its dotted path, the English reason, and the key and values the web says it with. */
/** PostgreSQL's SQLSTATE of an error from `pg` or from TypeORM (which keeps it on `driverError`), if any. */
export function pgErrorCode(err: unknown): string | undefined {
  const e = err as { driverError?: { code?: unknown }; code?: unknown } | null | undefined;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export interface InputProblem {
  field: string;
  message: string;
  messageKey: string;
  params: Record<string, unknown>;
}

/**
 * class-validator constraint → message key and values, read from the rule's own metadata (so `@MaxLength(50)`
 * says `input.tooLong {max: 50}`). An unknown constraint is `input.invalid`.
 */
export function constraintKey(name: string, values: unknown[] = []): { messageKey: string; params: Record<string, unknown> } {
  const [a, b] = values;
  switch (name) {
    case 'isNotEmpty':
    case 'isDefined':
      return { messageKey: 'input.required', params: {} };
    case 'maxLength':
      return { messageKey: 'input.tooLong', params: { max: a } };
    case 'minLength':
      return { messageKey: 'input.tooShort', params: { min: a } };
    case 'isLength':
      return { messageKey: 'input.lengthBetween', params: { min: a, max: b } };
    case 'max':
      return { messageKey: 'input.tooLarge', params: { max: a } };
    case 'min':
      return { messageKey: 'input.tooSmall', params: { min: a } };
    case 'isIn':
      return { messageKey: 'input.oneOf', params: { values: Array.isArray(a) ? a.join(', ') : String(a ?? '') } };
    case 'isEnum':
      return { messageKey: 'input.oneOf', params: { values: a && typeof a === 'object' ? Object.values(a).join(', ') : '' } };
    case 'matches':
      return { messageKey: 'input.badFormat', params: {} };
    case 'isInt':
      return { messageKey: 'input.notAWholeNumber', params: {} };
    case 'isNumber':
      return { messageKey: 'input.notANumber', params: {} };
    case 'arrayMaxSize':
      return { messageKey: 'input.tooMany', params: { max: a } };
    case 'arrayMinSize':
      return { messageKey: 'input.tooFew', params: { min: a } };
    default:
      return { messageKey: 'input.invalid', params: {} };
  }
}

/** The refused fields of a class-validator result, first constraint of each field, with their keys. */
export function validationProblems(errors: ValidationError[], prefix = ''): InputProblem[] {
  const out: InputProblem[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      const [name, message] = Object.entries(e.constraints)[0];
      const target = e.target?.constructor;
      const meta = target
        ? getValidatorMetadata()
            .getTargetValidationMetadatas(target, '', true, false)
            .find((m) => m.propertyName === e.property && (m.name ?? m.type) === name)
        : undefined;
      out.push({ field, message, ...constraintKey(name, meta?.constraints ?? []) });
    }
    if (e.children?.length) out.push(...validationProblems(e.children, field));
  }
  return out;
}

export interface ErrorLogger {
  error(obj: object, msg: string): void;
}

/** Apollo `formatError`: domain errors keep their code and message, the rest is masked. */
export function makeFormatError(logger: ErrorLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof AppError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        // the details first: a value named like a reserved key (an item's `code`) never replaces the error's own
        extensions: { ...original.details, code: original.code, messageKey: original.messageKey, params: original.details },
      };
    }
    if (original instanceof ArgumentValidationError) {
      const problems = validationProblems(original.extensions.validationErrors);
      const first = problems[0];
      return {
        message: first ? `${first.field}: ${first.message}` : 'Invalid input',
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT', field: first?.field, messageKey: first?.messageKey ?? 'input.invalid', params: first?.params ?? {}, problems },
      };
    }
    // A value the edge checks did not catch and PostgreSQL refused (bad text for a type, out of range, too long
    // for an index): the client's input, said without the database's words.
    const pgCode = pgErrorCode(original);
    if (pgCode && /^(22\w{3}|54000)$/.test(pgCode)) {
      logger.error({ err: original, pgCode }, 'input refused by the database (an edge check is missing)');
      return {
        message: 'A value in the request is not acceptable (malformed, out of range or too long)',
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT', messageKey: 'input.invalid', params: {} },
      };
    }
    if (isDatabaseUnavailable(original)) {
      const e = new ServiceUnavailableError();
      return { message: e.message, path: formatted.path, extensions: { ...e.details, code: e.code, messageKey: e.messageKey, params: e.details } };
    }
    const code = formatted.extensions?.code;
    // Errors raised by GraphQL itself (parse, validation, variable coercion, limits) are the client's to fix.
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return formatted;
    if (!formatted.path && !(original instanceof Error && original !== error)) {
      if (error instanceof GraphQLError && !error.originalError) return formatted;
    }
    const errorId = randomUUID();
    logger.error({ errorId, err: original }, 'internal error');
    return {
      message: `Internal server error (id ${errorId})`,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    };
  };
}
