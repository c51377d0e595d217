/**
 * Keeping the dashboard rollups current.
 *
 * Layout (migration 1764400000000):
 *   rollup_base(jurisdiction_id, item_id, day)   what happened at one handling jurisdiction, from the raw rows
 *   rollup_daily(node_id, item_id, day)          the sum over the node's subtree; item_id = ALL_ITEMS for all items
 *   rollup_monthly(node_id, item_id, month)      the same per calendar month
 * so a dashboard reads a handful of rows per node however many applications lie below it.
 *
 * Incremental refresh: triggers on application, deficiency_notice, evaluation and rectification append the touched
 * keys (day, handling jurisdiction, item) to rollup_dirty in the same transaction as the change. The refresh
 * (a poller in the worker process, every second; also the graphile-worker task `refresh_rollups`) takes the queued
 * keys, recomputes their base rows from the raw rows, and adds the difference (new − old) to the daily and monthly
 * rows of the jurisdiction, each of its ancestors and the all-items rows — in one transaction, under an advisory
 * lock so that several server processes never refresh at the same time.
 *
 * Full rebuild (`rebuildAllRollups`): set-based, after a bulk load (or when in doubt): base rows from the raw
 * rows, daily rows level by level from the deepest jurisdictions up (any depth per branch), monthly rows from the
 * daily ones — into new tables, swapped in at the end, so dashboards keep answering from the previous figures.
 *
 * Handling time in working days needs the official calendar in SQL: the table work_day, filled from the calendar
 * package and the administrator's overrides, re-filled when those change (checked at every refresh); the
 * completions whose handling time spans a day that changed are then marked and counted again.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { WorkCalendar, addCalendarDays, packageCalendarYears } from '@weimin/domain';
import { ALL_ITEMS, ALL_ZERO, METRIC_ADD, METRIC_COLUMNS, METRICS, metricSums, baseRowsSql, histSum } from './rollup.sql';

/** The advisory lock a refresh or a rebuild holds (dashboards read it to label their freshness). */
export const ROLLUP_LOCK = 7411003;
const LOCK = ROLLUP_LOCK;
/** The tables a rebuild replaces as a whole. */
const ROLLUP_TABLES = ['rollup_base', 'rollup_daily', 'rollup_monthly'] as const;
const WORK_DAY_FROM = '2000-01-01';
const WORK_DAY_TO = '2060-12-31';

export interface RefreshResult {
  /** Distinct (day, jurisdiction, item) keys recomputed. */
  keys: number;
  /** Rollup rows (daily and monthly) changed. */
  rows: number;
  ms: number;
  /** From the oldest change in this batch being marked to the refresh committing, in ms. */
  lagMs: number | null;
}

export interface RebuildResult {
  baseRows: number;
  dailyRows: number;
  monthlyRows: number;
  ms: number;
}

export interface PollerLog {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

type Runner = EntityManager | DataSource;

/** Rows affected by an INSERT/UPDATE/DELETE run inside a transaction. */
async function affected(m: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  return (await m.queryRunner!.query(sql, params, true)).affected ?? 0;
}

const ancestorsOf = (alias: string) => `unnest(string_to_array(rtrim(${alias}.path, '.'), '.')::int[])`;

export class RollupService {
  constructor(private readonly ds: DataSource) {}

