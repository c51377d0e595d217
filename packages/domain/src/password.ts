/**
 * The password policy, one rule set for the server (which enforces it) and the web (which explains a refusal before
 * submitting): at least 8 characters, not only whitespace, not the login, phone or ID number nor containing one of
 * them, not a common password (the maintained list of zxcvbn-ts) and not trivially guessable (zxcvbn score < 2).
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** Why a password is refused; each is a message key `password.<problem>` in the web's resources. */
export type PasswordProblem = 'tooShort' | 'tooLong' | 'blank' | 'containsPersonal' | 'common' | 'weak';

export interface PasswordContext {
  login?: string | null;
  phone?: string | null;
  idNumber?: string | null;
}

let factory: ZxcvbnFactory | null = null;
let common: Set<string> | null = null;

function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return factory;
}

/** Null when the password is acceptable, otherwise the first problem found. */
export function passwordProblem(password: string, context: PasswordContext = {}): PasswordProblem | null {
  const chars = Array.from(password);
  if (chars.length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (chars.length > PASSWORD_MAX_LENGTH) return 'tooLong';
  if (password.trim() === '') return 'blank';
  const lower = password.toLowerCase();
  const personal = [context.login, context.phone, context.idNumber]
    .map((v) => (v ?? '').trim().toLowerCase())
    .filter((v) => v.length >= 4);
  if (personal.some((v) => lower.includes(v))) return 'containsPersonal';
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  if (common.has(lower)) return 'common';
  if (zxcvbn().check(password, personal).score < 2) return 'weak';
  return null;
}
