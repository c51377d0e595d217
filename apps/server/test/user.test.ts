/**
 * Staff administration over HTTP, the way a city goes live: the city's administrator creates a county IT officer,
 * who staffs a township; temporary passwords must be changed; disabling counts from the next request; every step is
 * in the audit log with its actor.
 */
import { fails, gql, jurisdictionId, loginAs, ok, pickItem, submitWithPdfs, unique, withDb, JINAN, YUAN } from './helpers';

const MUCHANG = '341502100000'; // 木厂镇, 金安区
const ZHONGSHI = '341502001000'; // 中市街道, 金安区

const CREATE = `mutation($i: CreateStaffUserInput!) { createStaffUser(input: $i) { temporaryPassword user { id login mustChangePassword homeJurisdiction { code } } } }`;
const ASSIGN = `mutation($u: ID!, $r: Role!, $j: ID!) { assignRole(userId: $u, role: $r, jurisdictionId: $j) { id roles { id role jurisdiction { code } } } }`;
const ME = `{ me { id login mustChangePassword roles { role jurisdiction { code } } } }`;

async function countRows(sql: string, params: unknown[]): Promise<number> {
  return withDb(async (c) => (await c.query(sql, params)).rows[0].n);
}

describe('staff administration', () => {
  let admin: string;
  let ids: Record<string, string>;
  beforeAll(async () => {
    admin = await loginAs('admin');
    ids = {
      jinan: await jurisdictionId(JINAN),
      yuan: await jurisdictionId(YUAN),
      muchang: await jurisdictionId(MUCHANG),
      zhongshi: await jurisdictionId(ZHONGSHI),
    };
  });

  it('goes live: city admin → county IT officer → township clerk, with forced password changes, scope, disabling and the audit trail', async () => {
    // 1. the city admin creates the county IT officer and makes them SYSTEM_ADMIN at 金安区
    const officerLogin = unique('jinan.it');
    const created = await ok(CREATE, { i: { name: '金安区信息员', login: officerLogin, phone: null, homeJurisdictionId: ids.jinan } }, admin);
    const officer = created.createStaffUser;
    expect(officer.user).toMatchObject({ login: officerLogin, mustChangePassword: true, homeJurisdiction: { code: JINAN } });
    expect(officer.temporaryPassword).toMatch(/^\S{4}-\S{4}-\S{4}$/);
    await ok(ASSIGN, { u: officer.user.id, r: 'SYSTEM_ADMIN', j: ids.jinan }, admin);
    const stored = await withDb((c) => c.query(`SELECT password_hash FROM app_user WHERE id = $1`, [officer.user.id]));
    expect(stored.rows[0].password_hash).not.toContain(officer.temporaryPassword);

    // 2. the officer logs in with the temporary password: nothing but changing it is allowed
    const officerTemp = await loginAs(officerLogin, officer.temporaryPassword);
    const blocked = await fails(`{ users { totalCount } }`, {}, officerTemp);
    expect(blocked.extensions?.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await ok(ME, {}, officerTemp)).me.mustChangePassword).toBe(true);
    const same = await fails(`mutation($c: String!) { changePassword(current: $c, next: $c) { id } }`, { c: officer.temporaryPassword }, officerTemp);
    expect(same.extensions?.code).toBe('BAD_USER_INPUT');
    await ok(`mutation($c: String!) { changePassword(current: $c, next: "金安区-信息化-2026") { mustChangePassword } }`, { c: officer.temporaryPassword }, officerTemp);
    const officerToken = await loginAs(officerLogin, '金安区-信息化-2026');
    expect((await ok(ME, {}, officerToken)).me).toMatchObject({ mustChangePassword: false, roles: [{ role: 'SYSTEM_ADMIN', jurisdiction: { code: JINAN } }] });

    // 3. the officer creates a clerk for 木厂镇 and assigns CLERK there
    const clerkLogin = unique('muchang.clerk');
    const clerkCreated = (await ok(CREATE, { i: { name: '木厂镇窗口', login: clerkLogin, homeJurisdictionId: ids.muchang } }, officerToken)).createStaffUser;
    const assigned = await ok(ASSIGN, { u: clerkCreated.user.id, r: 'CLERK', j: ids.muchang }, officerToken);
    expect(assigned.assignRole.roles).toMatchObject([{ role: 'CLERK', jurisdiction: { code: MUCHANG } }]);

    // 4. …and is refused at 裕安区, outside the county: FORBIDDEN, nothing changed
    const before = await countRows(`SELECT count(*)::int AS n FROM role_assignment WHERE user_id = $1`, [clerkCreated.user.id]);
    const auditBefore = await countRows(`SELECT count(*)::int AS n FROM audit_log`, []);
    const outside = await fails(ASSIGN, { u: clerkCreated.user.id, r: 'CLERK', j: ids.yuan }, officerToken);
    expect(outside.extensions?.code).toBe('FORBIDDEN');
    const selfLevel = await fails(ASSIGN, { u: clerkCreated.user.id, r: 'SYSTEM_ADMIN', j: ids.jinan }, officerToken);
    expect(selfLevel.extensions?.code).toBe('FORBIDDEN');
    const elsewhere = await fails(CREATE, { i: { name: '裕安区某人', login: unique('yuan.x'), homeJurisdictionId: ids.yuan } }, officerToken);
    expect(elsewhere.extensions?.code).toBe('FORBIDDEN');
    const demoClerk = await withDb(async (c) => (await c.query(`SELECT id FROM app_user WHERE login = 'yuan.clerk'`)).rows[0].id);
    expect((await fails(`mutation($u: ID!) { resetUserPassword(userId: $u) { temporaryPassword } }`, { u: demoClerk }, officerToken)).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(`query($u: ID!) { user(id: $u) { login } }`, { u: demoClerk }, officerToken)).extensions?.code).toBe('FORBIDDEN');
    expect(await countRows(`SELECT count(*)::int AS n FROM role_assignment WHERE user_id = $1`, [clerkCreated.user.id])).toBe(before);
    expect(await countRows(`SELECT count(*)::int AS n FROM app_user WHERE home_jurisdiction_id = $1 AND created_by = $2`, [ids.yuan, officer.user.id])).toBe(0);
    expect(await countRows(`SELECT count(*)::int AS n FROM audit_log WHERE user_id = $1 AND at > now() - interval '1 minute' AND action IN ('assignRole','createStaffUser','resetUserPassword')`, [officer.user.id])).toBe(2);
    expect(await countRows(`SELECT count(*)::int AS n FROM audit_log`, [])).toBeGreaterThanOrEqual(auditBefore);

    // the officer's list holds the clerk, not the 裕安区 staff
    // (searched: other suites add many accounts to 金安区)
    const find = async (q: string) =>
      (await ok(`query($s: String) { users(filter: { search: $s }, first: 100) { nodes { login } } }`, { s: q }, officerToken)).users.nodes.map((n: any) => n.login);
    expect(await find(clerkLogin)).toEqual([clerkLogin]);
    expect(await find('jinan.clerk')).toEqual(['jinan.clerk']);
    expect(await find('yuan.clerk')).toEqual([]);

    // 5. applications at 木厂镇 and at 中市街道
    const citizen = await loginAs('citizen');
    const item = await pickItem(ids.muchang);
    const atMuchang = await submitWithPdfs(citizen, item, ids.muchang);
    const atZhongshi = await submitWithPdfs(citizen, await pickItem(ids.zhongshi), ids.zhongshi);

    // 6. the clerk logs in with the temporary password, must change it, then sees exactly 木厂镇's applications
    const clerkTemp = await loginAs(clerkLogin, clerkCreated.temporaryPassword);
    const queue = `{ applications(first: 100) { totalCount nodes { id jurisdiction { code } } } }`;
    expect((await fails(queue, {}, clerkTemp)).extensions?.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await ok(`mutation($c: String!) { changePassword(current: $c, next: "木厂镇-窗口-受理-88") { id } }`, { c: clerkCreated.temporaryPassword }, clerkTemp);
    // the session that changed the password stays; it now has the clerk's grants
    const seen = await ok(queue, {}, clerkTemp);
    const seenIds = seen.applications.nodes.map((n: any) => n.id);
    expect(seenIds).toContain(atMuchang.id);
    expect(seenIds).not.toContain(atZhongshi.id);
    const inMuchang = await countRows(
      `SELECT count(*)::int AS n FROM application a JOIN jurisdiction j ON j.id = a.jurisdiction_id WHERE j.path LIKE (SELECT path FROM jurisdiction WHERE code = $1) || '%'`,
      [MUCHANG],
    );
    expect(seen.applications.totalCount).toBe(inMuchang);
    const codes: string[] = seen.applications.nodes.map((n: any) => n.jurisdiction.code);
    expect(codes.every((c) => c.startsWith('341502100'))).toBe(true);

    // 7. disabling the clerk ends the live session on its next request
    const reasonless = await fails(`mutation($u: ID!) { setUserDisabled(userId: $u, disabled: true) { disabled } }`, { u: clerkCreated.user.id }, officerToken);
    expect(reasonless.extensions?.field).toBe('reason');
    await ok(`mutation($u: ID!) { setUserDisabled(userId: $u, disabled: true, reason: "调离岗位") { disabled } }`, { u: clerkCreated.user.id }, officerToken);
    const after = await gql(queue, {}, clerkTemp);
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(ME, {}, clerkTemp)).data?.me).toBeNull();
    // a disabled account is named as such only after the right password
    const wrong = await fails(`mutation($l: String!) { login(login: $l, password: "not-it-at-all-1") { token } }`, { l: clerkLogin });
    expect(wrong.extensions?.code).toBe('UNAUTHENTICATED');
    const right = await fails(`mutation($l: String!) { login(login: $l, password: "木厂镇-窗口-受理-88") { token } }`, { l: clerkLogin });
    expect(right.extensions?.code).toBe('ACCOUNT_DISABLED');

    // 8. the audit log shows each step with its actor
    const log = await ok(
      `query($j: ID!) { auditLog(filter: { jurisdictionId: $j }, first: 100) { nodes { action actorLogin entityId roles ip jurisdiction { code } before after at } } }`,
      { j: ids.jinan },
      admin,
    );
    const steps = log.auditLog.nodes.filter((n: any) => [officer.user.id, clerkCreated.user.id].includes(n.entityId) || [officer.user.id, clerkCreated.user.id].includes(n.after?.userId));
    const seq = steps.map((s: any) => `${s.action}:${s.actorLogin}`).reverse();
    expect(seq).toEqual([
      `createStaffUser:admin`,
      `assignRole:admin`,
      `changePassword:${officerLogin}`,
      `createStaffUser:${officerLogin}`,
      `assignRole:${officerLogin}`,
      `changePassword:${clerkLogin}`,
      `disableUser:${officerLogin}`,
    ]);
    const disable = steps.find((s: any) => s.action === 'disableUser');
    expect(disable).toMatchObject({ before: { disabled: false }, after: { disabled: true, reason: '调离岗位' }, jurisdiction: { code: MUCHANG } });
    expect(disable.roles).toMatch(/SYSTEM_ADMIN@/);
    expect(disable.ip).toBeTruthy();
    // the officer reads the county's log, not the city's; a clerk reads none
    expect((await fails(`query($j: ID!) { auditLog(filter: { jurisdictionId: $j }) { nodes { id } } }`, { j: ids.yuan }, officerToken)).extensions?.code).toBe('FORBIDDEN');
    const officerLog = await ok(`{ auditLog(first: 50) { nodes { jurisdiction { code } } } }`, {}, officerToken);
    expect(officerLog.auditLog.nodes.every((n: any) => n.jurisdiction.code.startsWith('341502'))).toBe(true);
    expect((await fails(`{ auditLog { nodes { id } } }`, {}, await loginAs('jinan.clerk'))).extensions?.code).toBe('FORBIDDEN');
  });

  it('revoking a role counts from the next request of a live session', async () => {
    const login = unique('revoke.me');
    const c = (await ok(CREATE, { i: { name: '临时', login, homeJurisdictionId: ids.jinan } }, admin)).createStaffUser;
    const granted = await ok(ASSIGN, { u: c.user.id, r: 'CLERK', j: ids.jinan }, admin);
    const temp = await loginAs(login, c.temporaryPassword);
    await ok(`mutation($c: String!) { changePassword(current: $c, next: "撤销角色-测试-7781") { id } }`, { c: c.temporaryPassword }, temp);
    await ok(`{ applications(first: 1) { totalCount } }`, {}, temp);
    await ok(`mutation($a: ID!) { revokeRole(assignmentId: $a) { id } }`, { a: granted.assignRole.roles[0].id }, admin);
    expect((await fails(`{ applications(first: 1) { totalCount } }`, {}, temp)).extensions?.code).toBe('FORBIDDEN');
  });

  it('resets a password to a new one-time password, ending sessions; pages users by login with filters', async () => {
    const login = unique('aa.reset');
    const c = (await ok(CREATE, { i: { name: '重置测试', login, homeJurisdictionId: ids.jinan } }, admin)).createStaffUser;
    const temp = await loginAs(login, c.temporaryPassword);
    const r = await ok(`mutation($u: ID!) { resetUserPassword(userId: $u) { temporaryPassword user { mustChangePassword } } }`, { u: c.user.id }, admin);
    expect(r.resetUserPassword.temporaryPassword).not.toBe(c.temporaryPassword);
    expect((await gql(ME, {}, temp)).data?.me).toBeNull();
    await loginAs(login, r.resetUserPassword.temporaryPassword);

    const taken = await fails(CREATE, { i: { name: '重名', login: login.toUpperCase(), homeJurisdictionId: ids.jinan } }, admin);
    expect(taken.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.login', messageKey: 'user.loginTaken' });

    const page1 = await ok(`{ users(filter: { jurisdictionId: "${ids.jinan}" }, first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { login } } }`, {}, admin);
    expect(page1.users.nodes).toHaveLength(2);
    expect(page1.users.pageInfo.hasNextPage).toBe(true);
    const page2 = await ok(`query($a: String) { users(filter: { jurisdictionId: "${ids.jinan}" }, first: 2, after: $a) { nodes { login } } }`, { a: page1.users.pageInfo.endCursor }, admin);
    const all = [...page1.users.nodes, ...page2.users.nodes].map((n: any) => n.login.toLowerCase());
    expect([...all].sort()).toEqual(all);
    expect(new Set(all).size).toBe(4);
    const clerks = await ok(`{ users(filter: { role: CLERK, jurisdictionId: "${ids.yuan}" }, first: 100) { nodes { login } } }`, {}, admin);
    expect(clerks.users.nodes.map((n: any) => n.login)).toContain('yuan.clerk');
    expect(clerks.users.nodes.map((n: any) => n.login)).not.toContain('jinan.clerk');
    const found = await ok(`query($s: String!) { users(filter: { search: $s }) { nodes { login } } }`, { s: login.slice(0, 12) }, admin);
    expect(found.users.nodes.map((n: any) => n.login)).toContain(login);
  });

  it('the audit log cannot be changed or removed, not even by the database owner', async () => {
    await withDb(async (c) => {
      await expect(c.query(`UPDATE audit_log SET action = 'x' WHERE id = (SELECT min(id) FROM audit_log)`)).rejects.toThrow(/append-only/);
      await expect(c.query(`DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)`)).rejects.toThrow(/append-only/);
      await expect(c.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    });
  });
});