  /** Fills work_day from the calendar when the calendar (package years or overrides) changed since the last fill. */
  async syncWorkDays(m: Runner = this.ds, force = false): Promise<boolean> {
    const [{ sig }] = await m.query(
      `SELECT md5(coalesce(string_agg(to_char(date, 'YYYY-MM-DD') || ':' || working, ',' ORDER BY date), '')) || '/' || $1 AS sig FROM calendar_override`,
      [packageCalendarYears().join(',')],
    );
    const [state] = await m.query(`SELECT calendar_signature FROM rollup_state WHERE id = 1`);
    if (!force && state?.calendar_signature === sig) return false;
    const overrides: Array<{ date: string; working: boolean; name: string | null }> = await m.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, working, name FROM calendar_override`,
    );
    const cal = new WorkCalendar(overrides.map((o) => ({ date: o.date, working: o.working, name: o.name ?? undefined })));
    const days: string[] = [];
    const working: boolean[] = [];
    const index: number[] = [];
    let n = 0;
    for (let d = WORK_DAY_FROM; d <= WORK_DAY_TO; d = addCalendarDays(d, 1)) {
      const w = cal.isWorkingDay(d);
      if (w) n++;
      days.push(d);
      working.push(w);
      index.push(n);
    }
    // Days whose working status changes: completions whose handling time spans one of them are counted again.
    const [changed] = await m.query(
      `SELECT min(n.day)::text AS first, max(n.day)::text AS last
         FROM unnest($1::date[], $2::boolean[]) AS n(day, working) JOIN work_day w ON w.day = n.day
        WHERE w.working <> n.working`,
      [days, working],
    );
    await m.query(`DELETE FROM work_day`);
    await m.query(`INSERT INTO work_day (day, working, wd_index) SELECT * FROM unnest($1::date[], $2::boolean[], $3::int[])`, [days, working, index]);
    await m.query(`UPDATE rollup_state SET calendar_signature = $1 WHERE id = 1`, [sig]);
    if (changed?.first) {
      await m.query(
        `INSERT INTO rollup_dirty (day, jurisdiction_id, item_id)
         SELECT DISTINCT rollup_day(completed_at), jurisdiction_id, service_item_id FROM application
          WHERE completed_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND accepted_on < $2::date`,
        [changed.first, changed.last],
      );
    }
    return true;
  }

  /** True when changes are waiting to be rolled up. */
  async pending(): Promise<boolean> {
    const [{ pending }] = await this.ds.query(`SELECT EXISTS (SELECT 1 FROM rollup_dirty) AS pending`);
    return pending;
  }

  /**
   * Rolls up the queued changes. Null when another process is refreshing right now (it will take these too, or
   * the next round will).
   */
  async refresh(): Promise<RefreshResult | null> {
    const t0 = Date.now();
    return this.ds.transaction(async (m) => {
      const [{ ok }] = await m.query(`SELECT pg_try_advisory_xact_lock($1) AS ok`, [LOCK]);
      if (!ok) return null;
      // Small, index-driven statements: compiling them (JIT) would cost more than running them.
      await m.query(`SET LOCAL jit = off`);
      await this.syncWorkDays(m);
      // Every change committed before this instant is visible to the statements below.
      const [{ at }] = await m.query(`SELECT clock_timestamp() AS at`);
      await m.query(`CREATE TEMP TABLE rollup_keys (day date, jurisdiction_id integer, item_id uuid, marked_at timestamptz) ON COMMIT DROP`);
      const taken = await affected(
        m,
        `WITH taken AS (DELETE FROM rollup_dirty RETURNING day, jurisdiction_id, item_id, marked_at)
         INSERT INTO rollup_keys SELECT day, jurisdiction_id, item_id, min(marked_at) FROM taken GROUP BY 1, 2, 3`,
      );
      if (!taken) return { keys: 0, rows: 0, ms: Date.now() - t0, lagMs: null };
      await m.query(`ANALYZE rollup_keys`);
      await m.query(`CREATE TEMP TABLE rollup_fresh ON COMMIT DROP AS ${baseRowsSql('rollup_keys')}`);
      await m.query(`CREATE TEMP TABLE rollup_old (LIKE rollup_base) ON COMMIT DROP`);
      await m.query(
        `WITH d AS (DELETE FROM rollup_base b USING rollup_keys k
                     WHERE b.jurisdiction_id = k.jurisdiction_id AND b.item_id = k.item_id AND b.day = k.day RETURNING b.*)
         INSERT INTO rollup_old SELECT * FROM d`,
      );
      await m.query(
        `INSERT INTO rollup_base (jurisdiction_id, item_id, day, ${METRIC_COLUMNS}, hist)
         SELECT jurisdiction_id, item_id, day, ${METRIC_COLUMNS}, hist FROM rollup_fresh`,
      );
      // The difference each key makes, to be added to the jurisdiction and all its ancestors.
      await m.query(
        `CREATE TEMP TABLE rollup_delta ON COMMIT DROP AS
         SELECT * FROM (
           SELECT coalesce(f.jurisdiction_id, o.jurisdiction_id) AS jurisdiction_id, coalesce(f.item_id, o.item_id) AS item_id,
                  coalesce(f.day, o.day) AS day,
                  ${METRICS.map((x) => `coalesce(f.${x}, 0) - coalesce(o.${x}, 0) AS ${x}`).join(', ')},
                  rollup_hist_add(f.hist, (SELECT array_agg(-x ORDER BY i) FROM unnest(o.hist) WITH ORDINALITY AS u(x, i))) AS hist
             FROM rollup_fresh f
             FULL JOIN rollup_old o ON o.jurisdiction_id = f.jurisdiction_id AND o.item_id = f.item_id AND o.day = f.day
         ) d
         WHERE NOT (${ALL_ZERO} AND (hist IS NULL OR 0 = ALL(hist)))`,
      );
      let rows = 0;
      for (const [table, period, key] of [
        ['rollup_daily', 'd.day', 'day'],
        ['rollup_monthly', `date_trunc('month', d.day)::date`, 'month'],
      ] as const) {
        const touched = `
          SELECT anc.id AS node_id, g.item_id, ${period} AS ${key}, ${metricSums('d.')},
                 ${histSum('d.hist')} AS hist
            FROM rollup_delta d
            JOIN jurisdiction j ON j.id = d.jurisdiction_id
           CROSS JOIN LATERAL ${ancestorsOf('j')} AS anc(id)
           CROSS JOIN LATERAL (VALUES (d.item_id), ('${ALL_ITEMS}'::uuid)) AS g(item_id)
           GROUP BY anc.id, g.item_id, ${period}`;
        const r = await m.query(
          `INSERT INTO ${table} AS t (node_id, item_id, ${key}, ${METRIC_COLUMNS}, hist) ${touched}
           ON CONFLICT (node_id, item_id, ${key}) DO UPDATE SET ${METRIC_ADD}, hist = rollup_hist_add(t.hist, excluded.hist)
           RETURNING t.node_id, t.item_id, t.${key}, (${METRICS.map((x) => `t.${x} = 0`).join(' AND ')} AND (t.hist IS NULL OR 0 = ALL(t.hist))) AS empty`,
        );
        rows += r.length;
        const empty = r.filter((x: { empty: boolean }) => x.empty);
        if (empty.length) {
          await m.query(
            `DELETE FROM ${table} t USING unnest($1::int[], $2::uuid[], $3::date[]) AS e(node_id, item_id, k)
              WHERE t.node_id = e.node_id AND t.item_id = e.item_id AND t.${key} = e.k`,
            [empty.map((x: any) => x.node_id), empty.map((x: any) => x.item_id), empty.map((x: any) => x[key])],
          );
        }
      }
      await m.query(`UPDATE rollup_state SET refreshed_at = $1 WHERE id = 1`, [at]);
      const [{ lag }] = await m.query(`SELECT (extract(epoch FROM clock_timestamp() - min(marked_at)) * 1000)::int AS lag FROM rollup_keys`);
      return { keys: taken, rows, ms: Date.now() - t0, lagMs: lag };
    });
  }

  /**
   * Recomputes every rollup from the raw rows (set-based); the queued changes are included. The figures are built
   * into new tables while the dashboards go on reading the previous ones (with their freshness time: the queue is
   * not empty until the rebuild commits); then the new tables take the place of the old in a few renames at the
   * end of the transaction, the only moment readers wait. `beforeSwap` runs when the new figures are complete and
   * not yet visible (tests read the dashboards there).
   */
  async rebuildAll(
    log: (msg: string) => void = () => undefined,
    onlyIfNeverBuilt = false,
    hooks: { beforeSwap?: () => Promise<void> } = {},
  ): Promise<RebuildResult | null> {
    const t0 = Date.now();
    const result = await this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [LOCK]);
      if (onlyIfNeverBuilt && (await m.query(`SELECT rebuilt_at FROM rollup_state WHERE id = 1`))[0]?.rebuilt_at) return null;
      await m.query(`SET LOCAL work_mem = '256MB'`);
      await this.syncWorkDays(m, true);
      const [{ at }] = await m.query(`SELECT clock_timestamp() AS at`);
      // Taken now, gone for others only at commit: until then readers see a queue, hence figures as of refreshed_at.
      await m.query(`DELETE FROM rollup_dirty`);
      for (const table of ROLLUP_TABLES) {
        await m.query(`DROP TABLE IF EXISTS ${table}_next`);
        await m.query(`CREATE TABLE ${table}_next (LIKE ${table} INCLUDING ALL)`);
      }
      let t = Date.now();
      const baseRows = await affected(m, `INSERT INTO rollup_base_next (jurisdiction_id, item_id, day, ${METRIC_COLUMNS}, hist) ${baseRowsSql()}`);
      log(`  rollup_base: ${baseRows} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);

