/**
 * Drill-down of the stage figures (四级联动): the applications behind one row of "stage figures" (the stages of one
 * level and kind that arrived in the range at a centre of the subtree) or of "where applications wait now" (the
 * applications now at a stage of that level and kind, optionally only the overdue ones). Keyset pages in the
 * order a supervisor reads them — arrivals oldest first, waiting ones soonest due first — and a count that stops
 * at COUNT_CAP. Every row counted by a figure is listed by its drill-down, and no other (tested against the
 * figures and plain SQL in demo-history.test.ts).
 */
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { JurisdictionLevel, StageKind } from '@weimin/domain';
import { InputError } from '../../common/errors';
import { PageInfo } from '../../common/pagination';
import { COUNT_CAP } from '../application/application.lists';
import { queryPlanned } from '../../db/planned';

export enum StageDrillMode {
  ARRIVED = 'ARRIVED',
  WAITING = 'WAITING',
  OVERDUE = 'OVERDUE',
}
registerEnumType(StageDrillMode, {
  name: 'StageDrillMode',
  description: 'Which figure to list: ARRIVED = stages that arrived in the range; WAITING = applications now at such a stage; OVERDUE = of those, past the stage due date',
});

@ObjectType({ description: 'One stage behind a stage figure: the application, where and when it was at the stage' })
export class StageDrillRow {
  @Field(() => ID) applicationId: string;
  @Field() number: string;
  @Field({ description: 'The service item\'s name in the version the application follows' }) itemName: string;
  @Field({ description: 'The stage as the item\'s chain names it, e.g. 乡镇审核' }) stageName: string;
  @Field(() => ID) centerId: string;
  @Field() centerName: string;
  @Field(() => String) arrivedOn: string;
  @Field(() => String) dueOn: string;
  @Field(() => String, { nullable: true }) doneOn: string | null;
  @Field(() => String, { nullable: true, description: 'How the stage ended (PASSED, RETURNED, …); null while open' }) outcome: string | null;
  @Field({ description: 'Open past its due date, or finished after it (a suspended application\'s clock stands still)' }) late: boolean;
}

@ObjectType('StageDrillConnection')
export class StageDrillConnection {
  @Field(() => [StageDrillRow]) nodes: StageDrillRow[];
  @Field(() => Int, { description: 'All matches up to 10,000 (see totalCountCapped)' }) totalCount: number;
  @Field({ description: 'More than 10,000 matches: totalCount reads as "10,000+"' }) totalCountCapped: boolean;
  @Field(() => PageInfo) pageInfo: PageInfo;
}

export interface StageDrillQuery {
  path: string;
  from: string;
  to: string;
  today: string;
  level: JurisdictionLevel;
  kind: StageKind;
  mode: StageDrillMode;
}

