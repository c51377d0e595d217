/**
 * Texts of the account SMS (verification codes and account notices), zh-CN and en, and what the in-app list shows
 * of them: a code is never kept beside its notification, so the in-app line only says that one was sent.
 */

export const accountTextZh = {
  sms: {
    registerCode: '【为民】您的注册验证码是 {{code}}，10 分钟内有效，只能使用一次。请勿告诉他人。',
    registerAlreadyHaveAccount: '【为民】有人用此手机号申请注册，但此手机号或所填身份证号已有为民账号。请直接登录；忘记密码请在登录页点“忘记密码”找回。如非本人操作，请忽略。',
    resetCode: '【为民】您正在找回为民账号密码，验证码是 {{code}}，10 分钟内有效，只能使用一次。请勿告诉他人。',
    resetNoAccount: '【为民】有人用此手机号找回为民账号密码，但此手机号没有注册账号。如需办事，请在登录页点“注册”创建账号。如非本人操作，请忽略。',
    changePhoneCode: '【为民】您正在把为民账号的手机号改为本机号码，验证码是 {{code}}，10 分钟内有效。请勿告诉他人。',
    changePhoneTaken: '【为民】有人申请把为民账号的手机号改为本机号码，但本机号码已绑定其他账号，无法更改。如非本人操作，请忽略。',
  },
  notice: {
    code: { title: '验证码', body: '验证码已通过短信发送到您的手机，10 分钟内有效。请勿告诉他人。' },
    registerAlreadyHaveAccount: { title: '账号通知', body: '有人用此手机号申请注册，但此手机号或所填身份证号已有为民账号。' },
    resetNoAccount: { title: '账号通知', body: '有人用此手机号找回密码，但此手机号没有注册账号。' },
    changePhoneTaken: { title: '账号通知', body: '有人申请把为民账号的手机号改为本机号码，但本机号码已绑定其他账号，无法更改。' },
  },
};

export type AccountText = typeof accountTextZh;

export const accountTextEn: AccountText = {
  sms: {
    registerCode: '[Weimin] Your registration code is {{code}}. It is valid for 10 minutes and can be used once. Do not share it.',
    registerAlreadyHaveAccount: '[Weimin] Someone asked to register with this number, but this number or the ID number given already has an account. Log in, or use "Forgot password" on the login page. If this was not you, ignore this message.',
    resetCode: '[Weimin] Your password reset code is {{code}}. It is valid for 10 minutes and can be used once. Do not share it.',
    resetNoAccount: '[Weimin] Someone asked to reset a password for this number, but it has no account. Use "Register" on the login page to create one. If this was not you, ignore this message.',
    changePhoneCode: '[Weimin] Your code to move your account to this number is {{code}}. It is valid for 10 minutes. Do not share it.',
    changePhoneTaken: '[Weimin] Someone asked to move an account to this number, but it already belongs to another account. If this was not you, ignore this message.',
  },
  notice: {
    code: { title: 'Verification code', body: 'A verification code was sent to your phone by SMS. It is valid for 10 minutes. Do not share it.' },
    registerAlreadyHaveAccount: { title: 'Account notice', body: 'Someone asked to register with this number, but this number or the ID number given already has an account.' },
    resetNoAccount: { title: 'Account notice', body: 'Someone asked to reset a password for this number, but it has no account.' },
    changePhoneTaken: { title: 'Account notice', body: 'Someone asked to move an account to this number, but it already belongs to another account.' },
  },
};
