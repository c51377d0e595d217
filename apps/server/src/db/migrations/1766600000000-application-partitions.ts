import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Applications partitioned by month (docs/scale.md, "Time-partitioned applications").
 *
 * An application's id is a UUIDv7 (48 bits of milliseconds first), so `application` is partitioned BY RANGE (id)
 * with the UUIDv7 of each month start (Asia/Shanghai) as bounds: the primary key and every foreign key to
 * application(id) stay as they are, and a lookup by id touches one partition. Its history, materials and stages
 * are partitioned BY RANGE (application_id) on the same bounds, keyed (application_id, id), so a month can be
 * detached, dumped and dropped as a whole. Uniques that do not hold the partition key move to small unpartitioned
 * tables filled by a statement trigger: application_number (tracking by number) and application_idempotency
 * (a retried submit); the insert stays one statement.
 *
 * Existing rows get new ids: the UUIDv7 of their submitted_at, keeping the random bits of the old id, with every
 * reference rewritten in this transaction; application_legacy_id keeps old → new (the audit log is append-only
 * and keeps the old ids; old links resolve through it). Kept in a legacy partition instead, the random v4 ids
 * would scatter over all month ranges and the default partition would hold years of rows, scanned under lock
 * each time a month is added.
 *
 * The tables are rebuilt from what they are when this runs: columns, defaults, checks, indexes, foreign keys and
 * triggers are read from the catalogue, so columns and indexes added by earlier migrations come along.
 */
const PARENT = 'application';
const CHILDREN = ['application_event', 'application_material', 'application_stage'];
/** Indexes the new primary keys (application_id, id) make redundant. */
const REDUNDANT = ['application_event_app_idx', 'application_stage_app_idx'];
/** Months created ahead of today; the partition job keeps the same lead. */
export const MONTHS_AHEAD = 3;

interface TableShape {
  name: string;
  columns: string[];
  indexes: Array<{ name: string; def: string }>;
  foreignKeys: Array<{ name: string; def: string }>;
  triggers: string[];
  sequence: string | null;
}