interface RawRow {
  application_id: string;
  stage_id: string | null;
  number: string;
  item_name: string;
  stage_name: string;
  center_id: number;
  center_name: string;
  arrived_on: string;
  due_on: string;
  done_on: string | null;
  outcome: string | null;
  late: boolean;
  sort_day: string;
  sort_id: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BIGINT = /^\d{1,19}$/;

/** The cursor: base64url JSON [day, id] of the last row (a stage id for ARRIVED, an application id otherwise). */
function parseAfter(after: string | null | undefined, mode: StageDrillMode): [string, string] | null {
  if (after == null) return null;
  let key: unknown = null;
  try {
    key = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  const idShape = mode === StageDrillMode.ARRIVED ? BIGINT : UUID;
  if (!Array.isArray(key) || key.length !== 2 || typeof key[0] !== 'string' || typeof key[1] !== 'string' || !DAY.test(key[0]) || !idShape.test(key[1])) {
    throw new InputError('after', 'is not a cursor this list returned', {}, 'input.badCursor');
  }
  return [key[0], key[1]];
}

/** Bind values, numbered as they are added. */
class Binds {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    return `$${this.values.push(v)}`;
  }
}

/**
 * The rows' filter (shared by the page and its count) and, for the page, the keyset condition and order.
 * ARRIVED reads application_stage by arrival day (index application_stage_drill_idx, per partition); WAITING and
 * OVERDUE read the current-stage columns of the application row, as "where applications wait now" counts them.
 */
function filter(q: StageDrillQuery, b: Binds): string {
  const path = b.add(`${q.path}%`);
  const level = b.add(q.level);
  const kind = b.add(q.kind);
  if (q.mode === StageDrillMode.ARRIVED) {
    return `application_stage s JOIN jurisdiction j ON j.id = s.center_id
             WHERE s.arrived_on BETWEEN ${b.add(q.from)}::date AND ${b.add(q.to)}::date AND s.level = ${level} AND s.kind = ${kind}
               AND j.path LIKE ${path}`;
  }
  const overdue = q.mode === StageDrillMode.OVERDUE ? `AND a.stage_due_on < ${b.add(q.today)}::date AND a.status <> 'SUSPENDED'` : '';
  return `application a JOIN jurisdiction j ON j.id = a.stage_center_id
           WHERE a.stage_center_id IS NOT NULL AND a.stage_kind = ${kind} AND j.level = ${level} AND a.stage_center_path LIKE ${path} ${overdue}`;
}

function pageStatement(q: StageDrillQuery, key: [string, string] | null, first: number): { sql: string; params: unknown[] } {
  const b = new Binds();
  const where = filter(q, b);
  if (q.mode === StageDrillMode.ARRIVED) {
    const keyset = key ? `AND (s.arrived_on, s.id) > (${b.add(key[0])}::date, ${b.add(key[1])}::bigint)` : '';
    const sql = `
      WITH page AS (SELECT s.id, s.application_id, s.name, s.center_id, j.name AS center_name, s.arrived_on, s.due_on, s.done_on, s.outcome
                      FROM ${where} ${keyset} ORDER BY s.arrived_on, s.id LIMIT ${Math.trunc(first) + 1})
      SELECT p.application_id, p.id::text AS stage_id, a.number, coalesce(v.name, '') AS item_name, p.name AS stage_name,
             p.center_id, p.center_name, to_char(p.arrived_on, 'YYYY-MM-DD') AS arrived_on, to_char(p.due_on, 'YYYY-MM-DD') AS due_on,
             to_char(p.done_on, 'YYYY-MM-DD') AS done_on, p.outcome,
             CASE WHEN p.done_on IS NULL THEN p.due_on < ${b.add(q.today)}::date AND a.status <> 'SUSPENDED' ELSE p.done_on > p.due_on END AS late,
             to_char(p.arrived_on, 'YYYY-MM-DD') AS sort_day, p.id::text AS sort_id
        FROM page p JOIN application a ON a.id = p.application_id
        LEFT JOIN service_item_version v ON v.id = a.item_version_id
       ORDER BY p.arrived_on, p.id`;
    return { sql, params: b.values };
  }
  const keyset = key ? `AND (a.stage_due_on, a.id) > (${b.add(key[0])}::date, ${b.add(key[1])}::uuid)` : '';
  const sql = `
    WITH page AS (SELECT a.id, a.number, a.item_version_id, a.stage_index, a.stage_kind, a.stage_center_id, j.name AS center_name,
                         a.stage_arrived_on, a.stage_due_on, a.status
                    FROM ${where} ${keyset} ORDER BY a.stage_due_on, a.id LIMIT ${Math.trunc(first) + 1})
    SELECT p.id AS application_id, cs.id::text AS stage_id, p.number, coalesce(v.name, '') AS item_name,
           coalesce(cs.name, p.stage_kind) AS stage_name, p.stage_center_id AS center_id, p.center_name,
           to_char(p.stage_arrived_on, 'YYYY-MM-DD') AS arrived_on, to_char(p.stage_due_on, 'YYYY-MM-DD') AS due_on,
           NULL::text AS done_on, NULL::text AS outcome,
           (p.stage_due_on < ${b.add(q.today)}::date AND p.status <> 'SUSPENDED') AS late,
           to_char(p.stage_due_on, 'YYYY-MM-DD') AS sort_day, p.id::text AS sort_id
      FROM page p
      LEFT JOIN service_item_version v ON v.id = p.item_version_id
      LEFT JOIN LATERAL (SELECT s.id, s.name FROM application_stage s
                          WHERE s.application_id = p.id AND s.stage_index = p.stage_index
                          ORDER BY s.id DESC LIMIT 1) cs ON true
     ORDER BY p.stage_due_on, p.id`;
  return { sql, params: b.values };
}

function toNode(r: RawRow): StageDrillRow {
  return {
    applicationId: r.application_id,
    number: r.number,
    itemName: r.item_name,
    stageName: r.stage_name,
    centerId: String(r.center_id),
    centerName: r.center_name,
    arrivedOn: r.arrived_on,
    dueOn: r.due_on,
    doneOn: r.done_on,
    outcome: r.outcome,
    late: r.late,
  };
}

/** How many rows a drill-down holds, counted no further than `cap` + 1. */
async function countOf(ds: DataSource, q: StageDrillQuery, cap: number): Promise<number> {
  const b = new Binds();
  const where = filter(q, b);
  const [{ n }] = await queryPlanned(ds, `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${where} LIMIT ${cap + 1}) c`, b.values);
  return n;
}

/** One page of a drill-down, with its count capped at COUNT_CAP. */
export async function stageDrill(ds: DataSource, q: StageDrillQuery, first: number, after?: string | null): Promise<StageDrillConnection> {
  const key = parseAfter(after, q.mode);
  const { sql, params } = pageStatement(q, key, first);
  // Named statements (db/planned.ts): stage rows are partitioned by month like their applications.
  const page: RawRow[] = await queryPlanned(ds, sql, params);
  const n = await countOf(ds, q, COUNT_CAP);
  const rows = page.slice(0, first);
  const last = rows[rows.length - 1];
  return {
    nodes: rows.map(toNode),
    totalCount: Math.min(n, COUNT_CAP),
    totalCountCapped: n > COUNT_CAP,
    pageInfo: {
      hasNextPage: page.length > first,
      endCursor: last ? Buffer.from(JSON.stringify([last.sort_day, last.sort_id]), 'utf8').toString('base64url') : null,
    },
  };
}

/** Every row of a drill-down up to `limit`, for the export (pages of 1,000 in the list's order). */
export async function stageDrillAll(ds: DataSource, q: StageDrillQuery, limit: number): Promise<{ rows: StageDrillRow[]; capped: boolean }> {
  const rows: StageDrillRow[] = [];
  let key: [string, string] | null = null;
  for (;;) {
    const { sql, params } = pageStatement(q, key, 1000);
    const page: RawRow[] = await queryPlanned(ds, sql, params);
    for (const r of page.slice(0, 1000)) {
      if (rows.length === limit) return { rows, capped: true };
      rows.push(toNode(r));
    }
    if (page.length <= 1000) return { rows, capped: false };
    const last = page[999];
    key = [last.sort_day, last.sort_id];
  }
}
