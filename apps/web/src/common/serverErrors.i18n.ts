/**
 * What the web says for a server error, zh-CN and en, mounted under the `serverErrors` key of the app's resources.
 * `keys` holds the server's message keys (`extensions.messageKey`, with `extensions.params` as values); an error
 * without a known key is told by its code (`errors.<CODE>`), a rejected field by `invalidValue` — never by the
 * server's English message.
 */
export const serverErrorsZh = {
  unknown: '操作没有成功，请稍后重试',
  invalidValue: '此项填写有误，请检查后重新填写',
  keys: {
    'input.required': '此项必须填写',
    'input.tooLong': '此项最多 {{max}} 个字',
    'input.notANumber': '请填写数字',
    'input.outOfRange': '请填写 {{min}} 到 {{max}} 之间的数',
    'input.notAllowed': '此项的取值不在可选范围内',
    'file.problems': '文件中有 {{count}} 处问题，未保存任何内容',
    'version.conflict': '数据已被他人修改，请刷新后再试',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const serverErrorsEn: Widen<typeof serverErrorsZh> = {
  unknown: 'That did not work; please try again later',
  invalidValue: 'This value is not valid; please check it',
  keys: {
    'input.required': 'This is required',
    'input.tooLong': 'At most {{max}} characters',
    'input.notANumber': 'Enter a number',
    'input.outOfRange': 'Enter a number from {{min}} to {{max}}',
    'input.notAllowed': 'This value is not one of the choices',
    'file.problems': '{{count}} problem(s) in the file; nothing was saved',
    'version.conflict': 'Someone else changed this; reload and try again',
  },
};
