import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to what a session's lookup returns notifies the channel `weimin_viewer` (with the user's id, or '*'
 * for everyone), whoever makes it — a request of any process, a job, an administrator in psql. The processes keep
 * the viewers of live sessions for a short while (modules/account/session-cache.ts) and drop them on the
 * notification. A notification is sent when its transaction commits, once per user and transaction.
 *
 * - user_session: a session ended (logout, password change, account disabled) or changed;
 * - app_user: the login, the name, the disabled flag or the temporary-password flag changed;
 * - role_assignment: a role granted, changed or revoked;
 * - jurisdiction: a path changed or a jurisdiction deleted (the grants carry the paths): everyone.
 */
export class ViewerNotify1766770000000 implements MigrationInterface {
  name = 'ViewerNotify1766770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION viewer_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_LEVEL = 'STATEMENT' THEN
          PERFORM pg_notify('weimin_viewer', '*');
          RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM pg_notify('weimin_viewer', OLD.user_id::text); END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM pg_notify('weimin_viewer', NEW.user_id::text); END IF;
        RETURN NULL;
      END $$;

      CREATE FUNCTION viewer_account_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('weimin_viewer', NEW.id::text);
        RETURN NULL;
      END $$;

      CREATE TRIGGER user_session_viewer AFTER UPDATE OR DELETE ON user_session
        FOR EACH ROW EXECUTE FUNCTION viewer_changed();
      CREATE TRIGGER role_assignment_viewer AFTER INSERT OR UPDATE OR DELETE ON role_assignment
        FOR EACH ROW EXECUTE FUNCTION viewer_changed();
      CREATE TRIGGER app_user_viewer AFTER UPDATE ON app_user
        FOR EACH ROW WHEN (OLD.login IS DISTINCT FROM NEW.login OR OLD.name IS DISTINCT FROM NEW.name
                           OR OLD.disabled IS DISTINCT FROM NEW.disabled OR OLD.must_change_password IS DISTINCT FROM NEW.must_change_password)
        EXECUTE FUNCTION viewer_account_changed();
      CREATE TRIGGER jurisdiction_viewer AFTER UPDATE OF path OR DELETE OR TRUNCATE ON jurisdiction
        FOR EACH STATEMENT EXECUTE FUNCTION viewer_changed();
      CREATE TRIGGER user_session_truncate_viewer AFTER TRUNCATE ON user_session
        FOR EACH STATEMENT EXECUTE FUNCTION viewer_changed();
      CREATE TRIGGER role_assignment_truncate_viewer AFTER TRUNCATE ON role_assignment
        FOR EACH STATEMENT EXECUTE FUNCTION viewer_changed();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER user_session_viewer ON user_session;
      DROP TRIGGER role_assignment_viewer ON role_assignment;
      DROP TRIGGER app_user_viewer ON app_user;
      DROP TRIGGER jurisdiction_viewer ON jurisdiction;
      DROP TRIGGER user_session_truncate_viewer ON user_session;
      DROP TRIGGER role_assignment_truncate_viewer ON role_assignment;
      DROP FUNCTION viewer_account_changed();
      DROP FUNCTION viewer_changed();
    `);
  }
}
