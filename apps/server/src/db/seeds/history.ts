/**
 * A history of applications through the handling chains (四级联动), generated set-based in PostgreSQL: the demo
 * history (demo-history.ts, a year, ≈ 20,000 applications with their events) and the chain applications of the
 * large data set (large-stages.ts) are both made here.
 *
 * Every application is lodged at a place of the Lu'an tree where its item can be lodged (a village station for the
 * items the station carries, a township or county centre), and then walks its routed chain (packages/domain
 * routeChain) stage by stage, in the order the server would move it (application.stages.ts):
 *
 * - every stage row arrives the day the previous one was done, with its due date on the working-day calendar
 *   (work_day, the same table the dashboards count with): ACCEPT on the 5th working day (Art. 32), a public notice
 *   N calendar days later, the other stages after their working or calendar days; ≈ 4% of stages finish late
 * - COLLECT: the station forwards; ≈ 8% first give the villager a list of what is missing
 * - ACCEPT: ≈ 3% refused, 2% withdrawn, 15% a one-time notice (then supplemented; ≈ 7% of those lapse, 7% get a
 *   repeat notice), 1% deemed accepted after the 5th working day, the rest accepted within a few days; a notice on
 *   an application the station had passed sometimes cites a material the station had passed (pre-check missed)
 * - REVIEW / DECIDE: ≈ 7% of chain applications are returned once (to the nearest review, or to the accepting
 *   window of another level); ≈ 6% of decisions are extended once (Art. 42) by 1–10 working days; 4% denied
 * - PUBLIC_NOTICE: ends by itself the first working day after the period; ≈ 8% draw an objection, which the stage's
 *   clerk resolves (a third upheld: returned to the review)
 * - DELIVER: the lodging centre (the village agent at a station) hands the result over within a few days
 * - anything whose next step falls after today is still open at that stage (SUBMITTED, DEFICIENT, ACCEPTED or
 *   COMPLETED), with the current stage denormalised on the application row, as the server keeps it
 * - ≈ 60% of the ended ones rated (as seed:large), bad ratings with a rectification
 *
 * Randomness is seeded (setseed; no parallel plans), so the same options give the same rows (only the ids, UUIDv7
 * of the submission time as the month partitions need, differ). The caller switches the rollup triggers off for
 * its session and rebuilds after.
 */
import type { QueryRunner } from 'typeorm';
import { HandlingKind, StageKind, chainOf, intakeLevels, returnTarget, routeChain, type ItemContent, type JurisdictionLevel } from '@weimin/domain';
import { GIVEN, SURNAMES, idNumberSql, personNameSql } from './people';

export interface HistoryOptions {
  /** Applications to generate. */
  count: number;
  /** Working days back from today over which submissions are spread. */
  workingDays: number;
  /** The account every application is recorded as submitted by (a disabled generator account). */
  submitterId: string;
  /** Appended to every generated text, e.g. （演示数据）. */
  label: string;
  /** Idempotency keys are `${keyPrefix}${n}`; numbers end in a 7-digit sequence starting after numberOffset. */
  keyPrefix: string;
  numberOffset: number;
  /** Seed of the randomness (0 … 1). */
  seed: number;
  /** Only items with a multi-level chain (the large data set draws the others itself). */
  chainOnly: boolean;
  /** How much more often a chain item is drawn than a one-stage item. */
  chainWeight: number;
  /** Write application_event rows (the history a clerk reads on the application page). */
  events: boolean;
  /** A share of applications at these places (the demo accounts' village and township), so their queues are full. */
  focus?: { villageId: number; townshipId: number; share: number } | null;
  /** Where the tree starts (the city). */
  rootPath: string;
  log?: (msg: string) => void;
}