describe('npm run admin:create', () => {
  it('creates the first administrator with a one-time password that must be changed', async () => {
    const { execFileSync } = await import('node:child_process');
    const path = await import('node:path');
    const script = path.resolve(__dirname, '..', 'dist', 'scripts', 'create-admin.js');
    const login = unique('first.admin');
    const phoneNo = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const out = execFileSync(process.execPath, [script, '--login', login, '--name', '市信息中心', '--phone', phoneNo], {
      env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL_RUN },
      encoding: 'utf8',
    });
    const password = /One-time password[^:]*: (\S+)/.exec(out)?.[1];
    expect(password).toBeTruthy();
    const token = await loginAs(login, password);
    expect((await ok(`{ me { mustChangePassword roles { role jurisdiction { code } } } }`, {}, token)).me).toEqual({
      mustChangePassword: true,
      roles: [{ role: 'SYSTEM_ADMIN', jurisdiction: { code: '341500000000' } }],
    });
    expect((await fails(`{ users { totalCount } }`, {}, token)).extensions?.code).toBe('PASSWORD_CHANGE_REQUIRED');
    let bad = '';
    try {
      execFileSync(process.execPath, [script, '--login', '1bad', '--name', 'x', '--phone', '123'], { env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL_RUN }, encoding: 'utf8', stdio: 'pipe' });
    } catch (e: any) {
      bad = String(e.stderr);
    }
    expect(bad).toMatch(/--login/);
    expect(bad).toMatch(/--phone/);
  });
});

