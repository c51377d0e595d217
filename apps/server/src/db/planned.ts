/**
 * Statements the database plans once per connection. `application` and its child tables are partitioned by month
 * (docs/scale.md): a work-queue page reads a dozen index ranges, each over every partition, so planning it costs
 * 30–90 ms while running it costs about 1 ms. Sent as a named (prepared) statement, the plan is kept by the
 * connection: PostgreSQL plans the first five runs for their values and then keeps one generic plan, as these
 * statements have one best plan whatever the values (an equality on the index prefix in the index's order).
 *
 * The name is a hash of the text, so one text is one statement on every connection. Only statements whose text
 * comes from a small set of shapes belong here (the lists; values always as parameters, a page size inlined as a
 * literal so that the generic plan knows it): each shape holds a plan per connection.
 */
import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { sqlCounter } from '../common/sql-counter';
import { onDestroy } from './on-destroy';

/** What `pg` takes for a named statement; TypeORM hands the query on to `pg` as it is. */
export interface PlannedStatement {
  name: string;
  text: string;
}

const names = new Map<string, PlannedStatement>();

/** The named statement of this text (memoised: list texts repeat). */
export function planned(text: string): PlannedStatement {
  let s = names.get(text);
  if (!s) {
    s = { name: `w_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text };
    if (names.size > 5_000) names.clear();
    names.set(text, s);
  }
  return s;
}

/** The text of a statement as routing and logging read it. */
export function statementText(sql: string | PlannedStatement): string {
  return typeof sql === 'string' ? sql : sql.text;
}

/** Runs `text` as a named statement through the DataSource (or its read-routing view, db/read-routing.ts). */
export function queryPlanned<T = any>(ds: DataSource | EntityManager, text: string, params: unknown[]): Promise<T[]> {
  return ds.query(planned(text) as unknown as string, params) as Promise<T[]>;
}

/**
 * Statements by key on the partitioned tables (an application by its id; a submit's or an action's one combined
 * write; a session by its token hash) and the work lists (the queue and myApplications, whose parts are equalities
 * on an index's leading columns), each run alone, outside any transaction. PostgreSQL would plan them afresh on
 * every run even as named statements: the plan for one value prunes to one month partition (or, for a list, knows
 * the item or the day range) and looks cheaper than the generic plan, though planning it costs more than running
 * it (0.3–0.9 ms against 0.1 ms for a row; 40–200 ms against 10–20 ms for a filtered queue at 1M).
 * These go through a small pool of the same database whose sessions always take the generic plan
 * (`plan_cache_mode = force_generic_plan`), which prunes the partitions when it runs. Only named statements are
 * sent there, so nothing else is planned that way. Inside a transaction (an EntityManager with its own query
 * runner) the statement runs on that connection as an ordinary named statement.
 */
const genericPools = new WeakMap<object, Pool>();

function genericPool(ds: DataSource): Pool | null {
  const options = ds.options as { url?: string; extra?: { max?: number; connectionTimeoutMillis?: number } };
  if (!options.url) return null;
  let pool = genericPools.get(options);
  if (!pool) {
    const created = new Pool({
      connectionString: options.url,
      max: options.extra?.max ?? 10,
      connectionTimeoutMillis: options.extra?.connectionTimeoutMillis ?? 5000,
      application_name: 'weimin-generic',
      options: '-c plan_cache_mode=force_generic_plan',
      allowExitOnIdle: true,
    });
    // An idle connection lost with the database (a restart) is dropped by the pool; the next statement reconnects.
    created.on('error', () => undefined);
    genericPools.set(options, created);
    // The pool ends with its DataSource.
    onDestroy(ds, async () => {
      genericPools.delete(options);
      await created.end();
    });
    pool = created;
  }
  return pool;
}

/** Marks the DataSource view of the read replica (db/read-routing.ts), whose reads the router places. */
export const REPLICA_VIEW = Symbol('replicaView');

/**
 * Runs `text` as a named statement with the generic plan (see above). In a transaction it runs on the
 * transaction's connection; through the read replica's view it is left to the router, as a named statement.
 */
export async function queryGeneric<T = any>(ds: DataSource | EntityManager, text: string, params: unknown[]): Promise<T[]> {
  if ((ds as unknown as Record<symbol, unknown>)[REPLICA_VIEW]) return queryPlanned<T>(ds, text, params);
  const manager: EntityManager = (ds as DataSource).manager ?? (ds as EntityManager);
  if (manager.queryRunner && !manager.queryRunner.isReleased) return queryPlanned<T>(manager, text, params);
  const pool = genericPool(manager.connection);
  if (!pool) return queryPlanned<T>(manager, text, params);
  const counter = sqlCounter.getStore();
  if (counter) counter.statements++;
  const { rows } = await pool.query({ ...planned(text), values: params });
  return rows as T[];
}
