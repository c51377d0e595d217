/** Per-request loaders of an application's parts, so a work queue of 100 rows costs one statement per part. */
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { ApplicationAction, ApplicationStatus } from '@weimin/domain';
import { textOf, type ItemContent, type JurisdictionLevel, type StageKind, type TextParams, type TimeLimitUnit } from '@weimin/domain';
import type { ApplicationEvent, DeficiencyNotice, Objection, SpecialProcedure, StageOutcome, SuppliedMaterial, Suspension } from './application.types';

/** A stage row as the API shows it; overdue and warning are added by the resolver (they depend on today). */
export interface StageView {
  id: string;
  index: number;
  kind: StageKind;
  name: string;
  level: JurisdictionLevel;
  centre: string;
  centreJurisdictionId: string;
  limit: number;
  unit: TimeLimitUnit;
  arrivedOn: string;
  dueOn: string;
  doneOn: string | null;
  outcome: StageOutcome | null;
  note: string | null;
  noteKey: string | null;
  noteParams: TextParams | null;
  extendedDays: number | null;
}

function grouped<T extends { application_id: string }, R>(ds: DataSource, sql: string, map: (row: T) => R) {
  return new DataLoader<string, R[]>(async (ids) => {
    const rows: T[] = await ds.query(sql, [ids]);
    const out = new Map<string, R[]>(ids.map((id) => [id, []]));
    for (const r of rows) out.get(r.application_id)?.push(map(r));
    return ids.map((id) => out.get(id) ?? []);
  });
}

/** Who acted, in Chinese (the old `actor` field): `application.actor.*` of the text catalogue. */
export function actorText(role: string, name: string | null): string {
  const roleRef = { key: `application.actor.${role}` };
  return role === 'SYSTEM' || role === 'PUBLIC' || name == null ? textOf(roleRef.key) : textOf('application.actor.named', { name, role: roleRef });
}

