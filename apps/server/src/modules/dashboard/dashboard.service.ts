/**
 * Reads of the dashboards. Figures over a period come from the rollups (rollup.service.ts): whole months from
 * rollup_monthly, the loose days at either end from rollup_daily, so a year at the city reads about a dozen rows
 * per node. The "now" figures (open overdue, open in warning) are counted live from the open accepted
 * applications (partial index application_open_due_idx). Coverage is live too (2,000-odd centres).
 */
import type { DataSource } from 'typeorm';
import { currentTargets } from '../policy/coverage-target.service';
import type { PolicyService } from '../policy/policy.service';
import {
  ALL_FACILITIES,
  DEFAULT_MIN_HALL_AREA,
  JurisdictionLevel,
  LEVEL_ORDER,
  Role,
  addCalendarDays,
  maskName,
  rate,
} from '@weimin/domain';
import { coversPath, type RequestContext } from '../../common/context';
import { ForbiddenError, InputError, NotFoundError } from '../../common/errors';
import { decodeCursor, encodeCursor, pageSize } from '../../common/pagination';
import type { CalendarService } from '../calendar/calendar.service';
import type { Jurisdiction } from '../jurisdiction/jurisdiction.entity';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service';
import { DecisionResult } from '../application/application.types';
import {
  addYears,
  checkRange,
  emptyTotals,
  addRow,
  isEmpty,
  monthOf,
  periodStart,
  periods,
  segments,
  toFigures,
  type Granularity,
  type RollupRow,
  type Totals,
} from './dashboard.figures';
import { ALL_ITEMS, METRIC_COLUMNS, histSum, metricSums } from './rollup.sql';
import { ROLLUP_LOCK } from './rollup.service';
import { queryPlanned } from '../../db/planned';
import {
  Coverage,
  CoverageLevel,
  ItemPerformance,
  Performance,
  PublicStatistics,
  PublicStatisticsRow,
  PublishedResultConnection,
  TrendPoint,
} from './dashboard.types';

/** Who may read dashboards: supervisors, and administrators, each within their subtree. */
export const DASHBOARD_READERS = [Role.SUPERVISOR, Role.SYSTEM_ADMIN, Role.DIRECTORY_ADMIN] as const;

const JURISDICTION_COLUMNS = `id, code, name, level, parent_id AS "parentId", path, depth`;

/**
 * The open accepted applications due by the end of the warning window ($3), through the partial index
 * application_open_due_idx: a few hundred rows however large the subtree, so they are read first.
 */
const OPEN_DUE = `SELECT a.jurisdiction_id, a.service_item_id, a.due_date FROM application a WHERE a.status = 'ACCEPTED' AND a.due_date <= $3::date`;

/** The last day in warning of an application at `j`: its city's, when the city keeps its own window. */
const CITY_UNTIL = (prefixes: string, untils: string, platform: string) =>
  `coalesce((SELECT w.until FROM unnest(${prefixes}::text[], ${untils}::date[]) AS w(prefix, until) WHERE j.path LIKE w.prefix LIMIT 1), ${platform}::date)`;

type Row = RollupRow & { node_id: number; item_id: string; period: string };

export interface LiveCounts {
  overdue: number;
  warning: number;
  overdueRectifications?: number;
}

/** The longest common prefix of materialised paths, cut after a '.' (a common ancestor's path). */
function commonPath(paths: string[]): string {
  if (!paths.length) return '';
  let prefix = paths[0];
  for (const p of paths) while (!p.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf('.', prefix.length - 2) + 1);
  return prefix;
}

export class DashboardService {
  constructor(
    private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    private readonly jurisdictions: JurisdictionService,
    /** The warning window (a setting of each city) and the coverage targets' cities. */
    private readonly policy: PolicyService,
  ) {}

  // ---------- access ----------

  /** The jurisdiction, when it exists and the viewer may see its dashboards. */
  async target(ctx: RequestContext, jurisdictionId: number): Promise<Jurisdiction> {
    const j = await this.jurisdictions.get(jurisdictionId);
    if (!coversPath(ctx.viewer, DASHBOARD_READERS, j.path)) throw new ForbiddenError(`${j.name} is outside your scope`, 'forbidden.notYourJurisdiction', { name: j.name });
    return j;
  }

  // ---------- performance ----------

