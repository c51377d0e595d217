/**
 * The official working-day calendar: the maintained holiday package, plus the days the city administrator added
 * or corrected (for years the package does not know yet). Cached per process; reloaded after an edit here and at
 * least every minute, so several server processes agree within a minute.
 */
import type { DataSource } from 'typeorm';
import { coversPath, type RequestContext, type Viewer } from '../../common/context';
import type { AuditService } from '../audit/audit.service';
import { sqlCounter } from '../../common/sql-counter';
import { WorkCalendar, chinaDate, type Role } from '@weimin/domain';

const TTL_MS = 60_000;

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class CalendarService {
  private cached: { at: number; calendar: WorkCalendar } | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    readonly clock: Clock = systemClock,
  ) {}

  /**
   * The calendar. After the first load it never waits for the database: an expired copy is returned while a fresh
   * one loads in the background, so callers inside a transaction do not need a second pooled connection.
   */
  async calendar(): Promise<WorkCalendar> {
    if (!this.cached) return (await this.reload()).calendar;
    // The refresh is the process's work, not the request's (it stays out of the request's statement count).
    if (Date.now() - this.cached.at >= TTL_MS) sqlCounter.exit(() => void this.reload().catch(() => undefined));
    return this.cached.calendar;
  }

  private loading: Promise<{ at: number; calendar: WorkCalendar }> | null = null;

  private reload(): Promise<{ at: number; calendar: WorkCalendar }> {
    this.loading ??= (async () => {
      try {
        const rows: Array<{ date: string; working: boolean; name: string | null }> = await this.ds.query(
          `SELECT to_char(date, 'YYYY-MM-DD') AS date, working, name FROM calendar_override`,
        );
        const calendar = new WorkCalendar(rows.map((r) => ({ date: r.date, working: r.working, name: r.name ?? undefined })));
        this.cached = { at: Date.now(), calendar };
        return this.cached;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  invalidate(): void {
    this.cached = null;
  }

  /** Today's calendar day in China. */
  today(): string {
    return chinaDate(this.clock.now());
  }

  async year(year: number) {
    const cal = await this.calendar();
    const days = cal.specialDays(`${year}-01-01`, `${year}-12-31`).filter((d) => d.kind !== 'WEEKEND' || d.source === 'OVERRIDE');
    return {
      year,
      known: cal.knowsYear(year),
      days: days.map((d) => ({ date: d.date, kind: d.kind, working: d.working, name: d.name ?? null, override: d.source === 'OVERRIDE' })),
    };
  }

  async setDay(ctx: RequestContext, date: string, working: boolean, name: string | null) {
    await this.ds.transaction(async (m) => {
      const before = await m.query(`SELECT working, name FROM calendar_override WHERE date = $1`, [date]);
      await m.query(
        `INSERT INTO calendar_override (date, working, name, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (date) DO UPDATE SET working = excluded.working, name = excluded.name, updated_by = excluded.updated_by, updated_at = now()`,
        [date, working, name, ctx.viewer?.id ?? null],
      );
      // The dashboards count handling time in working days: every completion whose handling spans this day is
      // marked for the rollups now, in the same transaction (the refresh re-fills work_day before it counts them).
      await m.query(
        `INSERT INTO rollup_dirty (day, jurisdiction_id, item_id)
         SELECT DISTINCT rollup_day(completed_at), jurisdiction_id, service_item_id FROM application
          WHERE completed_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND accepted_on < $1::date`,
        [date],
      );
      await this.audit.record(m, ctx, { action: 'setCalendarDay', entity: 'CalendarDay', entityId: date, jurisdictionId: null, before: before[0] ?? null, after: { working, name } });
    });
    this.invalidate();
    const d = (await this.calendar()).day(date);
    return { date, kind: d.kind, working: d.working, name: d.name ?? null, override: true };
  }

  /**
   * The working-day calendar (one for the deployment: the official holidays are national) and the policy settings
   * belong to whoever administers the whole tree: the city of a one-city tree, the province above its cities. On
   * a forest of several cities without a province above them, every root must be in the administrator's scope.
   */
  async coversWholeTree(viewer: Viewer | null, roles: readonly Role[]): Promise<boolean> {
    const roots: Array<{ path: string }> = await this.ds.query(`SELECT path FROM jurisdiction WHERE parent_id IS NULL LIMIT 1000`);
    return roots.length > 0 && roots.every((r) => coversPath(viewer, roles, r.path));
  }
}
