import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The queue narrowed to one item reads `application_item_queue_idx`; the viewer's scope is then a filter. With
 * the scope columns in the index, that filter (and the capped count) is answered from the index alone instead of
 * a bitmap of the whole scope's range (1.1 s for a county of 160,000 applications at 1M).
 */
export class ItemQueueScope1766500000001 implements MigrationInterface {
  name = 'ItemQueueScope1766500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX application_item_queue_idx;
      CREATE INDEX application_item_queue_idx ON application
        (service_item_id, status, (coalesce(due_date, 'infinity'::date)), submitted_at, id) INCLUDE (scope_d0, scope_d1, scope_d2, scope_d3, scope_d4);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX application_item_queue_idx;
      CREATE INDEX application_item_queue_idx ON application (service_item_id, status, (coalesce(due_date, 'infinity'::date)), submitted_at, id);
    `);
  }
}