  async performance(ctx: RequestContext, jurisdictionId: number, from: string, to: string): Promise<Performance> {
    checkRange(from, to);
    const node = await this.target(ctx, jurisdictionId);
    const generatedAt = await this.generatedAt();
    const [totals, live] = await Promise.all([this.totals([node.id], from, to), this.live([node])]);
    return this.toPerformance(node, from, to, totals.get(node.id) ?? emptyTotals(), live.get(node.id), generatedAt);
  }

  /** The children of several nodes over one range (a DataLoader batch): three statements whatever the count. */
  async children(parents: readonly Jurisdiction[], from: string, to: string, generatedAt: Date): Promise<Performance[][]> {
    const byParent = await this.jurisdictions.childrenOf(parents.map((p) => p.id));
    const all = [...byParent.values()].flat();
    if (!all.length) return parents.map(() => []);
    const [totals, live] = await Promise.all([this.totals(all.map((c) => c.id), from, to), this.live(all)]);
    return parents.map((p) =>
      (byParent.get(p.id) ?? []).map((c) => this.toPerformance(c, from, to, totals.get(c.id) ?? emptyTotals(), live.get(c.id), generatedAt)),
    );
  }

  async byServiceItem(node: Jurisdiction, from: string, to: string): Promise<ItemPerformance[]> {
    const [rows, live] = await Promise.all([this.readRows([node.id], true, from, to, true), this.liveByItem(node)]);
    const totals = new Map<string, Totals>();
    for (const r of rows) addRow(totals.get(r.item_id) ?? totals.set(r.item_id, emptyTotals()).get(r.item_id)!, r);
    for (const [id, t] of totals) if (isEmpty(t) && !live.has(id)) totals.delete(id);
    const ids = [...new Set([...totals.keys(), ...live.keys()])];
    if (!ids.length) return [];
    const items: Array<{ id: string; code: string; name: string; owner_name: string }> = await this.ds.query(
      `SELECT i.id, coalesce(v.code, i.code) AS code, coalesce(v.name, i.content->>'name', i.code) AS name, o.name AS owner_name
         FROM service_item i
         LEFT JOIN service_item_version v ON v.id = i.published_version_id
         JOIN jurisdiction o ON o.id = i.owner_id
        WHERE i.id = ANY($1::uuid[])`,
      [ids],
    );
    return items
      .map((i) => {
        const p = Object.assign(new ItemPerformance(), toFigures(totals.get(i.id) ?? emptyTotals()));
        p.serviceItemId = i.id;
        p.code = i.code;
        p.name = i.name;
        p.ownerName = i.owner_name;
        p.overdueOpen = live.get(i.id)?.overdue ?? 0;
        p.warningOpen = live.get(i.id)?.warning ?? 0;
        return p;
      })
      .sort((a, b) => a.code.localeCompare(b.code) || a.ownerName.localeCompare(b.ownerName));
  }

  async trend(node: Jurisdiction, from: string, to: string, g: Granularity): Promise<TrendPoint[]> {
    let rows: Row[];
    if (g === 'MONTH') rows = await this.readRows([node.id], false, from, to);
    else {
      rows = await this.ds.query(
        `SELECT node_id, item_id, day AS period, ${METRIC_COLUMNS}, hist FROM rollup_daily
          WHERE node_id = $1 AND item_id = '${ALL_ITEMS}' AND day BETWEEN $2::date AND $3::date`,
        [node.id, from, to],
      );
    }
    const byPeriod = new Map<string, Totals>();
    for (const r of rows) {
      const key = periodStart(r.period, g);
      addRow(byPeriod.get(key) ?? byPeriod.set(key, emptyTotals()).get(key)!, r);
    }
    return periods(from, to, g).map(({ start, end }) => {
      const p = Object.assign(new TrendPoint(), toFigures(byPeriod.get(periodStart(start, g)) ?? emptyTotals()));
      p.start = start;
      p.end = end;
      return p;
    });
  }

