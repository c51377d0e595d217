/**
 * The large data set (`npm run seed:large`): the demo data plus ≥ 1,000,000 generated applications over the last
 * 24 months on the Lu'an tree, for measuring the dashboards at scale (bench/dashboard.bench.ts).
 *
 * Everything is generated set-based in PostgreSQL (generate_series, INSERT … SELECT) through a staging table:
 * - where: ≈ 40% at villages, 32% at townships, 28% at counties; the item is one of the county directory's items
 *   of that level (popular ones more often), never an exempted one
 * - when: working days only, slightly more in recent months
 * - what happened: ≈ 3% rejected, 2% withdrawn, 15% given a one-time notice (then supplemented; ≈ 1% of all also
 *   a repeat notice, ≈ 1% lapsed), the rest accepted (mostly the same day) and completed within the promised
 *   limit — ≈ 3% late; applications whose next step falls after today are still open (SUBMITTED, DEFICIENT,
 *   ACCEPTED — some of them already overdue); completed ones mostly DELIVERED, 4% denied
 * - ≈ 60% of the ended ones rated: 70% 5, 20% 4, 7% 3, 3% 1–2 (bad ones get a rectification, most answered in time;
 *   5% of bad ones excluded as malicious)
 * - stages: every application's stage rows and current stage; the multi-level chain items are left to
 *   large-stages.ts, which writes their applications (a quarter of the total) stage by stage
 * Not generated: events (history), materials, suspensions and notifications — the dashboards do not read them;
 * every NOT NULL column and foreign key is valid (all rows are submitted by one disabled account `large.seed`).
 *
 * The rollups are switched off for the bulk load and rebuilt set-based at the end (rebuildAllRollups).
 * The scope of each application (`scope_d0 … scope_d4`, the ids of its jurisdiction's path, which the work lists
 * filter on) is filled by the `application_scope` trigger on insert, as for every other writer.
 */
import * as path from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { WorkCalendar, addCalendarDays, chinaDate } from '@weimin/domain';
import { REPO_ROOT } from '../../config';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from '../embedded';
import { LUAN_CODE } from './demo';
import { RollupService, type RebuildResult } from '../../modules/dashboard/rollup.service';
import { ON_CHAIN, chainCount, generateLargeStages } from './large-stages';
import { GIVEN, SURNAMES, idNumberSql, personNameSql } from './people';

export const LARGE_DATABASE = 'weimin_large';
export const DEFAULT_LARGE_COUNT = 1_000_000;
const SEED_LOGIN = 'large.seed';

export interface LargeInfo {
  applications: number;
  generatedAt: string;
  seconds: number;
  today: string;
}

// ------------------------------------------------------------------------------------------------------------
// Where the large data set lives: LARGE_DATABASE_URL as given; else a database weimin_large next to the one
// DATABASE_URL names; else in the embedded PostgreSQL of the benchmarks (.data/bench-pg).
// ------------------------------------------------------------------------------------------------------------

export interface LargeTarget {
  url: string;
  /** The server's maintenance database, when the large database is ours to drop and create. */
  adminUrl: string | null;
  kind: 'LARGE_DATABASE_URL' | 'DATABASE_URL' | 'embedded';
  embedded: EmbeddedDatabase | null;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

export async function largeTarget(embeddedPort: () => Promise<number>): Promise<LargeTarget> {
  if (process.env.LARGE_DATABASE_URL) return { url: process.env.LARGE_DATABASE_URL, adminUrl: null, kind: 'LARGE_DATABASE_URL', embedded: null };
  if (process.env.DATABASE_URL) {
    const adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
    return { url: withDatabase(process.env.DATABASE_URL, LARGE_DATABASE), adminUrl, kind: 'DATABASE_URL', embedded: null };
  }
  const dir = path.join(REPO_ROOT, '.data', 'bench-pg');
  const embedded = await startEmbeddedPostgres({ dir, port: await embeddedPort(), database: 'postgres' });
  return { url: withDatabase(embedded.url, LARGE_DATABASE), adminUrl: embedded.url, kind: 'embedded', embedded };
}

/** Drops and creates the large database (only the one named weimin_large on a server we were pointed at). */
export async function recreateLargeDatabase(t: LargeTarget): Promise<void> {
  if (!t.adminUrl) return;
  const c = new Client({ connectionString: t.adminUrl });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${LARGE_DATABASE}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
  await ensureDatabase(t.adminUrl, LARGE_DATABASE);
}

/** What `seed:large` recorded about the data set (a comment on the database), or null when there is none. */
export async function largeInfo(url: string): Promise<LargeInfo | null> {
  const c = new Client({ connectionString: url });
  try {
    await c.connect();
  } catch {
    return null;
  }
  try {
    const { rows } = await c.query(`SELECT shobj_description(oid, 'pg_database') AS d FROM pg_database WHERE datname = current_database()`);
    const parsed = rows[0]?.d ? JSON.parse(rows[0].d) : null;
    return parsed?.largeSeed ?? null;
  } catch {
    return null;
  } finally {
    await c.end();
  }
}

// ------------------------------------------------------------------------------------------------------------
// Generation
// ------------------------------------------------------------------------------------------------------------

export interface GenerateResult {
  counts: Record<string, number>;
  timings: Record<string, number>;
  rollups: RebuildResult;
  seconds: number;
}

export async function generateLarge(ds: DataSource, count: number, log: (msg: string) => void = console.log): Promise<GenerateResult> {
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const r = await fn();
    timings[name] = (Date.now() - t) / 1000;
    log(`  ${name}: ${timings[name].toFixed(1)} s`);
    return r;
  };

