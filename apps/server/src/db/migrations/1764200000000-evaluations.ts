import { MigrationInterface, QueryRunner } from 'typeorm';

/** Evaluations (好差评), rectifications of bad ones, and the city's policy settings. */
export class Evaluations1764200000000 implements MigrationInterface {
  name = 'Evaluations1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Policy as configuration: one row per key, JSON value (e.g. rectificationDeadlineDays, defaultGradeAfterDays,
      -- warningWorkingDays, coverage targets per level, minimum hall areas, assessment minimum sample).
      CREATE TABLE policy_setting (
        key         text PRIMARY KEY,
        value       jsonb NOT NULL,
        updated_by  uuid REFERENCES app_user(id),
        updated_at  timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE evaluation (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id   uuid NOT NULL UNIQUE REFERENCES application(id),
        jurisdiction_id  integer NOT NULL REFERENCES jurisdiction(id),
        service_item_id  uuid NOT NULL REFERENCES service_item(id),
        grade            smallint NOT NULL CHECK (grade BETWEEN 1 AND 5),
        -- the five national online indicators, each 1–5
        overall          smallint NOT NULL CHECK (overall BETWEEN 1 AND 5),
        efficiency       smallint NOT NULL CHECK (efficiency BETWEEN 1 AND 5),
        guide_accuracy   smallint NOT NULL CHECK (guide_accuracy BETWEEN 1 AND 5),
        convenience      smallint NOT NULL CHECK (convenience BETWEEN 1 AND 5),
        ease_of_use      smallint NOT NULL CHECK (ease_of_use BETWEEN 1 AND 5),
        comment          text,
        evaluated_by     uuid REFERENCES app_user(id),
        is_default       boolean NOT NULL DEFAULT false,
        created_at       timestamptz NOT NULL DEFAULT now(),
        evaluated_on     date NOT NULL,
        excluded         boolean NOT NULL DEFAULT false,
        excluded_reason  text,
        excluded_by      uuid REFERENCES app_user(id),
        excluded_at      timestamptz
      );
      CREATE INDEX evaluation_place_day_idx ON evaluation (jurisdiction_id, evaluated_on);

      CREATE TABLE rectification (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        evaluation_id    uuid NOT NULL UNIQUE REFERENCES evaluation(id),
        application_id   uuid NOT NULL REFERENCES application(id),
        jurisdiction_id  integer NOT NULL REFERENCES jurisdiction(id),
        status           text NOT NULL CHECK (status IN ('OPEN','RESPONDED','CLOSED')),
        deadline         date NOT NULL,
        verification     text,
        response         text,
        responded_at     timestamptz,
        responded_by     uuid REFERENCES app_user(id),
        follow_up        text,
        closed_at        timestamptz,
        closed_by        uuid REFERENCES app_user(id),
        created_at       timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX rectification_place_idx ON rectification (jurisdiction_id, status, deadline);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rectification; DROP TABLE evaluation; DROP TABLE policy_setting;`);
  }
}
