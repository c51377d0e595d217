/**
 * The stage dimension of an application (四级联动): which stage of the item's handling chain holds it now, at which
 * centre, since when and until when. Every move closes the current stage row and opens the next one in the
 * transaction of the event that caused it, and keeps the current stage denormalised on the application row (the
 * clerk's stage queue reads only that row and its index).
 */
import type { EntityManager } from 'typeorm';
import {
  LEVEL_ORDER,
  StageKind,
  chainOf,
  returnTarget,
  routeChain,
  stageDueAfterSuspension,
  stageDueOn,
  type JurisdictionLevel,
  type RoutedStage,
  type StageMove,
  type StageState,
  type TextParams,
  type TimeLimitUnit,
  type WorkCalendar,
} from '@weimin/domain';
import type { ApplicationRow } from './application.service';

export interface StageRowDb {
  id: string;
  application_id: string;
  stage_index: number;
  kind: StageKind;
  name: string;
  level: JurisdictionLevel;
  center_id: number;
  limit_days: number;
  unit: string;
  arrived_at: Date;
  arrived_on: string;
  due_on: string;
  done_at: Date | null;
  done_on: string | null;
  outcome: string | null;
  note: string | null;
  passed_materials: string[] | null;
  extended_days: number | null;
}

/** What each move records as the outcome of the stage it leaves. */
export type StageOutcome =
  | 'FORWARDED'
  | 'RETURNED'
  | 'RETURNED_FOR_SUPPLEMENT'
  | 'SUPPLEMENTED'
  | 'REFERRED'
  | 'ACCEPTED'
  | 'DEEMED_ACCEPTED'
  | 'REJECTED'
  | 'DECIDED'
  | 'DELIVERED'
  | 'WITHDRAWN'
  | 'LAPSED'
  | 'NOTICE_ENDED';

/** The stages this application passes, from its item version's chain and the level of the place it was lodged at. */
export function routeOf(a: Pick<ApplicationRow, 'content' | 'jurisdiction_level'>): RoutedStage[] {
  return routeChain(chainOf(a.content), a.jurisdiction_level);
}

/** The centre (jurisdiction) of a stage at `level`: above the lodging place, or above the centre it was referred to. */
export async function centreFor(m: EntityManager, a: ApplicationRow, level: JurisdictionLevel): Promise<{ id: number; path: string }> {
  const ids = new Set(a.path.split('.').filter(Boolean).map(Number));
  let referred: { level: JurisdictionLevel; path: string } | null = null;
  if (a.referred_to_id) {
    const [r] = await m.query(`SELECT level, path FROM jurisdiction WHERE id = $1`, [a.referred_to_id]);
    referred = r;
    if (referred && LEVEL_ORDER.indexOf(level) <= LEVEL_ORDER.indexOf(referred.level)) {
      for (const id of referred.path.split('.').filter(Boolean)) ids.add(Number(id));
    }
  }
  const rows: Array<{ id: number; level: JurisdictionLevel; path: string }> = await m.query(
    `SELECT id, level, path FROM jurisdiction WHERE id = ANY($1::int[]) AND level = $2 ORDER BY depth`,
    [[...ids], level],
  );
  // Referred: the referred centre's line wins at its level and above.
  const pick = referred && LEVEL_ORDER.indexOf(level) <= LEVEL_ORDER.indexOf(referred.level)
    ? rows.find((r) => referred!.path.startsWith(r.path))
    : rows.find((r) => a.path.startsWith(r.path));
  const found = pick ?? rows[0];
  if (!found) throw new Error(`no ${level} jurisdiction above application ${a.id}`);
  return { id: found.id, path: found.path };
}

export async function openObjections(m: EntityManager, applicationId: string): Promise<number> {
  const [{ n }] = await m.query(
    `SELECT count(*)::int AS n FROM public_notice_objection o JOIN application_stage s ON s.application_id = o.application_id AND s.id = o.stage_id
      WHERE o.application_id = $1 AND s.done_at IS NULL AND o.resolved_at IS NULL`,
    [applicationId],
  );
  return n;
}

/** The guards' view of the current stage (null for applications that have left the chain). */
export async function stageStateOf(m: EntityManager, a: ApplicationRow, today: string): Promise<StageState | null> {
  if (!a.stage_kind || a.stage_index == null) return null;
  const route = routeOf(a);
  return {
    kind: a.stage_kind,
    status: a.status,
    openObjections: a.stage_kind === StageKind.PUBLIC_NOTICE ? ((a as { open_objections?: number | null }).open_objections ?? (await openObjections(m, a.id))) : 0,
    extended: !!a.extension,
    canReturn: !!returnTarget(route, a.stage_index),
    acceptedBefore: !!a.accepted_on,
    noticeEnded: !!a.stage_due_on && a.stage_due_on < today,
  };
}

export async function currentStageRow(m: EntityManager, applicationId: string): Promise<StageRowDb | null> {
  const rows: StageRowDb[] = await m.query(
    `SELECT * , to_char(arrived_on, 'YYYY-MM-DD') AS arrived_on, to_char(due_on, 'YYYY-MM-DD') AS due_on
       FROM application_stage WHERE application_id = $1 AND done_at IS NULL ORDER BY id DESC LIMIT 1`,
    [applicationId],
  );
  return rows[0] ?? null;
}