async function shape(q: QueryRunner, name: string): Promise<TableShape> {
  const columns = (
    await q.query(
      `SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
      [name],
    )
  ).map((r: { attname: string }) => r.attname);
  const indexes = await q.query(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [name],
  );
  const foreignKeys = await q.query(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`,
    [name],
  );
  const triggers = (await q.query(`SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal`, [name])).map(
    (r: { def: string }) => r.def,
  );
  const [{ seq }] = await q.query(`SELECT pg_get_serial_sequence($1, 'id') AS seq`, [name]);
  return { name, columns, indexes, foreignKeys, triggers, sequence: seq };
}

export class ApplicationPartitions1766600000000 implements MigrationInterface {
  name = 'ApplicationPartitions1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- A UUIDv7 (RFC 9562) at a given instant: 48 bits of Unix milliseconds, version 7, 74 random bits.
      CREATE FUNCTION uuid_v7(at timestamptz DEFAULT clock_timestamp()) RETURNS uuid
        LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
        SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                 PLACING substring(int8send(floor(extract(epoch FROM at) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
      $$;
      -- The same with the random bits of a given uuid (rewriting old ids reproducibly).
      CREATE FUNCTION uuid_v7_keep(at timestamptz, bits uuid) RETURNS uuid
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT encode(set_bit(set_bit(set_bit(set_bit(set_bit(set_bit(overlay(uuid_send(bits)
                 PLACING substring(int8send(floor(extract(epoch FROM at) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
                 55, 0), 54, 1), 53, 1), 52, 1), 71, 1), 70, 0), 'hex')::uuid
      $$;
      -- The smallest UUIDv7 of an instant: the bound of a month partition.
      CREATE FUNCTION uuid_v7_floor(at timestamptz) RETURNS uuid
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT encode(substring(int8send(floor(extract(epoch FROM at) * 1000)::bigint) FROM 3) || '\\x00000000000000000000'::bytea, 'hex')::uuid
      $$;
      -- The instant a UUIDv7 was made (for reports and archiving).
      CREATE FUNCTION uuid_v7_time(id uuid) RETURNS timestamptz
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT to_timestamp(('x' || lpad(substring(replace(id::text, '-', '') FROM 1 FOR 12), 16, '0'))::bit(64)::bigint / 1000.0)
      $$;
      -- The partitions of the months [from_month, to_month] (Asia/Shanghai calendar months), for the application
      -- and its three child tables; returns how many tables it created. Tables are created apart and then
      -- attached (SHARE UPDATE EXCLUSIVE on the parent: reads and writes go on); an advisory lock keeps two
      -- servers from racing. An attach fails when the default partition holds rows of that month (monitored).
      CREATE FUNCTION application_partitions_ensure(from_month date, to_month date) RETURNS integer
        LANGUAGE plpgsql AS $$
        DECLARE
          m date := date_trunc('month', from_month)::date;
          parent text;
          t text;
          n integer := 0;
        BEGIN
          PERFORM pg_advisory_xact_lock(7411011);
          WHILE m <= to_month LOOP
            FOREACH parent IN ARRAY ARRAY['application', 'application_event', 'application_material', 'application_stage'] LOOP
              t := parent || '_p' || to_char(m, 'YYYYMM');
              IF to_regclass(t) IS NULL THEN
                EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING STORAGE)', t, parent);
                EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, t,
                               uuid_v7_floor(m::timestamp AT TIME ZONE 'Asia/Shanghai'),
                               uuid_v7_floor((m + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai'));
                n := n + 1;
              END IF;
            END LOOP;
            m := (m + interval '1 month')::date;
          END LOOP;
          RETURN n;
        END $$;
    `);

    const parent = await shape(q, PARENT);
    const children: TableShape[] = [];
    for (const c of CHILDREN) children.push(await shape(q, c));
    const all = [parent, ...children];
    const names = all.map((t) => t.name);
    // Foreign keys from other tables to these four: dropped now, rewritten and added back at the end.
    const incoming: Array<{ table: string; name: string; def: string; column: string; target: string }> = await q.query(
      `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def,
              c.confrelid::regclass::text AS target, a.attname AS column
         FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.confrelid::regclass::text = ANY($1) AND NOT (c.conrelid::regclass::text = ANY($1))`,
      [names],
    );
    for (const fk of incoming) {
      if (fk.target !== PARENT && !(fk.table === 'public_notice_objection' && fk.target === 'application_stage')) {
        throw new Error(`${fk.table}.${fk.name} refers to ${fk.target}; a partitioned ${fk.target} needs its application_id in that key`);
      }
    }
    for (const fk of incoming) await q.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${fk.name}`);
    for (const t of children) for (const fk of t.foreignKeys) await q.query(`ALTER TABLE ${t.name} DROP CONSTRAINT ${fk.name}`);

    for (const t of all) {
      if (t.sequence) await q.query(`ALTER TABLE ${t.name} ALTER COLUMN id DROP IDENTITY IF EXISTS`);
      // The keys' names (and their indexes' names) are taken over by the new tables.
      for (const { conname } of await q.query(`SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u')`, [t.name])) {
        await q.query(`ALTER TABLE ${t.name} RENAME CONSTRAINT ${conname} TO ${conname}_unpartitioned`);
      }
      await q.query(`ALTER TABLE ${t.name} RENAME TO ${t.name}_unpartitioned`);
    }
    // Column defaults, NOT NULL, checks and generated columns as they are; the keys as partitioning needs them.
    const like = (t: string) => `LIKE ${t}_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING STORAGE`;
    await q.query(`CREATE TABLE application (${like('application')}, PRIMARY KEY (id)) PARTITION BY RANGE (id)`);
    await q.query(`ALTER TABLE application ALTER COLUMN id SET DEFAULT uuid_v7()`);
    for (const t of children) {
      await q.query(`CREATE TABLE ${t.name} (${like(t.name)}, PRIMARY KEY (application_id, id)) PARTITION BY RANGE (application_id)`);
      await q.query(`CREATE SEQUENCE ${t.name}_id_seq OWNED BY ${t.name}.id`);
      await q.query(`ALTER TABLE ${t.name} ALTER COLUMN id SET DEFAULT nextval('${t.name}_id_seq')`);
    }
    for (const t of all) await q.query(`CREATE TABLE ${t.name}_default PARTITION OF ${t.name} DEFAULT`);
    await q.query(
      `SELECT application_partitions_ensure(
         (coalesce((SELECT min(submitted_at) FROM application_unpartitioned), now()) AT TIME ZONE 'Asia/Shanghai')::date,
         ((now() AT TIME ZONE 'Asia/Shanghai') + interval '${MONTHS_AHEAD} months')::date)`,
    );

    await q.query(`
      CREATE TABLE application_legacy_id (
        old_id  uuid PRIMARY KEY,
        id      uuid NOT NULL
      );
      INSERT INTO application_legacy_id SELECT id, uuid_v7_keep(submitted_at, id) FROM application_unpartitioned;
      ANALYZE application_legacy_id;
    `);
    const list = (cols: string[]) => cols.join(', ');
    await q.query(
      `INSERT INTO application (${list(parent.columns)})
       SELECT ${parent.columns.map((c) => (c === 'id' ? 'm.id' : `a.${c}`)).join(', ')}
         FROM application_unpartitioned a JOIN application_legacy_id m ON m.old_id = a.id`,
    );
    for (const t of children) {
      await q.query(
        `INSERT INTO ${t.name} (${list(t.columns)})
         SELECT ${t.columns.map((c) => (c === 'application_id' ? 'm.id' : `x.${c}`)).join(', ')}
           FROM ${t.name}_unpartitioned x JOIN application_legacy_id m ON m.old_id = x.application_id`,
      );
      await q.query(`SELECT setval('${t.name}_id_seq', coalesce((SELECT max(id) FROM ${t.name}), 0) + 1, false)`);
    }
    const refs = new Set(incoming.filter((fk) => fk.target === PARENT).map((fk) => `${fk.table}.${fk.column}`));
    for (const ref of refs) {
      const [table, column] = ref.split('.');
      await q.query(`UPDATE ${table} t SET ${column} = m.id FROM application_legacy_id m WHERE t.${column} = m.old_id`);
    }
    for (const t of [...children].reverse()) await q.query(`DROP TABLE ${t.name}_unpartitioned`);
    await q.query(`DROP TABLE application_unpartitioned`);

    // Indexes (built once per partition after the load), foreign keys and triggers as the tables had them.
    for (const t of all) {
      for (const ix of t.indexes) if (!REDUNDANT.includes(ix.name)) await q.query(ix.def);
      for (const fk of t.foreignKeys) await q.query(`ALTER TABLE ${t.name} ADD CONSTRAINT ${fk.name} ${fk.def}`);
      for (const tr of t.triggers) await q.query(tr);
    }
    for (const fk of incoming) {
      const def = fk.target === 'application_stage' ? `FOREIGN KEY (application_id, ${fk.column}) REFERENCES application_stage(application_id, id)` : fk.def;
      await q.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${fk.name} ${def}`);
    }

    // The uniques that cannot live on a partitioned table without the partition key.
    await q.query(`
      -- Derived rows, written and removed only by the triggers below (no foreign key: its check would lock every
      -- application row a bulk insert writes, and a month's archive removes them with the month).
      CREATE TABLE application_number (
        number          text PRIMARY KEY,
        application_id  uuid NOT NULL
      );
      CREATE TABLE application_idempotency (
        submitted_by     uuid NOT NULL,
        idempotency_key  text NOT NULL,
        application_id   uuid NOT NULL,
        PRIMARY KEY (submitted_by, idempotency_key)
      );
      INSERT INTO application_number SELECT number, id FROM application;
      INSERT INTO application_idempotency SELECT submitted_by, idempotency_key, id FROM application;
      -- One statement per insert of applications, whatever its size (seed:large inserts millions at once): a
      -- duplicate number or key fails the insert as the unique constraints did.
      CREATE FUNCTION application_keys_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- in key order: a bulk insert then fills each primary key left to right instead of at random pages
        INSERT INTO application_number (number, application_id) SELECT number, id FROM inserted ORDER BY number;
        INSERT INTO application_idempotency (submitted_by, idempotency_key, application_id)
          SELECT submitted_by, idempotency_key, id FROM inserted ORDER BY submitted_by, idempotency_key;
        RETURN NULL;
      END $$;
      CREATE TRIGGER application_keys AFTER INSERT ON application REFERENCING NEW TABLE AS inserted
        FOR EACH STATEMENT EXECUTE FUNCTION application_keys_insert();
      CREATE FUNCTION application_keys_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM application_number n USING deleted d WHERE n.number = d.number AND n.application_id = d.id;
        DELETE FROM application_idempotency k USING deleted d
         WHERE k.submitted_by = d.submitted_by AND k.idempotency_key = d.idempotency_key AND k.application_id = d.id;
        RETURN NULL;
      END $$;
      CREATE TRIGGER application_keys_gone AFTER DELETE ON application REFERENCING OLD TABLE AS deleted
        FOR EACH STATEMENT EXECUTE FUNCTION application_keys_delete();
      -- Number and idempotency key never change once given.
      CREATE FUNCTION application_keys_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'an application keeps its number and idempotency key'; END $$;
      CREATE TRIGGER application_keys_fixed BEFORE UPDATE OF number, idempotency_key, submitted_by ON application
        FOR EACH ROW WHEN (NEW.number IS DISTINCT FROM OLD.number OR NEW.idempotency_key IS DISTINCT FROM OLD.idempotency_key
                           OR NEW.submitted_by IS DISTINCT FROM OLD.submitted_by)
        EXECUTE FUNCTION application_keys_fixed();
      -- Opening a file checks the applications it belongs to (by file id): one index probe per month, not a scan.
      CREATE INDEX application_material_file_idx ON application_material (file_id);
      ANALYZE application, application_event, application_material, application_stage, application_number, application_idempotency;
    `);
  }

  async down(): Promise<void> {
    // The ids were rewritten; going back would need the unpartitioned tables rebuilt from the catalogue the same
    // way. Restore the dump taken before the upgrade instead (docs/scale.md).
    throw new Error('ApplicationPartitions1766600000000 cannot be reverted; restore the pre-upgrade dump');
  }
}
