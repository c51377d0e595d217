import { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, the jurisdiction tree, service centres and the versioned service catalogue. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE jurisdiction (
        id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        code        varchar(12) NOT NULL UNIQUE CHECK (code ~ '^[0-9]{12}$'),
        name        text NOT NULL,
        level       text NOT NULL CHECK (level IN ('CITY','COUNTY','TOWNSHIP','VILLAGE')),
        parent_id   integer REFERENCES jurisdiction(id),
        -- materialised path of ids, root first, each followed by '.': a subtree is a prefix range
        path        text NOT NULL,
        depth       smallint NOT NULL
      );
      CREATE INDEX jurisdiction_parent_idx ON jurisdiction (parent_id, code);
      CREATE INDEX jurisdiction_path_idx ON jurisdiction (path text_pattern_ops);
      CREATE INDEX jurisdiction_level_idx ON jurisdiction (level, code);

      CREATE TABLE service_center (
        id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        jurisdiction_id integer NOT NULL UNIQUE REFERENCES jurisdiction(id),
        name            text NOT NULL,
        status          text NOT NULL CHECK (status IN ('PLANNED','BUILT')),
        hall_area       numeric(9,1) CHECK (hall_area >= 0),
        facilities      text[] NOT NULL DEFAULT '{}',
        windows         integer NOT NULL DEFAULT 0 CHECK (windows >= 0),
        address         text,
        phone           text,
        opening_hours   text,
        version         integer NOT NULL DEFAULT 1,
        updated_at      timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE app_user (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        login          text NOT NULL,
        name           text NOT NULL,
        phone          text,
        id_number      text,
        password_hash  text NOT NULL,
        disabled       boolean NOT NULL DEFAULT false,
        created_at     timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX app_user_login_key ON app_user (lower(login));
      CREATE UNIQUE INDEX app_user_phone_key ON app_user (phone) WHERE phone IS NOT NULL;
      CREATE UNIQUE INDEX app_user_id_number_key ON app_user (id_number) WHERE id_number IS NOT NULL;

      CREATE TABLE role_assignment (
        id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id         uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        role            text NOT NULL CHECK (role IN ('CITIZEN','AGENT','CLERK','DIRECTORY_ADMIN','SUPERVISOR','SYSTEM_ADMIN')),
        jurisdiction_id integer REFERENCES jurisdiction(id),
        CHECK ((role = 'CITIZEN') = (jurisdiction_id IS NULL))
      );
      CREATE UNIQUE INDEX role_assignment_key ON role_assignment (user_id, role, coalesce(jurisdiction_id, 0));

      CREATE TABLE user_session (
        token_hash    bytea PRIMARY KEY,
        user_id       uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        created_at    timestamptz NOT NULL DEFAULT now(),
        expires_at    timestamptz NOT NULL,
        ip            text,
        user_agent    text
      );
      CREATE INDEX user_session_user_idx ON user_session (user_id);

      -- The working copy an administrator edits; what citizens see is the published version.
      CREATE TABLE service_item (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id                integer NOT NULL REFERENCES jurisdiction(id),
        code                    text NOT NULL,
        status                  text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','PUBLISHED','WITHDRAWN')),
        version                 integer NOT NULL DEFAULT 1,
        published_version_id    uuid,
        has_unpublished_changes boolean NOT NULL DEFAULT true,
        withdrawn_reason        text,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        updated_by              uuid REFERENCES app_user(id),
        content                 jsonb NOT NULL,
        UNIQUE (owner_id, code)
      );
      CREATE INDEX service_item_owner_idx ON service_item (owner_id, status);

      -- Published versions: immutable, insert only. Applications pin one of these.
      CREATE TABLE service_item_version (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id         uuid NOT NULL REFERENCES service_item(id),
        version_no      integer NOT NULL,
        owner_id        integer NOT NULL REFERENCES jurisdiction(id),
        code            text NOT NULL,
        name            text NOT NULL,
        type            text NOT NULL,
        category        text NOT NULL,
        handling_level  text NOT NULL,
        content         jsonb NOT NULL,
        published_at    timestamptz NOT NULL DEFAULT now(),
        published_by    uuid REFERENCES app_user(id),
        UNIQUE (item_id, version_no)
      );
      ALTER TABLE service_item ADD CONSTRAINT service_item_published_version_fk
        FOREIGN KEY (published_version_id) REFERENCES service_item_version(id);

      -- What the public catalogue reads: the live published version of every published item.
      CREATE INDEX service_item_version_live_idx ON service_item_version (owner_id, handling_level, category, code);

      CREATE TABLE audit_log (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at              timestamptz NOT NULL DEFAULT now(),
        user_id         uuid REFERENCES app_user(id),
        roles           text,
        jurisdiction_id integer REFERENCES jurisdiction(id),
        action          text NOT NULL,
        entity          text NOT NULL,
        entity_id       text,
        before          jsonb,
        after           jsonb,
        ip              text,
        request_id      text
      );
      CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, at);
      -- Append-only: the application may insert, never change or remove.
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

      CREATE TABLE login_limit (
        key     text PRIMARY KEY,
        points  integer NOT NULL DEFAULT 0,
        expire  bigint
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE login_limit; DROP TABLE audit_log; DROP FUNCTION audit_log_append_only();
      ALTER TABLE service_item DROP CONSTRAINT service_item_published_version_fk;
      DROP TABLE service_item_version; DROP TABLE service_item; DROP TABLE user_session;
      DROP TABLE role_assignment; DROP TABLE app_user; DROP TABLE service_center; DROP TABLE jurisdiction;
    `);
  }
}