/** Generates the history; returns row counts per table. */
export async function generateHistory(qr: QueryRunner, o: HistoryOptions): Promise<Record<string, number>> {
  const log = o.log ?? (() => undefined);
  // Statements that write answer with the rows they wrote.
  // The calendar as arrays: D(i) = the working day with running number i; WI(d) = working days up to and including d.
  const cal: Array<{ day: string; wd_index: number; working: boolean }> = await qr.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, wd_index, working FROM work_day ORDER BY day`,
  );
  if (!cal.length) throw new Error('work_day is empty: sync the calendar first (RollupService.syncWorkDays)');
  const calStart = cal[0].day;
  const wdays = cal.filter((c) => c.working).map((c) => c.day);
  const wdIndex = cal.map((c) => c.wd_index);
  // Statements that get the calendar arrays as $1 and $2 name both (PostgreSQL must know the type of every parameter).
  const typed = (sql: string, params?: unknown[]) => {
    if (params?.[0] !== wdays) return sql;
    const head = /^\s*CREATE TEMP TABLE \w+ AS/.exec(sql);
    const w = ' WITH h_calendar AS (SELECT $1::date[] AS wdays, $2::int[] AS wi) ';
    return head ? head[0] + w + sql.slice(head[0].length) : w + sql;
  };
  const q = {
    query: (sql: string, params?: unknown[]) => qr.query(typed(sql, params), params),
    write: async (sql: string, params?: unknown[]) => Number((await qr.query(typed(sql, params), params, true)).affected ?? 0),
  };
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const r = await fn();
    log(`  ${name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return r;
  };
  await q.query(`SET max_parallel_workers_per_gather = 0`);
  // The two largest inserts (stage rows, events) have no triggers but their foreign keys'; a superuser (the embedded
  // database) skips those per-row checks there: every reference is made valid by construction (the demo history
  // test checks each one). Other roles keep them.
  const [{ superuser }] = await q.query(`SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`);
  const withoutKeyChecks = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (!superuser) return fn();
    await q.query(`SET session_replication_role = replica`);
    try {
      return await fn();
    } finally {
      await q.query(`SET session_replication_role = origin`);
    }
  };
  await q.query(`SELECT setseed($1)`, [o.seed]);

  const [{ today }] = await q.query(`SELECT to_char(rollup_day(now()), 'YYYY-MM-DD') AS today`);
  const wT = cal.find((c) => c.day === today)!.wd_index; // the last working day up to today
  const wFrom = wT - o.workingDays + 1;
  const P = { wdays: '$1::date[]', wi: '$2::int[]' };
  const D = (i: string) => `(${P.wdays})[${i}]`;
  const WI = (d: string) => `(${P.wi})[((${d}) - date '${calStart}') + 1]`;

  // ---- places and routes ---------------------------------------------------------------------------------------
  await timed('places and routes', async () => {
    await q.query(`DROP TABLE IF EXISTS h_place, h_place_n, h_route, h_item, h_item_n, h_app, h_visit, h_last`);
    await q.query(
      `CREATE TEMP TABLE h_place AS
       SELECT (row_number() OVER (PARTITION BY j.level ORDER BY j.id) - 1)::int AS idx, j.id AS jid, j.level, j.path, substr(j.code, 1, 6) AS code6,
              (SELECT a.id FROM jurisdiction a WHERE j.path LIKE a.path || '%' AND a.level = 'CITY' LIMIT 1) AS city_id,
              (SELECT a.id FROM jurisdiction a WHERE j.path LIKE a.path || '%' AND a.level = 'COUNTY' LIMIT 1) AS county_id,
              (SELECT a.id FROM jurisdiction a WHERE j.path LIKE a.path || '%' AND a.level = 'TOWNSHIP' LIMIT 1) AS township_id,
              CASE WHEN j.level = 'VILLAGE' THEN j.id END AS village_id
         FROM jurisdiction j
        WHERE j.path LIKE $1 || '_%' AND j.level IN ('COUNTY', 'TOWNSHIP', 'VILLAGE')
          AND (j.level <> 'VILLAGE' OR j.id = $2::int OR EXISTS (SELECT 1 FROM service_center c WHERE c.jurisdiction_id = j.id AND c.status = 'BUILT'))`,
      [o.rootPath, o.focus?.villageId ?? -1],
    );
    await q.query(`CREATE TEMP TABLE h_place_n AS SELECT level, count(*)::int AS n FROM h_place GROUP BY level`);

    // Routes per published item version and intake level, from the domain's routing (the server's own rules).
    const versions: Array<{ version_id: string; item_id: string; county_id: number; content: ItemContent }> = await q.query(
      `SELECT v.id AS version_id, i.id AS item_id, v.owner_id AS county_id, v.content
         FROM service_item i JOIN service_item_version v ON v.id = i.published_version_id JOIN jurisdiction o ON o.id = v.owner_id
        WHERE i.status = 'PUBLISHED' AND o.path LIKE $1 || '_%' AND coalesce(v.content->'exemption', 'null'::jsonb) = 'null'::jsonb`,
      [o.rootPath],
    );
    const route: unknown[][] = [];
    const item: unknown[][] = [];
    for (const v of versions) {
      const chain = chainOf(v.content);
      const multi = !!v.content.chain?.length;
      if (o.chainOnly && !multi) continue;
      const required = v.content.materials.filter((m) => m.necessity === 'REQUIRED').map((m) => m.name);
      const mats = required.length ? required : v.content.materials.slice(0, 1).map((m) => m.name);
      for (const level of intakeLevels(chain)) {
        if (!['COUNTY', 'TOWNSHIP', 'VILLAGE'].includes(level)) continue;
        const r = routeChain(chain, level as JurisdictionLevel);
        for (const s of r) {
          route.push([v.version_id, level, s.index, s.kind, s.level, s.name, s.limit, s.unit, returnTarget(r, s.index)?.index ?? null]);
        }
        item.push([v.version_id, v.item_id, v.county_id, level, multi, multi ? o.chainWeight : 1, v.content.promisedLimit,
          v.content.promisedUnit, v.content.handlingKind === HandlingKind.INSTANT, v.content.extensionLimit ?? 10, mats, !!v.content.fee?.free]);
      }
    }
    const cols = (rows: unknown[][], k: number) => rows.map((r) => r[k]);
    await q.query(
      `CREATE TEMP TABLE h_route AS
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::int[])
              AS x(version_id, plevel, idx, kind, level, name, lim, unit, ret_idx)`,
      [0, 1, 2, 3, 4, 5, 6, 7, 8].map((k) => cols(route, k)),
    );
    await q.query(`CREATE UNIQUE INDEX ON h_route (version_id, plevel, idx)`);
    await q.query(
      `CREATE TEMP TABLE h_item AS
       SELECT x.*, sum(x.weight) OVER (PARTITION BY x.county_id, x.plevel ORDER BY x.version_id) - x.weight AS lo,
              sum(x.weight) OVER (PARTITION BY x.county_id, x.plevel ORDER BY x.version_id) AS hi
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::boolean[], $6::float8[], $7::int[], $8::text[], $9::boolean[], $10::int[], $11::text[], $12::boolean[])
              AS x(version_id, item_id, county_id, plevel, chain, weight, lim, unit, instant, ext_limit, mats_csv, free)`,
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => cols(item, k)).concat([item.map((r) => (r[10] as string[]).join('\u0001')), cols(item, 11)]),
    );
    await q.query(`CREATE TEMP TABLE h_item_n AS SELECT county_id, plevel, sum(weight) AS total FROM h_item GROUP BY county_id, plevel`);
    await q.query(`ANALYZE h_place, h_place_n, h_route, h_item, h_item_n`);
  });

  // ---- applications: where, what, when, and the draws that decide what happens -------------------------------------
  const levelSql = o.chainOnly
    ? `CASE WHEN g.r_level < 0.55 THEN 'VILLAGE' WHEN g.r_level < 0.85 THEN 'TOWNSHIP' ELSE 'COUNTY' END`
    : `CASE WHEN g.r_level < 0.50 THEN 'VILLAGE' WHEN g.r_level < 0.80 THEN 'TOWNSHIP' ELSE 'COUNTY' END`;
  const focus = o.focus ?? { villageId: -1, townshipId: -1, share: 0 };
  await timed('applications (draws)', async () => {
    await q.query(
      `CREATE TEMP TABLE h_app AS
       SELECT g.n, NULL::uuid AS id, p.jid, p.level AS plevel, p.path, p.code6, p.city_id, p.county_id, p.township_id, p.village_id,
              it.version_id, it.item_id, it.chain, it.lim, it.unit, it.instant, it.ext_limit, string_to_array(it.mats_csv, chr(1)) AS mats, it.free,
              $1::int + floor(power(g.r_day, 0.85) * ($2::int - $1::int + 1))::int AS w0,
              g.r_acc, g.r_lapse, g.r_cn, g.r_ret, g.r_obj, g.r_up, g.r_ext, g.r_denied, g.r_eval, g.r_eval2, g.r_grade, g.r_excl, g.r_resp,
              g.r_time, g.r_name, g.r_id, g.r_phone, g.r_miss
         FROM (SELECT n, random() AS r_level, random() AS r_place, random() AS r_item, random() AS r_day, random() AS r_acc, random() AS r_lapse,
                      random() AS r_cn, random() AS r_ret, random() AS r_obj, random() AS r_up, random() AS r_ext, random() AS r_denied,
                      random() AS r_eval, random() AS r_eval2, random() AS r_grade, random() AS r_excl, random() AS r_resp, random() AS r_time,
                      random() AS r_name, random() AS r_id, random() AS r_phone, random() AS r_miss, random() AS r_focus
                 FROM generate_series(1, $3::int) AS n) g
         JOIN h_place_n pn ON pn.level = ${levelSql}
         JOIN h_place p ON p.level = pn.level
                       AND p.idx = CASE WHEN g.r_focus < $4::float8 AND pn.level = 'VILLAGE' THEN coalesce((SELECT f.idx FROM h_place f WHERE f.jid = $5::int), 0)
                                        WHEN g.r_focus < $4::float8 AND pn.level = 'TOWNSHIP' THEN coalesce((SELECT f.idx FROM h_place f WHERE f.jid = $6::int), 0)
                                        ELSE floor(g.r_place * pn.n)::int END
         JOIN h_item_n itn ON itn.county_id = p.county_id AND itn.plevel = p.level
         JOIN h_item it ON it.county_id = p.county_id AND it.plevel = p.level AND g.r_item * itn.total >= it.lo AND g.r_item * itn.total < it.hi`,
      [wFrom, wT, o.count, focus.share, focus.villageId, focus.townshipId],
    );
    // Time-ordered ids: the month partition of the submission (application ids are the partitions' range keys).
    await q.query(`UPDATE h_app SET id = uuid_v7(((${D('w0')} + time '08:30') AT TIME ZONE 'Asia/Shanghai'))`, [wdays, wdIndex]);
    await q.query(`SELECT application_partitions_ensure($1::date, $2::date)`, [wdays[wFrom - 1], today]);
    await q.query(`CREATE UNIQUE INDEX ON h_app (n)`);
    await q.query(`ANALYZE h_app`);
  });

  // ---- stage visits, one step at a time (the application's walk through its route) --------------------------------
  await q.query(
    `CREATE TEMP TABLE h_visit (
       n int, v int, idx int, kind text, level text, name text, lim int, unit text, arr int, due_w int, due_on date,
       done int, outcome text, ret_used boolean, ext int, ext_w int, n1 int, s1 int, n2 int, s2 int, obj_w int, obj_upheld boolean)`,
  );
  const firstVisit = `SELECT a.n, 0 AS v, 0 AS idx, a.w0 AS arr, false AS ret_used FROM h_app a`;
  const nextVisit = (v: number) =>
    `SELECT x.n, x.v + 1 AS v, CASE WHEN x.outcome = 'RETURNED' THEN r.ret_idx ELSE x.idx + 1 END AS idx, x.done AS arr,
            x.ret_used OR x.outcome = 'RETURNED' AS ret_used
       FROM h_visit x JOIN h_app a ON a.n = x.n JOIN h_route r ON r.version_id = a.version_id AND r.plevel = a.plevel AND r.idx = x.idx
      WHERE x.v = ${v} AND x.done IS NOT NULL AND x.outcome IN ('FORWARDED', 'ACCEPTED', 'DEEMED_ACCEPTED', 'RETURNED', 'NOTICE_ENDED', 'DECIDED')`;
  const step = (source: string) => `
    INSERT INTO h_visit
    SELECT s.n, s.v, s.idx, r.kind, r.level, r.name, r.lim, r.unit, s.arr, d.due_w, d.due_on,
           CASE WHEN o.done > $3::int THEN NULL ELSE o.done END,
           CASE WHEN o.done > $3::int THEN NULL ELSE o.outcome END,
           s.ret_used,
           CASE WHEN o.ext_w <= $3::int THEN o.ext END, CASE WHEN o.ext_w <= $3::int THEN o.ext_w END,
           o.n1, o.s1, o.n2, o.s2, CASE WHEN o.obj_w <= $3::int THEN o.obj_w END, CASE WHEN o.obj_w <= $3::int THEN o.obj_upheld END
      FROM (${source}) s
      JOIN h_app a ON a.n = s.n
      JOIN h_route r ON r.version_id = a.version_id AND r.plevel = a.plevel AND r.idx = s.idx
      CROSS JOIN LATERAL (SELECT random() AS q1, random() AS q2, random() AS q3, random() AS q4) z
      CROSS JOIN LATERAL (
        SELECT CASE r.kind WHEN 'ACCEPT' THEN s.arr + 5
                           WHEN 'PUBLIC_NOTICE' THEN ${WI(`${D('s.arr')} + r.lim`)} + 1
                           WHEN 'DELIVER' THEN s.arr
                           ELSE CASE WHEN r.unit = 'CALENDAR_DAYS' THEN ${WI(`${D('s.arr')} + r.lim - 1`)} + 1 ELSE s.arr + r.lim END END AS due_w,
               CASE r.kind WHEN 'PUBLIC_NOTICE' THEN ${D('s.arr')} + r.lim
                           WHEN 'ACCEPT' THEN ${D('s.arr + 5')}
                           WHEN 'DELIVER' THEN ${D('s.arr')}
                           ELSE CASE WHEN r.unit = 'CALENDAR_DAYS' THEN ${D(`${WI(`${D('s.arr')} + r.lim - 1`)} + 1`)} ELSE ${D('s.arr + r.lim')} END END AS due_on,
               NOT s.ret_used AND r.ret_idx IS NOT NULL AND a.r_ret < 0.07 AND r.kind IN ('REVIEW', 'DECIDE') AS ret_here,
               r.kind = 'PUBLIC_NOTICE' AND NOT s.ret_used AND a.r_obj < 0.08 AS obj,
               r.kind = 'DECIDE' AND a.r_ext < 0.06 AS ext_drawn
      ) d
      CROSS JOIN LATERAL (
        SELECT CASE WHEN d.ext_drawn AND NOT d.ret_here THEN 1 + floor(z.q3 * least(10, a.ext_limit))::int END AS ext
      ) e
      CROSS JOIN LATERAL (
        SELECT CASE WHEN r.lim > 0 AND z.q2 < 0.04 THEN d.due_w + coalesce(e.ext, 0) - s.arr + 1 + floor(z.q1 * 4)::int
                    ELSE floor(power(z.q1, 1.5) * (d.due_w + coalesce(e.ext, 0) - s.arr + 1))::int END AS dwell
      ) w
      CROSS JOIN LATERAL (
        SELECT * FROM (
          SELECT -- COLLECT: forwarded, after a list of what is missing now and then
                 CASE WHEN a.r_cn < 0.08 THEN s.arr + 1 + floor(z.q3 * 3)::int + CASE WHEN z.q4 < 0.5 THEN 0 ELSE 1 END ELSE s.arr + least(w.dwell, greatest(r.lim, 0) + 3) END AS done,
                 'FORWARDED' AS outcome, NULL::int AS ext, NULL::int AS ext_w,
                 CASE WHEN a.r_cn < 0.08 THEN s.arr END AS n1, CASE WHEN a.r_cn < 0.08 THEN s.arr + 1 + floor(z.q3 * 3)::int END AS s1,
                 NULL::int AS n2, NULL::int AS s2, NULL::int AS obj_w, NULL::boolean AS obj_upheld
           WHERE r.kind = 'COLLECT'
          UNION ALL
          SELECT CASE WHEN a.r_acc < 0.03 THEN s.arr + CASE WHEN z.q1 < 0.7 THEN 0 ELSE 1 END
                      WHEN a.r_acc < 0.05 THEN s.arr + 1 + floor(z.q1 * 3)::int
                      WHEN a.r_acc < 0.20 THEN
                        CASE WHEN a.r_lapse < 0.07 THEN nt.n1 + 16
                             WHEN a.r_lapse < 0.14 THEN nt.s1 + floor(z.q4 * 2)::int + 1 + floor(z.q3 * 3)::int + CASE WHEN z.q2 < 0.7 THEN 0 ELSE 1 END
                             ELSE nt.s1 + CASE WHEN z.q2 < 0.7 THEN 0 ELSE 1 END END
                      WHEN a.r_acc < 0.21 THEN s.arr + 6
                      ELSE s.arr + CASE WHEN z.q1 < 0.75 OR a.instant THEN 0 WHEN z.q1 < 0.93 THEN 1 ELSE 2 + floor(z.q2 * 3)::int END END,
                 CASE WHEN a.r_acc < 0.03 THEN 'REJECTED' WHEN a.r_acc < 0.05 THEN 'WITHDRAWN'
                      WHEN a.r_acc < 0.20 AND a.r_lapse < 0.07 THEN 'LAPSED' WHEN a.r_acc >= 0.20 AND a.r_acc < 0.21 THEN 'DEEMED_ACCEPTED' ELSE 'ACCEPTED' END,
                 NULL, NULL,
                 CASE WHEN a.r_acc >= 0.05 AND a.r_acc < 0.20 THEN nt.n1 END,
                 CASE WHEN a.r_acc >= 0.05 AND a.r_acc < 0.20 AND a.r_lapse >= 0.07 THEN nt.s1 END,
                 CASE WHEN a.r_acc >= 0.05 AND a.r_acc < 0.20 AND a.r_lapse >= 0.07 AND a.r_lapse < 0.14 THEN nt.s1 + floor(z.q4 * 2)::int END,
                 CASE WHEN a.r_acc >= 0.05 AND a.r_acc < 0.20 AND a.r_lapse >= 0.07 AND a.r_lapse < 0.14 THEN nt.s1 + floor(z.q4 * 2)::int + 1 + floor(z.q3 * 3)::int END,
                 NULL, NULL
            FROM (SELECT s.arr + CASE WHEN z.q1 < 0.6 THEN 0 ELSE 1 END AS n1, s.arr + CASE WHEN z.q1 < 0.6 THEN 0 ELSE 1 END + 1 + floor(z.q3 * 5)::int AS s1) nt
           WHERE r.kind = 'ACCEPT' AND NOT s.ret_used
          UNION ALL
          -- back at the accepting window after a return: it sends the application on again
          SELECT s.arr + floor(z.q1 * 3)::int, 'FORWARDED', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
           WHERE r.kind = 'ACCEPT' AND s.ret_used
          UNION ALL
          SELECT s.arr + w.dwell, CASE WHEN d.ret_here THEN 'RETURNED' ELSE 'FORWARDED' END, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
           WHERE r.kind = 'REVIEW'
          UNION ALL
          SELECT CASE WHEN d.obj THEN d.due_w + floor(z.q4 * 3)::int ELSE d.due_w END,
                 CASE WHEN d.obj AND a.r_up < 0.35 AND r.ret_idx IS NOT NULL THEN 'RETURNED' WHEN d.obj THEN 'FORWARDED' ELSE 'NOTICE_ENDED' END,
                 NULL, NULL, NULL, NULL, NULL, NULL,
                 CASE WHEN d.obj THEN s.arr + floor(z.q3 * greatest(1, d.due_w - s.arr))::int END,
                 CASE WHEN d.obj THEN a.r_up < 0.35 AND r.ret_idx IS NOT NULL END
           WHERE r.kind = 'PUBLIC_NOTICE'
          UNION ALL
          SELECT greatest(s.arr + w.dwell, s.arr + floor(z.q3 * (d.due_w - s.arr))::int),
                 CASE WHEN d.ret_here THEN 'RETURNED' ELSE 'DECIDED' END,
                 e.ext, CASE WHEN e.ext IS NOT NULL THEN s.arr + floor(z.q3 * (d.due_w - s.arr))::int END,
                 NULL, NULL, NULL, NULL, NULL, NULL
           WHERE r.kind = 'DECIDE'
          UNION ALL
          SELECT s.arr + floor(power(z.q1, 2) * 4)::int, 'DELIVERED', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
           WHERE r.kind = 'DELIVER'
        ) u
      ) o`;
  const visits = await timed('stage visits', async () => {
    let total = 0;
    for (let v = 0; v < 20; v++) {
      const n = await q.write(step(v === 0 ? firstVisit : nextVisit(v - 1)), [wdays, wdIndex, wT]);
      total += n;
      if (!n) break;
    }
    return total;
  });
  log(`  ${visits.toLocaleString('en')} stage visits`);
  await q.query(`CREATE INDEX ON h_visit (n, v)`);
  await q.query(`ANALYZE h_visit`);

  // ---- what each application's walk amounts to ---------------------------------------------------------------------
  await timed('summary', () =>
    q.query(
      `CREATE TEMP TABLE h_last AS
       SELECT a.n,
              l.kind AS cur_kind, l.idx AS cur_idx, l.level AS cur_level, l.arr AS cur_arr, l.due_on AS cur_due, l.done IS NULL AS open,
              CASE WHEN l.done IS NULL THEN
                     CASE WHEN l.kind IN ('COLLECT', 'ACCEPT') AND NOT l.ret_used THEN
                            CASE WHEN (l.n1 <= $3::int AND (l.s1 IS NULL OR l.s1 > $3::int)) OR (l.n2 <= $3::int AND l.s2 > $3::int) THEN 'DEFICIENT' ELSE 'SUBMITTED' END
                          WHEN l.kind = 'DELIVER' THEN 'COMPLETED' ELSE 'ACCEPTED' END
                   WHEN l.outcome IN ('REJECTED', 'WITHDRAWN', 'LAPSED', 'DELIVERED') THEN l.outcome
                   ELSE 'ACCEPTED' END AS status,
              acc.arr AS acc_arr, acc.done AS acc_done, acc.outcome AS acc_outcome, acc.n1, acc.s1, acc.n2, acc.s2,
              coalesce(CASE WHEN acc.s2 <= $3::int THEN acc.s2 WHEN acc.s1 <= $3::int THEN acc.s1 ELSE acc.arr END, a.w0) AS rec_w,
              g.dec_w, g.ext, g.ext_w, l.done AS end_w, g.touched_w
         FROM (SELECT n, max(v) AS lv, min(v) FILTER (WHERE kind = 'ACCEPT') AS av,
                      max(done) FILTER (WHERE kind = 'DECIDE' AND outcome = 'DECIDED') AS dec_w, max(ext) AS ext, max(ext_w) AS ext_w,
                      max(greatest(done, arr, s2, s1, n2, n1, obj_w, ext_w)) AS touched_w
                 FROM h_visit GROUP BY n) g
         JOIN h_app a ON a.n = g.n
         JOIN h_visit l ON l.n = g.n AND l.v = g.lv
         LEFT JOIN h_visit acc ON acc.n = g.n AND acc.v = g.av`,
      [wdays, wdIndex, wT],
    ),
  );
  await q.query(`CREATE UNIQUE INDEX ON h_last (n)`);
  await q.query(`ANALYZE h_last`);

  // ---- the rows ----------------------------------------------------------------------------------------------------
  const L = o.label;
  // an instant on working day i: the day at `from` plus `minutes`, never after now
  const at = (i: string, minutes: string) => `least(((${D(i)} + time '08:30' + (${minutes}) * interval '1 minute') AT TIME ZONE 'Asia/Shanghai'), now())`;
  const iso = (ts: string) => `to_char(${ts} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const vmin = (v: string, sub: number) => `(${v}) * 56 + ${sub} * 7 + 3`;
  const accepted = `h.acc_outcome IN ('ACCEPTED', 'DEEMED_ACCEPTED') AND h.acc_done IS NOT NULL`;
  const accW = `CASE WHEN h.acc_outcome = 'DEEMED_ACCEPTED' THEN h.rec_w ELSE h.acc_done END`;
  const dueW = `(CASE WHEN a.instant THEN ${accW} WHEN a.unit = 'CALENDAR_DAYS' THEN ${WI(`${D(accW)} + a.lim - 1`)} + 1 ELSE ${accW} + a.lim END + coalesce(h.ext, 0))`;
  const completed = `h.dec_w IS NOT NULL`;
  const delivered = `h.status = 'DELIVERED'`;
  // 10 characters of the lookup alphabet (hex digits with 0 and 1 moved to G and H)
  const lookup = `translate(upper(substr(md5('lk' || a.n || $6), 1, 10)), '01', 'GH')`;
  const onBehalf = `(a.plevel = 'VILLAGE' OR a.r_time < 0.2)`;
  const counts: Record<string, number> = {};

  counts.applications = await timed('applications', async () =>
    (
      await q.write(
        `INSERT INTO application (id, number, lookup_code, status, service_item_id, item_version_id, jurisdiction_id, applicant_name,
                                  applicant_id_number, applicant_phone, no_phone, submitted_by, on_behalf, consent, form_data, idempotency_key,
                                  submitted_at, received_on, accepted_at, accepted_on, deemed_accepted, receipt_number, due_date,
                                  supplement_deadline, completed_at, delivered_at, decision, rejection, delivery, withdrawal_reason, extension,
                                  paper_originals, updated_at)
         SELECT a.id, a.code6 || to_char(${D('a.w0')}, 'YYYYMMDD') || lpad((a.n + $7::int)::text, 7, '0'), ${lookup}, h.status, a.item_id, a.version_id, a.jid,
                ${personNameSql('a', '$4', '$5')}, ${idNumberSql('a')},
                CASE WHEN a.r_phone < 0.92 THEN '13' || lpad(floor(a.r_id * 1000000000)::bigint::text, 9, '0') END, a.r_phone >= 0.92,
                $3::uuid, ${onBehalf},
                CASE WHEN ${onBehalf} THEN jsonb_build_object('statement', '本人签字的代办委托书存服务站${L}', 'recordedAt', ${iso(at('a.w0', '0'))}) END,
                '{"demo": true}'::jsonb, $8 || a.n, ${at('a.w0', '0')},
                ${D('h.rec_w')},
                CASE WHEN ${accepted} THEN ${at('h.acc_done', `${vmin('1', 6)}`)} END,
                CASE WHEN ${accepted} THEN ${D(accW)} END,
                h.acc_outcome = 'DEEMED_ACCEPTED' AND ${accepted},
                CASE WHEN ${accepted} THEN 'SL' || a.code6 || to_char(${D('a.w0')}, 'YYYYMMDD') || lpad((a.n + $7::int)::text, 7, '0') END,
                CASE WHEN ${accepted} THEN ${D(dueW)} END,
                CASE WHEN h.status = 'DEFICIENT' THEN ${D('coalesce(CASE WHEN h.n2 <= $9::int THEN h.n2 END, h.n1) + 15')} END,
                CASE WHEN ${completed} THEN ${at('h.dec_w', '470')} END,
                CASE WHEN ${delivered} THEN ${at('h.end_w', '500')} END,
                CASE WHEN ${completed} THEN jsonb_build_object(
                       'result', CASE WHEN a.r_denied < 0.04 THEN 'DENIED' ELSE 'APPROVED' END,
                       'reasons', CASE WHEN a.r_denied < 0.04 THEN '经调查核实，不符合办理条件${L}' END,
                       'resultDocumentNumber', 'WM' || (a.n + $7::int), 'feeReceiptNumber', CASE WHEN NOT a.free THEN 'SF' || (a.n + $7::int) END,
                       'appealRights', CASE WHEN a.r_denied < 0.04 THEN '如不服本决定，可依法申请行政复议或者提起行政诉讼。' END,
                       'decidedAt', ${iso(at('h.dec_w', '470'))}) END,
                CASE WHEN h.status = 'REJECTED' THEN jsonb_build_object(
                       'reason', '申请事项不属于本机关职权范围${L}', 'legalBasis', '《中华人民共和国行政许可法》第三十二条',
                       'competentBody', NULL, 'appealRights', '如不服本决定，可依法申请行政复议或者提起行政诉讼。',
                       'rejectedAt', ${iso(at('h.end_w', '100'))}) END,
                CASE WHEN ${delivered} THEN jsonb_build_object('method', 'PICKUP', 'deliveredOn', ${D('h.end_w')}, 'trackingNumber', NULL, 'note', '服务站送达${L}') END,
                CASE WHEN h.status = 'WITHDRAWN' THEN '申请人撤回${L}' END,
                CASE WHEN h.ext IS NOT NULL THEN jsonb_build_object('workingDays', h.ext, 'reason', '需入户核查家庭经济状况，情况复杂${L}',
                       'extendedOn', ${D('h.ext_w')}, 'previousDueDate', ${D(`${dueW} - h.ext`)}) END,
                CASE WHEN ${onBehalf} THEN a.mats ELSE '{}' END,
                ${at('least(h.touched_w, $9::int)', '520')}
           FROM h_app a JOIN h_last h ON h.n = a.n
          ORDER BY a.id`, // month by month: each partition and its primary key filled in order
        [wdays, wdIndex, o.submitterId, SURNAMES, GIVEN, o.keyPrefix, o.numberOffset, o.keyPrefix, wT],
      )),
  );

  counts.stages = await timed('stage rows', () => withoutKeyChecks(async () =>
    (
      await q.write(
        `INSERT INTO application_stage (application_id, stage_index, kind, name, level, center_id, limit_days, unit, arrived_at, arrived_on, due_on,
                                        done_at, done_on, outcome, note, note_key, note_params, passed_materials, extended_days)
         SELECT a.id, x.idx, x.kind, x.name, x.level,
                CASE x.level WHEN 'VILLAGE' THEN a.village_id WHEN 'TOWNSHIP' THEN a.township_id WHEN 'COUNTY' THEN a.county_id ELSE a.city_id END,
                x.lim, x.unit, ${at('x.arr', vmin('x.v', 0))}, ${D('x.arr')},
                CASE WHEN x.ext IS NOT NULL THEN ${D('x.due_w + x.ext')} ELSE x.due_on END,
                CASE WHEN x.done IS NOT NULL THEN ${at('x.done', vmin('x.v', 7))} END, ${D('x.done')}, x.outcome,
                -- an upheld objection's return is composed from the catalogue (a key, as the server writes it); a plain
                -- return's and an extension's note is what the clerk typed (data, no key)
                CASE WHEN x.outcome = 'RETURNED' AND x.kind = 'PUBLIC_NOTICE' THEN '异议成立：经入户核实，异议属实${L}'
                     WHEN x.outcome = 'RETURNED' THEN '家庭收入情况与申报不一致，请重新核实${L}'
                     WHEN x.ext IS NOT NULL THEN '需入户核查家庭经济状况，情况复杂${L}' END,
                CASE WHEN x.outcome = 'RETURNED' AND x.kind = 'PUBLIC_NOTICE' THEN 'application.history.objectionUpheld' END,
                CASE WHEN x.outcome = 'RETURNED' AND x.kind = 'PUBLIC_NOTICE' THEN jsonb_build_object('resolution', '经入户核实，异议属实${L}') END,
                CASE WHEN x.kind = 'COLLECT' AND x.done IS NOT NULL THEN a.mats END,
                x.ext
           FROM h_visit x JOIN h_app a ON a.n = x.n
          ORDER BY a.id, x.v`,
        [wdays, wdIndex],
      ))),
  );

  await timed('current stage on the application', () =>
    q.query(
      `UPDATE application ap SET stage_index = s.stage_index, stage_kind = s.kind, stage_center_id = s.center_id, stage_center_path = j.path,
              stage_arrived_on = s.arrived_on, stage_due_on = s.due_on
         FROM application_stage s JOIN jurisdiction j ON j.id = s.center_id
        WHERE s.application_id = ap.id AND s.done_at IS NULL AND ap.submitted_by = $1 AND ap.idempotency_key LIKE $2 || '%'`,
      [o.submitterId, o.keyPrefix],
    ),
  );

  counts.notices = await timed('deficiency notices', async () =>
    (
      await q.write(
        `INSERT INTO deficiency_notice (application_id, sequence, issued_at, items, supplement_deadline, is_repeat, stage_kind, center_id, precheck_misses)
         SELECT z.id, row_number() OVER (PARTITION BY z.id ORDER BY z.w, z.seq), z.issued_at, z.items, z.deadline, z.is_repeat, z.stage_kind, z.center_id, z.misses
           FROM (
             SELECT a.id, x.n1 AS w, 0 AS seq, ${at('x.n1', vmin('x.v', 1))} AS issued_at,
                    jsonb_build_array(jsonb_build_object('material', a.mats[1], 'problem', '缺少本人签字页${L}')) AS items, ${D('x.n1 + 15')} AS deadline,
                    false AS is_repeat, x.kind AS stage_kind,
                    CASE x.level WHEN 'VILLAGE' THEN a.village_id WHEN 'TOWNSHIP' THEN a.township_id ELSE a.county_id END AS center_id,
                    CASE WHEN x.kind = 'ACCEPT' AND a.plevel = 'VILLAGE' AND x.idx = 1 AND a.r_miss < 0.25 THEN ARRAY[a.mats[1]] ELSE '{}'::text[] END AS misses
               FROM h_visit x JOIN h_app a ON a.n = x.n WHERE x.n1 IS NOT NULL AND x.n1 <= $3::int
             UNION ALL
             SELECT a.id, x.n2, 1, ${at('x.n2', vmin('x.v', 3))},
                    jsonb_build_array(jsonb_build_object('material', a.mats[1], 'problem', '补正后的材料仍不清晰${L}')), ${D('x.n2 + 15')},
                    true, x.kind, CASE x.level WHEN 'VILLAGE' THEN a.village_id WHEN 'TOWNSHIP' THEN a.township_id ELSE a.county_id END, '{}'::text[]
               FROM h_visit x JOIN h_app a ON a.n = x.n WHERE x.n2 IS NOT NULL AND x.n2 <= $3::int
           ) z`,
        [wdays, wdIndex, wT],
      )),
  );

  counts.objections = await timed('objections', async () =>
    (
      await q.write(
        `INSERT INTO public_notice_objection (application_id, stage_id, name, phone, reason, lodged_at, resolution, upheld, resolved_at)
         SELECT a.id, s.id, ($3::text[])[1 + floor(a.r_grade * ${SURNAMES.length})::int] || '先生', '1390564' || lpad((a.n % 10000)::text, 4, '0'),
                '据了解申请人家中有经营收入，与公示情况不符${L}', ${at('x.obj_w', vmin('x.v', 2))},
                CASE WHEN x.done IS NOT NULL THEN CASE WHEN x.obj_upheld THEN '经入户核实，异议属实${L}' ELSE '经入户核实，异议不属实${L}' END END,
                CASE WHEN x.done IS NOT NULL THEN x.obj_upheld END,
                CASE WHEN x.done IS NOT NULL THEN ${at('x.done', vmin('x.v', 5))} END
           FROM h_visit x JOIN h_app a ON a.n = x.n
           JOIN application_stage s ON s.application_id = a.id AND s.kind = 'PUBLIC_NOTICE' AND s.arrived_on = ${D('x.arr')}
          WHERE x.obj_w IS NOT NULL`,
        [wdays, wdIndex, SURNAMES],
      )),
  );

  // Evaluations (as seed:large): ≈ 60% of the ended ones, a few days after the end.
  const endW = `CASE WHEN h.status = 'REJECTED' THEN h.end_w ELSE coalesce(h.end_w, h.dec_w) END`;
  const evalW = `(${endW} + floor(a.r_eval2 * 4)::int)`;
  const evaluated = `h.status IN ('COMPLETED', 'DELIVERED', 'REJECTED') AND a.r_eval < 0.6 AND ${evalW} <= $3::int`;
  const grade = `(CASE WHEN a.r_grade < 0.70 THEN 5 WHEN a.r_grade < 0.90 THEN 4 WHEN a.r_grade < 0.97 THEN 3 WHEN a.r_grade < 0.985 THEN 2 ELSE 1 END)`;
  counts.evaluations = await timed('evaluations', async () =>
    (
      await q.write(
        `INSERT INTO evaluation (id, application_id, jurisdiction_id, service_item_id, grade, overall, efficiency, guide_accuracy, convenience,
                                 ease_of_use, comment, created_at, evaluated_on, excluded, excluded_reason, excluded_at)
         SELECT a.id, a.id, a.jid, a.item_id, ${grade},
                greatest(1, least(5, ${grade} + CASE WHEN a.r_excl < 0.1 THEN -1 ELSE 0 END)), ${grade}, ${grade},
                greatest(1, least(5, ${grade} + CASE WHEN a.r_excl > 0.9 THEN -1 ELSE 0 END)), ${grade},
                CASE WHEN ${grade} <= 2 THEN '跑了两趟才办好，等候时间太长${L}' WHEN ${grade} = 5 AND a.r_excl < 0.3 THEN '代办员上门服务，很方便${L}' END,
                ${at(evalW, '600')}, ${D(evalW)},
                ${grade} <= 2 AND a.r_excl < 0.05, CASE WHEN ${grade} <= 2 AND a.r_excl < 0.05 THEN '经核实为恶意评价${L}' END,
                CASE WHEN ${grade} <= 2 AND a.r_excl < 0.05 THEN ${at(evalW + ' + 3', '90')} END
           FROM h_app a JOIN h_last h ON h.n = a.n WHERE ${evaluated}`,
        [wdays, wdIndex, wT],
      )),
  );
  counts.rectifications = await timed('rectifications', async () =>
    (
      await q.write(
        `INSERT INTO rectification (evaluation_id, application_id, jurisdiction_id, status, deadline, verification, response, responded_at,
                                    follow_up, closed_at, created_at)
         SELECT x.id, x.id, x.jid, x.status, ${D('x.ew + 5')},
                CASE WHEN x.status <> 'OPEN' THEN '已核实${L}' END,
                CASE WHEN x.status <> 'OPEN' THEN '已向群众说明情况，窗口增设代办引导${L}' END,
                CASE WHEN x.status <> 'OPEN' THEN ${at('x.rw', '150')} END,
                CASE WHEN x.status = 'CLOSED' THEN '回访满意${L}' END,
                CASE WHEN x.status = 'CLOSED' THEN ${at('x.rw + 1', '400')} END,
                ${at('x.ew', '610')}
           FROM (SELECT a.id, a.jid, ${evalW} AS ew, ${evalW} + 1 + floor(a.r_resp * 6)::int AS rw,
                        CASE WHEN ${evalW} + 1 + floor(a.r_resp * 6)::int > $3::int THEN 'OPEN'
                             WHEN ${evalW} + 2 + floor(a.r_resp * 6)::int <= $3::int AND a.r_excl < 0.85 THEN 'CLOSED'
                             ELSE 'RESPONDED' END AS status
                   FROM h_app a JOIN h_last h ON h.n = a.n WHERE ${evaluated} AND ${grade} <= 2) x`,
        [wdays, wdIndex, wT],
      )),
  );

  if (o.events) {
    counts.events = await timed('events', () => withoutKeyChecks(async () =>
      (
        await q.write(
          `INSERT INTO application_event (application_id, action, from_status, to_status, at, actor_id, actor_role, note, note_key, note_params)
           SELECT e.id, e.action, e.from_status, e.to_status, e.at, NULL, e.role, e.note, e.note_key, e.note_params FROM (
             SELECT a.id, 'SUBMIT' AS action, NULL AS from_status, 'SUBMITTED' AS to_status, ${at('a.w0', '0')} AS at,
                    CASE WHEN ${onBehalf} THEN 'AGENT' ELSE 'APPLICANT' END AS role,
                    CASE WHEN ${onBehalf} THEN '代办：' || ap.applicant_name END AS note,
                    CASE WHEN ${onBehalf} THEN 'application.history.onBehalf' END AS note_key,
                    CASE WHEN ${onBehalf} THEN jsonb_build_object('name', ap.applicant_name) END AS note_params, a.n, -1 AS v, 0 AS sub
               FROM h_app a JOIN application ap ON ap.id = a.id
             UNION ALL
             SELECT a.id, ev.action, ev.f, ev.t, ${at('ev.w', vmin('x.v', 0) + ' + ev.sub * 7')}, ev.role, ev.note, ev.note_key, ev.note_params, a.n, x.v, ev.sub
               FROM h_visit x JOIN h_app a ON a.n = x.n
               CROSS JOIN LATERAL (VALUES
                 (x.n1, 1, 'NOTIFY_DEFICIENCY', CASE WHEN x.ret_used THEN 'ACCEPTED' ELSE 'SUBMITTED' END, 'DEFICIENT',
                  CASE WHEN x.kind = 'COLLECT' THEN 'AGENT' ELSE 'CLERK' END, a.mats[1] || '：缺少本人签字页${L}', 'application.history.deficiency',
                  jsonb_build_object('items', jsonb_build_array(jsonb_build_object('material', a.mats[1], 'problem', '缺少本人签字页${L}')))),
                 (x.s1, 2, 'SUPPLEMENT', 'DEFICIENT', 'SUBMITTED', CASE WHEN ${onBehalf} THEN 'AGENT' ELSE 'APPLICANT' END, NULL, NULL, NULL),
                 (x.n2, 3, 'NOTIFY_DEFICIENCY', 'SUBMITTED', 'DEFICIENT', 'CLERK', a.mats[1] || '：补正后的材料仍不清晰${L}', 'application.history.deficiency',
                  jsonb_build_object('items', jsonb_build_array(jsonb_build_object('material', a.mats[1], 'problem', '补正后的材料仍不清晰${L}')))),
                 (x.s2, 4, 'SUPPLEMENT', 'DEFICIENT', 'SUBMITTED', CASE WHEN ${onBehalf} THEN 'AGENT' ELSE 'APPLICANT' END, NULL, NULL, NULL),
                 (x.obj_w, 2, 'OBJECT', 'ACCEPTED', 'ACCEPTED', 'PUBLIC', '异议：据了解申请人家中有经营收入，与公示情况不符${L}', 'application.history.objection',
                  jsonb_build_object('reason', '据了解申请人家中有经营收入，与公示情况不符${L}')),
                 (CASE WHEN x.obj_w IS NOT NULL THEN x.done END, 5, 'RESOLVE_OBJECTION', 'ACCEPTED', 'ACCEPTED', 'CLERK',
                  CASE WHEN x.obj_upheld THEN '异议成立：经入户核实，异议属实${L}' ELSE '异议不成立：经入户核实，异议不属实${L}' END,
                  CASE WHEN x.obj_upheld THEN 'application.history.objectionUpheld' ELSE 'application.history.objectionDismissed' END,
                  jsonb_build_object('resolution', CASE WHEN x.obj_upheld THEN '经入户核实，异议属实${L}' ELSE '经入户核实，异议不属实${L}' END)),
                 (x.ext_w, 1, 'EXTEND', 'ACCEPTED', 'ACCEPTED', 'CLERK', '延长' || x.ext || '个工作日：需入户核查家庭经济状况，情况复杂${L}', 'application.history.extend',
                  jsonb_build_object('days', x.ext, 'count', x.ext, 'reason', '需入户核查家庭经济状况，情况复杂${L}')),
                 (x.done, 6,
                  CASE x.outcome WHEN 'FORWARDED' THEN 'FORWARD' WHEN 'RETURNED' THEN 'RETURN' WHEN 'ACCEPTED' THEN 'ACCEPT' WHEN 'DEEMED_ACCEPTED' THEN 'DEEMED_ACCEPT'
                                 WHEN 'REJECTED' THEN 'REJECT' WHEN 'WITHDRAWN' THEN 'WITHDRAW' WHEN 'LAPSED' THEN 'LAPSE' WHEN 'NOTICE_ENDED' THEN 'END_PUBLIC_NOTICE'
                                 WHEN 'DECIDED' THEN 'COMPLETE' WHEN 'DELIVERED' THEN 'DELIVER' END,
                  CASE WHEN x.kind = 'DELIVER' THEN 'COMPLETED' WHEN x.outcome = 'LAPSED' THEN 'DEFICIENT'
                       WHEN x.kind IN ('COLLECT', 'ACCEPT') AND NOT x.ret_used THEN 'SUBMITTED' ELSE 'ACCEPTED' END,
                  CASE x.outcome WHEN 'ACCEPTED' THEN 'ACCEPTED' WHEN 'DEEMED_ACCEPTED' THEN 'ACCEPTED' WHEN 'REJECTED' THEN 'REJECTED' WHEN 'WITHDRAWN' THEN 'WITHDRAWN'
                                 WHEN 'LAPSED' THEN 'LAPSED' WHEN 'DECIDED' THEN 'COMPLETED' WHEN 'DELIVERED' THEN 'DELIVERED'
                                 ELSE CASE WHEN x.kind IN ('COLLECT', 'ACCEPT') AND NOT x.ret_used THEN 'SUBMITTED' ELSE 'ACCEPTED' END END,
                  CASE WHEN x.outcome IN ('DEEMED_ACCEPTED', 'LAPSED', 'NOTICE_ENDED') THEN 'SYSTEM'
                       WHEN x.outcome = 'WITHDRAWN' THEN CASE WHEN ${onBehalf} THEN 'AGENT' ELSE 'APPLICANT' END
                       WHEN x.kind IN ('COLLECT', 'DELIVER') AND a.plevel = 'VILLAGE' THEN 'AGENT' ELSE 'CLERK' END,
                  CASE x.outcome WHEN 'RETURNED' THEN CASE WHEN x.kind = 'PUBLIC_NOTICE' THEN '异议成立，退回重新调查${L}' ELSE '家庭收入情况与申报不一致，请重新核实${L}' END
                                 WHEN 'REJECTED' THEN '申请事项不属于本机关职权范围${L}'
                                 WHEN 'DEEMED_ACCEPTED' THEN '自收到申请材料之日起5个工作日内未作出决定，视为受理（《行政许可法》第三十二条）'
                                 WHEN 'NOTICE_ENDED' THEN '公示期满，无异议'
                                 WHEN 'DECIDED' THEN CASE WHEN a.r_denied < 0.04 THEN '不予批准：经调查核实，不符合办理条件${L}' ELSE '准予' END END,
                  CASE x.outcome WHEN 'DEEMED_ACCEPTED' THEN 'application.history.deemedAcceptShort' WHEN 'NOTICE_ENDED' THEN 'application.history.noticeEndedShort'
                                 WHEN 'DECIDED' THEN CASE WHEN a.r_denied < 0.04 THEN 'application.history.denied' ELSE 'application.history.approved' END END,
                  CASE x.outcome WHEN 'DEEMED_ACCEPTED' THEN '{}'::jsonb WHEN 'NOTICE_ENDED' THEN '{}'::jsonb
                                 WHEN 'DECIDED' THEN CASE WHEN a.r_denied < 0.04 THEN jsonb_build_object('reasons', '经调查核实，不符合办理条件${L}') ELSE '{}'::jsonb END END)
               ) AS ev(w, sub, action, f, t, role, note, note_key, note_params)
              WHERE ev.w IS NOT NULL AND ev.w <= $3::int
           ) e ORDER BY e.id, e.at, e.v, e.sub`,
          [wdays, wdIndex, wT],
        ))),
    );
  }
  await q.query(`DROP TABLE h_place, h_place_n, h_route, h_item, h_item_n, h_app, h_visit, h_last`);
  await q.query(`RESET max_parallel_workers_per_gather`);
  return counts;
}