  /**
   * Every change committed before this instant is in the rollups: now, unless changes are queued or a refresh or
   * rebuild is running (it holds the rollup lock), when the figures are those of the last refresh.
   */
  async generatedAt(): Promise<Date> {
    const [r] = await this.ds.query(
      `SELECT CASE WHEN EXISTS (SELECT 1 FROM rollup_dirty)
                     OR EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = $1 AND objsubid = 1 AND granted)
                   THEN coalesce(refreshed_at, rebuilt_at, 'epoch') ELSE clock_timestamp() END AS at
         FROM rollup_state WHERE id = 1`,
      [ROLLUP_LOCK],
    );
    return r?.at ?? new Date(0);
  }

  /** Figures over [from, to] of each node (all items), from the rollups. */
  async totals(nodeIds: number[], from: string, to: string): Promise<Map<number, Totals>> {
    const rows = await this.readRows(nodeIds, false, from, to, true);
    const out = new Map<number, Totals>(nodeIds.map((id) => [id, emptyTotals()]));
    for (const r of rows) addRow(out.get(r.node_id)!, r);
    return out;
  }

  /**
   * Rollup rows covering [from, to] for the nodes: monthly rows for the whole months, daily rows for the rest.
   * `perItem`: the rows of each service item instead of the all-items rows (daily rows only for the items that
   * have a monthly row in the partial months, each read by its primary key).
   */
  private async readRows(nodeIds: number[], perItem: boolean, from: string, to: string, summed = false): Promise<Row[]> {
    if (summed) {
      // Summed per node and item in SQL: a few hundred rows (with one histogram each) instead of thousands.
      return this.ds.query(
        `SELECT node_id, item_id, NULL AS period, ${metricSums()}, ${histSum('hist')} AS hist
           FROM (${this.rowsSql(perItem)}) r GROUP BY node_id, item_id`,
        this.rowsParams(nodeIds, perItem, from, to),
      );
    }
    return this.ds.query(this.rowsSql(perItem), this.rowsParams(nodeIds, perItem, from, to));
  }

  private rowsParams(nodeIds: number[], perItem: boolean, from: string, to: string): unknown[] {
    const seg = segments(from, to);
    const [d1, d2] = [seg.days[0] ?? [null, null], seg.days[1] ?? [null, null]];
    const params = [nodeIds, seg.months?.[0] ?? null, seg.months?.[1] ?? null, d1[0], d1[1], d2[0], d2[1]];
    return perItem ? [...params, monthOf(from), monthOf(to)] : params;
  }

  private rowsSql(perItem: boolean): string {
    const cols = `${METRIC_COLUMNS}, hist`;
    const dcols = METRIC_COLUMNS.split(', ').map((c) => `d.${c}`).join(', ');
    // Each run of loose days separately, so that the day range is part of the primary-key scan.
    const runs = ['$4::date AND $5::date', '$6::date AND $7::date'];
    if (!perItem) {
      return [
        `SELECT node_id, item_id, month AS period, ${cols} FROM rollup_monthly
          WHERE node_id = ANY($1::int[]) AND item_id = '${ALL_ITEMS}' AND month BETWEEN $2::date AND $3::date`,
        ...runs.map(
          (r) => `SELECT node_id, item_id, day, ${cols} FROM rollup_daily d
                   WHERE node_id = ANY($1::int[]) AND item_id = '${ALL_ITEMS}' AND day BETWEEN ${r}`,
        ),
      ].join(' UNION ALL ');
    }
    return `WITH m AS (
              SELECT * FROM rollup_monthly
               WHERE node_id = ANY($1::int[]) AND item_id <> '${ALL_ITEMS}' AND month BETWEEN $8::date AND $9::date),
            p AS (SELECT DISTINCT node_id, item_id FROM m WHERE NOT coalesce(month BETWEEN $2::date AND $3::date, false))
            SELECT node_id, item_id, month AS period, ${cols} FROM m WHERE month BETWEEN $2::date AND $3::date
            ${runs
              .map(
                (r) => `UNION ALL
            SELECT d.node_id, d.item_id, d.day, ${dcols}, d.hist
              FROM p JOIN rollup_daily d ON d.node_id = p.node_id AND d.item_id = p.item_id AND d.day BETWEEN ${r}`,
              )
              .join('\n')}`;
  }

