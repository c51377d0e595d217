/**
 * The SQL of the rollups, in one place: which raw rows count for which figure on which day, and how figures are
 * summed. Used by the incremental refresh, the full rebuild and (as the reference) the benchmark and tests.
 *
 * What counts, and on which day (China calendar days):
 * - received: an application, on the day it was first submitted (`submitted_at`; a supplement does not count again)
 * - accepted: on its acceptance day (`accepted_on`, deemed acceptances included), whatever happened later
 * - rejected: on the day of the rejection (`rejection.rejectedAt`)
 * - completed: on the day of `completed_at`; on time when that day ≤ `due_date`; its handling time is the number of
 *   working days from `accepted_on` to that day (the acceptance day not counted, suspensions not deducted)
 * - deficient: the first one-time deficiency notice of an application, on the day it was issued;
 *   repeat_notices: every later notice on the same application (is_repeat)
 * - evaluations, satisfied (grade ≥ 3), grade_sum, bad_reviews (grade ≤ 2): non-excluded evaluations on
 *   `evaluated_on`; rectified_in_time: bad reviews of that day whose rectification was responded to (or closed,
 *   whichever came first) on or before its deadline
 */

/** The all-items row of a (day, jurisdiction): the nil uuid, which is no service item. */
export const ALL_ITEMS = '00000000-0000-0000-0000-000000000000';

/** Handling-time buckets: 0 … 60 working days, and one for more than 60. */
export const HIST_SIZE = 62;
export const HIST_OVERFLOW = HIST_SIZE - 1;

export const METRICS = [
  'received',
  'accepted',
  'rejected',
  'completed',
  'completed_on_time',
  'deficient',
  'repeat_notices',
  'evaluations',
  'satisfied',
  'grade_sum',
  'bad_reviews',
  'rectified_in_time',
] as const;
export type Metric = (typeof METRICS)[number];

const list = (f: (m: Metric) => string, sep = ', ') => METRICS.map(f).join(sep);

