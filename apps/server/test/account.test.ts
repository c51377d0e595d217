import { BASE, DEMO_PASSWORD, codeSentTo, fails, gql, idNumber, loginAs, ok, randomPhone, registerCitizen, smsCount, smsTo, unique, withDb } from './helpers';

const REGISTER = `mutation($i: RegisterInput!) { register(input: $i) { token user { id name phone idNumber roles { role } } } }`;
const SEND = `mutation($p: String!, $i: String!) { sendRegistrationCode(phone: $p, idNumber: $i) { expiresInMinutes } }`;
const phone = randomPhone;

async function codeFor(p: string, id: string): Promise<string> {
  const before = smsCount(p);
  await ok(SEND, { p, i: id });
  return codeSentTo(p, before);
}

describe('accounts and sessions', () => {
  it('logs in a demo account and returns who they are with their scoped roles', async () => {
    const token = await loginAs('jinan.admin');
    const d = await ok(`{ me { login name roles { role jurisdiction { code name } } } }`, {}, token);
    expect(d.me.login).toBe('jinan.admin');
    expect(d.me.roles).toEqual([{ role: 'DIRECTORY_ADMIN', jurisdiction: { code: '341502000000', name: '金安区' } }]);
  });

  it('sets an httpOnly SameSite cookie that works without the bearer token, and logout ends the session', async () => {
    const res = await fetch(`${BASE()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation { login(login: "citizen", password: "${DEMO_PASSWORD}") { user { login } } }` }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/weimin_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = cookie.split(';')[0];
    const me = await gql(`{ me { login } }`, {}, undefined, { cookie: session });
    expect(me.data?.me.login).toBe('citizen');
    await gql(`mutation { logout }`, {}, undefined, { cookie: session });
    const after = await gql(`{ me { login } }`, {}, undefined, { cookie: session });
    expect(after.data?.me).toBeNull();
  });

  it('stores only a hash of the session token', async () => {
    const token = await loginAs('citizen2');
    const rows = await withDb((c) => c.query(`SELECT encode(token_hash, 'hex') AS h FROM user_session`));
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(rows.rows.map((r) => r.h)).not.toContain(Buffer.from(token).toString('hex'));
    const hashes = await withDb((c) => c.query(`SELECT password_hash FROM app_user WHERE login = 'citizen2'`));
    expect(hashes.rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it('gives the same answer for a wrong password and an unknown account', async () => {
    const wrong = await fails(`mutation { login(login: "citizen", password: "not-the-password") { token } }`);
    const unknown = await fails(`mutation { login(login: "${unique('nobody')}", password: "whatever-1") { token } }`);
    expect(wrong.message).toBe(unknown.message);
    expect(wrong.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('locks an account after repeated failures, even for the right password, without touching others', async () => {
    const p = phone();
    await registerCitizen('王五', p, idNumber(), 'correct-horse-1');
    for (let i = 0; i < 5; i++) await fails(`mutation($l: String!) { login(login: $l, password: "bad-password") { token } }`, { l: p });
    const locked = await fails(`mutation($l: String!) { login(login: $l, password: "correct-horse-1") { token } }`, { l: p });
    expect(locked.extensions?.code).toBe('RATE_LIMITED');
    expect(await loginAs('citizen')).toBeTruthy();
  });

  it('registers a citizen with a valid ID number and phone, showing them their own data unmasked', async () => {
    const id = idNumber();
    const p = phone();
    const d = await ok(REGISTER, { i: { name: '赵六', phone: p, idNumber: id, password: 'a-good-password', code: await codeFor(p, id) } });
    expect(d.register.user).toMatchObject({ name: '赵六', phone: p, idNumber: id, roles: [{ role: 'CITIZEN' }] });
    const me = await ok(`{ me { login } }`, {}, d.register.token);
    expect(me.me.login).toBe(p);
  });

  it.each([
    ['idNumber', { idNumber: '341502199001011234' }, /idNumber/],
    ['phone', { phone: '12345' }, /phone/],
    ['password', { password: 'short' }, /password/],
    ['password', { password: 'password1' }, /policy/],
    ['name', { name: '' }, /name/],
  ])('refuses registration with a bad %s, naming the field, and creates nothing', async (field, patch, pattern) => {
    const p = phone();
    const id = idNumber();
    const code = (patch as any).phone || (patch as any).idNumber ? '123456' : await codeFor(p, id);
    const err = await fails(REGISTER, { i: { name: '钱七', phone: p, idNumber: id, password: 'a-good-password', code, ...patch } });
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err.extensions?.field).toBe(`input.${field}`);
    expect(err.message).toMatch(pattern);
    const n = await withDb((c) => c.query(`SELECT count(*)::int AS n FROM app_user WHERE phone = $1`, [(patch as any).phone ?? p]));
    expect(n.rows[0].n).toBe(0);
  });

  it('answers the same whether or not the phone or ID number is registered; the SMS says to log in instead', async () => {
    const id = idNumber();
    const p = phone();
    await registerCitizen('孙八', p, id, 'a-good-password');
    const fresh = await gql(SEND, { p: phone(), i: idNumber() });
    const samePhone = await gql(SEND, { p, i: idNumber() });
    const p2 = phone();
    const sameId = await gql(SEND, { p: p2, i: id });
    expect(samePhone.data).toEqual(fresh.data);
    expect(sameId.data).toEqual(fresh.data);
    expect(sameId.errors).toBeUndefined();
    const text = await smsTo(p2);
    expect(text).toMatch(/已有为民账号/);
    expect(text).not.toMatch(/\d{6}/);
    // no code was issued, so none can register
    const err = await fails(REGISTER, { i: { name: '孙八', phone: p2, idNumber: id, password: 'a-good-password', code: '000000' } });
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('takes a code once, at most 5 wrong tries, and only with the ID number it was sent for', async () => {
    const p = phone();
    const id = idNumber();
    const code = await codeFor(p, id);
    const wrong = code === '000000' ? '000001' : '000000';
    const other = await fails(REGISTER, { i: { name: '周九', phone: p, idNumber: idNumber(), password: 'a-good-password', code } });
    expect(other.extensions?.messageKey).toBe('verification.codeWrong');
    for (let i = 0; i < 4; i++) await fails(REGISTER, { i: { name: '周九', phone: p, idNumber: id, password: 'a-good-password', code: wrong } });
    // five tries spent (one with the other ID number): even the right code no longer works
    const dead = await fails(REGISTER, { i: { name: '周九', phone: p, idNumber: id, password: 'a-good-password', code } });
    expect(dead.extensions?.messageKey).toBe('verification.codeExpired');
    const fresh = await codeFor(p, id);
    await ok(REGISTER, { i: { name: '周九', phone: p, idNumber: id, password: 'a-good-password', code: fresh } });
    const again = await fails(REGISTER, { i: { name: '周九', phone: p, idNumber: id, password: 'a-good-password', code: fresh } });
    expect(again.extensions?.code).toBe('BAD_USER_INPUT');
    const stored = await withDb((c) => c.query(`SELECT code_hash FROM verification_code WHERE phone = $1`, [p]));
    expect(stored.rows.length).toBe(2);
    expect(stored.rows.map((r) => r.code_hash.toString('utf8'))).not.toContain(fresh);
  });

  it('sends at most 5 codes per phone per hour, then answers RATE_LIMITED with the wait in minutes', async () => {
    const p = phone();
    for (let i = 0; i < 5; i++) await ok(SEND, { p, i: idNumber() });
    const err = await fails(SEND, { p, i: idNumber() });
    expect(err.extensions?.code).toBe('RATE_LIMITED');
    expect(err.extensions?.retryAfterMinutes).toBeGreaterThan(50);
    expect(err.extensions?.retryAfterMinutes).toBeLessThanOrEqual(60);
  });

  it('resets a forgotten password with an SMS code, ending every session, without telling who has an account', async () => {
    const p = phone();
    const token = await registerCitizen('吴十', p, idNumber(), 'first-pass-9911');
    const SEND_RESET = `mutation($p: String!) { sendPasswordResetCode(phone: $p) { expiresInMinutes } }`;
    const unknownPhone = phone();
    const a = await gql(SEND_RESET, { p: unknownPhone });
    const before = smsCount(p);
    const b = await gql(SEND_RESET, { p });
    expect(a.data).toEqual(b.data);
    expect(await smsTo(unknownPhone)).toMatch(/没有注册账号/);
    const code = await codeSentTo(p, before);
    const RESET = `mutation($i: ResetPasswordInput!) { resetPassword(input: $i) }`;
    const weak = await fails(RESET, { i: { phone: p, code, password: '12345678' } });
    expect(weak.extensions?.messageKey).toBe('password.common');
    await ok(RESET, { i: { phone: p, code, password: 'second-pass-7722' } });
    expect((await gql(`{ me { login } }`, {}, token)).data?.me).toBeNull();
    await loginAs(p, 'second-pass-7722');
    await fails(`mutation($l: String!) { login(login: $l, password: "first-pass-9911") { token } }`, { l: p });
  });

  it('changes the password and the profile of the logged-in user; a new phone needs its own code', async () => {
    const p = phone();
    const token = await registerCitizen('郑一', p, idNumber(), 'first-pass-5511');
    const wrong = await fails(`mutation { changePassword(current: "nope-nope-1", next: "second-pass-5522") { id } }`, {}, token);
    expect(wrong.extensions?.field).toBe('current');
    const mine = await fails(`mutation($n: String!) { changePassword(current: "first-pass-5511", next: $n) { id } }`, { n: `${p}x!` }, token);
    expect(mine.extensions?.messageKey).toBe('password.containsPersonal');
    await ok(`mutation { changePassword(current: "first-pass-5511", next: "second-pass-5522") { id } }`, {}, token);
    const named = await ok(`mutation { updateProfile(name: "郑一一") { name } }`, {}, token);
    expect(named.updateProfile.name).toBe('郑一一');
    const p2 = phone();
    const before = smsCount(p2);
    await ok(`mutation($p: String!) { sendPhoneChangeCode(phone: $p) { expiresInMinutes } }`, { p: p2 }, token);
    const code = await codeSentTo(p2, before);
    const bad = await fails(`mutation($p: String!) { changePhone(phone: $p, code: "999999") { phone } }`, { p: p2 }, token);
    expect(bad.extensions?.field).toBe('code');
    const moved = await ok(`mutation($p: String!, $c: String!) { changePhone(phone: $p, code: $c) { phone login } }`, { p: p2, c: code }, token);
    expect(moved.changePhone).toEqual({ phone: p2, login: p2 });
    await loginAs(p2, 'second-pass-5522');
  });

  it('never lets more wrong passwords through than the limit, even all at once', async () => {
    const p = phone();
    await registerCitizen('冯二', p, idNumber(), 'right-pass-3301');
    const results = await Promise.all(
      Array.from({ length: 12 }, () => gql(`mutation($l: String!) { login(login: $l, password: "wrong-pass-0000") { token } }`, { l: p })),
    );
    const checked = results.filter((r) => r.errors?.[0].extensions?.code === 'UNAUTHENTICATED').length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(7);
  });

  it('answers `me` with null for a visitor', async () => {
    const r = await gql(`{ me { login } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.me).toBeNull();
  });
});
