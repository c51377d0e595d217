/** Reads of applications: one by id, tracking by number + lookup code, the applicant's own, and staff work queues. */
import { timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ApplicationStatus, Role, textOf } from '@weimin/domain';
import type { RequestContext } from '../../common/context';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../common/pagination';
import { subtreePaths } from '../../common/scope';
import { queryGeneric } from '../../db/planned';
import type { CalendarService } from '../calendar/calendar.service';
import type { PolicyService } from '../policy/policy.service';
import { mayRead } from './application.access';
import { APPLICATION_SELECT, type ApplicationRow } from './application.service';
import { capped, mergePage, mineCountStatement, mineCursor, mineStatement, queueCountStatement, queueCursor, queueStatement, scopesOf, type QueueConditions, type Scope, type Statement } from './application.lists';
import { type ApplicationTracking } from './application.types';
import { toApplication, type Application } from './application.view';
import { actorText } from './application.loaders';
import { normalizeLookupCode } from './tracking-guard';
import { takeWritten } from './application.write';

export const STAFF_READER_ROLES = [Role.CLERK, Role.SUPERVISOR, Role.SYSTEM_ADMIN] as const;
const OPEN_CLOCK: ApplicationStatus[] = [ApplicationStatus.ACCEPTED];
const ALL_STATUSES = Object.values(ApplicationStatus) as ApplicationStatus[];

export interface ApplicationFilter {
  jurisdictionId?: string | null;
  status?: ApplicationStatus[] | null;
  overdue?: boolean | null;
  warning?: boolean | null;
  serviceItemId?: string | null;
  from?: string | null;
  to?: string | null;
}

/** What happens next: a key of the text catalogue per status (`application.nextStep.*`). */
export function nextStepKey(status: ApplicationStatus): string {
  return `application.nextStep.${status}`;
}

export class ApplicationQueries {
  constructor(
    private readonly ds: DataSource,
    private readonly calendar: CalendarService,
    /** The warning window in working days, a policy setting of each city. */
    private readonly policy: PolicyService,
  ) {}

