/**
 * The viewers of live sessions, kept in the process for a short while so that a request does not spend a round
 * trip on its session (one of the three statements of an accept or a forward). What the lookup returns — the
 * session, the account's name and state, its roles with their jurisdictions' paths — changes only through rows
 * whose triggers notify the channel `weimin_viewer` with the user's id ('*' for all), migration 1766770000000:
 * a session ended or revoked, an account disabled, renamed or given a temporary password, a role granted or
 * revoked, a jurisdiction moved. Every process listens on one connection of its own; a notification drops that
 * user's entries (or all) at once.
 *
 * - Nothing is served from the cache unless the listener is connected; while it is not (the database restarting,
 *   the connection lost), every request looks its session up again, and the cache is emptied when the listener
 *   comes back (notifications sent meanwhile are lost).
 * - A lookup that was under way when a notification arrived is not stored (a generation count), so a read from
 *   before a revocation cannot outlive it.
 * - An entry lives at most `ttlMs` and never past its session's expiry.
 * - The process that made a change drops the user's entries itself when its transaction has committed
 *   (`dropUser`), so its own next request never waits for the notification; another process drops them when the
 *   notification arrives, milliseconds after the commit.
 */
import { LRUCache } from 'lru-cache';
import { Client } from 'pg';

export const VIEWER_CHANNEL = 'weimin_viewer';

interface Entry<T> {
  value: T;
  userId: string;
}

export interface SessionCacheOptions {
  /** The database whose notifications drop entries (the primary). */
  url: string;
  /** How long an entry may be served; 0 turns the cache off. */
  ttlMs: number;
  max?: number;
  log?: (obj: object, msg: string) => void;
}

export class SessionCache<T extends object> {
  private readonly entries: LRUCache<string, Entry<T>>;
  private generation = 0;
  private listening = false;
  private client: Client | null = null;
  private started = false;
  private stopped = false;
  private retryMs = 500;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SessionCacheOptions) {
    this.entries = new LRUCache<string, Entry<T>>({ max: options.max ?? 20_000, ttl: Math.max(1, options.ttlMs), ttlAutopurge: false });
  }

  get enabled(): boolean {
    return this.options.ttlMs > 0;
  }

  /** Whether entries are being served (the listener is connected). */
  get live(): boolean {
    return this.listening;
  }

  /** The cached value of a session key, or undefined (also whenever the listener is not connected). */
  get(key: string): T | undefined {
    if (!this.enabled) return undefined;
    this.start();
    if (!this.listening) return undefined;
    return this.entries.get(key)?.value;
  }

  /** Taken before a lookup; `set` stores the lookup's answer only if nothing was dropped since. */
  ticket(): number {
    return this.generation;
  }

  set(key: string, ticket: number, value: T, userId: string, expiresAt: Date): void {
    if (!this.enabled || !this.listening || ticket !== this.generation) return;
    // The entry's life: the cache's limit, or less when the session ends sooner.
    const left = expiresAt.getTime() - Date.now();
    if (left > 0) this.entries.set(key, { value, userId }, { ttl: Math.min(this.options.ttlMs, left) });
  }

  /** Drops every entry of a user (after a change to their account, sessions or roles). */
  dropUser(userId: string): void {
    this.generation++;
    for (const [key, e] of this.entries.entries()) if (e.userId === userId) this.entries.delete(key);
  }

  dropAll(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Connects the listener (once; again after a loss, with a growing pause up to 10 s). */
  start(): void {
    if (this.started || this.stopped || !this.enabled) return;
    this.started = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.lost();
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const c = new Client({ connectionString: this.options.url, application_name: 'weimin-viewer-listener', keepAlive: true });
    this.client = c;
    c.on('notification', (n) => {
      if (n.channel !== VIEWER_CHANNEL) return;
      if (!n.payload || n.payload === '*') this.dropAll();
      else this.dropUser(n.payload);
    });
    const fail = (err?: Error) => {
      if (this.client !== c) return;
      this.client = null;
      this.lost();
      c.end().catch(() => undefined);
      if (this.stopped) return;
      if (err) this.options.log?.({ err: err.message }, 'session cache: the listener lost its connection; sessions are looked up on every request until it is back');
      this.timer = setTimeout(() => void this.connect(), this.retryMs);
      this.timer.unref();
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    };
    c.on('error', fail);
    c.on('end', () => fail());
    try {
      await c.connect();
      await c.query(`LISTEN ${VIEWER_CHANNEL}`);
      if (this.client !== c) return;
      // Whatever was notified while nobody listened is lost: start from nothing.
      this.dropAll();
      this.listening = true;
      this.retryMs = 500;
      // The listener alone never keeps a process (a script, a test) alive.
      (c as unknown as { connection?: { unref?: () => void } }).connection?.unref?.();
    } catch (e) {
      fail(e as Error);
    }
  }

  private lost(): void {
    this.listening = false;
    this.dropAll();
  }
}