  /** The "now" counts of open accepted applications below each node. */
  async live(nodes: readonly Jurisdiction[]): Promise<Map<number, LiveCounts>> {
    const out = new Map<number, LiveCounts>();
    if (!nodes.length) return out;
    const { today, warnUntil, prefixes, untils, platformUntil } = await this.window();
    const below = `${commonPath(nodes.map((n) => n.path))}%`;
    const depths = [...new Set(nodes.map((n) => n.depth + 1))];
    // Named statements (db/planned.ts): the open applications are read over every month partition, which costs far
    // more to plan than to run.
    const [rows, rects]: [Array<{ node_id: number; overdue: number; warning: number }>, Array<{ node_id: number; n: number }>] = await Promise.all([queryPlanned(
      this.ds,
      `WITH open AS MATERIALIZED (${OPEN_DUE})
       SELECT x.node_id, count(*) FILTER (WHERE x.due_date < $2::date)::int AS overdue,
              count(*) FILTER (WHERE x.due_date >= $2::date AND x.due_date <= x.until)::int AS warning
         FROM (SELECT nullif(split_part(j.path, '.', d.pos), '')::int AS node_id, a.due_date, ${CITY_UNTIL('$6', '$7', '$8')} AS until
                 FROM open a
                 JOIN jurisdiction j ON j.id = a.jurisdiction_id
                CROSS JOIN unnest($5::int[]) AS d(pos)
                WHERE j.path LIKE $4) x
        WHERE x.node_id = ANY($1::int[])
        GROUP BY x.node_id`,
      // the node of depth d is the (d + 1)-th id of the paths below it
      [nodes.map((n) => n.id), today, warnUntil, below, depths, prefixes, untils, platformUntil],
    ),
    // Rectifications of bad reviews still open past their deadline, below each node.
    this.ds.query(
      `SELECT x.node_id, count(*)::int AS n
         FROM (SELECT nullif(split_part(j.path, '.', d.pos), '')::int AS node_id
                 FROM rectification r
                 JOIN jurisdiction j ON j.id = r.jurisdiction_id
                CROSS JOIN unnest($4::int[]) AS d(pos)
                WHERE r.status <> 'CLOSED' AND r.deadline < $2::date AND j.path LIKE $3) x
        WHERE x.node_id = ANY($1::int[])
        GROUP BY x.node_id`,
      [nodes.map((n) => n.id), today, below, depths],
    )]);
    for (const r of rows) out.set(r.node_id, { overdue: r.overdue, warning: r.warning });
    for (const r of rects) out.set(r.node_id, { overdue: 0, warning: 0, ...out.get(r.node_id), overdueRectifications: r.n });
    return out;
  }

  private async liveByItem(node: Jurisdiction): Promise<Map<string, LiveCounts>> {
    const { today, warnUntil, prefixes, untils, platformUntil } = await this.window();
    const rows: Array<{ item_id: string; overdue: number; warning: number }> = await queryPlanned(
      this.ds,
      `WITH open AS MATERIALIZED (${OPEN_DUE})
       SELECT a.service_item_id AS item_id, count(*) FILTER (WHERE a.due_date < $2::date)::int AS overdue,
              count(*) FILTER (WHERE a.due_date >= $2::date AND a.due_date <= ${CITY_UNTIL('$4', '$5', '$6')})::int AS warning
         FROM open a JOIN jurisdiction j ON j.id = a.jurisdiction_id
        WHERE j.path LIKE $1
        GROUP BY a.service_item_id`,
      [`${node.path}%`, today, warnUntil, prefixes, untils, platformUntil],
    );
    return new Map(rows.map((r) => [r.item_id, { overdue: r.overdue, warning: r.warning }]));
  }

  /**
   * Today, and the last due date that is "in warning" (as the work queue's warning filter): the platform's, and
   * that of each city keeping its own window (`prefixes` of their paths, `untils`); `warnUntil` is the latest.
   */
  private async window(): Promise<{ today: string; warnUntil: string; prefixes: string[]; untils: string[]; platformUntil: string }> {
    const today = this.calendar.today();
    const cal = await this.calendar.calendar();
    const { platform, cities } = await this.policy.byCity();
    const platformUntil = cal.addWorkingDays(today, platform.warningWorkingDays);
    const own = cities.filter((c) => c.values.warningWorkingDays !== platform.warningWorkingDays);
    const untils = own.map((c) => cal.addWorkingDays(today, c.values.warningWorkingDays));
    const warnUntil = [platformUntil, ...untils].sort().at(-1) as string;
    return { today, warnUntil, prefixes: own.map((c) => `${c.path}%`), untils, platformUntil };
  }

