/**
 * A year of demo history (演示数据) on the Lu'an tree: about 20,000 applications across every level and stage, with
 * their events, stage rows, notices, returns, objections, extensions, evaluations and rectifications (history.ts),
 * so that a supervisor's first look at the dashboards shows real figures, and the clerks' and agents' queues and the
 * public-notice boards show applications that are still open — some of them overdue.
 *
 * Loaded once, on the first start in demo mode (DEMO_HISTORY=false leaves it out, as the test server does), after the
 * demo catalogue; the rollups are rebuilt from the raw rows at the end. Every application is recorded as submitted
 * by the disabled account `demo.history` (named 演示数据), carries `{"demo": true}` as its form data, and every
 * generated text ends in （演示数据）.
 */
import type { DataSource } from 'typeorm';
import { RollupService } from '../../modules/dashboard/rollup.service';
import { JINAN_CODE, LUAN_CODE } from './demo';
import { generateHistory } from './history';

export const DEMO_HISTORY_LOGIN = 'demo.history';
export const DEMO_HISTORY_COUNT = 20_000;
/** Idempotency keys of the history start with this (`demo-history-<n>`). */
export const DEMO_HISTORY_KEY = 'demo-history-';

/** Loads the history unless it is there already; true when it was loaded now. */
export async function seedDemoHistory(ds: DataSource, log: (msg: string) => void = () => undefined, count = DEMO_HISTORY_COUNT): Promise<boolean> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(7411004)`);
    if ((await runner.query(`SELECT 1 FROM app_user WHERE login = $1`, [DEMO_HISTORY_LOGIN])).length) return false;
    const [root] = await runner.query(`SELECT path FROM jurisdiction WHERE code = $1`, [LUAN_CODE]);
    if (!root) return false;
    const t0 = Date.now();
    await new RollupService(ds).syncWorkDays(runner.manager);
    const [{ wd }] = await runner.query(
      `SELECT (SELECT wd_index FROM work_day WHERE day = rollup_day(now())) - (SELECT wd_index FROM work_day WHERE day = rollup_day(now()) - 365) AS wd`,
    );
    const [focus] = await runner.query(
      `SELECT t.id AS township_id, (SELECT v.id FROM jurisdiction v WHERE v.parent_id = t.id ORDER BY v.code LIMIT 1) AS village_id
         FROM jurisdiction t WHERE t.parent_id = (SELECT id FROM jurisdiction WHERE code = $1) ORDER BY t.code LIMIT 1`,
      [JINAN_CODE],
    );
    await runner.startTransaction();
    try {
      await runner.query(`SET LOCAL weimin.rollups_off = 'on'`);
      const [user] = await runner.query(
        `INSERT INTO app_user (login, name, password_hash, disabled) VALUES ($1, '演示历史数据（演示数据）', '!', true) RETURNING id`,
        [DEMO_HISTORY_LOGIN],
      );
      const counts = await generateHistory(runner, {
        count,
        workingDays: wd,
        submitterId: user.id,
        label: '（演示数据）',
        keyPrefix: DEMO_HISTORY_KEY,
        numberOffset: 0,
        seed: 0.2026,
        chainOnly: false,
        chainWeight: 3,
        events: true,
        focus: focus ? { villageId: focus.village_id, townshipId: focus.township_id, share: 0.03 } : null,
        rootPath: root.path,
        log,
      });
      await runner.commitTransaction();
      log(`demo history: ${Object.entries(counts).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ')}`);
    } catch (err) {
      await runner.rollbackTransaction();
      throw err;
    }
    let t = Date.now();
    await runner.query('ANALYZE application, application_stage, application_event, deficiency_notice, public_notice_objection, evaluation, rectification');
    log(`  analyze: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    t = Date.now();
    await new RollupService(ds).rebuildAll();
    log(`  rollups rebuilt: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    log(`demo history loaded in ${Date.now() - t0} ms`);
    return true;
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(7411004)`).catch(() => undefined);
    await runner.release();
  }
}
