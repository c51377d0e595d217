/**
 * Reads of the linkage: the clerk's stage queue (applications now at a stage of the clerk's centres, soonest due
 * first), the station's register (代办台账) and the public-notice board (公示栏). Each list is served by an index
 * matching its scope and order (application_stage_queue_idx, application_stage_kind_idx, application_lodged_idx)
 * with keyset pagination.
 */
import type { DataSource } from 'typeorm';
import { Role, StageKind, maskName } from '@weimin/domain';
import type { RequestContext } from '../../common/context';
import { ForbiddenError, InputError } from '../../common/errors';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../common/pagination';
import { queryPlanned } from '../../db/planned';
import { COUNT_CAP, LIST_COLUMNS, capped } from './application.lists';
import type { ApplicationRow } from './application.service';
import type { PublicNotice } from './application.types';
import { toApplication, type Application } from './application.view';

const LIST_FROM = `SELECT ${LIST_COLUMNS} FROM application a`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface StageQueueFilter {
  kind?: StageKind | null;
  /** Application number, applicant name, ID number or phone. */
  search?: string | null;
  /** One of the viewer's centres (default: all of them). */
  centreJurisdictionId?: string | null;
}

function cursorOf(key: string | null): [string, string] | null {
  if (key == null) return null;
  const [a, b] = key.split('|');
  if (!a || !b || !UUID.test(b)) throw new InputError('after', 'is not a cursor this API returned', {}, 'input.badCursor');
  return [a, b];
}

export class ApplicationStageQueries {
  constructor(private readonly ds: DataSource) {}

  /** The centres whose stages the viewer works: clerks' jurisdictions, and agents' villages (collection, hand-over). */
  centresOf(ctx: RequestContext): number[] {
    const grants = ctx.viewer?.grants ?? [];
    return [...new Set(grants.filter((g) => (g.role === Role.CLERK || g.role === Role.AGENT) && g.jurisdictionId != null).map((g) => g.jurisdictionId as number))];
  }