  private toPerformance(node: Jurisdiction, from: string, to: string, totals: Totals, live: LiveCounts | undefined, generatedAt: Date): Performance {
    const p = Object.assign(new Performance(), toFigures(totals));
    p.jurisdiction = node;
    p.from = from;
    p.to = to;
    p.overdueOpen = live?.overdue ?? 0;
    p.warningOpen = live?.warning ?? 0;
    p.overdueRectifications = live?.overdueRectifications ?? 0;
    p.generatedAt = generatedAt;
    p.scope = { node, from, to };
    return p;
  }

  /** The headline, the children and the items of one node (for the export). */
  async report(ctx: RequestContext, jurisdictionId: number, from: string, to: string) {
    const headline = await this.performance(ctx, jurisdictionId, from, to);
    const node = headline.scope.node;
    const [[children], items] = await Promise.all([this.children([node], from, to, headline.generatedAt), this.byServiceItem(node, from, to)]);
    return { headline, children, items };
  }

  // ---------- coverage ----------

  async coverage(ctx: RequestContext, jurisdictionId: number): Promise<Coverage> {
    const node = await this.target(ctx, jurisdictionId);
    const min = DEFAULT_MIN_HALL_AREA;
    const rows: Array<{ level: JurisdictionLevel; total: number; built: number; standardized: number }> = await this.ds.query(
      `SELECT j.level, count(*)::int AS total,
              count(c.id) FILTER (WHERE c.status = 'BUILT')::int AS built,
              count(c.id) FILTER (WHERE c.status = 'BUILT' AND c.facilities @> $2::text[]
                                    AND c.hall_area >= CASE j.level WHEN 'PROVINCE' THEN $7::numeric WHEN 'CITY' THEN $3::numeric WHEN 'COUNTY' THEN $4::numeric
                                                                     WHEN 'TOWNSHIP' THEN $5::numeric ELSE $6::numeric END)::int AS standardized
         FROM jurisdiction j LEFT JOIN service_center c ON c.jurisdiction_id = j.id
        WHERE j.path LIKE $1
        GROUP BY j.level`,
      [`${node.path}%`, [...ALL_FACILITIES], min.CITY, min.COUNTY, min.TOWNSHIP, min.VILLAGE, min.PROVINCE],
    );
    const targets = (await currentTargets(this.ds, await this.policy.cityOf(node.path))).targets;
    const byLevel = new Map(rows.map((r) => [r.level, r]));
    // A province heads all four levels; a level missing in a branch (no counties under 东莞) shows 0 of 0.
    const below = node.level === JurisdictionLevel.PROVINCE ? [JurisdictionLevel.PROVINCE, ...LEVEL_ORDER] : LEVEL_ORDER.slice(LEVEL_ORDER.indexOf(node.level));
    const levels = below.map((level) => {
      const r = byLevel.get(level) ?? { total: 0, built: 0, standardized: 0 };
      const c = new CoverageLevel();
      c.level = level;
      c.total = r.total;
      c.built = r.built;
      c.standardized = r.standardized;
      c.builtRate = rate(r.built, r.total);
      c.standardizedRate = rate(r.standardized, r.total);
      c.builtTarget = targets[level]?.built ?? null;
      c.standardizedTarget = targets[level]?.standardized ?? null;
      return c;
    });
    return Object.assign(new Coverage(), { jurisdiction: node, levels, generatedAt: new Date() });
  }

  // ---------- public ----------

