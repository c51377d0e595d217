/**
 * The append-only audit log: every staff mutation, with who, role, where, what, before and after, time and address.
 * The database refuses UPDATE, DELETE and TRUNCATE on it (triggers). Each row carries `scope`, the ids of the acting
 * jurisdiction's path, so "within this subtree, newest first" is an index range (`(scope[d], at, id)` per depth).
 */
import type { DataSource, EntityManager } from 'typeorm';
import { Role } from '@weimin/domain';
import { scopePaths, type RequestContext, type Viewer } from '../../common/context';
import { ForbiddenError, InputError } from '../../common/errors';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../common/pagination';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | null;
  /** The jurisdiction acted on; null for city-wide things (settings, calendar): the actor's own is recorded then. */
  jurisdictionId: number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditFilter {
  actorId?: string | null;
  action?: string | null;
  entity?: string | null;
  entityId?: string | null;
  jurisdictionId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorId: string | null;
  actorLogin: string | null;
  actorName: string | null;
  roles: string | null;
  jurisdictionId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
}

export const AUDIT_READERS = [Role.SYSTEM_ADMIN, Role.SUPERVISOR] as const;
/** Audit pages may be larger than other lists (exports page through them). */
export const AUDIT_MAX_PAGE = 500;

function actingJurisdiction(viewer: Viewer | null): number | null {
  if (!viewer) return null;
  const ranked = [...viewer.grants].filter((g) => g.jurisdictionId != null).sort((a, b) => (a.path?.length ?? 0) - (b.path?.length ?? 0));
  return ranked.find((g) => g.role === Role.SYSTEM_ADMIN)?.jurisdictionId ?? ranked[0]?.jurisdictionId ?? null;
}

/**
 * The SQL of one page (shared with the benchmark, which runs it through `pg` as its baseline): rows under any of
 * `paths`, newest first, after the keyset cursor `at|id`.
 */
export function auditPageQuery(paths: string[], filter: AuditFilter, take: number, cursor: string | null): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const byPath = (path: string) => {
    const ids = path.split('.').filter(Boolean).map(Number);
    return `a.scope[${ids.length}] = ${p(ids[ids.length - 1])}`;
  };
  const where = [paths.length === 1 ? byPath(paths[0]) : `(${paths.map(byPath).join(' OR ')})`];
  if (filter.actorId) {
    if (!/^[0-9a-f-]{36}$/i.test(filter.actorId)) throw new InputError('filter.actorId', 'is not a user id', {}, 'input.badId');
    where.push(`a.user_id = ${p(filter.actorId)}`);
  }
  if (filter.action) where.push(`a.action = ${p(filter.action)}`);
  if (filter.entity) where.push(`a.entity = ${p(filter.entity)}`);
  if (filter.entityId) where.push(`a.entity_id = ${p(filter.entityId)}`);
  if (filter.from) where.push(`a.at >= ${p(filter.from)}`);
  if (filter.to) where.push(`a.at < ${p(filter.to)}`);
  if (cursor != null) {
    const [at, id] = cursor.split('|');
    if (!at || !/^\d+$/.test(id ?? '') || Number.isNaN(Date.parse(at))) throw new InputError('after', 'is not a cursor this API returned', {}, 'input.badCursor');
    where.push(`(a.at, a.id) < (${p(at)}::timestamptz, ${p(id)}::bigint)`);
  }
  const sql = `SELECT a.id::text AS id, a.at, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "atText",
              a.user_id AS "actorId", u.login AS "actorLogin", u.name AS "actorName", a.roles,
              a.jurisdiction_id AS "jurisdictionId", a.action, a.entity, a.entity_id AS "entityId", a.before, a.after, a.ip,
              a.request_id AS "requestId"
         FROM audit_log a LEFT JOIN app_user u ON u.id = a.user_id
        WHERE ${where.join(' AND ')}
        ORDER BY a.at DESC, a.id DESC LIMIT ${p(take + 1)}`;
  return { sql, params };
}

export class AuditService {
  constructor(private readonly ds?: DataSource) {}

  /** Writes inside the caller's transaction, so the log and the change commit together or not at all. */
  async record(m: EntityManager, ctx: RequestContext, e: AuditEntry): Promise<void> {
    const roles = ctx.viewer?.grants.map((g) => `${g.role}@${g.jurisdictionId ?? '-'}`).join(' ') ?? null;
    await m.query(
      `INSERT INTO audit_log (user_id, roles, jurisdiction_id, scope, action, entity, entity_id, before, after, ip, request_id)
       SELECT $1, $2, j.id, string_to_array(rtrim(j.path, '.'), '.')::integer[], $4, $5, $6, $7, $8, $9, $10
         FROM (SELECT 1) one LEFT JOIN jurisdiction j ON j.id = $3`,
      [ctx.viewer?.id ?? null, roles, e.jurisdictionId ?? actingJurisdiction(ctx.viewer), e.action, e.entity, e.entityId,
        e.before == null ? null : JSON.stringify(e.before), e.after == null ? null : JSON.stringify(e.after), ctx.ip, ctx.requestId],
    );
  }

