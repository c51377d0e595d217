import { DataSource } from 'typeorm';
import { types } from 'pg';

// Calendar days stay strings (YYYY-MM-DD): turning them into local-midnight Dates shifts them across time zones.
types.setTypeParser(1082, (v: string) => v);
import { ServiceCenter } from '../modules/service-center/service-center.entity';
import { Jurisdiction } from '../modules/jurisdiction/jurisdiction.entity';
import { Foundation1764000000000 } from './migrations/1764000000000-foundation';
import { Applications1764100000000 } from './migrations/1764100000000-applications';
import { Evaluations1764200000000 } from './migrations/1764200000000-evaluations';
import { Assessments1764300000000 } from './migrations/1764300000000-assessments';
import { Rollups1764400000000 } from './migrations/1764400000000-rollups';
import { CatalogueIndexes1764500000000 } from './migrations/1764500000000-catalogue-indexes';
import { Accounts1765000000000 } from './migrations/1765000000000-accounts';
import { CoverageTargets1765000000001 } from './migrations/1765000000001-coverage-targets';
import { NationalTree1765400000000 } from './migrations/1765400000000-national-tree';
import { ListIndexes1765400000001 } from './migrations/1765400000001-list-indexes';
import { Linkage1765100000000 } from './migrations/1765100000000-linkage';
import { AppealBodies1766300000000 } from './migrations/1766300000000-appeal-bodies';
import { BlankForms1766300000001 } from './migrations/1766300000001-blank-forms';
import { ApplicationScope1766500000000 } from './migrations/1766500000000-application-scope';
import { ItemQueueScope1766500000001 } from './migrations/1766500000001-item-queue-scope';
import { ApplicationPartitions1766600000000 } from './migrations/1766600000000-application-partitions';
import { TextKeys1766710000000 } from './migrations/1766710000000-text-keys';
import { StageDrill1766730000000 } from './migrations/1766730000000-stage-drill';
import { CityPolicy1766750000000 } from './migrations/1766750000000-city-policy';
import { QueueCountsFromIndex1766760000000 } from './migrations/1766760000000-queue-counts-from-index';
import { ViewerNotify1766770000000 } from './migrations/1766770000000-viewer-notify';
import { SubmitterForOthers1766780000000 } from './migrations/1766780000000-submitter-for-others';
import { countingLogger, sqlCountEnabled } from '../common/sql-counter';

export const MIGRATIONS = [
  Foundation1764000000000,
  Applications1764100000000,
  Evaluations1764200000000,
  Assessments1764300000000,
  Rollups1764400000000,
  CatalogueIndexes1764500000000,
  Accounts1765000000000,
  CoverageTargets1765000000001,
  NationalTree1765400000000,
  ListIndexes1765400000001,
  Linkage1765100000000,
  AppealBodies1766300000000,
  BlankForms1766300000001,
  ApplicationScope1766500000000,
  ItemQueueScope1766500000001,
  ApplicationPartitions1766600000000,
  TextKeys1766710000000,
  StageDrill1766730000000,
  CityPolicy1766750000000,
  QueueCountsFromIndex1766760000000,
  ViewerNotify1766770000000,
  SubmitterForOthers1766780000000,
];

export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: [Jurisdiction, ServiceCenter],
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    ...(sqlCountEnabled() ? { logging: ['query' as const], logger: countingLogger } : { logging: false }),
    // A database that does not answer fails a request within seconds instead of holding it (and the pool) forever.
    extra: { max: poolSize, application_name: 'weimin', connectionTimeoutMillis: 5000 },
  });
}

/** Runs pending migrations; an advisory lock keeps several starting replicas from racing. */
export async function migrate(ds: DataSource): Promise<void> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(7411001)`);
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(7411001)`).catch(() => undefined);
    await runner.release();
  }
}

export async function pendingMigrations(ds: DataSource): Promise<boolean> {
  return ds.showMigrations();
}
