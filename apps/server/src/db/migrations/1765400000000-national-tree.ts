import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The national tree: a PROVINCE may be a root above its cities, and name search has an index. Names are searched
 * by their characters and character pairs (GIN over an array): Chinese place names are one "word" without spaces,
 * so pg_trgm finds no trigram in a two-character query such as 城关 and would scan its whole index. Code
 * prefixes need no new index: a prefix of a 12-digit code is a range on the unique index of `code`.
 */
export class NationalTree1765400000000 implements MigrationInterface {
  name = 'NationalTree1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE jurisdiction DROP CONSTRAINT jurisdiction_level_check;
      ALTER TABLE jurisdiction ADD CONSTRAINT jurisdiction_level_check
        CHECK (level IN ('PROVINCE','CITY','COUNTY','TOWNSHIP','VILLAGE'));

      -- every character and every pair of adjacent characters of a name, e.g. 城关镇 → {城,关,镇,城关,关镇}
      -- (plpgsql over regexp_split_to_array: five times faster than a set-returning SQL body on 665,240 names)
      CREATE FUNCTION jurisdiction_name_grams(name text) RETURNS text[]
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
        DECLARE
          chars text[] := regexp_split_to_array(name, '');
          grams text[] := chars;
        BEGIN
          FOR i IN 1 .. coalesce(array_length(chars, 1), 0) - 1 LOOP
            grams := grams || (chars[i] || chars[i + 1]);
          END LOOP;
          RETURN grams;
        END $$;
      CREATE INDEX jurisdiction_name_grams_idx ON jurisdiction USING gin (jurisdiction_name_grams(name));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX jurisdiction_name_grams_idx;
      DROP FUNCTION jurisdiction_name_grams(text);
      ALTER TABLE jurisdiction DROP CONSTRAINT jurisdiction_level_check;
      ALTER TABLE jurisdiction ADD CONSTRAINT jurisdiction_level_check CHECK (level IN ('CITY','COUNTY','TOWNSHIP','VILLAGE'));
    `);
  }
}
