/**
 * The statements of the application lists (work queue, the applicant's and agent's own): each reads one index
 * range per part of the list — per scope and status for the queue, per party for `myApplications` — in the
 * list's order, from the keyset cursor on, and stops after a page; the parts are merged in that order. Deep pages
 * cost what the first costs. Counts stop at COUNT_CAP (more read as "10,000+"). Rows carry the columns a list
 * shows, never the item version's content (loaders fetch it for the few fields that need it).
 * Indexes: migration 1766500000000 (application_queue_d*_idx, application_item_queue_idx, application_applicant_idx,
 * application_submitter_idx).
 */
import { ApplicationStatus } from '@weimin/domain';
import { InputError } from '../../common/errors';

/** Counts stop here: a city's queue holds millions of rows, and "10,000+" says all a person needs. */
export const COUNT_CAP = 10_000;

/**
 * What a list row carries: the application's own columns (no form answers, no item content) and its path, which
 * the scope columns hold (no join; the jurisdiction's level comes from a loader when a field needs it).
 */
export const LIST_COLUMNS = `
  a.id, a.number, a.lookup_code, a.status, a.service_item_id, a.item_version_id, a.jurisdiction_id, a.applicant_user_id,
  a.applicant_name, a.applicant_id_number, a.applicant_phone, a.submitted_by, a.on_behalf, a.consent, a.submitted_at,
  to_char(a.received_on, 'YYYY-MM-DD') AS received_on, a.accepted_at, to_char(a.accepted_on, 'YYYY-MM-DD') AS accepted_on,
  a.deemed_accepted, a.receipt_number, to_char(a.due_date, 'YYYY-MM-DD') AS due_date,
  to_char(a.supplement_deadline, 'YYYY-MM-DD') AS supplement_deadline, a.completed_at, a.delivered_at, a.decision,
  a.rejection, a.delivery, a.withdrawal_reason, a.version, a.stage_index, a.stage_kind, a.stage_center_id,
  a.stage_center_path, to_char(a.stage_arrived_on, 'YYYY-MM-DD') AS stage_arrived_on,
  to_char(a.stage_due_on, 'YYYY-MM-DD') AS stage_due_on, a.referred_to_id, a.extension, a.no_phone, a.paper_originals,
  concat_ws('.', a.scope_d0, a.scope_d1, a.scope_d2, a.scope_d3, a.scope_d4) || '.' AS path`;

