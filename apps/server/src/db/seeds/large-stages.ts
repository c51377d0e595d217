/**
 * The stages of the large data set (`npm run seed:large`, large.ts):
 *
 * - the one-stage applications large.ts writes get their stage rows from their own columns, as the server would
 *   have left them: ACCEPT (窗口受理) from the submission to the acceptance, refusal, withdrawal or lapse, DECIDE
 *   (审批办结) from acceptance to completion (due = the application's due date), DELIVER (结果送达) from completion to
 *   hand-over; the open one is the current stage on the application row;
 * - the multi-level chain items (四级联动) are not drawn by large.ts: their applications (CHAIN_SHARE of the total)
 *   are generated here stage by stage by the history generator (history.ts) — lodged at village stations,
 *   townships and counties, with returns, public-notice objections and extensions at the rates described there,
 *   their evaluations and rectifications, and the open ones waiting at their stage.
 *
 * Set-based; the caller's session has the rollup triggers switched off and rebuilds the rollups afterwards.
 */
import type { QueryRunner } from 'typeorm';
import { LUAN_CODE } from './demo';
import { generateHistory } from './history';

/** Share of the large data set's applications that are on multi-level chain items. */
export const CHAIN_SHARE = 0.25;

/** How many of `count` applications are chain applications (generated here), the rest is large.ts's. */
export function chainCount(count: number): number {
  return Math.round(count * CHAIN_SHARE);
}

/** SQL condition on a service_item_version `v`: its chain has stages (large.ts leaves those items to this file). */
export const ON_CHAIN = `coalesce(jsonb_typeof(v.content->'chain') = 'array' AND jsonb_array_length(v.content->'chain') > 0, false)`;

export async function generateLargeStages(
  q: QueryRunner,
  o: { count: number; submitterId: string; numberOffset: number; workingDays: number },
  log: (msg: string) => void,
): Promise<Record<string, number>> {
  const step = async (name: string, sql: string, params: unknown[] = []) => {
    const t = Date.now();
    const n = Number((await q.query(sql, params, true)).affected ?? 0);
    log(`  ${name}: ${n.toLocaleString('en')} rows, ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return n;
  };
  await q.query(`DROP TABLE IF EXISTS ls_wd`);
  await q.query(`CREATE TEMP TABLE ls_wd AS SELECT wd_index AS i, day FROM work_day WHERE working`);
  await q.query(`CREATE UNIQUE INDEX ON ls_wd (i)`);
  await q.query(`ANALYZE ls_wd`);
  // The one-stage applications: three stages each at the handling jurisdiction, from the application's own dates.
  const stages = await step(
    'stage rows of the one-stage applications',
    `INSERT INTO application_stage (application_id, stage_index, kind, name, level, center_id, limit_days, unit, arrived_at, arrived_on, due_on,
                                    done_at, done_on, outcome)
     SELECT a.id, s.idx, s.kind, s.name, j.level, a.jurisdiction_id, s.lim, s.unit, s.arrived_at, s.arrived_on, s.due_on, s.done_at, rollup_day(s.done_at), s.outcome
       FROM application a
       JOIN jurisdiction j ON j.id = a.jurisdiction_id
       JOIN service_item_version v ON v.id = a.item_version_id
       JOIN work_day ws ON ws.day = rollup_day(a.submitted_at)
       CROSS JOIN LATERAL (
         SELECT 0 AS idx, 'ACCEPT' AS kind, '窗口受理' AS name, 5 AS lim, 'WORKING_DAYS' AS unit, a.submitted_at AS arrived_at, ws.day AS arrived_on,
                (SELECT w.day FROM ls_wd w WHERE w.i = ws.wd_index + 5) AS due_on,
                CASE WHEN a.accepted_at IS NOT NULL THEN a.accepted_at
                     WHEN a.status = 'REJECTED' THEN coalesce((a.rejection->>'rejectedAt')::timestamptz, a.updated_at)
                     WHEN a.status IN ('WITHDRAWN', 'LAPSED') THEN a.updated_at END AS done_at,
                CASE WHEN a.accepted_at IS NOT NULL THEN CASE WHEN a.deemed_accepted THEN 'DEEMED_ACCEPTED' ELSE 'ACCEPTED' END
                     WHEN a.status IN ('REJECTED', 'WITHDRAWN', 'LAPSED') THEN a.status END AS outcome
         UNION ALL
         SELECT 1, 'DECIDE', '审批办结', CASE WHEN v.content->>'handlingKind' = 'INSTANT' THEN 0 ELSE coalesce((v.content->>'promisedLimit')::int, 0) END,
                coalesce(v.content->>'promisedUnit', 'WORKING_DAYS'), a.accepted_at, a.accepted_on, a.due_date, a.completed_at,
                CASE WHEN a.completed_at IS NOT NULL THEN 'DECIDED' END
          WHERE a.accepted_at IS NOT NULL
         UNION ALL
         SELECT 2, 'DELIVER', '结果送达', 0, 'WORKING_DAYS', a.completed_at, rollup_day(a.completed_at), rollup_day(a.completed_at), a.delivered_at,
                CASE WHEN a.delivered_at IS NOT NULL THEN 'DELIVERED' END
          WHERE a.completed_at IS NOT NULL
       ) s
      WHERE a.submitted_by = $1 AND NOT (${ON_CHAIN})
      ORDER BY a.id, s.idx`,
    [o.submitterId],
  );
  await step(
    'current stage of the open one-stage applications',
    `UPDATE application a SET stage_index = s.stage_index, stage_kind = s.kind, stage_center_id = s.center_id, stage_center_path = j.path,
            stage_arrived_on = s.arrived_on, stage_due_on = s.due_on
       FROM application_stage s JOIN jurisdiction j ON j.id = s.center_id
      WHERE s.application_id = a.id AND s.done_at IS NULL AND a.submitted_by = $1`,
    [o.submitterId],
  );
  await q.query(`DROP TABLE ls_wd`);
  const [root] = await q.query(`SELECT path FROM jurisdiction WHERE code = $1`, [LUAN_CODE]);
  const chain = await generateHistory(q, {
    count: o.count,
    workingDays: o.workingDays,
    submitterId: o.submitterId,
    label: '（生成数据）',
    keyPrefix: 'large-chain-',
    numberOffset: o.numberOffset,
    seed: 0.43,
    chainOnly: true,
    chainWeight: 1,
    events: false,
    focus: null,
    rootPath: root.path,
    log,
  });
  return { oneStageStages: stages, ...Object.fromEntries(Object.entries(chain).map(([k, v]) => [`chain ${k}`, v])) };
}
