import { passwordProblem } from './password';

describe('password policy', () => {
  it.each([
    ['short1!', {}, 'tooShort'],
    ['          ', {}, 'blank'],
    ['zhangsan-2026', { login: 'zhangsan' }, 'containsPersonal'],
    ['x13912345678x', { phone: '13912345678' }, 'containsPersonal'],
    ['password1', {}, 'common'],
    ['12345678', {}, 'common'],
    ['aaaaaaaaa', {}, 'weak'],
  ] as const)('refuses %j', (pw, ctx, problem) => {
    expect(passwordProblem(pw, ctx)).toBe(problem);
  });

  it('accepts a long unusual passphrase', () => {
    expect(passwordProblem('淮河边的柳树-7391', { login: 'clerk01' })).toBeNull();
    expect(passwordProblem('correct-horse-1', {})).toBeNull();
  });
});