  const rollups = new RollupService(ds);
  await rollups.syncWorkDays(ds, true);
  const overrides: Array<{ date: string; working: boolean }> = await ds.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, working FROM calendar_override`);
  const cal = new WorkCalendar(overrides);
  const today = chinaDate(new Date());
  const start = addCalendarDays(`${Number(today.slice(0, 4)) - 2}${today.slice(4)}`, 1); // 24 months back
  // Working days from a little before the start to a year ahead (completions and deadlines may lie ahead).
  const wd: string[] = [];
  for (let d = addCalendarDays(start, -10); d <= addCalendarDays(today, 400); d = addCalendarDays(d, 1)) if (cal.isWorkingDay(d)) wd.push(d);
  const wStart = wd.findIndex((d) => d >= start) + 1; // 1-based, as SQL arrays
  const wToday = wd.filter((d) => d <= today).length;

  let stageCounts: Record<string, number> = {};
  const q = ds.createQueryRunner();
  await q.connect();
  try {
    await q.query(`SET weimin.rollups_off = 'on'`);
    await q.query(`SET synchronous_commit = off`);
    await q.query(`SET work_mem = '512MB'`);
    await q.query(`SET maintenance_work_mem = '512MB'`);
    await q.query(`SELECT setseed(0.42)`);

    const [seedUser] = await q.query(
      `INSERT INTO app_user (login, name, password_hash, disabled) VALUES ($1, '大数据量生成器（演示数据）', '!', true)
       ON CONFLICT (lower(login)) DO UPDATE SET disabled = true RETURNING id`,
      [SEED_LOGIN],
    );

    await step('places and items', async () => {
      await q.query(`DROP TABLE IF EXISTS seed_place, seed_item, seed_app`);
      await q.query(
        `CREATE TEMP TABLE seed_place AS
         SELECT (row_number() OVER (PARTITION BY j.level ORDER BY j.id) - 1)::int AS idx, j.id, j.level, substr(j.code, 1, 6) AS code6,
                split_part(j.path, '.', 2)::int AS county_id
           FROM jurisdiction j JOIN jurisdiction root ON j.path LIKE root.path || '_%'
          WHERE root.code = $1`,
        [LUAN_CODE],
      );
      await q.query(
        `CREATE TEMP TABLE seed_item AS
         SELECT (row_number() OVER (PARTITION BY v.owner_id, v.handling_level ORDER BY v.code) - 1)::int AS k,
                v.owner_id AS county_id, v.handling_level AS level, i.id AS item_id, v.id AS version_id,
                coalesce((v.content->>'promisedLimit')::int, 0) AS lim, coalesce(v.content->>'promisedUnit', 'WORKING_DAYS') AS unit,
                v.content->>'handlingKind' = 'INSTANT' AS instant
           FROM service_item i JOIN service_item_version v ON v.id = i.published_version_id
          WHERE i.status = 'PUBLISHED' AND coalesce(v.content->'exemption', 'null'::jsonb) = 'null'::jsonb AND NOT (${ON_CHAIN})`,
      );
      await q.query(`CREATE TEMP TABLE seed_place_n AS SELECT level, count(*)::int AS n FROM seed_place GROUP BY level`);
      await q.query(`CREATE TEMP TABLE seed_item_n AS SELECT county_id, level, count(*)::int AS n FROM seed_item GROUP BY county_id, level`);
      await q.query(`ANALYZE seed_place, seed_item, seed_place_n, seed_item_n`);
    });

    // Staging: every draw and every derived day, so that applications, notices, evaluations and rectifications
    // are inserted from the same facts. Days are indexes into the working-day array $2 (1-based).
    await step('staging (draws and days)', () =>
      q.query(
        `CREATE TEMP TABLE seed_app AS
         SELECT s.*,
                -- time-ordered ids (the month partition of the submission): the submitted_at written below
                uuid_v7((($4::date[])[s.w] + time '08:00' + s.r_time * interval '1 hour') AT TIME ZONE 'Asia/Shanghai') AS id,
                CASE WHEN s.rejected THEN CASE WHEN s.w_rej <= $3::int THEN 'REJECTED' ELSE 'SUBMITTED' END
                     WHEN s.withdrawn THEN CASE WHEN s.w_wd <= $3::int THEN 'WITHDRAWN' ELSE 'SUBMITTED' END
                     WHEN s.noticed AND s.w + 1 > $3::int THEN 'SUBMITTED'
                     WHEN s.lapsed THEN CASE WHEN s.w + 16 < $3::int THEN 'LAPSED' ELSE 'DEFICIENT' END
                     WHEN s.noticed AND s.w_supp > $3::int THEN 'DEFICIENT'
                     WHEN s.w_acc > $3::int THEN 'SUBMITTED'
                     WHEN s.w_done > $3::int THEN 'ACCEPTED'
                     WHEN s.r_del < 0.92 OR s.w_done < $3::int - 5 THEN 'DELIVERED'
                     ELSE 'COMPLETED' END AS status
           FROM (
             SELECT d.*,
                    d.w + CASE WHEN d.r_acc < 0.7 THEN 0 ELSE 1 END AS w_rej,
                    d.w + 1 + floor(d.r_acc * 3)::int AS w_wd,
                    d.w + 1 + d.s AS w_supp,
                    d.w + d.acc_delay AS w_acc,
                    d.w + d.acc_delay + d.h AS w_done,
                    d.w + d.acc_delay + d.h + floor(d.r_eval2 * 4)::int AS w_eval
               FROM (
                 SELECT g.n, p.id AS jid, p.code6, p.level, it.item_id, it.version_id, it.lim, it.unit, it.instant,
                        $2::int + floor(power(g.r_day, 0.9) * ($3::int - $2::int + 1))::int AS w,
                        g.r_out < 0.03 AS rejected,
                        g.r_out >= 0.03 AND g.r_out < 0.05 AS withdrawn,
                        g.r_out >= 0.05 AND g.r_notice < 0.15 AS noticed,
                        g.r_out >= 0.05 AND g.r_notice < 0.15 AND g.r_lapse < 0.07 AS lapsed,
                        g.r_out >= 0.05 AND g.r_notice < 0.15 AND g.r_lapse >= 0.07 AND g.r_lapse < 0.14 AS repeat,
                        1 + floor(g.r_s * 5)::int AS s,
                        CASE WHEN g.r_out >= 0.05 AND g.r_notice < 0.15 THEN 2 + floor(g.r_s * 5)::int
                             WHEN g.r_acc < 0.82 THEN 0 WHEN g.r_acc < 0.96 THEN 1 ELSE 2 + floor(g.r_acc2 * 4)::int END AS acc_delay,
                        CASE WHEN it.instant THEN 0
                             WHEN g.r_late < 0.03 THEN it.lim + 1 + floor(g.r_h * 8)::int
                             ELSE least(it.lim, floor(power(g.r_h, 1.6) * (it.lim + 1))::int) END AS h,
                        g.r_acc, g.r_del, g.r_denied, g.r_eval, g.r_eval2, g.r_grade, g.r_excl, g.r_resp, g.r_time, g.r_name, g.r_id, g.r_phone
                   FROM (SELECT n, random() AS r_level, random() AS r_place, random() AS r_item, random() AS r_day, random() AS r_out,
                                random() AS r_notice, random() AS r_lapse, random() AS r_s, random() AS r_acc, random() AS r_acc2,
                                random() AS r_late, random() AS r_h, random() AS r_del, random() AS r_denied, random() AS r_eval,
                                random() AS r_eval2, random() AS r_grade, random() AS r_excl, random() AS r_resp, random() AS r_time,
                                random() AS r_name, random() AS r_id, random() AS r_phone
                           FROM generate_series(1, $1::int) AS n) g
                   JOIN seed_place_n pn ON pn.level = CASE WHEN g.r_level < 0.40 THEN 'VILLAGE' WHEN g.r_level < 0.72 THEN 'TOWNSHIP' ELSE 'COUNTY' END
                   JOIN seed_place p ON p.level = pn.level AND p.idx = floor(g.r_place * pn.n)::int
                   JOIN seed_item_n itn ON itn.county_id = p.county_id AND itn.level = p.level
                   JOIN seed_item it ON it.county_id = p.county_id AND it.level = p.level AND it.k = floor(power(g.r_item, 1.4) * itn.n)::int
               ) d
           ) s`,
        [count - chainCount(count), wStart, wToday, wd],
      ),
    );
    // ($2::int is unused above; the working-day array is bound in the statements that need it)

    const wdParam = wd;
    const day = (w: string) => `($2::date[])[${w}]`;
    const at = (w: string, from: string, hours: string) => `((${day(w)} + time '${from}' + ${hours} * interval '1 hour') AT TIME ZONE 'Asia/Shanghai')`;
    const iso = (ts: string) => `to_char(${ts} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    const accepted = `s.status IN ('ACCEPTED', 'COMPLETED', 'DELIVERED')`;
    const completed = `s.status IN ('COMPLETED', 'DELIVERED')`;
    const dueDay = `CASE WHEN s.unit = 'CALENDAR_DAYS'
                         THEN (SELECT min(w.day) FROM work_day w WHERE w.working AND w.day >= ${day('s.w_acc')} + s.lim AND w.day < ${day('s.w_acc')} + s.lim + 30)
                         ELSE ${day('s.w_acc + s.lim')} END`;

    // The month partitions of the 24 months (the migration made the current month and three ahead).
    await step('month partitions', () => q.query(`SELECT application_partitions_ensure($1::date, $2::date)`, [start, today]));
    await step('applications', () =>
      q.query(
        `INSERT INTO application (id, number, lookup_code, status, service_item_id, item_version_id, jurisdiction_id, applicant_name,
                                  applicant_id_number, applicant_phone, submitted_by, on_behalf, consent, idempotency_key, submitted_at,
                                  received_on, accepted_at, accepted_on, receipt_number, due_date, supplement_deadline, completed_at,
                                  delivered_at, decision, rejection, delivery, withdrawal_reason, updated_at)
         SELECT s.id, s.code6 || to_char(${day('s.w')}, 'YYYYMMDD') || lpad(s.n::text, 7, '0'),
                lpad(floor(s.r_phone * 1000000)::int::text, 6, '0'), s.status, s.item_id, s.version_id, s.jid,
                ${personNameSql('s', '$3', '$4')},
                ${idNumberSql('s')},
                CASE WHEN s.r_phone < 0.8 THEN '13' || lpad(floor(s.r_id * 1000000000)::bigint::text, 9, '0') END,
                $1, s.level = 'VILLAGE' AND s.r_time < 0.5,
                CASE WHEN s.level = 'VILLAGE' AND s.r_time < 0.5 THEN '{"statement": "村代办员代为申请，本人签字的代办委托书存村服务站（生成数据）"}'::jsonb END,
                'large-' || s.n, ${at('s.w', '08:00', 's.r_time')},
                CASE WHEN s.noticed AND s.w_supp <= $5::int THEN ${day('s.w_supp')} ELSE ${day('s.w')} END,
                CASE WHEN ${accepted} THEN ${at('s.w_acc', '09:00', 's.r_time * 3')} END,
                CASE WHEN ${accepted} THEN ${day('s.w_acc')} END,
                CASE WHEN ${accepted} THEN 'SL' || s.code6 || to_char(${day('s.w')}, 'YYYYMMDD') || lpad(s.n::text, 7, '0') END,
                CASE WHEN ${accepted} THEN ${dueDay} END,
                CASE WHEN s.status = 'DEFICIENT' THEN ${day('s.w + 16')} END,
                CASE WHEN ${completed} THEN ${at('s.w_done', '12:00', 's.r_time * 5')} END,
                CASE WHEN s.status = 'DELIVERED' THEN ${at('s.w_done', '12:00', '(5 + s.r_del * 48)')} END,
                CASE WHEN ${completed} THEN jsonb_build_object(
                       'result', CASE WHEN s.r_denied < 0.04 THEN 'DENIED' ELSE 'APPROVED' END,
                       'reasons', CASE WHEN s.r_denied < 0.04 THEN '不符合办理条件（生成数据）' END,
                       'resultDocumentNumber', 'WM' || s.n, 'feeReceiptNumber', NULL,
                       'appealRights', CASE WHEN s.r_denied < 0.04 THEN '如不服本决定，可依法申请行政复议或者提起行政诉讼。' END,
                       'decidedAt', ${iso(at('s.w_done', '12:00', 's.r_time * 5'))}) END,
                CASE WHEN s.status = 'REJECTED' THEN jsonb_build_object(
                       'reason', '申请事项不属于本机关职权范围（生成数据）', 'legalBasis', '《中华人民共和国行政许可法》第三十二条',
                       'competentBody', NULL, 'appealRights', '如不服本决定，可依法申请行政复议或者提起行政诉讼。',
                       'rejectedAt', ${iso(at('s.w_rej', '10:00', 's.r_time * 6'))}) END,
                CASE WHEN s.status = 'DELIVERED' THEN jsonb_build_object('method', 'PICKUP', 'deliveredOn', ${day('s.w_done')}, 'trackingNumber', NULL, 'note', NULL) END,
                CASE WHEN s.status = 'WITHDRAWN' THEN '申请人撤回（生成数据）' END,
                ${at('least(s.w_done, $5::int)', '17:00', '0')}
           FROM seed_app s ORDER BY s.id`, // month by month: each partition and its primary key filled at its end
        [seedUser.id, wdParam, SURNAMES, GIVEN, wToday],
      ),
    );

    await step('deficiency notices', async () => {
      await q.query(
        `INSERT INTO deficiency_notice (application_id, sequence, issued_at, items, supplement_deadline, is_repeat)
         SELECT s.id, 1, ${at('s.w + 1', '10:00', 's.r_time * 6')},
                '[{"material": "申请材料", "problem": "缺少签字页（生成数据）"}]'::jsonb, ${day('s.w + 16')}, false
           FROM seed_app s WHERE s.noticed AND s.w + 1 <= $1::int
         UNION ALL
         SELECT s.id, 2, ${at('s.w_supp', '15:00', 's.r_time')},
                '[{"material": "申请材料", "problem": "补正后的材料仍不清晰（生成数据）"}]'::jsonb, ${day('s.w_supp + 15')}, true
           FROM seed_app s WHERE s.repeat AND s.w_supp <= $1::int`,
        [wToday, wdParam],
      );
    });

    const evaluated = `s.status IN ('COMPLETED', 'DELIVERED', 'REJECTED') AND s.r_eval < 0.6
                       AND (CASE WHEN s.status = 'REJECTED' THEN s.w_rej ELSE s.w_eval END) <= $1::int`;
    const evalW = `(CASE WHEN s.status = 'REJECTED' THEN s.w_rej ELSE s.w_eval END)`;
    const grade = `(CASE WHEN s.r_grade < 0.70 THEN 5 WHEN s.r_grade < 0.90 THEN 4 WHEN s.r_grade < 0.97 THEN 3 WHEN s.r_grade < 0.985 THEN 2 ELSE 1 END)`;
    // An evaluation reuses its application's uuid as its own id (unique in its table; saves a join for the rectifications).
    await step('evaluations', () =>
      q.query(
        `INSERT INTO evaluation (id, application_id, jurisdiction_id, service_item_id, grade, overall, efficiency, guide_accuracy, convenience,
                                 ease_of_use, comment, created_at, evaluated_on, excluded, excluded_reason, excluded_at)
         SELECT s.id, s.id, s.jid, s.item_id, ${grade},
                greatest(1, least(5, ${grade} + CASE WHEN s.r_excl < 0.1 THEN -1 ELSE 0 END)), ${grade}, ${grade},
                greatest(1, least(5, ${grade} + CASE WHEN s.r_excl > 0.9 THEN -1 ELSE 0 END)), ${grade},
                CASE WHEN ${grade} <= 2 THEN '等候时间太长，窗口人员态度一般（生成数据）' END,
                ${at(evalW, '19:00', 's.r_time')}, ${day(evalW)},
                ${grade} <= 2 AND s.r_excl < 0.05, CASE WHEN ${grade} <= 2 AND s.r_excl < 0.05 THEN '经核实为恶意评价（生成数据）' END,
                CASE WHEN ${grade} <= 2 AND s.r_excl < 0.05 THEN ${at(evalW + ' + 3', '10:00', '0')} END
           FROM seed_app s WHERE ${evaluated}`,
        [wToday, wdParam],
      ),
    );

    // Rectifications of the bad ratings: deadline 5 working days; answered after 1–6 working days (5 of 6 in time).
    await step('rectifications', () =>
      q.query(
        `INSERT INTO rectification (evaluation_id, application_id, jurisdiction_id, status, deadline, verification, response, responded_at,
                                    follow_up, closed_at, created_at)
         SELECT x.id, x.id, x.jid, x.status, ${day('x.ew + 5')},
                CASE WHEN x.status <> 'OPEN' THEN '已核实（生成数据）' END,
                CASE WHEN x.status <> 'OPEN' THEN '已向群众说明情况并改进窗口服务（生成数据）' END,
                CASE WHEN x.status <> 'OPEN' THEN ${at('x.rw', '11:00', 'x.r_time')} END,
                CASE WHEN x.status = 'CLOSED' THEN '回访满意（生成数据）' END,
                CASE WHEN x.status = 'CLOSED' THEN ${at('x.rw + 1', '15:00', 'x.r_time')} END,
                ${at('x.ew', '19:30', '0')}
           FROM (SELECT s.id, s.jid, s.r_time, ${evalW} AS ew, ${evalW} + 1 + floor(s.r_resp * 6)::int AS rw,
                        CASE WHEN ${evalW} + 1 + floor(s.r_resp * 6)::int > $1::int THEN 'OPEN'
                             WHEN ${evalW} + 2 + floor(s.r_resp * 6)::int <= $1::int AND s.r_excl < 0.85 THEN 'CLOSED'
                             ELSE 'RESPONDED' END AS status
                   FROM seed_app s WHERE ${evaluated} AND ${grade} <= 2) x`,
        [wToday, wdParam],
      ),
    );
    stageCounts = await generateLargeStages(q, { count: chainCount(count), submitterId: seedUser.id, numberOffset: count, workingDays: wToday - wStart + 1 }, log);
    await q.query(`DROP TABLE seed_app, seed_place, seed_item, seed_place_n, seed_item_n`);
    await q.query(`RESET weimin.rollups_off`);
  } finally {
    await q.release();
  }

