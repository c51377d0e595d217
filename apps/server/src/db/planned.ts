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
import type { DataSource, EntityManager } from 'typeorm';

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
