/** The services of one server process, created once and handed to every request through its context. */
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { AccountService } from './modules/account/account.service';
import { SessionCache } from './modules/account/session-cache';
import { onDestroy } from './db/on-destroy';
import type { Viewer } from './common/context';
import { VerificationService } from './modules/account/verification.service';
import { UserService } from './modules/user/user.service';
import { StaffWorkbookService } from './modules/user/user.import';
import { CoverageTargetService } from './modules/policy/coverage-target.service';
import { AuditService } from './modules/audit/audit.service';
import { DirectoryService } from './modules/catalogue/directory.service';
import { ServiceItemService } from './modules/catalogue/service-item.service';
import { JurisdictionService } from './modules/jurisdiction/jurisdiction.service';
import { ServiceCenterService } from './modules/service-center/service-center.service';
import { ApplicationQueries } from './modules/application/application.queries';
import { ApplicationService } from './modules/application/application.service';
import { ApplicationPartitions } from './modules/application/application.partitions';
import { ApplicationStageActions } from './modules/application/application.stage-actions';
import { ApplicationStageQueries } from './modules/application/application.stage-queries';
import { CalendarService, type Clock } from './modules/calendar/calendar.service';
import { FileService } from './modules/file/file.service';
import { LocalFileStore } from './modules/file/file.store';
import { TrackingGuard } from './modules/application/tracking-guard';
import { LogSender, NotificationService, type NotificationSender } from './modules/notification/notification.service';
import { PolicyService, type PolicyValues } from './modules/policy/policy.service';
import { EvaluationService } from './modules/evaluation/evaluation.service';
import { RectificationService } from './modules/evaluation/rectification.service';
import { AssessmentService } from './modules/assessment/assessment.service';
import { DashboardService } from './modules/dashboard/dashboard.service';
import { RollupService } from './modules/dashboard/rollup.service';
import * as path from 'node:path';
import { PublicChanges } from './common/public-changes';

export interface Services {
  ds: DataSource;
  /** Published content or centres changed (the page snapshots listen). */
  publicChanges: PublicChanges;
  audit: AuditService;
  accounts: AccountService;
  users: UserService;
  staffWorkbooks: StaffWorkbookService;
  coverageTargets: CoverageTargetService;
  jurisdictions: JurisdictionService;
  centers: ServiceCenterService;
  catalogue: ServiceItemService;
  directories: DirectoryService;
  calendar: CalendarService;
  files: FileService;
  applications: ApplicationService;
  applicationQueries: ApplicationQueries;
  partitions: ApplicationPartitions;
  tracking: TrackingGuard;
  stageActions: ApplicationStageActions;
  stageQueries: ApplicationStageQueries;
  notifications: NotificationService;
  policy: PolicyService;
  evaluations: EvaluationService;
  rectifications: RectificationService;
  assessments: AssessmentService;
  rollups: RollupService;
  dashboard: DashboardService;
  config: Config;
}

export interface ServiceOptions {
  clock?: Clock;
  sender?: NotificationSender;
  log?: (obj: object, msg: string) => void;
  /** Warnings (in demo mode the SMS text goes here, so a tester can read a code from the log). */
  warn?: (obj: object, msg: string) => void;
  /** Policy values that win over the stored ones (tests running jobs beside other suites). */
  policy?: Partial<PolicyValues>;
  /** The DataSource as the reading services use it: its plain reads may go to the read replica (db/read-routing.ts). */
  reads?: DataSource;
}

export function createServices(ds: DataSource, config: Config, options: ServiceOptions = {}): Services {
  // Dashboards, work lists (also of rectifications and the audit log), public pages and search read through
  // `reads`; writes and transactions stay on `ds`.
  const reads = options.reads ?? ds;
  const audit = new AuditService(reads);
  const notifications = new NotificationService(
    ds,
    options.sender ?? new LogSender(options.log ?? (() => undefined), config.demoData ? { warn: options.warn ?? options.log ?? (() => undefined) } : null),
  );
  const accounts = new AccountService(ds, config, new VerificationService(ds, notifications, config), audit, sessionCache(ds, config, options));
  const jurisdictions = new JurisdictionService(reads);
  const publicChanges = new PublicChanges();
  const catalogue = new ServiceItemService(reads, jurisdictions, audit, publicChanges);
  const calendar = new CalendarService(ds, audit, options.clock);
  const files = new FileService(ds, new LocalFileStore(path.join(config.dataDir, 'files')));
  const applications = new ApplicationService(ds, calendar, files, audit);
  const policy = new PolicyService(ds, calendar, audit, { warningWorkingDays: config.warningWorkingDays }, options.policy);
  return {
    ds,
    publicChanges,
    audit,
    accounts,
    users: new UserService(ds, accounts, audit),
    staffWorkbooks: new StaffWorkbookService(ds, audit),
    coverageTargets: new CoverageTargetService(ds, policy, audit),
    jurisdictions,
    centers: new ServiceCenterService(ds, jurisdictions, audit, publicChanges),
    catalogue,
    directories: new DirectoryService(ds, jurisdictions, catalogue, audit),
    calendar,
    files,
    applications,
    tracking: new TrackingGuard(ds, config),
    stageActions: new ApplicationStageActions(ds, calendar, applications),
    stageQueries: new ApplicationStageQueries(reads),
    applicationQueries: new ApplicationQueries(reads, calendar, policy),
    partitions: new ApplicationPartitions(ds, calendar),
    notifications,
    policy,
    evaluations: new EvaluationService(ds, calendar, policy, audit),
    rectifications: new RectificationService(ds, calendar, audit, reads),
    assessments: new AssessmentService(ds, calendar, policy, audit),
    rollups: new RollupService(ds),
    dashboard: new DashboardService(reads, calendar, jurisdictions, policy),
    config,
  };
}

/**
 * The viewers of live sessions (modules/account/session-cache.ts), listening on the primary; it stops with the
 * DataSource. Off without a connection URL or with SESSION_CACHE_SECONDS=0.
 */
function sessionCache(ds: DataSource, config: Config, options: ServiceOptions): SessionCache<Viewer> {
  const url = (ds.options as { url?: string }).url;
  const cache = new SessionCache<Viewer>({ url: url ?? '', ttlMs: url ? config.sessionCacheSeconds * 1000 : 0, log: options.warn ?? options.log });
  onDestroy(ds, () => cache.stop());
  return cache;
}
