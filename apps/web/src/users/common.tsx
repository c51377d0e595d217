/** Shared bits of the account and administration pages: server messages by key, the password rule, the SMS button. */
import { useEffect, useState } from 'react';
import { Button } from 'antd';
import type { FormInstance, FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import i18n from 'i18next';
import { passwordProblem, type PasswordContext } from '@weimin/domain/src/password';
import { apiError } from '../common/errors';
import './text';

/** The server's error in the reader's language, from its message key and parameters (never its English text). */
export function serverText(e: unknown): string {
  return apiError(e).message;
}

/** `input.password` → `password`; the antd field of a server input error, if the form has it. */
export function serverField(e: unknown, fields: string[]): string | null {
  const err = apiError(e);
  const f = typeof err.extensions.field === 'string' ? err.extensions.field.replace(/^input\./, '') : null;
  return f && fields.includes(f) ? f : null;
}

/** Puts a server input error on its field (true), or leaves it to the caller (false). */
export function showOnField<T>(form: FormInstance<T>, e: unknown, fields: string[]): boolean {
  const f = serverField(e, fields);
  if (!f) return false;
  form.setFields([{ name: f as never, errors: [serverText(e)] }]);
  return true;
}

/** The password policy as a form rule: the same check the server makes, shown before submitting. */
export function passwordRule(context: (get: (name: string) => string | undefined) => PasswordContext): FormRule {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: string | undefined) => {
      if (!value) throw new Error(i18n.t('users.common.required', { field: i18n.t('users.fields.password') }));
      const problem = passwordProblem(value, context((name) => getFieldValue(name) as string | undefined));
      if (problem) throw new Error(i18n.t(`users.password.${problem}`));
    },
  });
}

/** "获取验证码" with a 60-second wait before another. */
export function CodeButton({ onSend, disabled }: { onSend: () => Promise<boolean>; disabled?: boolean }) {
  const { t } = useTranslation();
  const [wait, setWait] = useState(0);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);
  return (
    <Button
      disabled={disabled || busy || wait > 0}
      onClick={() => {
        setBusy(true);
        void onSend()
          .then((sent) => sent && setWait(60))
          .finally(() => setBusy(false));
      }}
    >
      {wait > 0 ? t('users.code.resend', { seconds: wait }) : t('users.code.send')}
    </Button>
  );
}

/** Saves a base64 file (e.g. the workbook of one-time passwords) through a temporary link. */
export function downloadBase64(filename: string, base64: string, type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file as standard base64 (for the import mutations). */
export async function fileBase64(file: File): Promise<string> {
  const buf = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
  return btoa(s);
}

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

/**
 * Drops the cache and refetches what is on screen (after a login, a registration, a password change). A query of a
 * component that unmounts meanwhile is aborted: expected, not a failure.
 */
export async function resetStoreQuietly(client: { resetStore(): Promise<unknown> }): Promise<void> {
  await client.resetStore().catch((e: unknown) => {
    if (!(e instanceof Error && (e.name === 'AbortError' || /aborted/i.test(e.message)))) throw e;
  });
}
