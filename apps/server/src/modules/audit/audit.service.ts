/** The append-only audit log: every staff mutation, with who, role, where, what, before and after. */
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../common/context';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | null;
  jurisdictionId: number | null;
  before?: unknown;
  after?: unknown;
}

export class AuditService {
  /** Writes inside the caller's transaction, so the log and the change commit together or not at all. */
  async record(m: EntityManager, ctx: RequestContext, e: AuditEntry): Promise<void> {
    const roles = ctx.viewer?.grants.map((g) => `${g.role}@${g.jurisdictionId ?? '-'}`).join(' ') ?? null;
    await m.query(
      `INSERT INTO audit_log (user_id, roles, jurisdiction_id, action, entity, entity_id, before, after, ip, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [ctx.viewer?.id ?? null, roles, e.jurisdictionId, e.action, e.entity, e.entityId,
        e.before == null ? null : JSON.stringify(e.before), e.after == null ? null : JSON.stringify(e.after), ctx.ip, ctx.requestId],
    );
  }
}
