/**
 * The month partitions of applications and their history, materials and stages (docs/scale.md): created ahead of
 * time by the worker, and the default partitions watched, since a row there means a month was missing.
 */
import type { DataSource } from 'typeorm';
import type { CalendarService } from '../calendar/calendar.service';
import { MONTHS_AHEAD } from '../../db/migrations/1766600000000-application-partitions';
import { PARTITIONED } from '../../db/month-partitions';

export interface PartitionCheck {
  /** Tables created by this run (four per month). */
  created: number;
  /** Months the tables now cover ahead of the current one. */
  monthsAhead: number;
  /** Rows found in each default partition (nothing lands there while the months exist). */
  defaultRows: Record<string, number>;
}

/** The first day of the month `n` months after the one of `day` (YYYY-MM-DD). */
export function monthStart(day: string, n = 0): string {
  const [y, m] = day.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`;
}

export class ApplicationPartitions {
  constructor(
    private readonly ds: DataSource,
    private readonly calendar: CalendarService,
  ) {}

  /** Creates the missing partitions up to MONTHS_AHEAD months after this one; counts rows in the defaults. */
  async ensure(monthsAhead = MONTHS_AHEAD): Promise<PartitionCheck> {
    const today = this.calendar.today();
    const created = await this.ds.transaction(async (m) => {
      // Attaching waits for a SHARE UPDATE EXCLUSIVE lock (reads and writes go on); a long-running DDL elsewhere
      // makes this run give up and the next one try again.
      await m.query(`SET LOCAL lock_timeout = '10s'`);
      const [{ n }] = await m.query(`SELECT application_partitions_ensure($1::date, $2::date) AS n`, [
monthStart(today), monthStart(today, monthsAhead)]);
      return Number(n);
    });
    const defaultRows: Record<string, number> = {};
    for (const t of PARTITIONED) {
      const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${t}_default LIMIT 10000) x`);
      defaultRows[t] = n;
    }
    return { created, monthsAhead, defaultRows };
  }
}
