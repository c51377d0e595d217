/**
 * Read replica routing (DATABASE_REPLICA_URL). A second `pg` pool on the replica, used through a view of the
 * DataSource whose `query` goes there; the services that read for dashboards, lists, public pages and search are
 * given that view, everything else (and every transaction, also theirs) keeps the primary.
 *
 * On the primary stay: every statement of a GraphQL mutation (its checks and its answer), every read by a viewer
 * whose own write is younger than `stickyMs` in this process (read-your-writes across the replica's lag), and
 * anything that is not a plain read. A replica that does not answer is set aside for `cooldownMs` and its reads go
 * to the primary meanwhile; a statement the standby refuses (read-only, recovery conflict) is run again on the
 * primary. Users never see a replica's error.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool, type PoolConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { sqlCounter } from '../common/sql-counter';
import { isDatabaseUnavailable } from './health';
import { REPLICA_VIEW, statementText, type PlannedStatement } from './planned';

/** Per request: whether its reads must stay on the primary, and who asks. */
export interface ReadRouting {
  primary: boolean;
}
export const readRouting = new AsyncLocalStorage<ReadRouting>();

export interface ReplicaLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/** PostgreSQL codes after which the statement is run again on the primary (the standby cannot, or not now). */
const RETRY_ON_PRIMARY = new Set(['25006', '40001', '57014', '57P01', '57P02', '57P03', '53300']);
const READ = /^\s*(\(\s*)?(SELECT|WITH|VALUES)\b/i;
const NOT_A_READ = /\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|nextval|setval|pg_advisory\w*|set_config|FOR\s+(NO\s+KEY\s+)?UPDATE|FOR\s+(KEY\s+)?SHARE)\b/i;

export class ReplicaRouter {
  private readonly pool: Pool;
  private downUntil = 0;
  private readonly recentWriters = new Map<string, number>();
  /** Statements answered by the replica since start (diagnostics). */
  replicaStatements = 0;

  constructor(
    url: string,
    private readonly log: ReplicaLog,
    private readonly opts: { stickyMs: number; cooldownMs: number; poolSize: number } = { stickyMs: 5000, cooldownMs: 5000, poolSize: 10 },
    poolConfig: PoolConfig = {},
  ) {
    this.pool = new Pool({ connectionString: url, max: opts.poolSize, connectionTimeoutMillis: 2000, application_name: 'weimin-replica', ...poolConfig });
    const onError = (err: Error) => this.setAside(err);
    this.pool.on('error', onError);
    this.pool.on('connect', (client) => client.on('error', onError));
  }

  /** A viewer's write was committed: their reads stay on the primary for a while. */
  wrote(viewerId: string): void {
    const now = Date.now();
    this.recentWriters.set(viewerId, now);
    if (this.recentWriters.size > 10_000) {
      for (const [id, at] of this.recentWriters) if (now - at > this.opts.stickyMs) this.recentWriters.delete(id);
    }
  }

  wroteRecently(viewerId: string): boolean {
    const at = this.recentWriters.get(viewerId);
    return at != null && Date.now() - at < this.opts.stickyMs;
  }

  get available(): boolean {
    return Date.now() >= this.downUntil;
  }

  /** The DataSource as the reading services see it: `query` may go to the replica, everything else is the primary's. */
  view(primary: DataSource): DataSource {
    return new Proxy(primary, {
      get: (target, prop, receiver) => {
        if (prop === REPLICA_VIEW) return true;
        if (prop === 'query') return (sql: string | PlannedStatement, params?: unknown[], runner?: unknown) => (runner ? target.query(sql as string, params, runner as never) : this.query(target, sql, params));
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  }

  /** `sql` may be a named statement (db/planned.ts): its plan is then kept by the replica's connection too. */
  async query(primary: DataSource, sql: string | PlannedStatement, params?: unknown[]): Promise<any> {
    const routing = readRouting.getStore();
    const text = statementText(sql);
    if (routing?.primary || !this.available || !READ.test(text) || NOT_A_READ.test(text)) return primary.query(sql as string, params);
    try {
      const result = await this.pool.query(sql as string, params as unknown[]);
      this.replicaStatements++;
      const counter = sqlCounter.getStore();
      if (counter) {
        counter.statements++;
        counter.replica = (counter.replica ?? 0) + 1;
      }
      return result.rows;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (isDatabaseUnavailable(err)) this.setAside(err as Error);
      else if (!code || !RETRY_ON_PRIMARY.has(code)) throw err;
      return primary.query(sql as string, params);
    }
  }

  /** For /readyz: whether the replica answers, and that it is a standby. */
  async status(): Promise<{ up: boolean; inRecovery: boolean | null }> {
    try {
      const { rows } = await this.pool.query(`SELECT pg_is_in_recovery() AS r`);
      return { up: true, inRecovery: rows[0].r as boolean };
    } catch {
      return { up: false, inRecovery: null };
    }
  }

  private setAside(err: Error): void {
    const wasUp = this.available;
    this.downUntil = Date.now() + this.opts.cooldownMs;
    if (wasUp) this.log.warn({ err: err.message }, `the read replica does not answer: its reads go to the primary for ${this.opts.cooldownMs / 1000} s`);
  }

  async end(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
