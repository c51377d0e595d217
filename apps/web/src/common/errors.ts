/**
 * Reading the server's GraphQL errors out of what Apollo Client throws, and saying them in the reader's language:
 * `message` comes from the web's own resources — the server's message key (`extensions.messageKey` with
 * `extensions.params`), else its code (`errors.<CODE>`) — never from the server's English text, which is kept as
 * `serverMessage` for logs and support.
 */
import { CombinedGraphQLErrors } from '@apollo/client';
import i18next from 'i18next';

export interface ApiError {
  code: string | null;
  /** In the reader's language. */
  message: string;
  /** The server's own (English) text: not for display. */
  serverMessage: string;
  messageKey: string | null;
  params: Record<string, unknown>;
  extensions: Record<string, unknown>;
}

const t = (key: string, options?: Record<string, unknown>): string => (i18next.t as (k: string, o?: Record<string, unknown>) => string)(key, options);
const known = (key: string) => i18next.exists(key);

/** The reader's text for a server error (key and values), or for its code when the key is unknown here. */
export function errorText(code: string | null, messageKey: string | null, params: Record<string, unknown> = {}, field?: unknown): string {
  if (messageKey && known(`serverErrors.keys.${messageKey}`)) return t(`serverErrors.keys.${messageKey}`, params);
  if (code === 'NETWORK') return t('errors.network');
  if (code === 'BAD_USER_INPUT' && typeof field === 'string') return t('serverErrors.invalidValue');
  if (code && known(`errors.${code}`)) return t(`errors.${code}`);
  return t('serverErrors.unknown');
}

export function apiError(e: unknown): ApiError {
  if (CombinedGraphQLErrors.is(e) && e.errors.length) {
    const first = e.errors[0];
    const extensions = (first.extensions ?? {}) as Record<string, unknown>;
    const code = typeof extensions.code === 'string' ? extensions.code : null;
    const messageKey = typeof extensions.messageKey === 'string' ? extensions.messageKey : null;
    const params = extensions.params && typeof extensions.params === 'object' ? (extensions.params as Record<string, unknown>) : {};
    return { code, message: errorText(code, messageKey, params, extensions.field), serverMessage: first.message, messageKey, params, extensions };
  }
  if (e instanceof Error) return { code: 'NETWORK', message: t('errors.network'), serverMessage: e.message, messageKey: null, params: {}, extensions: {} };
  return { code: null, message: t('serverErrors.unknown'), serverMessage: String(e), messageKey: null, params: {}, extensions: {} };
}

export interface FieldProblem {
  field: string;
  message: string;
}

interface RawProblem {
  field?: unknown;
  message?: unknown;
  messageKey?: unknown;
  params?: unknown;
}

/** BAD_USER_INPUT carries `field` (dotted, e.g. `input.materials.0.name`) and sometimes all `problems`. */
export function fieldProblems(err: ApiError): FieldProblem[] {
  const list = err.extensions.problems;
  if (Array.isArray(list)) {
    return (list as RawProblem[])
      .filter((p) => !!p && typeof p.field === 'string')
      .map((p) => ({
        field: p.field as string,
        message: errorText('BAD_USER_INPUT', typeof p.messageKey === 'string' ? p.messageKey : null, (p.params as Record<string, unknown>) ?? {}, p.field),
      }));
  }
  return typeof err.extensions.field === 'string' ? [{ field: err.extensions.field, message: err.message }] : [];
}

/** `input.materials.0.name` → ['materials', 0, 'name'] (the antd Form name path of the same field). */
export function formPath(field: string): (string | number)[] {
  const parts = field.split('.');
  if (parts[0] === 'input') parts.shift();
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
