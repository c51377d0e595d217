import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Linkage across the levels (四级联动): the handling chain on the item version, a row per stage an application
 * passes, the current stage denormalised onto the application (the clerk's stage queue is served by one index),
 * objections to public notices, walk-in paper originals and the station's pre-check on deficiency notices.
 */
export class Linkage1765100000000 implements MigrationInterface {
  name = 'Linkage1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Where a chain collects (代收): the catalogue lists an item at that level too. Derived from the content.
      ALTER TABLE service_item_version ADD COLUMN collect_level text
        GENERATED ALWAYS AS (jsonb_path_query_first(content, '$.chain[*] ? (@.kind == "COLLECT").level') #>> '{}') STORED;
      CREATE INDEX service_item_version_collect_idx ON service_item_version (owner_id, collect_level, category, code) WHERE collect_level IS NOT NULL;

      ALTER TABLE application
        ADD COLUMN stage_index        integer,
        ADD COLUMN stage_kind         text,
        ADD COLUMN stage_center_id    integer REFERENCES jurisdiction(id),
        ADD COLUMN stage_center_path  text,
        ADD COLUMN stage_arrived_on   date,
        ADD COLUMN stage_due_on       date,
        ADD COLUMN referred_to_id     integer REFERENCES jurisdiction(id),
        ADD COLUMN extension          jsonb,
        ADD COLUMN no_phone           boolean NOT NULL DEFAULT false,
        ADD COLUMN paper_originals    text[] NOT NULL DEFAULT '{}';
      -- The stage queue: applications now at a stage of a centre, soonest due first (keyset on due date, id).
      CREATE INDEX application_stage_queue_idx ON application (stage_center_id, stage_due_on, id) WHERE stage_center_id IS NOT NULL;
      -- The agent's register (代办台账): everything lodged at a station, newest first.
      CREATE INDEX application_lodged_idx ON application (jurisdiction_id, submitted_at DESC, id);
      CREATE INDEX application_stage_kind_idx ON application (stage_center_id, stage_kind, stage_due_on, id) WHERE stage_center_id IS NOT NULL;

      CREATE TABLE application_stage (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id  uuid NOT NULL REFERENCES application(id),
        stage_index     integer NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('COLLECT','ACCEPT','REVIEW','PUBLIC_NOTICE','DECIDE','DELIVER')),
        name            text NOT NULL,
        level           text NOT NULL,
        center_id       integer NOT NULL REFERENCES jurisdiction(id),
        limit_days      integer NOT NULL,
        unit            text NOT NULL,
        arrived_at      timestamptz NOT NULL DEFAULT now(),
        arrived_on      date NOT NULL,
        due_on          date NOT NULL,
        done_at         timestamptz,
        done_on         date,
        outcome         text,
        note            text,
        -- COLLECT: the materials the station checked and passed on.
        passed_materials text[],
        extended_days   integer
      );
      CREATE INDEX application_stage_app_idx ON application_stage (application_id, id);
      CREATE INDEX application_stage_arrived_idx ON application_stage (arrived_on, level, kind);

      CREATE TABLE public_notice_objection (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id  uuid NOT NULL REFERENCES application(id),
        stage_id        bigint NOT NULL REFERENCES application_stage(id),
        name            text NOT NULL,
        phone           text NOT NULL,
        reason          text NOT NULL,
        lodged_at       timestamptz NOT NULL DEFAULT now(),
        ip              text,
        resolution      text,
        upheld          boolean,
        resolved_by     uuid REFERENCES app_user(id),
        resolved_at     timestamptz
      );
      CREATE INDEX public_notice_objection_app_idx ON public_notice_objection (application_id, lodged_at);

      ALTER TABLE deficiency_notice
        ADD COLUMN stage_kind text NOT NULL DEFAULT 'ACCEPT',
        ADD COLUMN center_id integer REFERENCES jurisdiction(id),
        ADD COLUMN precheck_misses text[] NOT NULL DEFAULT '{}';

      -- Applications made before the chains: the one-stage chain at the handling jurisdiction.
      INSERT INTO application_stage (application_id, stage_index, kind, name, level, center_id, limit_days, unit, arrived_at, arrived_on, due_on)
      SELECT a.id, s.idx, s.kind, s.name, j.level, a.jurisdiction_id, 0, 'WORKING_DAYS', a.updated_at, s.arrived, s.due
        FROM application a JOIN jurisdiction j ON j.id = a.jurisdiction_id
        CROSS JOIN LATERAL (SELECT * FROM (VALUES
          ('SUBMITTED', 0, 'ACCEPT', '窗口受理', a.received_on, a.received_on + 7),
          ('DEFICIENT', 0, 'ACCEPT', '窗口受理', a.received_on, a.received_on + 7),
          ('ACCEPTED', 1, 'DECIDE', '审批办结', a.accepted_on, a.due_date),
          ('SUSPENDED', 1, 'DECIDE', '审批办结', a.accepted_on, a.due_date),
          ('COMPLETED', 2, 'DELIVER', '结果送达', (a.completed_at AT TIME ZONE 'Asia/Shanghai')::date, (a.completed_at AT TIME ZONE 'Asia/Shanghai')::date)
        ) v(status, idx, kind, name, arrived, due) WHERE v.status = a.status) s;
      UPDATE application a SET stage_index = s.stage_index, stage_kind = s.kind, stage_center_id = s.center_id, stage_center_path = j.path,
             stage_arrived_on = s.arrived_on, stage_due_on = s.due_on
        FROM application_stage s JOIN jurisdiction j ON j.id = s.center_id
       WHERE s.application_id = a.id AND s.done_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE deficiency_notice DROP COLUMN stage_kind, DROP COLUMN center_id, DROP COLUMN precheck_misses;
      DROP TABLE public_notice_objection;
      DROP TABLE application_stage;
      ALTER TABLE application DROP COLUMN stage_index, DROP COLUMN stage_kind, DROP COLUMN stage_center_id, DROP COLUMN stage_center_path,
        DROP COLUMN stage_arrived_on, DROP COLUMN stage_due_on, DROP COLUMN referred_to_id, DROP COLUMN extension, DROP COLUMN no_phone,
        DROP COLUMN paper_originals;
      ALTER TABLE service_item_version DROP COLUMN collect_level;
    `);
  }
}