  async queue(ctx: RequestContext, filter: StageQueueFilter, first?: number | null, after?: string | null): Promise<Connection<Application>> {
    const take = pageSize(first);
    let centres = this.centresOf(ctx);
    if (!centres.length) throw new ForbiddenError('The stage queue is for clerks and village agents', 'forbidden.stageQueue');
    if (filter.centreJurisdictionId != null) {
      const c = Number(filter.centreJurisdictionId);
      if (!centres.includes(c)) throw new InputError('filter.centreJurisdictionId', 'is not one of your centres', {}, 'application.notYourCentre');
      centres = [c];
    }
    const params: unknown[] = [centres];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const where = [`a.stage_center_id = ANY($1::int[])`];
    if (filter.kind) where.push(`a.stage_kind = ${p(filter.kind)}`);
    const search = filter.search?.trim();
    if (search) {
      if (search.length > 50 || /[\u0000-\u001f]/.test(search)) throw new InputError('filter.search', 'must be at most 50 characters without control characters', { max: 50 }, 'input.tooLong');
      const exact = p(search.toUpperCase());
      const prefix = p(`${search.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
      where.push(`(a.number LIKE ${prefix} OR a.applicant_name LIKE ${prefix} OR a.applicant_id_number = ${exact} OR a.applicant_phone = ${p(search)})`);
    }
    const countWhere = where.join(' AND ');
    const countParams = [...params];
    const cur = cursorOf(decodeCursor(after));
    if (cur) {
      if (!DATE.test(cur[0])) throw new InputError('after', 'is not a cursor this API returned', {}, 'input.badCursor');
      where.push(`(a.stage_due_on, a.id) > (${p(cur[0])}::date, ${p(cur[1])}::uuid)`);
    }
    const [rows, count] = await Promise.all([
      queryPlanned(this.ds, `${LIST_FROM} WHERE ${where.join(' AND ')} ORDER BY a.stage_due_on, a.id LIMIT ${take + 1}`, params) as Promise<ApplicationRow[]>,
      queryPlanned(this.ds, `SELECT count(*)::int AS n FROM (SELECT 1 FROM application a WHERE ${countWhere} LIMIT ${COUNT_CAP + 1}) x`, countParams) as Promise<Array<{ n: number }>>,
    ]);
    const nodes = rows.slice(0, take).map((r) => toApplication(r, ctx.viewer));
    const last = rows[Math.min(rows.length, take) - 1];
    return {
      nodes,
      ...capped(count[0].n),
      pageInfo: { hasNextPage: rows.length > take, endCursor: last ? encodeCursor(`${last.stage_due_on}|${last.id}`) : null },
    };
  }

  /** 代办台账: everything lodged at the agent's stations, newest first; `handOver` = results waiting at the station. */
  async register(ctx: RequestContext, handOver: boolean, first?: number | null, after?: string | null): Promise<Connection<Application>> {
    const take = pageSize(first);
    const villages = (ctx.viewer?.grants ?? []).filter((g) => g.role === Role.AGENT && g.jurisdictionId != null).map((g) => g.jurisdictionId as number);
    if (!villages.length) throw new ForbiddenError('The register is for village agents', 'forbidden.register');
    const params: unknown[] = [villages];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const where = [`a.jurisdiction_id = ANY($1::int[])`];
    if (handOver) where.push(`a.stage_kind = 'DELIVER'`);
    const countWhere = where.join(' AND ');
    const countParams = [...params];
    const cur = cursorOf(decodeCursor(after));
    if (cur) {
      if (!/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:\d{2})?)$/.test(cur[0])) throw new InputError('after', 'is not a cursor this API returned', {}, 'input.badCursor');
      where.push(`(a.submitted_at, a.id) < (${p(cur[0])}::timestamptz, ${p(cur[1])}::uuid)`);
    }
    const [rows, count] = await Promise.all([
      queryPlanned(this.ds, `${LIST_FROM.replace(' FROM application', ', a.submitted_at::text AS key_at FROM application')} WHERE ${where.join(' AND ')} ORDER BY a.submitted_at DESC, a.id DESC LIMIT ${take + 1}`, params) as Promise<Array<ApplicationRow & { key_at: string }>>,
      queryPlanned(this.ds, `SELECT count(*)::int AS n FROM (SELECT 1 FROM application a WHERE ${countWhere} LIMIT ${COUNT_CAP + 1}) x`, countParams) as Promise<Array<{ n: number }>>,
    ]);
    const nodes = rows.slice(0, take).map((r) => toApplication(r, ctx.viewer));
    const last = rows[Math.min(rows.length, take) - 1];
    return {
      nodes,
      ...capped(count[0].n),
      pageInfo: { hasNextPage: rows.length > take, endCursor: last ? encodeCursor(`${last.key_at}|${last.id}`) : null },
    };
  }

  /** 公示栏 of a jurisdiction: applications on public notice there now, masked, ending soonest first. */
  async publicNotices(jurisdictionIdRaw: string, today: string, first?: number | null): Promise<PublicNotice[]> {
    const take = pageSize(first);
    const jurisdictionId = Number(jurisdictionIdRaw);
    if (!Number.isSafeInteger(jurisdictionId) || jurisdictionId <= 0) throw new InputError('jurisdictionId', 'is not a jurisdiction id', {}, 'input.badId');
    const rows: Array<{ id: string; applicant_name: string; item: string; place: string; from: string; to: string; objections: number }> = await queryPlanned(
      this.ds,
      `SELECT a.id, a.applicant_name, v.name AS item, j.name AS place, to_char(a.stage_arrived_on, 'YYYY-MM-DD') AS "from",
              to_char(a.stage_due_on, 'YYYY-MM-DD') AS "to",
              (SELECT count(*)::int FROM public_notice_objection o WHERE o.application_id = a.id) AS objections
         FROM application a JOIN service_item_version v ON v.id = a.item_version_id JOIN jurisdiction j ON j.id = a.jurisdiction_id
        WHERE a.stage_center_id = $1 AND a.stage_kind = 'PUBLIC_NOTICE' AND a.stage_due_on >= $2::date
        ORDER BY a.stage_due_on, a.id LIMIT ${take}`,
      [jurisdictionId, today],
    );
    return rows.map((r) => ({ applicationId: r.id, serviceItemName: r.item, applicantName: maskName(r.applicant_name), place: r.place, from: r.from, to: r.to, objections: r.objections }));
  }
}
