import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Going live: staff administration (home jurisdiction, temporary passwords, disabling), SMS verification codes,
 * and an audit log that answers subtree filters from an index.
 */
export class Accounts1765000000000 implements MigrationInterface {
  name = 'Accounts1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user
        -- the jurisdiction whose SYSTEM_ADMINs administer this staff account; null for citizens
        ADD COLUMN home_jurisdiction_id integer REFERENCES jurisdiction(id),
        -- set by a temporary password: nothing but changing it is allowed until it is changed
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
        ADD COLUMN disabled_reason text,
        ADD COLUMN disabled_at timestamptz,
        ADD COLUMN password_changed_at timestamptz,
        ADD COLUMN created_by uuid REFERENCES app_user(id);
      UPDATE app_user u SET home_jurisdiction_id = (
        SELECT r.jurisdiction_id FROM role_assignment r JOIN jurisdiction j ON j.id = r.jurisdiction_id
         WHERE r.user_id = u.id ORDER BY j.depth, j.code LIMIT 1);
      -- the staff list: keyset on login over staff accounts only (citizens are many and are not listed)
      CREATE INDEX app_user_staff_idx ON app_user (lower(login), id) WHERE home_jurisdiction_id IS NOT NULL;
      CREATE INDEX app_user_home_idx ON app_user (home_jurisdiction_id);

      ALTER TABLE role_assignment
        ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN created_by uuid REFERENCES app_user(id);
      CREATE INDEX role_assignment_jurisdiction_idx ON role_assignment (jurisdiction_id, role);

      CREATE TABLE verification_code (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        phone       text NOT NULL,
        purpose     text NOT NULL CHECK (purpose IN ('REGISTER','RESET_PASSWORD','CHANGE_PHONE')),
        user_id     uuid REFERENCES app_user(id) ON DELETE CASCADE,
        -- HMAC-SHA-256 of the code under a random per-row salt: the code itself is never stored
        code_hash   bytea NOT NULL,
        salt        bytea NOT NULL,
        attempts    integer NOT NULL DEFAULT 0,
        expires_at  timestamptz NOT NULL,
        used_at     timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now(),
        ip          text
      );
      CREATE INDEX verification_code_phone_idx ON verification_code (phone, purpose, created_at DESC);

      -- The jurisdiction ids of the acting jurisdiction's path, root first: scope[d] = X is "within X's subtree"
      -- for X at depth d-1, answered by one index per depth in the list's order.
      ALTER TABLE audit_log ADD COLUMN scope integer[];
      ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change;
      UPDATE audit_log a SET scope = string_to_array(rtrim(j.path, '.'), '.')::integer[]
        FROM jurisdiction j WHERE j.id = a.jurisdiction_id;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change;
      CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
      CREATE INDEX audit_log_scope1_idx ON audit_log ((scope[1]), at DESC, id DESC);
      CREATE INDEX audit_log_scope2_idx ON audit_log ((scope[2]), at DESC, id DESC);
      CREATE INDEX audit_log_scope3_idx ON audit_log ((scope[3]), at DESC, id DESC);
      CREATE INDEX audit_log_scope4_idx ON audit_log ((scope[4]), at DESC, id DESC);
      CREATE INDEX audit_log_user_idx ON audit_log (user_id, at DESC, id DESC);
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER audit_log_no_truncate ON audit_log;
      DROP INDEX audit_log_user_idx; DROP INDEX audit_log_scope4_idx; DROP INDEX audit_log_scope3_idx;
      DROP INDEX audit_log_scope2_idx; DROP INDEX audit_log_scope1_idx; DROP INDEX audit_log_at_idx;
      ALTER TABLE audit_log DROP COLUMN scope;
      DROP TABLE verification_code;
      DROP INDEX role_assignment_jurisdiction_idx;
      ALTER TABLE role_assignment DROP COLUMN created_at, DROP COLUMN created_by;
      DROP INDEX app_user_home_idx; DROP INDEX app_user_staff_idx;
      ALTER TABLE app_user DROP COLUMN home_jurisdiction_id, DROP COLUMN must_change_password, DROP COLUMN disabled_reason,
        DROP COLUMN disabled_at, DROP COLUMN password_changed_at, DROP COLUMN created_by;
    `);
  }
}
