/**
 * The month partitions of one application's rows, for the statements of the write path that name them directly.
 *
 * `application` and its event, material and stage tables are partitioned by ranges of the application id (a
 * UUIDv7, migration 1766600000000). A statement on the parent, even with its one generic plan, locks every
 * partition of every table it names and prunes them when it starts: for the row of an action and its combined
 * write that is about 100 relations, a third of the statements' time in the database. Named directly, a statement
 * plans and opens one table per parent (the foreign-key checks that refer to `application` still go through the
 * parent, as PostgreSQL runs them).
 *
 * The partitions and their bounds are read from the catalogue once per process and again every five minutes, in the
 * background (new months are created three months ahead, so a new partition is known long before it is used).
 * What is not known goes to the parent, which is always right. A statement that names a partition also checks,
 * when it runs, that the partition is still attached (an archived month is detached before it is dropped,
 * docs/scale.md): a detached table's rows are not the application's any more. Callers go back to the parent
 * when such a statement finds nothing or its table is gone (`isMissingTable`).
 */
import { escapeIdentifier, escapeLiteral } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { pgErrorCode } from '../common/errors';
import { sqlCounter } from '../common/sql-counter';

export const PARTITIONED = ['application', 'application_event', 'application_material', 'application_stage'] as const;
export type PartitionedTable = (typeof PARTITIONED)[number];

/**
 * The table to name for each parent; `guard`, appended to a WHERE clause, checks when the statement runs that the
 * named partitions are still attached (empty for the parents); `direct` when partitions are named.
 */
export type RowTables = Record<PartitionedTable, string> & { guard: string; direct: boolean };

const REFRESH_MS = 5 * 60_000;

interface Range {
  from: string;
  to: string;
  name: string;
}

interface Known {
  at: number;
  ranges: Map<PartitionedTable, Range[]>;
  /** The tables of each month once asked for, by the application partition's name (built once, not per request). */
  months: Map<string, RowTables>;
}

/** The parents themselves: what a statement inside a transaction, or a second try, names. */
export const PARENT_TABLES: RowTables = {
  application: 'application', application_event: 'application_event', application_material: 'application_material', application_stage: 'application_stage', guard: '', direct: false,
};

const known = new WeakMap<object, Known>();
const loading = new WeakMap<object, Promise<void>>();

/** `FOR VALUES FROM ('…') TO ('…')` of a range partition; null for the default partition or another form. */
export function parseRangeBound(bound: string): { from: string; to: string } | null {
  const m = /^FOR VALUES FROM \('([0-9a-f-]{36})'\) TO \('([0-9a-f-]{36})'\)$/.exec(bound);
  return m ? { from: m[1], to: m[2] } : null;
}

/** Reads the partitions and their bounds from the catalogue (in the background from `rowTables`; tests await it). */
export function loadPartitions(ds: DataSource): Promise<void> {
  const key = ds.options;
  let p = loading.get(key);
  if (!p) {
    p = (async () => {
      try {
        const rows: Array<{ parent: PartitionedTable; name: string; bound: string }> = await ds.query(
          `SELECT p.relname AS parent, c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
             FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
            WHERE i.inhparent = ANY(ARRAY[${PARTITIONED.map((t) => `to_regclass(${escapeLiteral(t)})`).join(', ')}]::regclass[])`,
        );
        const ranges = new Map<PartitionedTable, Range[]>(PARTITIONED.map((t) => [t, []]));
        for (const r of rows) {
          const b = parseRangeBound(r.bound);
          if (b) ranges.get(r.parent)?.push({ ...b, name: r.name });
        }
        for (const list of ranges.values()) list.sort((a, b) => (a.from < b.from ? -1 : 1));
        known.set(key, { at: Date.now(), ranges, months: new Map() });
      } finally {
        loading.delete(key);
      }
    })();
    loading.set(key, p);
  }
  return p;
}

/** Reads the partitions again at the next use (after a statement found a named partition gone). */
export function forgetPartitions(ds: DataSource | EntityManager): void {
  const source = (ds as EntityManager).connection ?? (ds as DataSource);
  known.delete(source.options);
}

function partitionOf(list: Range[] | undefined, id: string): string | null {
  if (!list) return null;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = list[mid];
    if (id < r.from) hi = mid - 1;
    else if (id >= r.to) lo = mid + 1;
    else return r.name;
  }
  return null;
}

/**
 * The tables holding application `id`'s rows: its month partitions when all four are known, else the parents.
 * Never waits: the catalogue is read in the background, outside the request's statement count.
 */
export function rowTables(ds: DataSource | EntityManager, id: string): RowTables {
  const source = (ds as EntityManager).connection ?? (ds as DataSource);
  const k = known.get(source.options);
  if (!k || Date.now() - k.at >= REFRESH_MS) sqlCounter.exit(() => void loadPartitions(source).catch(() => undefined));
  if (!k) return PARENT_TABLES;
  const lower = id.toLowerCase();
  const names = PARTITIONED.map((t) => partitionOf(k.ranges.get(t), lower));
  if (names.some((n) => n == null)) return PARENT_TABLES;
  const key = names.join(' ');
  let tables = k.months.get(key);
  if (!tables) {
    const quoted = names.map((n) => escapeIdentifier(n!));
    tables = {
      ...(Object.fromEntries(PARTITIONED.map((t, i) => [t, quoted[i]])) as Record<PartitionedTable, string>),
      guard: ` AND (SELECT count(*) FROM pg_inherits WHERE inhrelid IN (${quoted.map((q) => `${escapeLiteral(q)}::regclass`).join(', ')})) = ${names.length}`,
      direct: true,
    };
    k.months.set(key, tables);
  }
  return tables;
}

/** Whether `err` is PostgreSQL's "relation does not exist" (a named partition dropped since it was read). */
export function isMissingTable(err: unknown): boolean {
  return pgErrorCode(err) === '42P01';
}
