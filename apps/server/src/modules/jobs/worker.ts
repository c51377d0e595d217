/**
 * Background work on a PostgreSQL-backed queue (graphile-worker), safe with several server processes: each cron
 * task runs once per minute across all of them (job keys), and every task is idempotent on its own.
 */
import { Logger, run, type Runner } from 'graphile-worker';
import { Pool } from 'pg';
import type { Services } from '../../services';
import { isDatabaseUnavailable, trackClosingClients } from '../../db/health';

export interface WorkerLog {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const CRONTAB = [
  '* * * * * deemed_acceptance ?jobKey=deemed_acceptance&max=1',
  '* * * * * lapse_deficient ?jobKey=lapse_deficient&max=1',
  '* * * * * public_notice_end ?jobKey=public_notice_end&max=1',
  '* * * * * deliver_notifications ?jobKey=deliver_notifications&max=3',
  // Off unless the city sets defaultGradeAfterDays; a day-granular rule, so every ten minutes is plenty.
  '*/10 * * * * default_grades ?jobKey=default_grades&max=1',
  // Dashboard rollups: the poller started below refreshes within about a second of a change; this is a safety net.
  '* * * * * refresh_rollups ?jobKey=refresh_rollups&max=1',
  // Month partitions three months ahead (docs/scale.md); hourly, as it does nothing most of the time.
  '17 * * * * application_partitions ?jobKey=application_partitions&max=1',
].join('\n');

export async function startWorker(connectionString: string, services: Services, parentLog: WorkerLog): Promise<Runner> {
  // A database outage is reported once by the health probe; the queue's reconnect attempts are warnings.
  const log: WorkerLog = {
    debug: (obj, msg) => parentLog.debug(obj, msg),
    info: (obj, msg) => parentLog.info(obj, msg),
    warn: (obj, msg) => parentLog.warn(obj, msg),
    error: (obj, msg) => {
      const o = obj as { err?: unknown; error?: unknown };
      if (isDatabaseUnavailable(o.err) || isDatabaseUnavailable(o.error) || isDatabaseUnavailable({ message: msg })) parentLog.warn(obj, msg);
      else parentLog.error(obj, msg);
    },
  };
  const task = (name: string, fn: () => Promise<number>) => async () => {
    const n = await fn();
    if (n) log.info({ task: name, count: n }, 'background task done');
  };
  // The queue's own chatter (a line per cron run) goes to debug; warnings and errors stay visible.
  const logger = new Logger((scope) => (level, message, meta) => {
    const obj = { worker: scope.workerId, task: scope.taskIdentifier, jobId: scope.jobId, ...meta };
    if (level === 'error') log.error(obj, message);
    else if (level === 'warning') log.warn(obj, message);
    else log.debug(obj, message);
  });
  // The queue's own pool, ended (and awaited) after the runner stops: graphile-worker's own pool would be ended
  // without waiting, its clients then meet the database's shutdown with no error listener left.
  const pool = new Pool({ connectionString, max: 4, connectionTimeoutMillis: 5000 });
  const onError = (err: Error) => log.error({ error: err }, `worker pool: ${err.message}`);
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  const closed = trackClosingClients(pool);
  let runner: Runner;
  try {
    runner = await run({
      pgPool: pool,
      logger,
      concurrency: 1,
      noHandleSignals: true,
      pollInterval: 2000,
      crontab: CRONTAB,
      taskList: {
        deemed_acceptance: task('deemed_acceptance', () => services.applications.runDeemedAcceptance()),
        lapse_deficient: task('lapse_deficient', () => services.applications.runLapses()),
        public_notice_end: task('public_notice_end', () => services.stageActions.runPublicNoticeEnds()),
        deliver_notifications: task('deliver_notifications', () => services.notifications.deliverPending()),
        default_grades: task('default_grades', () => services.evaluations.runDefaultGrades()),
        refresh_rollups: task('refresh_rollups', async () => (await services.rollups.refresh())?.keys ?? 0),
        application_partitions: task('application_partitions', async () => {
          const check = await services.partitions.ensure();
          const stray = Object.entries(check.defaultRows).filter(([, n]) => n > 0);
          // A row in a default partition: its month had no partition (the job was down for months, or a clock
          // far off). The next month cannot be attached over such rows; move them (docs/scale.md).
          if (stray.length) log.warn({ defaultRows: check.defaultRows }, 'rows in the default partitions of applications');
          return check.created;
        }),
      },
    });
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  const rollups = services.rollups.startPoller(log);
  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      await rollups.stop();
      await runner.stop().catch(() => undefined); // already stopped after a failure
      await pool.end().catch(() => undefined);
      await closed();
    })());
  return { ...runner, stop };
}

export interface SupervisedWorker {
  stop(): Promise<void>;
}

/**
 * The worker kept alive across database outages: when the queue's runner fails (or cannot start because the
 * database is away), it is started again after a pause; its errors are logged, never thrown at the process.
 */
export function superviseWorker(connectionString: string, services: Services, log: WorkerLog, retryMs = 2000): SupervisedWorker {
  let stopped = false;
  let current: Runner | null = null;
  let timer: NodeJS.Timeout | null = null;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      try {
        current = await startWorker(connectionString, services, log);
        if (stopped) {
          const r = current;
          current = null;
          await r.stop().catch(() => undefined);
          break;
        }
        await current.promise;
        if (!stopped) log.warn({}, 'the background worker stopped; starting it again');
      } catch (err) {
        if (!stopped) log.warn({ err: err instanceof Error ? err.message : String(err) }, 'the background worker failed; starting it again shortly');
      }
      if (current) {
        const r = current;
        current = null;
        await r.stop().catch(() => undefined);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, retryMs);
      });
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
      const r = current;
      current = null;
      if (r) await r.stop().catch((err: unknown) => log.warn({ err: String(err) }, 'the background worker did not stop cleanly'));
      await loop;
    },
  };
}