describe('settings: coverage targets', () => {
  const Q = `{ coverageTargets { version levels { level built standardized } } }`;
  const M = `mutation($i: CoverageTargetsInput!) { updateCoverageTargets(input: $i) { version levels { level built standardized } } }`;

  it('starts from the policy figures, adds a version per change, refuses county administrators and bad shares by field', async () => {
    const admin = await loginAs('admin');
    const first = (await ok(Q, {}, admin)).coverageTargets;
    expect(first.levels.find((l: any) => l.level === 'TOWNSHIP').standardized).toBe(0.9);
    expect(first.levels.find((l: any) => l.level === 'CITY')).toEqual({ level: 'CITY', built: null, standardized: 1 });
    expect(first.levels.find((l: any) => l.level === 'VILLAGE').built).toBe(0.8);
    const county = await fails(M, { i: { levels: [{ level: 'CITY', built: 1 }] } }, await loginAs('jinan.admin'));
    expect(county.extensions?.code).toBe('FORBIDDEN');
    const bad = await fails(M, { i: { levels: [{ level: 'CITY', built: 1 }, { level: 'TOWNSHIP', built: 1.5 }] } }, admin);
    expect(bad.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.extensions?.field).toBe('input.levels.1.built');
    expect((await ok(Q, {}, admin)).coverageTargets.version).toBe(first.version);
    // a change, then back: each adds a version, audited with before and after (the city level: other suites read
    // the county's coverage meanwhile)
    const changed = (await ok(M, { i: { levels: [{ level: 'CITY', built: 1 }] } }, admin)).updateCoverageTargets;
    expect(changed.version).toBe(first.version + 1);
    expect(changed.levels.find((l: any) => l.level === 'CITY')).toEqual({ level: 'CITY', built: 1, standardized: 1 });
    const back = (await ok(M, { i: { levels: [{ level: 'CITY', built: null }] } }, admin)).updateCoverageTargets;
    expect(back.levels).toEqual(first.levels);
    const log = await ok(`{ auditLog(filter: { action: "updateCoverageTargets" }, first: 2) { nodes { actorLogin before after } } }`, {}, admin);
    expect(log.auditLog.nodes[1]).toMatchObject({ actorLogin: 'admin', before: { CITY: { built: null } }, after: { CITY: { built: 1, standardized: 1 } } });
  });
});