/** Start (inclusive) of China day `d` as a timestamptz expression. */
const dayStart = (d: string) => `(${d}::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const dayEnd = (d: string) => `((${d} + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/** One event row: the given metric expressions, 0 for the others. */
function event(values: Partial<Record<Metric, string>>, bucket = 'NULL::int'): string {
  return `${list((m) => `${values[m] ?? '0'} AS ${m}`)}, ${bucket} AS bucket`;
}

/**
 * Every countable event as (day, jurisdiction_id, item_id, metrics…, bucket). With `keysTable`, only the events of
 * the keys (day, jurisdiction_id, item_id) listed in that table, each read through an index of its own day column.
 */
export function rawEventsSql(keysTable?: string): string {
  const k = keysTable;
  const on = (day: string, jid = 'a.jurisdiction_id', item = 'a.service_item_id') =>
    k ? ` JOIN ${k} k ON ${jid} = k.jurisdiction_id AND ${item} = k.item_id AND ${day}` : '';
  return `
    SELECT rollup_day(a.submitted_at) AS day, a.jurisdiction_id, a.service_item_id AS item_id, ${event({ received: '1' })}
      FROM application a${on(`a.submitted_at >= ${dayStart('k.day')} AND a.submitted_at < ${dayEnd('k.day')}`)}
    UNION ALL
    SELECT a.accepted_on, a.jurisdiction_id, a.service_item_id, ${event({ accepted: '1' })}
      FROM application a${on('a.accepted_on = k.day')}
     WHERE a.accepted_on IS NOT NULL
    UNION ALL
    SELECT rollup_rejected_day(a.rejection, a.updated_at), a.jurisdiction_id, a.service_item_id, ${event({ rejected: '1' })}
      FROM application a${on('rollup_rejected_day(a.rejection, a.updated_at) = k.day')}
     WHERE a.status = 'REJECTED'
    UNION ALL
    SELECT rollup_day(a.completed_at), a.jurisdiction_id, a.service_item_id,
           ${event(
             { completed: '1', completed_on_time: 'CASE WHEN rollup_day(a.completed_at) <= a.due_date THEN 1 ELSE 0 END' },
             `least(greatest(wc.wd_index - wa.wd_index, 0), ${HIST_OVERFLOW})`,
           )}
      FROM application a${on(`a.completed_at >= ${dayStart('k.day')} AND a.completed_at < ${dayEnd('k.day')}`)}
      LEFT JOIN work_day wa ON wa.day = a.accepted_on
      LEFT JOIN work_day wc ON wc.day = rollup_day(a.completed_at)
     WHERE a.completed_at IS NOT NULL
    UNION ALL
    SELECT rollup_day(${k ? 'a' : 'n'}.issued_at), a.jurisdiction_id, a.service_item_id,
           ${event({ deficient: `CASE WHEN ${k ? 'a' : 'n'}.is_repeat THEN 0 ELSE 1 END`, repeat_notices: `CASE WHEN ${k ? 'a' : 'n'}.is_repeat THEN 1 ELSE 0 END` })}
      FROM ${
        // notices carry no jurisdiction: read the notices of each day (index on issued_at), then keep the keys' ones
        k
          ? `(SELECT DISTINCT day FROM ${k}) kd
             CROSS JOIN LATERAL (
               SELECT n.issued_at, n.is_repeat, a.jurisdiction_id, a.service_item_id
                 FROM deficiency_notice n JOIN application a ON a.id = n.application_id
                WHERE n.issued_at >= ${dayStart('kd.day')} AND n.issued_at < ${dayEnd('kd.day')}
               OFFSET 0) a
             JOIN ${k} k ON k.day = kd.day AND k.jurisdiction_id = a.jurisdiction_id AND k.item_id = a.service_item_id`
          : 'deficiency_notice n JOIN application a ON a.id = n.application_id'
      }
    UNION ALL
    SELECT e.evaluated_on, e.jurisdiction_id, e.service_item_id,
           ${event({
             evaluations: '1',
             satisfied: 'CASE WHEN e.grade >= 3 THEN 1 ELSE 0 END',
             grade_sum: 'e.grade',
             bad_reviews: 'CASE WHEN e.grade <= 2 THEN 1 ELSE 0 END',
             rectified_in_time: `CASE WHEN e.grade <= 2 AND rollup_day(least(r.responded_at, r.closed_at)) <= r.deadline THEN 1 ELSE 0 END`,
           })}
      FROM evaluation e${on('e.evaluated_on = k.day', 'e.jurisdiction_id', 'e.service_item_id')}
      LEFT JOIN rectification r ON r.evaluation_id = e.id
     WHERE NOT e.excluded`;
}

/** Histogram of the `bucket` column of the grouped rows, cut after the highest bucket used (NULL when none). */
function histFromBuckets(): string {
  const counts = Array.from({ length: HIST_SIZE }, (_, i) => `count(*) FILTER (WHERE bucket = ${i})`).join(', ');
  return `(ARRAY[${counts}]::int[])[1:max(bucket) + 1]`;
}

/** Element-wise sum of the histograms `col` of the grouped rows (NULL when all are NULL). */
export function histSum(col: string, sign = ''): string {
  const sums = Array.from({ length: HIST_SIZE }, (_, i) => `coalesce(sum(${sign}${col}[${i + 1}]), 0)`).join(', ');
  return `(ARRAY[${sums}]::int[])[1:max(array_length(${col}, 1))]`;
}

/** Base rows (jurisdiction_id, item_id, day, metrics…, hist) aggregated from the raw events. */
export function baseRowsSql(keysTable?: string): string {
  return `
    SELECT jurisdiction_id, item_id, day, ${list((m) => `sum(${m})::int AS ${m}`)}, ${histFromBuckets()} AS hist
      FROM (${rawEventsSql(keysTable)}) ev
     WHERE day IS NOT NULL
     GROUP BY jurisdiction_id, item_id, day`;
}

export const METRIC_COLUMNS = list((m) => m);
/** `sum(<prefix>m)::int AS m` for every metric. */
export const metricSums = (prefix = '') => list((m) => `sum(${prefix}${m})::int AS ${m}`);
/** `t.m + excluded.m` for an upsert that adds. */
export const METRIC_ADD = list((m) => `${m} = t.${m} + excluded.${m}`);
export const ALL_ZERO = list((m) => `${m} = 0`, ' AND ');
