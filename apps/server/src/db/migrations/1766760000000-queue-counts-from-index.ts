import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCOPE_DEPTHS } from './1766500000000-application-scope';

/**
 * The work queue's capped counts answered from the index alone. The queue indexes order by the due date as an
 * expression (`coalesce(due_date, 'infinity')`), and PostgreSQL reads a row's columns from an index only when the
 * index holds them as columns: a count of a month in a county fetched every row from the table (5,544 buffers for
 * 6,006 rows at 1M) instead of reading the index (66 buffers). The indexes now include `due_date` itself; the
 * item's index also keeps the scope columns it had.
 *
 * On a large live database, build the new indexes per partition first (CREATE INDEX CONCURRENTLY on each month,
 * then CREATE INDEX … ON ONLY application and ALTER INDEX … ATTACH PARTITION), as docs/scale.md describes; this
 * migration builds them in one go, which holds the table for the length of the build.
 */
/** The queue indexes of every depth and the item's, each with the columns it includes besides its key. */
function queueIndexes(scopeInclude: string, itemInclude: string): string {
  const key = `status, (coalesce(due_date, 'infinity'::date)), submitted_at, id`;
  return `
      ${SCOPE_DEPTHS.map(
        (d) => `
      DROP INDEX application_queue_d${d}_idx;
      CREATE INDEX application_queue_d${d}_idx ON application
        (scope_d${d}, ${key})${scopeInclude} WHERE scope_d${d} IS NOT NULL;`,
      ).join('')}
      DROP INDEX application_item_queue_idx;
      CREATE INDEX application_item_queue_idx ON application
        (service_item_id, ${key}) ${itemInclude};
    `;
}

const SCOPES = 'scope_d0, scope_d1, scope_d2, scope_d3, scope_d4';

export class QueueCountsFromIndex1766760000000 implements MigrationInterface {
  name = 'QueueCountsFromIndex1766760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(queueIndexes(' INCLUDE (due_date)', `INCLUDE (${SCOPES}, due_date)`));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(queueIndexes('', `INCLUDE (${SCOPES})`));
  }
}
