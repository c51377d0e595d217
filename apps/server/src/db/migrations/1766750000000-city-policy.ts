import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Policy per city (a province tree holds several): the settings, the assessment schemes and the coverage targets
 * get a `city_id`. A row without one is the platform default, which applies to every city that has no value of its
 * own; the values stored until now become that default, so a single-city deployment reads what it read before and
 * a city imported later starts from them. (They are not copied to the city: the tree may still be empty when the
 * migrations run, and one copy per city would freeze the default for cities that never chose.)
 * Versions of schemes and targets stay numbered across all cities: an assessment names its scheme by version.
 */
export class CityPolicy1766750000000 implements MigrationInterface {
  name = 'CityPolicy1766750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE policy_setting ADD COLUMN city_id integer REFERENCES jurisdiction(id);
      ALTER TABLE policy_setting DROP CONSTRAINT policy_setting_pkey;
      ALTER TABLE policy_setting ADD CONSTRAINT policy_setting_key_city_key UNIQUE NULLS NOT DISTINCT (key, city_id);

      ALTER TABLE assessment_scheme ADD COLUMN city_id integer REFERENCES jurisdiction(id);
      CREATE INDEX assessment_scheme_city_idx ON assessment_scheme (city_id, version DESC);

      ALTER TABLE coverage_target_version ADD COLUMN city_id integer REFERENCES jurisdiction(id);
      CREATE INDEX coverage_target_version_city_idx ON coverage_target_version (city_id, version DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM policy_setting WHERE city_id IS NOT NULL;
      ALTER TABLE policy_setting DROP CONSTRAINT policy_setting_key_city_key;
      ALTER TABLE policy_setting DROP COLUMN city_id;
      ALTER TABLE policy_setting ADD PRIMARY KEY (key);
      DROP INDEX coverage_target_version_city_idx;
      DELETE FROM coverage_target_version WHERE city_id IS NOT NULL;
      ALTER TABLE coverage_target_version DROP COLUMN city_id;
      DROP INDEX assessment_scheme_city_idx;
      ALTER TABLE assessment_scheme DROP COLUMN city_id;
    `);
  }
}