  /**
   * The INSERT of one entry as a part of a combined statement (application.write.ts): it writes only when the
   * part named `after` returned a row.
   */
  entryStatement(ctx: RequestContext, e: AuditEntry, after: string): { sql: string; params: unknown[] } {
    const roles = ctx.viewer?.grants.map((g) => `${g.role}@${g.jurisdictionId ?? '-'}`).join(' ') ?? null;
    return {
      sql: `INSERT INTO audit_log (user_id, roles, jurisdiction_id, scope, action, entity, entity_id, before, after, ip, request_id)
            SELECT $1, $2, j.id, string_to_array(rtrim(j.path, '.'), '.')::integer[], $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10
              FROM ${after} LEFT JOIN jurisdiction j ON j.id = $3::int`,
      params: [ctx.viewer?.id ?? null, roles, e.jurisdictionId ?? actingJurisdiction(ctx.viewer), e.action, e.entity, e.entityId,
        e.before == null ? null : JSON.stringify(e.before), e.after == null ? null : JSON.stringify(e.after), ctx.ip, ctx.requestId],
    };
  }

  /** Many entries in one statement (bulk imports), in the caller's transaction. */
  async recordMany(m: EntityManager, ctx: RequestContext, entries: AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    const roles = ctx.viewer?.grants.map((g) => `${g.role}@${g.jurisdictionId ?? '-'}`).join(' ') ?? null;
    const acting = actingJurisdiction(ctx.viewer);
    await m.query(
      `INSERT INTO audit_log (user_id, roles, jurisdiction_id, scope, action, entity, entity_id, before, after, ip, request_id)
       SELECT $1, $2, j.id, string_to_array(rtrim(j.path, '.'), '.')::integer[], e.action, e.entity, e.entity_id, e.before, e.after, $3, $4
         FROM jsonb_to_recordset($5::jsonb) AS e(jurisdiction_id integer, action text, entity text, entity_id text, before jsonb, after jsonb)
         LEFT JOIN jurisdiction j ON j.id = e.jurisdiction_id`,
      [ctx.viewer?.id ?? null, roles, ctx.ip, ctx.requestId, JSON.stringify(entries.map((e) => ({
        jurisdiction_id: e.jurisdictionId ?? acting, action: e.action, entity: e.entity, entity_id: e.entityId, before: e.before ?? null, after: e.after ?? null,
      })))],
    );
  }

  /**
   * A page of the log within the viewer's subtrees (SYSTEM_ADMIN or SUPERVISOR), newest first, keyset on (at, id).
   * The subtree condition is `scope[depth+1] = id` with a literal subscript, so it matches the per-depth index.
   */
  async list(viewer: Viewer | null, filter: AuditFilter, first?: number | null, after?: string | null): Promise<Connection<AuditRow>> {
    const ds = this.ds as DataSource;
    const take = first != null && first > 100 && first <= AUDIT_MAX_PAGE ? first : pageSize(first);
    const paths = scopePaths(viewer, AUDIT_READERS);
    if (!paths.length) throw new ForbiddenError('Only system administrators and supervisors read the audit log', 'audit.readersOnly');
    let target: string | null = null;
    if (filter.jurisdictionId != null) {
      const id = Number(filter.jurisdictionId);
      if (!Number.isInteger(id) || id < 1 || id > 2 ** 31 - 1) throw new InputError('filter.jurisdictionId', 'is not a jurisdiction id', {}, 'input.badId');
      const [j] = await ds.query(`SELECT path FROM jurisdiction WHERE id = $1`, [id]);
      if (!j) throw new InputError('filter.jurisdictionId', 'does not exist', {}, 'jurisdiction.unknown');
      if (!paths.some((x) => j.path.startsWith(x))) throw new ForbiddenError('That jurisdiction is outside your scope', 'forbidden.outsideScope');
      target = j.path;
    }
    const { sql, params } = auditPageQuery(target ? [target] : paths, filter, take, decodeCursor(after));
    const rows: Array<AuditRow & { atText: string }> = await ds.query(sql, params);
    const nodes = rows.slice(0, take);
    const last = nodes[nodes.length - 1];
    return {
      nodes,
      // Counting a million-row subtree is not cheap: the count is of this page (STYLE 15); hasNextPage says more.
      totalCount: nodes.length,
      pageInfo: { hasNextPage: rows.length > take, endCursor: last ? encodeCursor(`${last.atText}|${last.id}`) : null },
    };
  }
}