export function createApplicationLoaders(ds: DataSource) {
  return {
    events: grouped(
      ds,
      `SELECT e.application_id, e.action, e.from_status, e.to_status, e.at, e.actor_role, e.note, e.note_key, e.note_params, u.name
         FROM application_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.application_id = ANY($1) ORDER BY e.id`,
      (r: { application_id: string; action: string; from_status: string | null; to_status: string; at: Date; actor_role: string; note: string | null;
        note_key: string | null; note_params: TextParams | null; name: string | null }): ApplicationEvent => ({
        action: r.action as ApplicationAction,
        fromStatus: r.from_status as ApplicationStatus | null,
        toStatus: r.to_status as ApplicationStatus,
        at: r.at,
        actor: actorText(r.actor_role, r.actor_role === 'SYSTEM' || r.actor_role === 'PUBLIC' ? null : (r.name ?? '')),
        actorRole: r.actor_role,
        actorName: r.actor_role === 'SYSTEM' || r.actor_role === 'PUBLIC' ? null : r.name,
        note: r.note,
        noteKey: r.note_key,
        noteParams: r.note_key ? (r.note_params ?? {}) : null,
      }),
    ),
    notices: grouped(
      ds,
      `SELECT application_id, id, sequence, issued_at, items, to_char(supplement_deadline, 'YYYY-MM-DD') AS supplement_deadline, is_repeat
         FROM deficiency_notice WHERE application_id = ANY($1) ORDER BY sequence`,
      (r: { application_id: string; id: string; sequence: number; issued_at: Date; items: DeficiencyNotice['items']; supplement_deadline: string; is_repeat: boolean }): DeficiencyNotice => ({
        id: r.id,
        sequence: r.sequence,
        issuedAt: r.issued_at,
        items: r.items,
        supplementDeadline: r.supplement_deadline,
        isRepeat: r.is_repeat,
      }),
    ),
    materials: grouped(
      ds,
      `SELECT m.application_id, m.requirement, m.file_id, m.round, f.original_name, f.mime_type
         FROM application_material m JOIN stored_file f ON f.id = m.file_id WHERE m.application_id = ANY($1) ORDER BY m.round, m.id`,
      (r: { application_id: string; requirement: string; file_id: string; round: number; original_name: string; mime_type: string }): SuppliedMaterial => ({
        requirement: r.requirement,
        fileId: r.file_id,
        fileName: r.original_name,
        mimeType: r.mime_type,
        round: r.round,
        url: `/api/files/${r.file_id}`,
      }),
    ),
    suspensions: grouped(
      ds,
      `SELECT application_id, kind, reason, to_char(from_date, 'YYYY-MM-DD') AS "from", to_char(to_date, 'YYYY-MM-DD') AS "to"
         FROM suspension WHERE application_id = ANY($1) ORDER BY from_date`,
      (r: { application_id: string; kind: string; reason: string; from: string; to: string | null }): Suspension => ({
        kind: r.kind as SpecialProcedure,
        reason: r.reason,
        from: r.from,
        to: r.to,
      }),
    ),
    stages: grouped(
      ds,
      `SELECT s.application_id, s.id, s.stage_index, s.kind, s.name, s.level, s.center_id, s.limit_days, s.unit,
              to_char(s.arrived_on, 'YYYY-MM-DD') AS arrived_on, to_char(s.due_on, 'YYYY-MM-DD') AS due_on, to_char(s.done_on, 'YYYY-MM-DD') AS done_on,
              s.outcome, s.note, s.note_key, s.note_params, s.extended_days, coalesce(c.name, j.name) AS centre
         FROM application_stage s JOIN jurisdiction j ON j.id = s.center_id LEFT JOIN service_center c ON c.jurisdiction_id = s.center_id
        WHERE s.application_id = ANY($1) ORDER BY s.id`,
      (r: { application_id: string; id: string; stage_index: number; kind: string; name: string; level: string; center_id: number; limit_days: number; unit: string;
        arrived_on: string; due_on: string; done_on: string | null; outcome: string | null; note: string | null; note_key: string | null; note_params: TextParams | null; extended_days: number | null; centre: string }): StageView => ({
        id: String(r.id),
        index: r.stage_index,
        kind: r.kind as StageKind,
        name: r.name,
        level: r.level as JurisdictionLevel,
        centre: r.centre,
        centreJurisdictionId: String(r.center_id),
        limit: r.limit_days,
        unit: r.unit as TimeLimitUnit,
        arrivedOn: r.arrived_on,
        dueOn: r.due_on,
        doneOn: r.done_on,
        outcome: r.outcome as StageOutcome | null,
        note: r.note,
        noteKey: r.note_key,
        noteParams: r.note_key ? (r.note_params ?? {}) : null,
        extendedDays: r.extended_days,
      }),
    ),
    // The village agent who lodged the application (全程代理); a walk-in recorded by a clerk has none.
    agent: grouped(
      ds,
      `SELECT e.application_id, u.name FROM application_event e JOIN app_user u ON u.id = e.actor_id
        WHERE e.application_id = ANY($1) AND e.action = 'SUBMIT' AND e.actor_role = 'AGENT'`,
      (r: { application_id: string; name: string }) => r.name,
    ),
    objections: grouped(
      ds,
      `SELECT application_id, id, name, phone, reason, lodged_at, resolution, upheld, resolved_at FROM public_notice_objection WHERE application_id = ANY($1) ORDER BY lodged_at`,
      (r: { application_id: string; id: string; name: string; phone: string; reason: string; lodged_at: Date; resolution: string | null; upheld: boolean | null; resolved_at: Date | null }): Objection => ({
        id: r.id, name: r.name, phone: r.phone, reason: r.reason, lodgedAt: r.lodged_at, resolution: r.resolution, upheld: r.upheld, resolvedAt: r.resolved_at,
      }),
    ),
    /** The item version's content, for list rows (which never carry it) when a field needs the chain or limits. */
    content: new DataLoader<string, ItemContent | null>(async (versionIds) => {
      const rows: Array<{ id: string; content: ItemContent }> = await ds.query(`SELECT id, content FROM service_item_version WHERE id = ANY($1::uuid[])`, [versionIds]);
      const byId = new Map(rows.map((r) => [r.id, r.content]));
      return versionIds.map((id) => byId.get(id) ?? null);
    }),
    /** The form answers, for list rows (which do not carry them). */
    formData: new DataLoader<string, Record<string, unknown>>(async (appIds) => {
      const rows: Array<{ id: string; form_data: Record<string, unknown> }> = await ds.query(`SELECT id, form_data FROM application WHERE id = ANY($1::uuid[])`, [appIds]);
      const byId = new Map(rows.map((r) => [r.id, r.form_data]));
      return appIds.map((id) => byId.get(id) ?? {});
    }),
  };
}

export type ApplicationLoaders = ReturnType<typeof createApplicationLoaders>;
