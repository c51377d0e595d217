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
  '* * * * * deliver_notifications ?jobKey=deliver_notifications&max=3',
].join('\n');

export function startWorker(connectionString: string, services: Services, log: WorkerLog): Promise<Runner> {
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
  return run({
    connectionString,
    logger,
    concurrency: 1,
    noHandleSignals: true,
    pollInterval: 2000,
    crontab: CRONTAB,
    taskList: {
      deemed_acceptance: task('deemed_acceptance', () => services.applications.runDeemedAcceptance()),
      lapse_deficient: task('lapse_deficient', () => services.applications.runLapses()),
      deliver_notifications: task('deliver_notifications', () => services.notifications.deliverPending()),
    },
  });
}
