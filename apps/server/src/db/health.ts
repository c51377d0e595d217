/**
 * Whether the database answers, kept current by a probe (one `SELECT 1` a second) and by the embedded database's
 * supervisor. While it does not, `/readyz` says so and requests are refused at once with a retryable
 * SERVICE_UNAVAILABLE instead of waiting on the pool.
 */
import type { DataSource } from 'typeorm';

export interface HealthLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Errors that mean "the database is not there right now" (refused, reset, shutting down, starting up). */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const UNAVAILABLE_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|the database system is (starting up|shutting down|in recovery mode)|terminating connection/i;

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; name?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  // a transaction whose connection the outage took away
  if (typeof e.name === 'string' && /^QueryRunner(Provider)?AlreadyReleasedError$/.test(e.name)) return true;
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

export class DatabaseHealth {
  private up = true;
  private downSince = 0;
  private timer: NodeJS.Timeout | null = null;
  private probing: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly ds: DataSource,
    private readonly log: HealthLog,
    private readonly intervalMs = 1000,
  ) {}

  get ready(): boolean {
    return this.up;
  }

  start(): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.probe().finally(tick), this.intervalMs);
      this.timer.unref();
    };
    tick();
  }

  /** Called on evidence of an outage (the embedded database exited, a pool error): not ready until a probe passes. */
  markDown(reason: string): void {
    if (!this.up) return;
    this.up = false;
    this.downSince = Date.now();
    this.log.warn({ reason }, 'database unavailable: requests are refused with SERVICE_UNAVAILABLE until it is back');
  }

  probe(): Promise<void> {
    this.probing ??= (async () => {
      try {
        await this.ds.query('SELECT 1');
        if (!this.up) {
          this.up = true;
          this.log.info({ downMs: Date.now() - this.downSince }, 'database available again');
        }
      } catch (err) {
        this.markDown(err instanceof Error ? err.message : String(err));
      } finally {
        this.probing = null;
      }
    })();
    return this.probing;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

interface ClosablePool {
  on(event: 'connect' | 'remove', listener: (client: object) => void): unknown;
}

/**
 * `pool.end()` resolves once its clients are told to end, not when their sockets are closed (the pool emits
 * 'remove' only then): stopping PostgreSQL right after would meet them still connected (57P01 on a client nobody
 * listens to any more). The returned function waits until every client the pool ever had is removed (at most
 * `maxMs`).
 */
export function trackClosingClients(pool: ClosablePool, maxMs = 3000): () => Promise<void> {
  const open = new Set<object>((pool as { _clients?: object[] })._clients ?? []);
  let settled: (() => void) | null = null;
  pool.on('connect', (client) => open.add(client));
  pool.on('remove', (client) => {
    open.delete(client);
    if (!open.size) settled?.();
  });
  return async () => {
    if (!open.size) return;
    await new Promise<void>((resolve) => {
      settled = resolve;
      setTimeout(resolve, maxMs).unref();
    });
  };
}
