/**
 * Counts the SQL statements each HTTP request runs, for tests and benchmarks that prove there is no N+1
 * (enabled by SQL_COUNT_HEADER=true; the count comes back in the `x-sql-statements` response header).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'typeorm';

/** `replica`: how many of the statements the read replica answered (db/read-routing.ts). */
export const sqlCounter = new AsyncLocalStorage<{ statements: number; replica?: number }>();

export const countingLogger: Logger = {
  logQuery: () => {
    const store = sqlCounter.getStore();
    if (store) store.statements++;
  },
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

export const sqlCountEnabled = (): boolean => process.env.SQL_COUNT_HEADER === 'true';
