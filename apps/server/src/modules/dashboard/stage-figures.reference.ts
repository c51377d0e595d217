/**
 * The stage figures of a subtree computed the plain way: one GROUP BY over the raw stage rows, objections and
 * notices, dwell counted with the work_day table (working days d with arrived < d ≤ done). The benchmark's baseline
 * and a test's reference for stage-figures.ts; both must agree exactly.
 */
import type { Client } from 'pg';

export interface StageReferenceRow {
  level: string;
  kind: string;
  arrivals: number;
  done: number;
  doneOnTime: number;
  onTimeRate: number | null;
  medianDwellDays: number | null;
  p90DwellDays: number | null;
  returns: number;
  objections: number;
  extensions: number;
  precheckMisses: number;
}

export interface StageWaitingRow {
  level: string;
  kind: string;
  open: number;
  overdue: number;
}

const key = (x: { level: string; kind: string }) => `${x.level}|${x.kind}`;

export async function referenceStageFigures(db: Client, path: string, from: string, to: string): Promise<StageReferenceRow[]> {
  const { rows } = await db.query(
    `SELECT s.level, s.kind, count(*)::int AS arrivals, count(s.done_on)::int AS done,
            count(*) FILTER (WHERE s.done_on <= s.due_on)::int AS done_on_time,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY wd.wd_index - wa.wd_index) FILTER (WHERE s.done_on IS NOT NULL) AS median,
            percentile_disc(0.9) WITHIN GROUP (ORDER BY wd.wd_index - wa.wd_index) FILTER (WHERE s.done_on IS NOT NULL) AS p90,
            count(*) FILTER (WHERE s.outcome IN ('RETURNED', 'RETURNED_FOR_SUPPLEMENT'))::int AS returns,
            coalesce(sum(o.n), 0)::int AS objections, count(s.extended_days)::int AS extensions, coalesce(sum(m.n), 0)::int AS misses
       FROM application_stage s
       JOIN jurisdiction j ON j.id = s.center_id
       JOIN work_day wa ON wa.day = s.arrived_on
       LEFT JOIN work_day wd ON wd.day = s.done_on
       LEFT JOIN (SELECT stage_id, count(*) AS n FROM public_notice_objection GROUP BY stage_id) o ON o.stage_id = s.id
       LEFT JOIN (SELECT application_id, count(*) AS n FROM deficiency_notice WHERE stage_kind <> 'COLLECT' AND cardinality(precheck_misses) > 0 GROUP BY application_id) m
              ON s.kind = 'COLLECT' AND m.application_id = s.application_id
      WHERE j.path LIKE $1 AND s.arrived_on BETWEEN $2::date AND $3::date
      GROUP BY s.level, s.kind`,
    [`${path}%`, from, to],
  );
  return rows
    .map((r) => ({
      level: r.level,
      kind: r.kind,
      arrivals: r.arrivals,
      done: r.done,
      doneOnTime: r.done_on_time,
      onTimeRate: r.done ? r.done_on_time / r.done : null,
      medianDwellDays: r.median == null ? null : Number(r.median),
      p90DwellDays: r.p90 == null ? null : Number(r.p90),
      returns: r.returns,
      objections: r.objections,
      extensions: r.extensions,
      precheckMisses: r.misses,
    }))
    .sort((a, b) => key(a).localeCompare(key(b)));
}

export async function referenceStagesWaiting(db: Client, path: string, today: string): Promise<StageWaitingRow[]> {
  const { rows } = await db.query(
    `SELECT j.level, a.stage_kind AS kind, count(*)::int AS open, count(*) FILTER (WHERE a.stage_due_on < $2::date)::int AS overdue
       FROM application a JOIN jurisdiction j ON j.id = a.stage_center_id
      WHERE j.path LIKE $1 GROUP BY 1, 2`,
    [`${path}%`, today],
  );
  return rows.sort((a, b) => key(a).localeCompare(key(b)));
}

/** Sorted the way the references are, for comparing with the API's lists. */
export function byLevelAndKind<T extends { level: string; kind: string }>(xs: readonly T[]): T[] {
  return [...xs].sort((a, b) => key(a).localeCompare(key(b)));
}
