/**
 * Texts of the SMS messages the server sends (STYLE 13: from resources, never concatenated in code). The server
 * sends zh-CN; `en` is kept for API users and tests. `{code}` is replaced by the verification code.
 */
export type SmsKey =
  | 'registerCode'
  | 'registerAlreadyHaveAccount'
  | 'resetCode'
  | 'resetNoAccount'
  | 'changePhoneCode'
  | 'changePhoneTaken';

export const SMS_TEXTS: Record<'zh-CN' | 'en', Record<SmsKey, string>> = {
  'zh-CN': {
    registerCode: '【为民】您的注册验证码是 {code}，10 分钟内有效，只能使用一次。请勿告诉他人。',
    registerAlreadyHaveAccount: '【为民】有人用此手机号申请注册，但此手机号或所填身份证号已有为民账号。请直接登录；忘记密码请在登录页点“忘记密码”找回。如非本人操作，请忽略。',
    resetCode: '【为民】您正在找回为民账号密码，验证码是 {code}，10 分钟内有效，只能使用一次。请勿告诉他人。',
    resetNoAccount: '【为民】有人用此手机号找回为民账号密码，但此手机号没有注册账号。如需办事，请在登录页点“注册”创建账号。如非本人操作，请忽略。',
    changePhoneCode: '【为民】您正在把为民账号的手机号改为本机号码，验证码是 {code}，10 分钟内有效。请勿告诉他人。',
    changePhoneTaken: '【为民】有人申请把为民账号的手机号改为本机号码，但本机号码已绑定其他账号，无法更改。如非本人操作，请忽略。',
  },
  en: {
    registerCode: '[Weimin] Your registration code is {code}. It is valid for 10 minutes and can be used once. Do not share it.',
    registerAlreadyHaveAccount: '[Weimin] Someone asked to register with this number, but this number or the ID number given already has an account. Log in, or use "Forgot password" on the login page. If this was not you, ignore this message.',
    resetCode: '[Weimin] Your password reset code is {code}. It is valid for 10 minutes and can be used once. Do not share it.',
    resetNoAccount: '[Weimin] Someone asked to reset a password for this number, but it has no account. Use "Register" on the login page to create one. If this was not you, ignore this message.',
    changePhoneCode: '[Weimin] Your code to move your account to this number is {code}. It is valid for 10 minutes. Do not share it.',
    changePhoneTaken: '[Weimin] Someone asked to move an account to this number, but it already belongs to another account. If this was not you, ignore this message.',
  },
};

export function smsText(key: SmsKey, params: { code?: string } = {}, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return SMS_TEXTS[locale][key].replace('{code}', params.code ?? '');
}

export const VERIFICATION_CODE_MINUTES = 10;
export const VERIFICATION_CODE_MAX_TRIES = 5;
export const VERIFICATION_CODES_PER_PHONE_PER_HOUR = 5;
