/**
 * Background work on a PostgreSQL-backed queue (graphile-worker), safe with several server processes: each cron
 * task runs once per minute across all of them (job keys), and every task is idempotent on its own.
 */
import { Logger, run, type Runner } from 'graphile-worker';
import type { Services } from '../../services';

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
].join('\n');

export async function startWorker(connectionString: string, services: Services, log: WorkerLog): Promise<Runner> {
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
  const runner = await run({
    connectionString,
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
    },
  });
  const rollups = services.rollups.startPoller(log);
  return { ...runner, stop: async () => (await rollups.stop(), runner.stop()) };
}
