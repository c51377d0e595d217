/**
 * What the web says for a server error, zh-CN and en, mounted under the `serverErrors` key of the app's resources
 * (i18n/zh-CN.ts, i18n/en.ts): the keys the public pages can meet here, the rest of them in
 * serverErrors.more.i18n.ts (registered before any page behind the public ones renders), so every key resolves on
 * every page. `keys` holds the server's message keys
 * (`extensions.messageKey`, with `extensions.params` as values): `errors.<CODE>` is the fall-back for a key the web
 * does not know, `invalidValue` for a rejected field — never the server's English message.
 * apps/server/test/message-keys.test.ts fails when a key the server can emit is missing here, or a text is in the
 * wrong language.
 */
export const serverErrorsZh = {
  unknown: '操作没有成功，请稍后重试',
  invalidValue: '此项填写有误，请检查后重新填写',
  keys: {
    auth: {
      loginRequired: '请先登录',
      wrongLogin: '用户名或密码错误',
    },
    input: {
      badId: '编号格式不正确',
      controlCharacter: '内容含有不可见的控制字符',
      invalid: '此项填写有误，请检查后重新填写',
      required: '此项必须填写',
      tooLong: '此项最多 {{max}} 个字',
      tooShort: '此项至少 {{min}} 个字',
    },
    limit: {
      tooManyAttempts: '操作过于频繁，请 {{retryAfterMinutes}} 分钟后再试',
    },
    request: {
      tooLarge: '提交的内容过大',
    },
    service: {
      unavailable: '服务暂时不可用，请几秒后重试',
    },
    tracking: {
      onePerRequest: '一次只能查询一件申请',
      tooManyAttempts: '查询码错误次数过多，请稍后再试或联系服务中心',
    },
    version: {
      conflict: '数据已被他人修改，请刷新后再试',
    },
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const serverErrorsEn: Widen<typeof serverErrorsZh> = {
  unknown: 'That did not work; please try again later',
  invalidValue: 'This value is not valid; please check it',
  keys: {
    auth: {
      loginRequired: 'Please log in first',
      wrongLogin: 'Wrong login or password',
    },
    input: {
      badId: 'This is not a valid id',
      controlCharacter: 'Contains invisible control characters',
      invalid: 'This value is not valid; please check it',
      required: 'This is required',
      tooLong: 'At most {{max}} characters',
      tooShort: 'At least {{min}} characters',
    },
    limit: {
      tooManyAttempts: 'Too many attempts; try again in {{retryAfterMinutes}} minute(s)',
    },
    request: {
      tooLarge: 'The request is too large',
    },
    service: {
      unavailable: 'The service is briefly unavailable; try again in a few seconds',
    },
    tracking: {
      onePerRequest: 'Look up one application at a time',
      tooManyAttempts: 'Too many wrong lookup codes; try again later or contact the service centre',
    },
    version: {
      conflict: 'Someone else changed this; reload and try again',
    },
  },
};