  await step('vacuum analyze', () => ds.query(`VACUUM ANALYZE`));
  const rollupResult = await step('rollups (rebuildAllRollups)', () => rebuildAllRollups(ds, log));

  const [counts] = await ds.query(
    `SELECT (SELECT count(*) FROM application)::int AS applications,
            (SELECT count(*) FROM application WHERE status IN ('COMPLETED', 'DELIVERED'))::int AS completed,
            (SELECT count(*) FROM application WHERE status = 'REJECTED')::int AS rejected,
            (SELECT count(*) FROM application WHERE status IN ('SUBMITTED', 'DEFICIENT', 'ACCEPTED', 'SUSPENDED'))::int AS open,
            (SELECT count(*) FROM application WHERE status = 'ACCEPTED' AND due_date < $1::date)::int AS overdue_open,
            (SELECT count(*) FROM application WHERE completed_at IS NOT NULL AND rollup_day(completed_at) > due_date)::int AS completed_late,
            (SELECT count(*) FROM deficiency_notice)::int AS notices,
            (SELECT count(*) FROM deficiency_notice WHERE is_repeat)::int AS repeat_notices,
            (SELECT count(*) FROM evaluation)::int AS evaluations,
            (SELECT count(*) FROM evaluation WHERE grade <= 2)::int AS bad_reviews,
            (SELECT count(*) FROM rectification)::int AS rectifications`,
    [today],
  );
  return { counts: { ...counts, ...stageCounts }, timings, rollups: rollupResult, seconds: (Date.now() - t0) / 1000 };
}

function rebuildAllRollups(ds: DataSource, log: (msg: string) => void): Promise<RebuildResult> {
  return new RollupService(ds).rebuildAll(log) as Promise<RebuildResult>;
}