  async get(ctx: RequestContext, id: string): Promise<Application | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    // The answer of a mutation: the row it has just written (application.write.ts). An id from before the
    // partitioning (a bookmark, the audit log) resolves to the application's new id.
    const r = takeWritten<ApplicationRow>(ctx, id) ?? ((await queryGeneric(
      this.ds,
      `${APPLICATION_SELECT} WHERE a.id = coalesce((SELECT l.id FROM application_legacy_id l WHERE l.old_id = $1), $1)`,
      [id],
    )) as ApplicationRow[])[0];
    if (!r || !mayRead(ctx.viewer, r)) return null;
    return toApplication(r, ctx.viewer);
  }

  /** Tracking without login: the lookup code must match; nothing personal is returned. */
  async track(number: string, lookupCode: string): Promise<ApplicationTracking | null> {
    const rows: Array<ApplicationRow & { center: string | null; item_name: string }> = await queryGeneric(
      this.ds,
      `SELECT a.id, a.number, a.lookup_code, a.status, a.submitted_at, to_char(a.accepted_on, 'YYYY-MM-DD') AS accepted_on,
              to_char(a.due_date, 'YYYY-MM-DD') AS due_date, a.completed_at, a.decision, v.name AS item_name, c.name AS center
         FROM application a JOIN service_item_version v ON v.id = a.item_version_id
         LEFT JOIN service_center c ON c.jurisdiction_id = a.jurisdiction_id
        WHERE a.id = (SELECT application_id FROM application_number WHERE number = $1)`,
      [number.trim()],
    );
    const r = rows[0];
    const code = Buffer.from(normalizeLookupCode(lookupCode).padEnd(6));
    const expected = Buffer.from((r?.lookup_code ?? '\u0000\u0000\u0000\u0000\u0000\u0000').padEnd(6).slice(0, 32));
    const match = code.length === expected.length && timingSafeEqual(code, expected);
    if (!r || !match) return null;
    // No notes and no names: tracking is public.
    const events: Array<{ action: string; from_status: string | null; to_status: string; at: Date; actor_role: string; note: string | null }> =
      await queryGeneric(this.ds, `SELECT action, from_status, to_status, at, actor_role, NULL AS note FROM application_event WHERE application_id = $1 ORDER BY id`, [r.id]);
    return {
      number: r.number,
      status: r.status,
      serviceItemName: r.item_name,
      handlingCenter: r.center ?? '',
      submittedAt: r.submitted_at,
      acceptedOn: r.accepted_on,
      dueDate: r.due_date,
      completedAt: r.completed_at,
      decision: (r.decision?.result as never) ?? null,
      nextStep: textOf(nextStepKey(r.status)),
      nextStepKey: nextStepKey(r.status),
      nextStepParams: {},
      events: events.map((e) => ({
        action: e.action as never,
        fromStatus: e.from_status as never,
        toStatus: e.to_status as never,
        at: e.at,
        actor: actorText(e.actor_role, null),
        actorRole: e.actor_role,
        actorName: null,
        note: null,
        noteKey: null,
        noteParams: null,
      })),
    };
  }

  nextStep(status: ApplicationStatus): string {
    return textOf(nextStepKey(status));
  }

  async mine(ctx: RequestContext, first?: number | null, after?: string | null): Promise<Connection<Application>> {
    const viewer = ctx.viewer!;
    const take = pageSize(first);
    const page = mineStatement(viewer.id, take, decodeCursor(after));
    const count = mineCountStatement(viewer.id);
    const [rows, [{ n }]] = await Promise.all([
      queryGeneric(this.ds, page.sql, page.params) as Promise<Array<ApplicationRow & { key_at: string }>>,
      queryGeneric(this.ds, count.sql, count.params) as Promise<Array<{ n: number }>>,
    ]);
    return this.connection(ctx, mergePage(rows, (r) => [r.key_at], take, true), take, n, mineCursor);
  }

  /**
   * Staff work queue: the viewer's subtrees (or one jurisdiction in them), soonest due first, open ones without a
   * due date last. One index range per subtree and status (application.lists.ts).
   */
  async list(ctx: RequestContext, filter: ApplicationFilter, first?: number | null, after?: string | null): Promise<Connection<Application>> {
    const take = pageSize(first);
    const statement = await this.listStatements(ctx, filter, take, after);
    const [rows, [{ n }]] = await Promise.all([
      queryGeneric(this.ds, statement.page.sql, statement.page.params) as Promise<Array<ApplicationRow & { key_due: string; key_at: string }>>,
      queryGeneric(this.ds, statement.count.sql, statement.count.params) as Promise<Array<{ n: number }>>,
    ]);
    return this.connection(ctx, mergePage(rows, (r) => [r.key_due, r.key_at], take), take, n, queueCursor);
  }

  /** The queue's page and count statements (the plan test reads them). */
  async listStatements(ctx: RequestContext, filter: ApplicationFilter, take: number, after?: string | null): Promise<{ page: Statement; count: Statement }> {
    let scopes = scopesOf(await subtreePaths(this.ds, ctx.viewer, STAFF_READER_ROLES, filter.jurisdictionId, 'The work queue is for clerks, supervisors and administrators', 'forbidden.workQueue'));
    const chosen = filter.status?.length ? ALL_STATUSES.filter((s) => filter.status!.includes(s)) : ALL_STATUSES;
    const clock = filter.overdue || filter.warning;
    const statuses = clock ? chosen.filter((s) => OPEN_CLOCK.includes(s)) : chosen;
    const today = this.calendar.today();
    const conditions: QueueConditions = { statuses, serviceItemId: filter.serviceItemId, from: filter.from, to: filter.to };
    if (filter.overdue) conditions.dueBefore = today;
    if (filter.warning) {
      const cal = await this.calendar.calendar();
      conditions.dueFrom = today;
      scopes = await this.warningScopes(scopes, (days) => cal.addWorkingDays(today, days));
    }
    return {
      page: queueStatement(scopes, conditions, take, decodeCursor(after)),
      count: queueCountStatement(scopes, conditions, statuses.length === ALL_STATUSES.length),
    };
  }

  /**
   * Each scope with the end of its city's warning window. A scope above the cities (a province) reads the platform
   * window, unless a city below it keeps its own: then it is read city by city.
   */
  private async warningScopes(scopes: Scope[], until: (days: number) => string): Promise<Scope[]> {
    const out: Scope[] = [];
    const platform = await this.policy.settings(null);
    for (const s of scopes) {
      const city = await this.policy.cityOf(s.path as string);
      if (city != null) {
        out.push({ ...s, dueTo: until((await this.policy.settings(city)).warningWorkingDays) });
        continue;
      }
      const below = (await this.policy.cities()).filter((c) => c.path.startsWith(s.path as string));
      const windows = await Promise.all(below.map(async (c) => (await this.policy.settings(c.id)).warningWorkingDays));
      if (windows.every((w) => w === platform.warningWorkingDays)) {
        out.push({ ...s, dueTo: until(platform.warningWorkingDays) });
      } else {
        below.forEach((c, i) => out.push({ ...scopesOf([c.path])[0], dueTo: until(windows[i]) }));
      }
    }
    return out;
  }

  private connection<R extends ApplicationRow>(ctx: RequestContext, rows: R[], take: number, n: number, cursorOf: (r: R) => string): Connection<Application> {
    const page = rows.slice(0, take);
    const last = page[page.length - 1];
    return {
      nodes: page.map((r) => toApplication(r, ctx.viewer)),
      ...capped(n),
      pageInfo: { hasNextPage: rows.length > take, endCursor: last ? encodeCursor(cursorOf(last)) : null },
    };
  }
}
