import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * myApplications in two disjoint parts: what the viewer applied for (the applicant's index) and what they lodged for
 * someone else (the submitter's index). The submitter's index held every application, one's own too, and the second
 * part skipped those: a viewer who had lodged many applications for themselves read all of them to find the few
 * lodged for others (256,426 entries, 163 ms, for an account with that many of its own at 1M). The index now holds
 * only the applications lodged for someone else, and the part asks exactly that (`applicant_user_id IS DISTINCT FROM
 * submitted_by`), so it reads what it returns.
 */
export class SubmitterForOthers1766780000000 implements MigrationInterface {
  name = 'SubmitterForOthers1766780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX application_submitter_idx;
      CREATE INDEX application_submitter_idx ON application (submitted_by, submitted_at DESC, id DESC)
        WHERE applicant_user_id IS DISTINCT FROM submitted_by;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX application_submitter_idx;
      CREATE INDEX application_submitter_idx ON application (submitted_by, submitted_at DESC, id DESC) INCLUDE (applicant_user_id);
    `);
  }
}