      // Per item, level by level from the deepest: a node's row = its own base row + its children's rows.
      t = Date.now();
      const [{ max }] = await m.query(`SELECT coalesce(max(depth), 0) AS max FROM jurisdiction`);
      let dailyRows = 0;
      for (let depth = max; depth >= 0; depth--) {
        dailyRows += await affected(
          m,
          `INSERT INTO rollup_daily_next (node_id, item_id, day, ${METRIC_COLUMNS}, hist)
           SELECT node_id, item_id, day, ${metricSums()}, ${histSum('hist')}
             FROM (SELECT b.jurisdiction_id AS node_id, b.item_id, b.day, ${METRIC_COLUMNS}, b.hist
                     FROM rollup_base_next b JOIN jurisdiction j ON j.id = b.jurisdiction_id
                    WHERE j.depth = $1
                   UNION ALL
                   SELECT j.parent_id, r.item_id, r.day, ${METRICS.map((x) => `r.${x}`).join(', ')}, r.hist
                     FROM rollup_daily_next r JOIN jurisdiction j ON j.id = r.node_id
                    WHERE j.depth = $1 + 1 AND r.item_id <> '${ALL_ITEMS}') x
            GROUP BY node_id, item_id, day`,
          [depth],
        );
      }
      log(`  rollup_daily per item: ${dailyRows} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      t = Date.now();
      const allRows = await affected(
        m,
        `INSERT INTO rollup_daily_next (node_id, item_id, day, ${METRIC_COLUMNS}, hist)
         SELECT node_id, '${ALL_ITEMS}', day, ${metricSums()}, ${histSum('hist')}
           FROM rollup_daily_next GROUP BY node_id, day`,
      );
      dailyRows += allRows;
      log(`  rollup_daily all items: ${allRows} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      t = Date.now();
      const monthlyRows = await affected(
        m,
        `INSERT INTO rollup_monthly_next (node_id, item_id, month, ${METRIC_COLUMNS}, hist)
         SELECT node_id, item_id, date_trunc('month', day)::date, ${metricSums()}, ${histSum('hist')}
           FROM rollup_daily_next GROUP BY node_id, item_id, date_trunc('month', day)`,
      );
      log(`  rollup_monthly: ${monthlyRows} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      for (const table of ROLLUP_TABLES) await m.query(`ANALYZE ${table}_next`);
      await hooks.beforeSwap?.();

      // The swap: the renames wait for the reads in flight and hold new ones for as long as they take
      // (milliseconds). The tables are locked in the order the dashboard statements name them; a reader that keeps
      // them busy makes the swap give up after a second and try again, rather than queue every dashboard behind it.
      t = Date.now();
      await m.query(`SET LOCAL lock_timeout = '1s'`);
      for (let attempt = 1; ; attempt++) {
        await m.query(`SAVEPOINT rollup_swap`);
        try {
          await m.query(`LOCK TABLE rollup_monthly, rollup_daily, rollup_base IN ACCESS EXCLUSIVE MODE`);
          break;
        } catch (e) {
          await m.query(`ROLLBACK TO SAVEPOINT rollup_swap`);
          if (attempt >= 10) throw e;
          log(`  swap: the tables are busy (${(e as Error).message}); trying again`);
        }
      }
      for (const table of ROLLUP_TABLES) {
        await m.query(`ALTER TABLE ${table} RENAME TO ${table}_old`);
        await m.query(`ALTER TABLE ${table}_next RENAME TO ${table}`);
        await m.query(`DROP TABLE ${table}_old`);
        // Keep the index names of the migration (…_next_pkey → …_pkey).
        const indexes: Array<{ name: string }> = await m.query(`SELECT indexname AS name FROM pg_indexes WHERE tablename = $1 AND indexname LIKE $2`, [
          table,
          `${table}_next%`,
        ]);
        for (const { name } of indexes) await m.query(`ALTER INDEX ${name} RENAME TO ${name.replace(`${table}_next`, table)}`);
      }
      await m.query(`UPDATE rollup_state SET refreshed_at = $1, rebuilt_at = now() WHERE id = 1`, [at]);
      log(`  swapped in ${Date.now() - t} ms`);
      return { baseRows, dailyRows, monthlyRows };
    });
    if (!result) return null;
    await this.ds.query(`ANALYZE work_day`);
    return { ...result, ms: Date.now() - t0 };
  }

  /** Builds the rollups once on a database that has never had them (raw rows from before the migration). */
  async ensureBuilt(): Promise<RebuildResult | null> {
    const [state] = await this.ds.query(`SELECT rebuilt_at FROM rollup_state WHERE id = 1`);
    return state?.rebuilt_at ? null : this.rebuildAll(undefined, true);
  }

  /**
   * Polls the queue every `intervalMs` and refreshes when something is waiting: figures are current within about
   * a second of a change being committed. Several processes may poll; the advisory lock lets one work at a time.
   */
  startPoller(log: PollerLog, intervalMs = 1000): { stop(): Promise<void> } {
    let stopped = false;
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<void> = Promise.resolve();
    let built = false;
    const tick = async () => {
      try {
        if (!built) {
          const r = await this.ensureBuilt();
          if (r) log.info({ task: 'refresh_rollups', ...r }, 'rollups built from the raw rows (first start after the migration)');
          built = true;
        }
        if (await this.pending()) {
          const r = await this.refresh();
          if (r?.keys) log.debug({ task: 'refresh_rollups', ...r }, 'rollups refreshed');
        }
      } catch (err) {
        log.error({ task: 'refresh_rollups', err }, 'rollup refresh failed');
      }
    };
    const schedule = () => {
      if (stopped) return;
      timer = setTimeout(() => {
        running = tick().finally(schedule);
      }, intervalMs);
      timer.unref?.();
    };
    schedule();
    return {
      stop: async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        await running;
      },
    };
  }
}

/** Recomputes all rollups from the raw rows (after a bulk load such as `npm run seed:large`). */
export async function rebuildAllRollups(ds: DataSource, log?: (msg: string) => void): Promise<RebuildResult> {
  return (await new RollupService(ds).rebuildAll(log)) as RebuildResult;
}