  /**
   * Satisfaction and on-time rates of the last 12 months (to today) of an area and each of its children: the
   * counties of a city, the townships of a county or of a city without counties, the cities of a province. The area
   * is `jurisdictionId` (or the older `countyId`); without either, the root of the tree, which must then be the only
   * one (a tree of several cities has no single "whole").
   */
  async publicStatistics(countyId: number | null, jurisdictionId: number | null = null): Promise<PublicStatistics> {
    let area: Jurisdiction;
    if (jurisdictionId != null) {
      area = await this.jurisdictions.get(jurisdictionId);
    } else if (countyId != null) {
      const found = (await this.jurisdictions.byIds([countyId])).get(countyId);
      if (!found) throw new NotFoundError('Jurisdiction', countyId);
      if (found.level !== JurisdictionLevel.COUNTY) throw new InputError('countyId', 'is not a county', {}, 'dashboard.notACounty');
      area = found;
    } else {
      const roots = await this.jurisdictions.roots();
      if (!roots.length) throw new NotFoundError('Jurisdiction', 'root');
      if (roots.length > 1) throw new InputError('jurisdictionId', `is required: the tree has ${roots.length} roots`, {}, 'dashboard.jurisdictionRequired');
      area = roots[0];
    }
    const to = this.calendar.today();
    const from = addCalendarDays(addYears(to, -1), 1);
    const generatedAt = await this.generatedAt();
    const rows = (await this.jurisdictions.childrenOf([area.id])).get(area.id) ?? [];
    const totals = await this.totals([area.id, ...rows.map((r) => r.id)], from, to);
    const toRow = (j: Jurisdiction) => {
      const f = toFigures(totals.get(j.id) ?? emptyTotals());
      return Object.assign(new PublicStatisticsRow(), {
        jurisdiction: j,
        completed: f.completed,
        onTimeRate: f.onTimeRate,
        evaluations: f.evaluations,
        satisfactionRate: f.satisfactionRate,
      });
    };
    return Object.assign(new PublicStatistics(), { from, to, total: toRow(area), rows: rows.map(toRow), generatedAt });
  }

  /** Completed applications of a subtree, newest first, the applicant's name masked and nothing else personal. */
  async publishedResults(jurisdictionId: number, first?: number | null, after?: string | null): Promise<PublishedResultConnection> {
    const node = await this.jurisdictions.get(jurisdictionId);
    const take = pageSize(first);
    const cursor = decodeCursor(after);
    // The node's subtree is an equality on the scope column of its depth: one range of application_results_d*_idx.
    const depth = node.path.split('.').filter(Boolean).length - 1;
    const params: unknown[] = [node.id];
    let keyset = '';
    if (cursor != null) {
      const sep = cursor.lastIndexOf('|');
      const at = cursor.slice(0, sep);
      const id = cursor.slice(sep + 1);
      if (sep < 0 || !/^[0-9a-f-]{36}$/i.test(id) || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(at)) {
        throw new InputError('after', 'is not a cursor this API returned', {}, 'input.badCursor');
      }
      params.push(at, id);
      keyset = ` AND (a.completed_at, a.id) < ($2::timestamptz, $3::uuid)`;
    }
    // A named statement with the page size inlined: planned once per connection over the month partitions (db/planned.ts).
    const [rows, [count]] = await Promise.all([
      queryPlanned(
        this.ds,
        `SELECT a.id, a.completed_at::text AS at, to_char(rollup_day(a.completed_at), 'YYYY-MM-DD') AS completed_on,
                a.decision->>'result' AS result, a.applicant_name, v.name AS item_name, coalesce(c.name, j.name) AS handled_by
           FROM application a
           JOIN jurisdiction j ON j.id = a.jurisdiction_id
           JOIN service_item_version v ON v.id = a.item_version_id
           LEFT JOIN service_center c ON c.jurisdiction_id = a.jurisdiction_id
          WHERE a.completed_at IS NOT NULL AND a.decision IS NOT NULL AND a.scope_d${depth} = $1::int${keyset}
          ORDER BY a.completed_at DESC, a.id DESC
          LIMIT ${take + 1}`,
        params,
      ) as Promise<Array<{ id: string; at: string; completed_on: string; result: string; applicant_name: string; item_name: string; handled_by: string }>>,
      this.ds.query(`SELECT coalesce(sum(completed), 0)::int AS n FROM rollup_monthly WHERE node_id = $1 AND item_id = '${ALL_ITEMS}'`, [node.id]),
    ]);
    const page = rows.slice(0, take);
    const last = page[page.length - 1];
    return {
      nodes: page.map((r) => ({
        serviceItemName: r.item_name,
        handledBy: r.handled_by,
        completedOn: r.completed_on,
        result: r.result === DecisionResult.DENIED ? DecisionResult.DENIED : DecisionResult.APPROVED,
        applicantName: maskName(r.applicant_name),
      })),
      totalCount: count.n,
      pageInfo: { hasNextPage: rows.length > take, endCursor: last ? encodeCursor(`${last.at}|${last.id}`) : null },
    };
  }
}
