import { MigrationInterface, QueryRunner } from 'typeorm';

/** Applications (办件): files, the lifecycle with its history, notices, suspensions, calendar overrides, outbox. */
export class Applications1764100000000 implements MigrationInterface {
  name = 'Applications1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Days the city administrator adds or corrects where the holiday package does not know a year.
      CREATE TABLE calendar_override (
        date        date PRIMARY KEY,
        working     boolean NOT NULL,
        name        text,
        updated_by  uuid REFERENCES app_user(id),
        updated_at  timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE stored_file (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id      uuid NOT NULL REFERENCES app_user(id),
        original_name text NOT NULL,
        mime_type     text NOT NULL,
        size_bytes    integer NOT NULL CHECK (size_bytes > 0),
        sha256        text NOT NULL,
        storage_key   text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX stored_file_owner_idx ON stored_file (owner_id, created_at);

      CREATE SEQUENCE application_number_seq;

      CREATE TABLE application (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number                text NOT NULL UNIQUE,
        lookup_code           text NOT NULL,
        status                text NOT NULL CHECK (status IN ('SUBMITTED','DEFICIENT','ACCEPTED','SUSPENDED','COMPLETED','DELIVERED','REJECTED','WITHDRAWN','LAPSED')),
        service_item_id       uuid NOT NULL REFERENCES service_item(id),
        item_version_id       uuid NOT NULL REFERENCES service_item_version(id),
        jurisdiction_id       integer NOT NULL REFERENCES jurisdiction(id),
        applicant_user_id     uuid REFERENCES app_user(id),
        applicant_name        text NOT NULL,
        applicant_id_number   text NOT NULL,
        applicant_phone       text,
        submitted_by          uuid NOT NULL REFERENCES app_user(id),
        on_behalf             boolean NOT NULL DEFAULT false,
        consent               jsonb,
        form_data             jsonb NOT NULL DEFAULT '{}',
        idempotency_key       text NOT NULL,
        submitted_at          timestamptz NOT NULL DEFAULT now(),
        received_on           date NOT NULL,
        accepted_at           timestamptz,
        accepted_on           date,
        deemed_accepted       boolean NOT NULL DEFAULT false,
        receipt_number        text,
        due_date              date,
        supplement_deadline   date,
        completed_at          timestamptz,
        delivered_at          timestamptz,
        decision              jsonb,
        rejection             jsonb,
        delivery              jsonb,
        withdrawal_reason     text,
        version               integer NOT NULL DEFAULT 1,
        updated_at            timestamptz NOT NULL DEFAULT now(),
        UNIQUE (submitted_by, idempotency_key)
      );
      CREATE INDEX application_queue_idx ON application (jurisdiction_id, status, due_date);
      CREATE INDEX application_applicant_idx ON application (applicant_user_id, submitted_at DESC);
      CREATE INDEX application_submitter_idx ON application (submitted_by, submitted_at DESC);
      CREATE INDEX application_open_submitted_idx ON application (received_on) WHERE status = 'SUBMITTED';
      CREATE INDEX application_open_deficient_idx ON application (supplement_deadline) WHERE status = 'DEFICIENT';

      -- Materials handed in, per requirement of the pinned item version; a supplement adds a new round.
      CREATE TABLE application_material (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id  uuid NOT NULL REFERENCES application(id),
        requirement     text NOT NULL,
        file_id         uuid NOT NULL REFERENCES stored_file(id),
        round           integer NOT NULL,
        added_at        timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX application_material_app_idx ON application_material (application_id, round);

      CREATE TABLE application_event (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id  uuid NOT NULL REFERENCES application(id),
        action          text NOT NULL,
        from_status     text,
        to_status       text NOT NULL,
        at              timestamptz NOT NULL DEFAULT now(),
        actor_id        uuid REFERENCES app_user(id),
        actor_role      text NOT NULL,
        note            text
      );
      CREATE INDEX application_event_app_idx ON application_event (application_id, id);

      CREATE TABLE deficiency_notice (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id      uuid NOT NULL REFERENCES application(id),
        sequence            integer NOT NULL,
        issued_at           timestamptz NOT NULL DEFAULT now(),
        issued_by           uuid REFERENCES app_user(id),
        items               jsonb NOT NULL,
        supplement_deadline date NOT NULL,
        is_repeat           boolean NOT NULL,
        UNIQUE (application_id, sequence)
      );

      CREATE TABLE suspension (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id  uuid NOT NULL REFERENCES application(id),
        kind            text NOT NULL,
        reason          text NOT NULL,
        from_date       date NOT NULL,
        to_date         date,
        created_by      uuid REFERENCES app_user(id)
      );
      CREATE INDEX suspension_app_idx ON suspension (application_id);

      -- Written in the same transaction as the event; a worker delivers and marks them.
      CREATE TABLE notification (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id         uuid REFERENCES app_user(id),
        phone           text,
        application_id  uuid REFERENCES application(id),
        kind            text NOT NULL,
        title           text NOT NULL,
        body            text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        delivered_at    timestamptz,
        attempts        integer NOT NULL DEFAULT 0,
        last_error      text,
        read_at         timestamptz
      );
      CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC);
      CREATE INDEX notification_pending_idx ON notification (created_at) WHERE delivered_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE notification; DROP TABLE suspension; DROP TABLE deficiency_notice; DROP TABLE application_event;
      DROP TABLE application_material; DROP TABLE application; DROP SEQUENCE application_number_seq;
      DROP TABLE stored_file; DROP TABLE calendar_override;
    `);
  }
}
