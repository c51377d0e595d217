/**
 * `npm run admin:create -- --login … --name … --phone … [--jurisdiction CODE]`: the first system administrator of a
 * real deployment, against DATABASE_URL. Prints a one-time password, to be changed at the first login. The
 * administrator is SYSTEM_ADMIN at the root of the tree (or at --jurisdiction); the creation is in the audit log.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { isValidMobile } from '@weimin/domain';
import { createDataSource, migrate } from '../db/data-source';
import { hashPassword, temporaryPassword } from '../modules/account/account.service';
import { LOGIN_PATTERN } from '../modules/user/user.service';

const USAGE = 'usage: DATABASE_URL=postgres://… npm run admin:create -- --login LOGIN --name NAME --phone MOBILE [--jurisdiction CODE]';

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: { login: { type: 'string' }, name: { type: 'string' }, phone: { type: 'string' }, jurisdiction: { type: 'string' } },
  });
  const url = process.env.DATABASE_URL;
  const login = values.login?.trim() ?? '';
  const name = values.name?.trim() ?? '';
  const phone = values.phone?.trim() ?? '';
  const problems = [
    !url && 'DATABASE_URL is not set',
    !LOGIN_PATTERN.test(login) && '--login: 3–50 letters, digits, dot, dash or underscore, starting with a letter',
    (!name || name.length > 50) && '--name: 1–50 characters',
    !isValidMobile(phone) && '--phone: a mainland mobile number',
  ].filter(Boolean);
  if (problems.length) {
    console.error([...problems, USAGE].join('\n'));
    process.exitCode = 2;
    return;
  }
  const ds = createDataSource(url as string, 2);
  await ds.initialize();
  try {
    await migrate(ds);
    const roots: Array<{ id: number; code: string; name: string }> = values.jurisdiction
      ? await ds.query(`SELECT id, code, name FROM jurisdiction WHERE code = $1`, [values.jurisdiction])
      : await ds.query(`SELECT id, code, name FROM jurisdiction WHERE parent_id IS NULL ORDER BY code`);
    if (roots.length !== 1) {
      console.error(roots.length
        ? `The tree has several roots (${roots.map((r) => `${r.code} ${r.name}`).join(', ')}): give --jurisdiction CODE`
        : values.jurisdiction ? `No jurisdiction ${values.jurisdiction}` : 'No jurisdictions yet: load the tree first (npm run import:jurisdictions -- FILE.csv)');
      process.exitCode = 1;
      return;
    }
    const clash = await ds.query(`SELECT 1 FROM app_user WHERE lower(login) = lower($1) OR phone = $2 OR lower(login) = $2`, [login, phone]);
    if (clash.length) {
      console.error('An account with this login or phone already exists');
      process.exitCode = 1;
      return;
    }
    const password = temporaryPassword();
    const hash = await hashPassword(password);
    const root = roots[0];
    await ds.transaction(async (m) => {
      const [{ id }] = await m.query(
        `INSERT INTO app_user (login, name, phone, password_hash, must_change_password, home_jurisdiction_id) VALUES ($1, $2, $3, $4, true, $5) RETURNING id`,
        [login, name, phone, hash, root.id],
      );
      await m.query(`INSERT INTO role_assignment (user_id, role, jurisdiction_id) VALUES ($1, 'SYSTEM_ADMIN', $2)`, [id, root.id]);
      await m.query(
        `INSERT INTO audit_log (user_id, roles, jurisdiction_id, scope, action, entity, entity_id, after, request_id)
         SELECT NULL, 'admin:create', j.id, string_to_array(rtrim(j.path, '.'), '.')::integer[], 'createAdministrator', 'User', $2, $3, 'admin:create'
           FROM jurisdiction j WHERE j.id = $1`,
        [root.id, id, JSON.stringify({ login, name, role: 'SYSTEM_ADMIN', jurisdiction: root.code })],
      );
    });
    console.log(`Created ${login} (${name}), SYSTEM_ADMIN at ${root.code} ${root.name}.`);
    console.log(`One-time password (shown only now; it must be changed at the first login): ${password}`);
  } finally {
    await ds.destroy();
  }
}

run().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
