import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Texts the server composes are kept as a key and its parameters (the shared catalogue, packages/domain/src/texts),
 * so that each reader sees them in their own language: a notification's message, a history line, a stage's note.
 * Rows written before keep their words and no key; they are shown as they were written.
 */
export class TextKeys1766710000000 implements MigrationInterface {
  name = 'TextKeys1766710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notification ADD COLUMN message_key text, ADD COLUMN params jsonb;
      ALTER TABLE application_event ADD COLUMN note_key text, ADD COLUMN note_params jsonb;
      ALTER TABLE application_stage ADD COLUMN note_key text, ADD COLUMN note_params jsonb;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE application_stage DROP COLUMN note_key, DROP COLUMN note_params;
      ALTER TABLE application_event DROP COLUMN note_key, DROP COLUMN note_params;
      ALTER TABLE notification DROP COLUMN message_key, DROP COLUMN params;
    `);
  }
}
