/**
 * The dashboard figures of a node and its children computed the plain way: GROUP BY over the raw applications,
 * notices and evaluations, no rollups. The benchmark's baseline and the tests' reference; it must agree with
 * the rollups exactly (same day rules as rollup.sql.ts).
 */
import { HIST_OVERFLOW } from './rollup.sql';

export interface ReferenceRow {
  /** The child's id, or null for the node as a whole. */
  child: number | null;
  received: number;
  accepted: number;
  rejected: number;
  completed: number;
  completedOnTime: number;
  medianHandlingDays: number | null;
  p90HandlingDays: number | null;
  overdueOpen: number;
  warningOpen: number;
  deficient: number;
  repeatNotices: number;
  evaluations: number;
  satisfied: number;
  gradeSum: number;
  badReviews: number;
  rectifiedInTime: number;
}

/**
 * Parameters: $1 the node's path, $2 the position in a path of the children's ids (node depth + 2), $3 from,
 * $4 to, $5 today, $6 the last due date in the warning window. One row per child (handling at the node itself
 * counts only in the total) and one with child NULL and total = true for the node.
 */
export const REFERENCE_SQL = `
  WITH apps AS (
    SELECT CASE WHEN grouping(nullif(split_part(j.path, '.', $2), '')::int) = 1 THEN -2 ELSE coalesce(nullif(split_part(j.path, '.', $2), '')::int, -1) END AS k,
           count(*) FILTER (WHERE rollup_day(a.submitted_at) BETWEEN $3::date AND $4::date)::int AS received,
           count(*) FILTER (WHERE a.accepted_on BETWEEN $3::date AND $4::date)::int AS accepted,
           count(*) FILTER (WHERE a.status = 'REJECTED' AND rollup_rejected_day(a.rejection, a.updated_at) BETWEEN $3::date AND $4::date)::int AS rejected,
           count(*) FILTER (WHERE rollup_day(a.completed_at) BETWEEN $3::date AND $4::date)::int AS completed,
           count(*) FILTER (WHERE rollup_day(a.completed_at) BETWEEN $3::date AND $4::date AND rollup_day(a.completed_at) <= a.due_date)::int AS completed_on_time,
           percentile_disc(0.5) WITHIN GROUP (ORDER BY least(greatest(wc.wd_index - wa.wd_index, 0), ${HIST_OVERFLOW}))
             FILTER (WHERE rollup_day(a.completed_at) BETWEEN $3::date AND $4::date) AS median,
           percentile_disc(0.9) WITHIN GROUP (ORDER BY least(greatest(wc.wd_index - wa.wd_index, 0), ${HIST_OVERFLOW}))
             FILTER (WHERE rollup_day(a.completed_at) BETWEEN $3::date AND $4::date) AS p90,
           count(*) FILTER (WHERE a.status = 'ACCEPTED' AND a.due_date < $5::date)::int AS overdue_open,
           count(*) FILTER (WHERE a.status = 'ACCEPTED' AND a.due_date >= $5::date AND a.due_date <= $6::date)::int AS warning_open
      FROM application a
      JOIN jurisdiction j ON j.id = a.jurisdiction_id
      LEFT JOIN work_day wa ON wa.day = a.accepted_on
      LEFT JOIN work_day wc ON wc.day = rollup_day(a.completed_at)
     WHERE j.path LIKE $1 || '%'
     GROUP BY ROLLUP (nullif(split_part(j.path, '.', $2), '')::int)
  ), notices AS (
    SELECT CASE WHEN grouping(nullif(split_part(j.path, '.', $2), '')::int) = 1 THEN -2 ELSE coalesce(nullif(split_part(j.path, '.', $2), '')::int, -1) END AS k,
           count(*) FILTER (WHERE NOT n.is_repeat)::int AS deficient,
           count(*) FILTER (WHERE n.is_repeat)::int AS repeat_notices
      FROM deficiency_notice n
      JOIN application a ON a.id = n.application_id
      JOIN jurisdiction j ON j.id = a.jurisdiction_id
     WHERE j.path LIKE $1 || '%' AND rollup_day(n.issued_at) BETWEEN $3::date AND $4::date
     GROUP BY ROLLUP (nullif(split_part(j.path, '.', $2), '')::int)
  ), evals AS (
    SELECT CASE WHEN grouping(nullif(split_part(j.path, '.', $2), '')::int) = 1 THEN -2 ELSE coalesce(nullif(split_part(j.path, '.', $2), '')::int, -1) END AS k,
           count(*)::int AS evaluations,
           count(*) FILTER (WHERE e.grade >= 3)::int AS satisfied,
           coalesce(sum(e.grade), 0)::int AS grade_sum,
           count(*) FILTER (WHERE e.grade <= 2)::int AS bad_reviews,
           count(*) FILTER (WHERE e.grade <= 2 AND rollup_day(least(r.responded_at, r.closed_at)) <= r.deadline)::int AS rectified_in_time
      FROM evaluation e
      JOIN jurisdiction j ON j.id = e.jurisdiction_id
      LEFT JOIN rectification r ON r.evaluation_id = e.id
     WHERE j.path LIKE $1 || '%' AND NOT e.excluded AND e.evaluated_on BETWEEN $3::date AND $4::date
     GROUP BY ROLLUP (nullif(split_part(j.path, '.', $2), '')::int)
  )
  SELECT nullif(greatest(coalesce(a.k, n.k, e.k), 0), 0) AS child, coalesce(a.k, n.k, e.k) = -2 AS total,
         coalesce(a.received, 0) AS received, coalesce(a.accepted, 0) AS accepted, coalesce(a.rejected, 0) AS rejected,
         coalesce(a.completed, 0) AS completed, coalesce(a.completed_on_time, 0) AS completed_on_time, a.median, a.p90,
         coalesce(a.overdue_open, 0) AS overdue_open, coalesce(a.warning_open, 0) AS warning_open,
         coalesce(n.deficient, 0) AS deficient, coalesce(n.repeat_notices, 0) AS repeat_notices,
         coalesce(e.evaluations, 0) AS evaluations, coalesce(e.satisfied, 0) AS satisfied, coalesce(e.grade_sum, 0) AS grade_sum,
         coalesce(e.bad_reviews, 0) AS bad_reviews, coalesce(e.rectified_in_time, 0) AS rectified_in_time
    FROM apps a
    FULL JOIN notices n ON n.k = a.k
    FULL JOIN evals e ON e.k = coalesce(a.k, n.k)`;