/** Opens stage `index` of the route at its centre, arriving today, and records it on the application row. */
export async function openStage(m: EntityManager, a: ApplicationRow, cal: WorkCalendar, index: number, today: string): Promise<RoutedStage> {
  const route = routeOf(a);
  const stage = route[index];
  if (!stage) throw new Error(`stage ${index} is outside the route of application ${a.id}`);
  const centre = await centreFor(m, a, stage.level);
  const due = stageDueOn(cal, stage, today);
  await m.query(
    `INSERT INTO application_stage (application_id, stage_index, kind, name, level, center_id, limit_days, unit, arrived_on, due_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [a.id, index, stage.kind, stage.name, stage.level, centre.id, stage.limit, stage.unit, today, due],
  );
  await m.query(
    `UPDATE application SET stage_index = $2, stage_kind = $3, stage_center_id = $4, stage_center_path = $5, stage_arrived_on = $6, stage_due_on = $7
      WHERE id = $1`,
    [a.id, index, stage.kind, centre.id, centre.path, today, due],
  );
  Object.assign(a, { stage_index: index, stage_kind: stage.kind, stage_center_id: centre.id, stage_center_path: centre.path, stage_arrived_on: today, stage_due_on: due });
  return stage;
}

/** How a stage closes beside its outcome: the materials passed on, and the catalogue key of a composed note. */
export interface StageCloseExtra {
  passedMaterials?: string[];
  noteKey?: string | null;
  noteParams?: TextParams | null;
}

export async function closeStage(m: EntityManager, a: ApplicationRow, today: string, outcome: StageOutcome, note: string | null, extra: StageCloseExtra = {}) {
  await m.query(
    `UPDATE application_stage SET done_at = now(), done_on = $2, outcome = $3, note = $4, note_key = $6, note_params = $7, passed_materials = coalesce($5, passed_materials)
      WHERE application_id = $1 AND done_at IS NULL`,
    [a.id, today, outcome, note, extra.passedMaterials ?? null, extra.noteKey ?? null, extra.noteKey && extra.noteParams ? JSON.stringify(extra.noteParams) : null],
  );
}

/**
 * Applies a move: NEXT = the following stage, BACK = where a return goes, REFER = the same stage at the referred
 * centre, CLOSE = the application leaves the chain, `{ index }` = a given stage (back to the one that asked for a
 * supplement). Returns the stage it arrived at (null for CLOSE and STAY).
 */
export async function moveStage(
  m: EntityManager,
  a: ApplicationRow,
  cal: WorkCalendar,
  today: string,
  move: StageMove | 'CLOSE' | { index: number },
  outcome: StageOutcome,
  note: string | null,
  extra: StageCloseExtra = {},
): Promise<RoutedStage | null> {
  if (move === 'STAY' || a.stage_index == null) return null;
  await closeStage(m, a, today, outcome, note, extra);
  if (move === 'CLOSE') {
    await m.query(`UPDATE application SET stage_index = NULL, stage_kind = NULL, stage_center_id = NULL, stage_center_path = NULL, stage_arrived_on = NULL, stage_due_on = NULL WHERE id = $1`, [a.id]);
    Object.assign(a, { stage_index: null, stage_kind: null, stage_center_id: null, stage_center_path: null, stage_arrived_on: null, stage_due_on: null });
    return null;
  }
  const route = routeOf(a);
  let index: number;
  if (typeof move === 'object') index = move.index;
  else if (move === 'NEXT') index = a.stage_index + 1;
  else if (move === 'REFER') index = a.stage_index;
  else {
    const target = returnTarget(route, a.stage_index);
    if (!target) throw new Error(`nothing to return application ${a.id} to`);
    index = target.index;
  }
  return openStage(m, a, cal, index, today);
}

/** The stage a supplement after a return goes back to: the one whose return asked for it. */
export async function stageThatAskedForSupplement(m: EntityManager, applicationId: string): Promise<number | null> {
  const [r] = await m.query(
    `SELECT stage_index FROM application_stage WHERE application_id = $1 AND outcome = 'RETURNED_FOR_SUPPLEMENT' ORDER BY id DESC LIMIT 1`,
    [applicationId],
  );
  return r?.stage_index ?? null;
}

/** Materials the COLLECT station checked and passed on (a later notice citing one counts against its pre-check). */
export async function passedByStation(m: EntityManager, applicationId: string): Promise<string[]> {
  const rows: Array<{ passed_materials: string[] | null }> = await m.query(
    `SELECT passed_materials FROM application_stage WHERE application_id = $1 AND kind = 'COLLECT' AND outcome = 'FORWARDED' ORDER BY id DESC LIMIT 1`,
    [applicationId],
  );
  return rows[0]?.passed_materials ?? [];
}

/**
 * On resuming after a suspension (Art. 45): the current stage's clock was paused as well, so its due date moves by
 * the days suspended, like the promised limit (the stage row and the application row's copy together).
 */
export async function pauseStageClock(m: EntityManager, a: ApplicationRow, cal: WorkCalendar, from: string, to: string): Promise<void> {
  if (a.stage_index == null || !a.stage_due_on) return;
  const stage = await currentStageRow(m, a.id);
  if (!stage) return;
  const due = stageDueAfterSuspension(cal, { unit: stage.unit as TimeLimitUnit }, stage.due_on, from, to);
  if (due === stage.due_on) return;
  await m.query(`UPDATE application_stage SET due_on = $3 WHERE application_id = $1 AND id = $2`, [a.id, stage.id, due]);
  await m.query(`UPDATE application SET stage_due_on = $2 WHERE id = $1`, [a.id, due]);
}
