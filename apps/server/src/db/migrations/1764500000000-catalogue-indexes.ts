import { MigrationInterface, QueryRunner } from 'typeorm';

/** The public catalogue joins items to their live version: index that join for large catalogues. */
export class CatalogueIndexes1764500000000 implements MigrationInterface {
  name = 'CatalogueIndexes1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX service_item_published_version_idx ON service_item (published_version_id) WHERE status = 'PUBLISHED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX service_item_published_version_idx`);
  }
}
