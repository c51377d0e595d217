import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Blank application forms live in an item's content (`materials[].blankFormFileId`); the public download asks
 * whether a published version holds the file, which this index answers without scanning the versions.
 */
export class BlankForms1766300000001 implements MigrationInterface {
  name = 'BlankForms1766300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX service_item_version_materials_idx ON service_item_version USING gin ((content->'materials') jsonb_path_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX service_item_version_materials_idx`);
  }
}
