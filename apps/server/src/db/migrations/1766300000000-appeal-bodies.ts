import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a refused or denied applicant may appeal: the 行政复议 body and the court, set on a centre and inherited
 * by every centre below it that sets none (a county's centre names them for its townships and villages).
 */
export class AppealBodies1766300000000 implements MigrationInterface {
  name = 'AppealBodies1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service_center
        ADD COLUMN review_body text CHECK (review_body IS NULL OR length(review_body) BETWEEN 2 AND 100),
        ADD COLUMN court text CHECK (court IS NULL OR length(court) BETWEEN 2 AND 100);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service_center DROP COLUMN review_body, DROP COLUMN court`);
  }
}