interface Queryable {
  query(sql: string, params: unknown[]): Promise<unknown>;
}

/** Runs REFERENCE_SQL; `total` is the node itself, `children` by id (the children without any data are absent). */
export async function referenceFigures(
  db: Queryable,
  node: { path: string; depth: number },
  from: string,
  to: string,
  today: string,
  warnUntil: string,
): Promise<{ total: ReferenceRow; children: Map<number, ReferenceRow> }> {
  const res = (await db.query(REFERENCE_SQL, [node.path, node.depth + 2, from, to, today, warnUntil])) as
    | Array<Record<string, unknown>>
    | { rows: Array<Record<string, unknown>> };
  const rows = Array.isArray(res) ? res : res.rows;
  const toRow = (r: Record<string, unknown> | undefined, child: number | null): ReferenceRow => ({
    child,
    received: Number(r?.received ?? 0),
    accepted: Number(r?.accepted ?? 0),
    rejected: Number(r?.rejected ?? 0),
    completed: Number(r?.completed ?? 0),
    completedOnTime: Number(r?.completed_on_time ?? 0),
    medianHandlingDays: r?.median == null ? null : Number(r.median),
    p90HandlingDays: r?.p90 == null ? null : Number(r.p90),
    overdueOpen: Number(r?.overdue_open ?? 0),
    warningOpen: Number(r?.warning_open ?? 0),
    deficient: Number(r?.deficient ?? 0),
    repeatNotices: Number(r?.repeat_notices ?? 0),
    evaluations: Number(r?.evaluations ?? 0),
    satisfied: Number(r?.satisfied ?? 0),
    gradeSum: Number(r?.grade_sum ?? 0),
    badReviews: Number(r?.bad_reviews ?? 0),
    rectifiedInTime: Number(r?.rectified_in_time ?? 0),
  });
  const children = new Map<number, ReferenceRow>();
  for (const r of rows) if (!r.total && r.child != null) children.set(Number(r.child), toRow(r, Number(r.child)));
  return { total: toRow(rows.find((r) => r.total), null), children };
}
