import { BASE, DEMO_PASSWORD, fails, gql, loginAs, ok, unique, withDb } from './helpers';

const REGISTER = `mutation($i: RegisterInput!) { register(input: $i) { token user { id name phone idNumber roles { role } } } }`;

/** A valid 18-digit ID number with its GB 11643 check digit, unique per call. */
function idNumber(): string {
  const birth = `19${60 + Math.floor(Math.random() * 39)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}`;
  const body = `341502${birth}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = body.split('').reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}
const phone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

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
    await ok(REGISTER, { i: { name: '王五', phone: p, idNumber: idNumber(), password: 'correct-horse-1' } });
    for (let i = 0; i < 5; i++) await fails(`mutation($l: String!) { login(login: $l, password: "bad-password") { token } }`, { l: p });
    const locked = await fails(`mutation($l: String!) { login(login: $l, password: "correct-horse-1") { token } }`, { l: p });
    expect(locked.extensions?.code).toBe('RATE_LIMITED');
    expect(await loginAs('citizen')).toBeTruthy();
  });

  it('registers a citizen with a valid ID number and phone, showing them their own data unmasked', async () => {
    const id = idNumber();
    const p = phone();
    const d = await ok(REGISTER, { i: { name: '赵六', phone: p, idNumber: id, password: 'a-good-password' } });
    expect(d.register.user).toMatchObject({ name: '赵六', phone: p, idNumber: id, roles: [{ role: 'CITIZEN' }] });
    const me = await ok(`{ me { login } }`, {}, d.register.token);
    expect(me.me.login).toBe(p);
  });

  it.each([
    ['idNumber', { idNumber: '341502199001011234' }, /idNumber/],
    ['phone', { phone: '12345' }, /phone/],
    ['password', { password: 'short' }, /password/],
    ['name', { name: '' }, /name/],
  ])('refuses registration with a bad %s, naming the field, and creates nothing', async (field, patch, pattern) => {
    const p = phone();
    const err = await fails(REGISTER, { i: { name: '钱七', phone: p, idNumber: idNumber(), password: 'a-good-password', ...patch } });
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err.extensions?.field).toBe(`input.${field}`);
    expect(err.message).toMatch(pattern);
    const n = await withDb((c) => c.query(`SELECT count(*)::int AS n FROM app_user WHERE phone = $1`, [(patch as any).phone ?? p]));
    expect(n.rows[0].n).toBe(0);
  });

  it('refuses a second registration with the same ID number', async () => {
    const id = idNumber();
    await ok(REGISTER, { i: { name: '孙八', phone: phone(), idNumber: id, password: 'a-good-password' } });
    const err = await fails(REGISTER, { i: { name: '孙八', phone: phone(), idNumber: id, password: 'a-good-password' } });
    expect(err.extensions?.field).toBe('input.idNumber');
  });

  it('answers `me` with null for a visitor', async () => {
    const r = await gql(`{ me { login } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.me).toBeNull();
  });
});
