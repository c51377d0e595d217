import { MigrationInterface, QueryRunner } from 'typeorm';

/** The depths of the tree the scope indexes serve: a province root (0) down to a village (4). */
const DEPTHS = [0, 1, 2, 3, 4];

/** The id at depth d of a rectification's path (null when the path is shorter): what the scope index holds. */
function scopeAt(d: number): string {
  return `nullif(split_part(jurisdiction_path, '.', ${d + 1}), '')::int`;
}

/**
 * Lists that cost what they return (outside the application module): rectifications and notifications.
 *
 * A rectification carries the path of its jurisdiction (set by a trigger, as paths never change), so that the
 * scope is an equality: a viewer at a node of depth d sees the rows whose path has the node's id at position
 * d + 1. One index per depth puts that equality before the list's order (open first, soonest deadline), so a
 * page of any subtree is a range of one index, deep pages included (keyset on the same columns).
 * Notifications: the user's, newest first, with the id breaking ties for the keyset.
 */
export class ListIndexes1765400000001 implements MigrationInterface {
  name = 'ListIndexes1765400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE rectification ADD COLUMN jurisdiction_path text;
      UPDATE rectification r SET jurisdiction_path = j.path FROM jurisdiction j WHERE j.id = r.jurisdiction_id;
      ALTER TABLE rectification ALTER COLUMN jurisdiction_path SET NOT NULL;

      CREATE FUNCTION rectification_set_path() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.jurisdiction_path := (SELECT path FROM jurisdiction WHERE id = NEW.jurisdiction_id);
        RETURN NEW;
      END $$;
      CREATE TRIGGER rectification_path BEFORE INSERT OR UPDATE OF jurisdiction_id ON rectification
        FOR EACH ROW EXECUTE FUNCTION rectification_set_path();

      ${DEPTHS.map(
        (d) => `CREATE INDEX rectification_scope_d${d}_idx ON rectification
                  ((${scopeAt(d)}), (status = 'CLOSED'), deadline, created_at, id);`,
      ).join('\n')}

      DROP INDEX notification_user_idx;
      CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC, id DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX notification_user_idx;
      CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC);
      ${DEPTHS.map((d) => `DROP INDEX rectification_scope_d${d}_idx;`).join('\n')}
      DROP TRIGGER rectification_path ON rectification;
      DROP FUNCTION rectification_set_path();
      ALTER TABLE rectification DROP COLUMN jurisdiction_path;
    `);
  }
}
