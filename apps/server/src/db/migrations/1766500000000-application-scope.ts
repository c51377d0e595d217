import { MigrationInterface, QueryRunner } from 'typeorm';

/** The depths of the tree: a province root (0), its cities (1), counties (2), townships (3), villages (4). */
export const SCOPE_DEPTHS = [0, 1, 2, 3, 4] as const;

/**
 * Application lists that cost what they return: the scope on the row, one index per list order and depth.
 *
 * `scope_d0 … scope_d4` hold the ids of the lodging jurisdiction's path (`scope_dN` = its ancestor at depth N,
 * itself at its own depth, null below it). A viewer at a node of depth d sees the rows with `scope_dd` = the
 * node's id: an equality, so an index can put the scope before the list's order. The tree's depth varies per
 * branch (a city without counties holds its townships directly) and there may be several roots; nothing here
 * assumes a level per depth. A trigger fills the columns on insert and whenever `jurisdiction_id` changes (paths
 * never change: the importer refuses moves), so no writer has to know about them.
 *
 * Indexes (each partial on its scope column being set, so the deep ones stay small):
 * - work queue (`applications`): `(scope_dd, status, coalesce(due_date, 'infinity'), submitted_at, id)`. The
 *   order is "soonest due first, no due date last"; `coalesce(…, 'infinity')` makes NULLS LAST a plain value so
 *   that the keyset cursor is one row comparison. Several statuses (or none chosen) are one range per status,
 *   merged: every range is read in order and stops after a page.
 * - the queue narrowed to one item: `(service_item_id, status, …)` (an item belongs to one county's directory).
 * - published results: `(scope_dd, completed_at DESC, id DESC)` of the decided ones.
 * - `myApplications`: `(applicant_user_id, submitted_at DESC, id DESC)` and `(submitted_by, …)`, merged (the
 *   second includes the applicant, so that the capped count of the union reads the index alone).
 */
export class ApplicationScope1766500000000 implements MigrationInterface {
  name = 'ApplicationScope1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE application ${SCOPE_DEPTHS.map((d) => `ADD COLUMN scope_d${d} integer`).join(', ')};

      CREATE FUNCTION application_set_scope() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE ids integer[];
      BEGIN
        SELECT string_to_array(rtrim(path, '.'), '.')::integer[] INTO ids FROM jurisdiction WHERE id = NEW.jurisdiction_id;
        IF cardinality(ids) > 5 THEN
          RAISE EXCEPTION 'jurisdiction % lies deeper than the five levels the application scope holds', NEW.jurisdiction_id;
        END IF;
        NEW.scope_d0 := ids[1]; NEW.scope_d1 := ids[2]; NEW.scope_d2 := ids[3]; NEW.scope_d3 := ids[4]; NEW.scope_d4 := ids[5];
        RETURN NEW;
      END $$;

      -- Existing rows (before the trigger, with the rollup marking off: no figure changes).
      SET LOCAL weimin.rollups_off = 'on';
      UPDATE application a SET ${SCOPE_DEPTHS.map((d) => `scope_d${d} = nullif(split_part(j.path, '.', ${d + 1}), '')::integer`).join(', ')}
        FROM jurisdiction j WHERE j.id = a.jurisdiction_id;
      RESET weimin.rollups_off;
      ALTER TABLE application ALTER COLUMN scope_d0 SET NOT NULL;

      CREATE TRIGGER application_scope BEFORE INSERT OR UPDATE OF jurisdiction_id ON application
        FOR EACH ROW EXECUTE FUNCTION application_set_scope();

      ${SCOPE_DEPTHS.map(
        (d) => `
      CREATE INDEX application_queue_d${d}_idx ON application
        (scope_d${d}, status, (coalesce(due_date, 'infinity'::date)), submitted_at, id) WHERE scope_d${d} IS NOT NULL;
      CREATE INDEX application_results_d${d}_idx ON application (scope_d${d}, completed_at DESC, id DESC)
        WHERE scope_d${d} IS NOT NULL AND completed_at IS NOT NULL AND decision IS NOT NULL;`,
      ).join('')}
      CREATE INDEX application_item_queue_idx ON application
        (service_item_id, status, (coalesce(due_date, 'infinity'::date)), submitted_at, id);

      DROP INDEX application_applicant_idx;
      DROP INDEX application_submitter_idx;
      CREATE INDEX application_applicant_idx ON application (applicant_user_id, submitted_at DESC, id DESC) WHERE applicant_user_id IS NOT NULL;
      CREATE INDEX application_submitter_idx ON application (submitted_by, submitted_at DESC, id DESC) INCLUDE (applicant_user_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX application_applicant_idx;
      DROP INDEX application_submitter_idx;
      CREATE INDEX application_applicant_idx ON application (applicant_user_id, submitted_at DESC);
      CREATE INDEX application_submitter_idx ON application (submitted_by, submitted_at DESC);
      DROP INDEX application_item_queue_idx;
      ${SCOPE_DEPTHS.map((d) => `DROP INDEX application_queue_d${d}_idx; DROP INDEX application_results_d${d}_idx;`).join('\n')}
      DROP TRIGGER application_scope ON application;
      DROP FUNCTION application_set_scope();
      ALTER TABLE application ${SCOPE_DEPTHS.map((d) => `DROP COLUMN scope_d${d}`).join(', ')};
    `);
  }
}
