import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dashboard rollups: pre-aggregated figures per day × jurisdiction × service item, for every ancestor of the
 * handling jurisdiction, plus all-items rows and monthly rows (see modules/dashboard/rollup.service.ts).
 *
 * - `rollup_base`: what happened at one handling jurisdiction (the leaf of the figures) on one day for one item,
 *   recomputed from the raw rows whenever they change.
 * - `rollup_daily` / `rollup_monthly`: the same figures summed over every subtree: a row for the jurisdiction
 *   itself and one for each ancestor, per item and for all items (item_id = the nil uuid).
 * - `rollup_dirty`: keys (day, handling jurisdiction, item) touched by a change, written by triggers in the same
 *   transaction as the change; the refresh job consumes them within seconds.
 * - `work_day`: the working-day calendar as a table (filled by the server from the calendar package and the
 *   administrator's overrides) so that SQL can count working days: wd_index is the running number of working days.
 *
 * The rollup tables carry no foreign keys: the nil uuid is not a service item, and they are derived data that
 * `rebuildAllRollups` can recreate from scratch at any time.
 */
export class Rollups1764400000000 implements MigrationInterface {
  name = 'Rollups1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- The calendar day in China of an instant.
      CREATE FUNCTION rollup_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT (t AT TIME ZONE 'Asia/Shanghai')::date $$;

      -- The day a rejection counts on: when it was written (rejection.rejectedAt), else the last update.
      CREATE FUNCTION rollup_rejected_day(rejection jsonb, updated_at timestamptz) RETURNS date LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT rollup_day(coalesce((rejection->>'rejectedAt')::timestamptz, updated_at)) $$;

      -- Element-wise sum of two histograms of different lengths (NULL = empty).
      CREATE FUNCTION rollup_hist_add(a int[], b int[]) RETURNS int[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a ELSE
          (SELECT array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS u(x, y, i)) END
      $$;

      CREATE TABLE work_day (
        day       date PRIMARY KEY,
        working   boolean NOT NULL,
        -- working days from the start of the table up to and including this day
        wd_index  integer NOT NULL
      );

      CREATE TABLE rollup_base (
        jurisdiction_id    integer NOT NULL,
        item_id            uuid NOT NULL,
        day                date NOT NULL,
        received           integer NOT NULL DEFAULT 0,
        accepted           integer NOT NULL DEFAULT 0,
        rejected           integer NOT NULL DEFAULT 0,
        completed          integer NOT NULL DEFAULT 0,
        completed_on_time  integer NOT NULL DEFAULT 0,
        deficient          integer NOT NULL DEFAULT 0,
        repeat_notices     integer NOT NULL DEFAULT 0,
        evaluations        integer NOT NULL DEFAULT 0,
        satisfied          integer NOT NULL DEFAULT 0,
        grade_sum          integer NOT NULL DEFAULT 0,
        bad_reviews        integer NOT NULL DEFAULT 0,
        rectified_in_time  integer NOT NULL DEFAULT 0,
        -- completed applications by handling time: hist[1] = 0 working days … hist[61] = 60, hist[62] = more than 60;
        -- trailing zeros may be left out; NULL = none
        hist               integer[],
        PRIMARY KEY (jurisdiction_id, item_id, day)
      );

      CREATE TABLE rollup_daily (LIKE rollup_base INCLUDING DEFAULTS);
      ALTER TABLE rollup_daily RENAME COLUMN jurisdiction_id TO node_id;
      ALTER TABLE rollup_daily ADD PRIMARY KEY (node_id, item_id, day);

      CREATE TABLE rollup_monthly (LIKE rollup_base INCLUDING DEFAULTS);
      ALTER TABLE rollup_monthly RENAME COLUMN jurisdiction_id TO node_id;
      ALTER TABLE rollup_monthly RENAME COLUMN day TO month;
      ALTER TABLE rollup_monthly ADD PRIMARY KEY (node_id, item_id, month);
      ALTER TABLE rollup_monthly ADD CHECK (month = date_trunc('month', month)::date);

      -- Append-only queue of touched keys: no unique key, so concurrent transactions never wait on each other here.
      CREATE TABLE rollup_dirty (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        day              date NOT NULL,
        jurisdiction_id  integer NOT NULL,
        item_id          uuid NOT NULL,
        marked_at        timestamptz NOT NULL DEFAULT clock_timestamp()
      );

      CREATE TABLE rollup_state (
        id                  smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        -- every change committed before this instant is in the rollups
        refreshed_at        timestamptz,
        rebuilt_at          timestamptz,
        calendar_signature  text
      );
      INSERT INTO rollup_state (id) VALUES (1);

      -- ---------------------------------------------------------------------------------------------------------
      -- Dirty marking. A bulk load may switch it off for its session (SET weimin.rollups_off = 'on') and then
      -- call rebuildAllRollups.
      -- ---------------------------------------------------------------------------------------------------------
      CREATE FUNCTION rollup_mark_application() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('weimin.rollups_off', true) = 'on' THEN RETURN NULL; END IF;
        IF TG_OP = 'UPDATE'
           AND NEW.status IS NOT DISTINCT FROM OLD.status
           AND NEW.submitted_at IS NOT DISTINCT FROM OLD.submitted_at
           AND NEW.accepted_on IS NOT DISTINCT FROM OLD.accepted_on
           AND NEW.due_date IS NOT DISTINCT FROM OLD.due_date
           AND NEW.completed_at IS NOT DISTINCT FROM OLD.completed_at
           AND NEW.rejection IS NOT DISTINCT FROM OLD.rejection
           AND NEW.jurisdiction_id = OLD.jurisdiction_id
           AND NEW.service_item_id = OLD.service_item_id THEN
          RETURN NULL;
        END IF;
        IF TG_OP <> 'INSERT' THEN
          INSERT INTO rollup_dirty (day, jurisdiction_id, item_id)
          SELECT DISTINCT d, OLD.jurisdiction_id, OLD.service_item_id
            FROM unnest(ARRAY[rollup_day(OLD.submitted_at), OLD.accepted_on, rollup_day(OLD.completed_at),
                              CASE WHEN OLD.status = 'REJECTED' THEN rollup_rejected_day(OLD.rejection, OLD.updated_at) END]) AS d
           WHERE d IS NOT NULL;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          INSERT INTO rollup_dirty (day, jurisdiction_id, item_id)
          SELECT DISTINCT d, NEW.jurisdiction_id, NEW.service_item_id
            FROM unnest(ARRAY[rollup_day(NEW.submitted_at), NEW.accepted_on, rollup_day(NEW.completed_at),
                              CASE WHEN NEW.status = 'REJECTED' THEN rollup_rejected_day(NEW.rejection, NEW.updated_at) END]) AS d
           WHERE d IS NOT NULL;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER application_rollup_mark AFTER INSERT OR UPDATE OR DELETE ON application
        FOR EACH ROW EXECUTE FUNCTION rollup_mark_application();

      CREATE FUNCTION rollup_mark_evaluation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('weimin.rollups_off', true) = 'on' THEN RETURN NULL; END IF;
        IF TG_OP = 'UPDATE'
           AND NEW.grade = OLD.grade AND NEW.excluded = OLD.excluded AND NEW.evaluated_on = OLD.evaluated_on
           AND NEW.jurisdiction_id = OLD.jurisdiction_id AND NEW.service_item_id = OLD.service_item_id THEN
          RETURN NULL;
        END IF;
        IF TG_OP <> 'INSERT' THEN
          INSERT INTO rollup_dirty (day, jurisdiction_id, item_id) VALUES (OLD.evaluated_on, OLD.jurisdiction_id, OLD.service_item_id);
        END IF;
        IF TG_OP <> 'DELETE' THEN
          INSERT INTO rollup_dirty (day, jurisdiction_id, item_id) VALUES (NEW.evaluated_on, NEW.jurisdiction_id, NEW.service_item_id);
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER evaluation_rollup_mark AFTER INSERT OR UPDATE OR DELETE ON evaluation
        FOR EACH ROW EXECUTE FUNCTION rollup_mark_evaluation();

      -- A rectification counts on the day of the bad review it answers.
      CREATE FUNCTION rollup_mark_rectification() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('weimin.rollups_off', true) = 'on' THEN RETURN NULL; END IF;
        IF TG_OP = 'UPDATE'
           AND NEW.status IS NOT DISTINCT FROM OLD.status AND NEW.deadline = OLD.deadline
           AND NEW.responded_at IS NOT DISTINCT FROM OLD.responded_at AND NEW.closed_at IS NOT DISTINCT FROM OLD.closed_at
           AND NEW.evaluation_id = OLD.evaluation_id THEN
          RETURN NULL;
        END IF;
        INSERT INTO rollup_dirty (day, jurisdiction_id, item_id)
        SELECT e.evaluated_on, e.jurisdiction_id, e.service_item_id FROM evaluation e
         WHERE e.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.evaluation_id ELSE NEW.evaluation_id END
            OR (TG_OP = 'UPDATE' AND e.id = OLD.evaluation_id);
        RETURN NULL;
      END $$;
      CREATE TRIGGER rectification_rollup_mark AFTER INSERT OR UPDATE OR DELETE ON rectification
        FOR EACH ROW EXECUTE FUNCTION rollup_mark_rectification();

      CREATE FUNCTION rollup_mark_notice() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('weimin.rollups_off', true) = 'on' THEN RETURN NULL; END IF;
        IF TG_OP = 'UPDATE' AND NEW.issued_at = OLD.issued_at AND NEW.is_repeat = OLD.is_repeat AND NEW.application_id = OLD.application_id THEN
          RETURN NULL;
        END IF;
        IF TG_OP <> 'INSERT' THEN
          INSERT INTO rollup_dirty (day, jurisdiction_id, item_id)
          SELECT rollup_day(OLD.issued_at), a.jurisdiction_id, a.service_item_id FROM application a WHERE a.id = OLD.application_id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          INSERT INTO rollup_dirty (day, jurisdiction_id, item_id)
          SELECT rollup_day(NEW.issued_at), a.jurisdiction_id, a.service_item_id FROM application a WHERE a.id = NEW.application_id;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER deficiency_notice_rollup_mark AFTER INSERT OR UPDATE OR DELETE ON deficiency_notice
        FOR EACH ROW EXECUTE FUNCTION rollup_mark_notice();

      -- ---------------------------------------------------------------------------------------------------------
      -- Indexes on the raw rows: recomputing a dirty key reads one jurisdiction's rows of one day; the live
      -- "now" figures (open overdue / in warning) read the open accepted applications by due date; published
      -- results list completed applications newest first.
      -- ---------------------------------------------------------------------------------------------------------
      CREATE INDEX application_place_submitted_idx ON application (jurisdiction_id, submitted_at);
      CREATE INDEX application_place_accepted_idx ON application (jurisdiction_id, accepted_on) WHERE accepted_on IS NOT NULL;
      CREATE INDEX application_place_completed_idx ON application (jurisdiction_id, completed_at) WHERE completed_at IS NOT NULL;
      CREATE INDEX application_place_rejected_idx ON application (jurisdiction_id, service_item_id) WHERE status = 'REJECTED';
      CREATE INDEX application_completed_idx ON application (completed_at, id) WHERE completed_at IS NOT NULL;
      CREATE INDEX application_open_due_idx ON application (due_date) INCLUDE (jurisdiction_id, service_item_id) WHERE status = 'ACCEPTED';
      CREATE INDEX deficiency_notice_issued_idx ON deficiency_notice (issued_at);

      -- Coverage targets: the figures the municipal policy states (城市和县区中心100%规范化, 乡镇中心规范化率≥90%,
      -- 村级工作站建成率≥80%). Any other target is "not set" until an administrator sets it.
      INSERT INTO policy_setting (key, value) VALUES ('coverageTargets', '{
        "CITY": { "standardized": 1.0 },
        "COUNTY": { "standardized": 1.0 },
        "TOWNSHIP": { "standardized": 0.9 },
        "VILLAGE": { "built": 0.8 },
        "source": "六安市四级联动为民服务体系实施意见所列目标（默认值，可由管理员修改）"
      }'::jsonb) ON CONFLICT (key) DO NOTHING;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM policy_setting WHERE key = 'coverageTargets';
      DROP INDEX deficiency_notice_issued_idx; DROP INDEX application_open_due_idx; DROP INDEX application_completed_idx; DROP INDEX application_place_rejected_idx;
      DROP INDEX application_place_completed_idx; DROP INDEX application_place_accepted_idx; DROP INDEX application_place_submitted_idx;
      DROP TRIGGER deficiency_notice_rollup_mark ON deficiency_notice; DROP FUNCTION rollup_mark_notice();
      DROP TRIGGER rectification_rollup_mark ON rectification; DROP FUNCTION rollup_mark_rectification();
      DROP TRIGGER evaluation_rollup_mark ON evaluation; DROP FUNCTION rollup_mark_evaluation();
      DROP TRIGGER application_rollup_mark ON application; DROP FUNCTION rollup_mark_application();
      DROP TABLE rollup_state; DROP TABLE rollup_dirty; DROP TABLE rollup_monthly; DROP TABLE rollup_daily; DROP TABLE rollup_base;
      DROP TABLE work_day;
      DROP FUNCTION rollup_hist_add(int[], int[]); DROP FUNCTION rollup_rejected_day(jsonb, timestamptz); DROP FUNCTION rollup_day(timestamptz);
    `);
  }
}
