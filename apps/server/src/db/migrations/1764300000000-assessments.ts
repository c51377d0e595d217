import { MigrationInterface, QueryRunner } from 'typeorm';

/** Assessments (考评): versioned schemes of weights, one assessment per county and quarter, a score per township. */
export class Assessments1764300000000 implements MigrationInterface {
  name = 'Assessments1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Weights (points per indicator, together 100) and the minimum sample; a change adds a version, an
      -- assessment records the version it was computed with.
      CREATE TABLE assessment_scheme (
        version              integer PRIMARY KEY CHECK (version > 0),
        weights              jsonb NOT NULL,
        minimum_evaluations  integer NOT NULL CHECK (minimum_evaluations >= 0),
        created_by           uuid REFERENCES app_user(id),
        created_at           timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO assessment_scheme (version, weights, minimum_evaluations)
      VALUES (1, '{"satisfaction": 40, "onTime": 30, "noticeCompliance": 10, "standardisation": 10, "inspection": 10}', 10);

      CREATE TABLE assessment (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        county_id       integer NOT NULL REFERENCES jurisdiction(id),
        period          text NOT NULL CHECK (period ~ '^[0-9]{4}-Q[1-4]$'),
        scheme_version  integer NOT NULL REFERENCES assessment_scheme(version),
        status          text NOT NULL CHECK (status IN ('DRAFT','PUBLISHED')),
        created_by      uuid REFERENCES app_user(id),
        created_at      timestamptz NOT NULL DEFAULT now(),
        computed_at     timestamptz NOT NULL DEFAULT now(),
        published_by    uuid REFERENCES app_user(id),
        published_at    timestamptz,
        UNIQUE (county_id, period)
      );

      CREATE TABLE assessment_score (
        assessment_id     uuid NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        township_id       integer NOT NULL REFERENCES jurisdiction(id),
        -- the computed shares (0..1) and the counts they come from
        indicators        jsonb NOT NULL,
        evaluations       integer NOT NULL DEFAULT 0,
        inspection_score  numeric(5,2) CHECK (inspection_score BETWEEN 0 AND 100),
        total             numeric(6,2),
        rank              integer,
        insufficient      boolean NOT NULL,
        PRIMARY KEY (assessment_id, township_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assessment_score; DROP TABLE assessment; DROP TABLE assessment_scheme;`);
  }
}
