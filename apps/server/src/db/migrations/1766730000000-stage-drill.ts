import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The drill-down of the dashboard's stage figures (stage-drill.ts): the stages of one level and kind that arrived
 * in a range, oldest first, read in that order from each partition; and the applications now at a stage of one
 * kind, soonest due first (the level and the subtree are filters on the few open rows).
 */
export class StageDrill1766730000000 implements MigrationInterface {
  name = 'StageDrill1766730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX application_stage_drill_idx ON application_stage (level, kind, arrived_on, id);
      CREATE INDEX application_stage_kind_due_idx ON application (stage_kind, stage_due_on, id) WHERE stage_center_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX application_stage_kind_due_idx;
      DROP INDEX application_stage_drill_idx;
    `);
  }
}
