import { MigrationInterface, QueryRunner } from 'typeorm';

/** Coverage targets per level, versioned like the assessment scheme (a change adds a version). */
export class CoverageTargets1765000000001 implements MigrationInterface {
  name = 'CoverageTargets1765000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE coverage_target_version (
        version     integer PRIMARY KEY CHECK (version > 0),
        -- { "TOWNSHIP": { "built": 1, "standardized": 0.9 }, … } as shares from 0 to 1; a missing figure is "not set"
        targets     jsonb NOT NULL,
        created_by  uuid REFERENCES app_user(id),
        created_at  timestamptz NOT NULL DEFAULT now()
      );
      -- targets kept until now as a policy setting become version 1
      INSERT INTO coverage_target_version (version, targets)
        SELECT 1, value FROM policy_setting WHERE key = 'coverageTargets' AND jsonb_typeof(value) = 'object';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE coverage_target_version`);
  }
}
