/** Reading the server's GraphQL errors (`extensions.code` and friends) out of what Apollo Client throws. */
import { CombinedGraphQLErrors } from '@apollo/client';

export interface ApiError {
  code: string | null;
  message: string;
  extensions: Record<string, unknown>;
}

export function apiError(e: unknown): ApiError {
  if (CombinedGraphQLErrors.is(e) && e.errors.length) {
    const first = e.errors[0];
    const extensions = (first.extensions ?? {}) as Record<string, unknown>;
    return { code: typeof extensions.code === 'string' ? extensions.code : null, message: first.message, extensions };
  }
  if (e instanceof Error) return { code: 'NETWORK', message: e.message, extensions: {} };
  return { code: null, message: String(e), extensions: {} };
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** BAD_USER_INPUT carries `field` (dotted, e.g. `input.materials.0.name`) and sometimes all `problems`. */
export function fieldProblems(err: ApiError): FieldProblem[] {
  const list = err.extensions.problems;
  if (Array.isArray(list)) {
    return list.filter((p): p is FieldProblem => !!p && typeof p.field === 'string' && typeof p.message === 'string');
  }
  return typeof err.extensions.field === 'string' ? [{ field: err.extensions.field, message: err.message }] : [];
}

/** `input.materials.0.name` → ['materials', 0, 'name'] (the antd Form name path of the same field). */
export function formPath(field: string): (string | number)[] {
  const parts = field.split('.');
  if (parts[0] === 'input') parts.shift();
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