/** A statement and its bind values. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/** A subtree: the node's depth and id (`scope_d<depth> = id`). */
export interface Scope {
  depth: number;
  id: number;
  /** The node's materialised path. */
  path?: string;
  /** The warning filter's last due day in this subtree (its city's window); wins over the conditions' `dueTo`. */
  dueTo?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A submission time as the keys carry it: UTC, fixed width, so that text order is time order. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/;
const AT_KEY = `to_char(a.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`;
const atParam = (ph: string) => `(${ph}::timestamp AT TIME ZONE 'UTC')`;
const DUE = /^(\d{4}-\d{2}-\d{2}|infinity)$/;
const MAX_DEPTH = 4;

/** The subtrees of these materialised paths, leaving out any that another one covers (no row is listed twice). */
export function scopesOf(paths: string[]): Scope[] {
  const distinct = [...new Set(paths)];
  return distinct
    .filter((p) => !distinct.some((q) => q !== p && p.startsWith(q)))
    .map((p) => {
      const ids = p.split('.').filter(Boolean);
      if (ids.length - 1 > MAX_DEPTH) throw new Error(`path ${p} is deeper than the application scope holds`);
      return { depth: ids.length - 1, id: Number(ids[ids.length - 1]), path: p };
    });
}

class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** A cursor of ours: base64url JSON of the last row's sort key; anything else is BAD_USER_INPUT on `after`. */
function parseKey(cursor: string | null, shape: RegExp[]): string[] | null {
  if (cursor == null) return null;
  let key: unknown;
  try {
    key = JSON.parse(cursor);
  } catch {
    key = null;
  }
  if (!Array.isArray(key) || key.length !== shape.length || !key.every((k, i) => typeof k === 'string' && shape[i].test(k))) {
    throw new InputError('after', 'is not a cursor this API returned', {}, 'input.badCursor');
  }
  return key as string[];
}

// ------------------------------------------------------------------------------------------------------------
// The work queue: soonest due first, those without a due date last, then oldest first.
// ------------------------------------------------------------------------------------------------------------

/** The queue's first sort key, as the index holds it: no due date sorts after every day. */
const DUE_KEY = `coalesce(a.due_date, 'infinity'::date)`;
export const QUEUE_CURSOR = [DUE, TIMESTAMP, UUID];

export interface QueueConditions {
  statuses: ApplicationStatus[];
  serviceItemId?: string | null;
  /** Submitted on or after this day / before the day after `to` (China time). */
  from?: string | null;
  to?: string | null;
  /** Bounds on the due date (overdue: before today; warning: today to the end of the window). */
  dueBefore?: string | null;
  dueFrom?: string | null;
  dueTo?: string | null;
}

function queueFilters(c: QueueConditions, p: Params): string[] {
  const where: string[] = [];
  if (c.serviceItemId != null) {
    if (!UUID.test(c.serviceItemId)) throw new InputError('filter.serviceItemId', 'is not a service item id', {}, 'input.badId');
    where.push(`a.service_item_id = ${p.add(c.serviceItemId)}::uuid`);
  }
  if (c.from) {
    where.push(`a.submitted_at >= (${p.add(c.from)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`);
    // Implied (a due date is never before the day of submission; none sorts last) and it lets the range start there.
    where.push(`${DUE_KEY} >= ${p.add(c.from)}::date`);
  }
  if (c.to) where.push(`a.submitted_at < ((${p.add(c.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  if (c.dueBefore) where.push(`${DUE_KEY} < ${p.add(c.dueBefore)}::date`);
  if (c.dueFrom) where.push(`${DUE_KEY} >= ${p.add(c.dueFrom)}::date`);
  if (c.dueTo) where.push(`${DUE_KEY} <= ${p.add(c.dueTo)}::date`);
  return where;
}

/**
 * The scope's column as a range reads it. With one item the item's index (application_item_queue_idx) serves the
 * range and the scope is checked from the columns it includes: the scope is then written as an expression, so that
 * the one generic plan of the statement (db/planned.ts) never takes the scope's index instead and reads the whole
 * scope's rows when the item is rare there.
 */
function scopeColumn(s: Scope, c: QueueConditions): string {
  return c.serviceItemId != null ? `(a.scope_d${s.depth} + 0)` : `a.scope_d${s.depth}`;
}

/** A scope's own bound on the due date (the warning window of its city). */
function scopeDue(s: Scope, p: Params): string {
  return s.dueTo ? ` AND ${DUE_KEY} <= ${p.add(s.dueTo)}::date` : '';
}

/**
 * One page of the queue: a range of the (scope, status) index per scope and status, each stopped after a page;
 * the caller merges them by key (mergePage). The keys are text whose order is the queue's order.
 */
export function queueStatement(scopes: Scope[], c: QueueConditions, take: number, cursor: string | null): Statement {
  const p = new Params();
  const key = parseKey(cursor, QUEUE_CURSOR);
  const filters = queueFilters(c, p);
  if (key) filters.push(`(${DUE_KEY}, a.submitted_at, a.id) > (${p.add(key[0])}::date, ${atParam(p.add(key[1]))}, ${p.add(key[2])}::uuid)`);
  const parts = scopes.flatMap((s) =>
    c.statuses.map(
      (status) => `(SELECT ${LIST_COLUMNS}, ${DUE_KEY}::text AS key_due, ${AT_KEY} AS key_at
          FROM application a
         WHERE ${scopeColumn(s, c)} = ${p.add(s.id)}::int AND a.status = ${p.add(status)}::text${filters.map((f) => ` AND ${f}`).join('')}${scopeDue(s, p)}
         ORDER BY ${DUE_KEY}, a.submitted_at, a.id LIMIT ${take + 1})`,
    ),
  );
  if (!parts.length) return { sql: `SELECT NULL AS id WHERE false`, params: [] };
  return { sql: parts.join('\n UNION ALL '), params: p.values };
}

/** The first take + 1 rows of the parts in the list's order (ascending, or descending for newest-first lists). */
export function mergePage<R extends { id: string }>(rows: R[], key: (r: R) => string[], take: number, descending = false): R[] {
  const cmp = (x: R, y: R) => {
    const a = [...key(x), x.id];
    const b = [...key(y), y.id];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] < b[i] ? -1 : 1) * (descending ? -1 : 1);
    return 0;
  };
  return [...rows].sort(cmp).slice(0, take + 1);
}

/**
 * How many match, up to COUNT_CAP + 1: the same ranges (per scope and status; per scope alone when every status
 * counts and nothing bounds the due date from below), read one after another and stopped one past the cap, from
 * the index alone (it includes the due date).
 */
export function queueCountStatement(scopes: Scope[], c: QueueConditions, allStatuses: boolean): Statement {
  const p = new Params();
  if (!c.statuses.length) return { sql: `SELECT 0 AS n`, params: [] };
  const filters = queueFilters(c, p).map((f) => ` AND ${f}`).join('');
  // With a lower bound on the due date (a day range, the warning window), a range per status starts there; one
  // range over every status would read the scope's whole index to apply it.
  const oneRange = allStatuses && !c.from && !c.dueFrom;
  const parts = scopes.flatMap((s) =>
    (oneRange ? [null] : c.statuses).map(
      (status) => `SELECT 1 FROM application a WHERE ${scopeColumn(s, c)} = ${p.add(s.id)}::int${status ? ` AND a.status = ${p.add(status)}::text` : ''}${filters}${scopeDue(s, p)}`,
    ),
  );
  return { sql: `SELECT count(*)::int AS n FROM (SELECT 1 FROM (${parts.join('\n UNION ALL ')}) u LIMIT ${COUNT_CAP + 1}) x`, params: p.values };
}

// ------------------------------------------------------------------------------------------------------------
// myApplications: what the viewer applied for, and what they lodged for others (agents, walk-ins), newest first.
// ------------------------------------------------------------------------------------------------------------

export const MINE_CURSOR = [TIMESTAMP, UUID];

/**
 * The two parties are disjoint parts (lodged for someone else = submitted by the viewer for another applicant). The
 * second says it as the submitter's partial index does (applicant ≠ submitter), so it reads only those rows, not
 * also the viewer's own applications (migration 1766780000000).
 */
function mineParts(userId: string, p: Params): string[] {
  const u = p.add(userId);
  return [`a.applicant_user_id = ${u}::uuid`, `a.submitted_by = ${u}::uuid AND a.applicant_user_id IS DISTINCT FROM a.submitted_by`];
}

export function mineStatement(userId: string, take: number, cursor: string | null): Statement {
  const p = new Params();
  const key = parseKey(cursor, MINE_CURSOR);
  const parts = mineParts(userId, p);
  const keyset = key ? ` AND (a.submitted_at, a.id) < (${atParam(p.add(key[0]))}, ${p.add(key[1])}::uuid)` : '';
  return {
    sql: parts
      .map(
        (w) => `(SELECT ${LIST_COLUMNS}, ${AT_KEY} AS key_at FROM application a
                  WHERE ${w}${keyset} ORDER BY a.submitted_at DESC, a.id DESC LIMIT ${take + 1})`,
      )
      .join('\n UNION ALL '),
    params: p.values,
  };
}

export function mineCountStatement(userId: string): Statement {
  const p = new Params();
  const parts = mineParts(userId, p).map((w) => `SELECT 1 FROM application a WHERE ${w}`);
  return { sql: `SELECT count(*)::int AS n FROM (SELECT 1 FROM (${parts.join(' UNION ALL ')}) u LIMIT ${COUNT_CAP + 1}) x`, params: p.values };
}

/** A count read one past the cap, as the connection shows it. */
export function capped(n: number): { totalCount: number; totalCountCapped: boolean } {
  return n > COUNT_CAP ? { totalCount: COUNT_CAP, totalCountCapped: true } : { totalCount: n, totalCountCapped: false };
}

export function queueCursor(r: { key_due: string; key_at: string; id: string }): string {
  return JSON.stringify([r.key_due, r.key_at, r.id]);
}

export function mineCursor(r: { key_at: string; id: string }): string {
  return JSON.stringify([r.key_at, r.id]);
}
