/**
 * The SMS messages the server sends (STYLE 13: from the text catalogue, texts/account.ts, never concatenated in
 * code). The server sends zh-CN; `en` is kept for API users and tests.
 */
import { accountTextZh } from './texts/account';
import { textOf, type TextLocale } from './texts';

export type SmsKey = keyof typeof accountTextZh.sms;

export function smsText(key: SmsKey, params: { code?: string } = {}, locale: TextLocale = 'zh-CN'): string {
  return textOf(`account.sms.${key}`, { code: params.code ?? '' }, locale);
}

/** The in-app notification of an SMS: a code's line never carries the code. */
export function smsNoticeKey(key: SmsKey): string {
  return key === 'registerCode' || key === 'resetCode' || key === 'changePhoneCode' ? 'account.notice.code' : `account.notice.${key}`;
}

export const VERIFICATION_CODE_MINUTES = 10;
export const VERIFICATION_CODE_MAX_TRIES = 5;
export const VERIFICATION_CODES_PER_PHONE_PER_HOUR = 5;
