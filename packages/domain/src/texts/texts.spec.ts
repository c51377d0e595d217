import { SERVER_TEXTS, catalogueLookup, keyed, renderText, textOf } from '.';
import { smsText } from '../sms';

/** key → template of every leaf of a nested catalogue. */
function leaves(node: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(node)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v as object, key)) out.set(kk, vv);
  }
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const CJK = /[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]/;

describe('the shared text catalogue', () => {
  const zh = leaves(SERVER_TEXTS['zh-CN']);
  const en = leaves(SERVER_TEXTS.en);

  test('every Chinese text has an English one with the same parameters, and no English one is Chinese', () => {
    for (const [key, template] of zh) {
      expect([key, en.has(key)]).toEqual([key, true]);
      expect([key, placeholders(en.get(key)!)]).toEqual([key, placeholders(template)]);
    }
    for (const [key, template] of en) {
      expect([key, CJK.test(template)]).toEqual([key, false]);
      // plural forms (_one) are English only; every other English key is a Chinese one
      if (!key.endsWith('_one')) expect([key, zh.has(key)]).toEqual([key, true]);
    }
  });

  test('renders parameters, references to other texts, lists and plural forms', () => {
    expect(textOf('application.history.suspend', { procedure: { key: 'application.procedure.HEARING' }, reason: '需听证' })).toBe('听证：需听证');
    expect(textOf('application.history.suspend', { procedure: { key: 'application.procedure.HEARING' }, reason: 'x' }, 'en')).toBe('Hearing: x');
    const items = [{ material: '身份证', problem: '不清晰' }, { material: '户口簿', problem: '缺页' }];
    expect(textOf('application.history.deficiency', { items })).toBe('身份证：不清晰；户口簿：缺页');
    expect(textOf('application.history.deficiency', { items }, 'en')).toBe('身份证: 不清晰; 户口簿: 缺页');
    expect(textOf('application.history.supplement', { materials: ['身份证', '户口簿'] })).toBe('补正：身份证、户口簿');
    expect(textOf('application.history.extend', { days: 1, count: 1, reason: 'r' }, 'en')).toBe('Extended by 1 working day: r');
    expect(textOf('application.history.extend', { days: 3, count: 3, reason: 'r' }, 'en')).toBe('Extended by 3 working days: r');
  });

  test('a date parameter is formatted by the caller; an unknown key is undefined for the web and an error for the server', () => {
    const lookup = catalogueLookup(SERVER_TEXTS.en);
    expect(renderText(lookup, 'application.history.lapse', { deadline: '2026-01-05' }, (_n, v) => `<${v}>`)).toBe('The supplement deadline <2026-01-05> passed without a supplement');
    expect(renderText(lookup, 'application.history.nope', {})).toBeUndefined();
    expect(() => textOf('application.history.nope')).toThrow('application.history.nope');
  });

  test('keyed keeps the key, the parameters and the Chinese words; SMS texts come from the catalogue', () => {
    expect(keyed('application.notice.ACCEPT.body', { item: '低保', number: 'N1', dueDate: '2026-01-05' })).toEqual({
      key: 'application.notice.ACCEPT.body',
      params: { item: '低保', number: 'N1', dueDate: '2026-01-05' },
      text: '您的「低保」申请（N1）已受理，承诺办结日期 2026-01-05。',
    });
    expect(smsText('registerCode', { code: '123456' })).toBe('【为民】您的注册验证码是 123456，10 分钟内有效，只能使用一次。请勿告诉他人。');
    expect(smsText('resetCode', { code: '000001' }, 'en')).toContain('000001');
  });
});
