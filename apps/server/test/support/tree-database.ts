/**
 * A database of a suite's own, migrated, optionally holding a jurisdiction tree unlike Lu'an's (a province root, a
 * city without counties, several roots): created next to the run's database and dropped by `drop`.
 */
import type { DataSource } from 'typeorm';
import type { JurisdictionLevel } from '@weimin/domain';
import { createDataSource, migrate } from '../../src/db/data-source';
import { importJurisdictions } from '../../src/db/seeds/jurisdictions';
import { freshDatabase } from './servers';

/** A node of a test tree: code, name, level, the parent's code. */
export type TreeRow = [string, string, JurisdictionLevel, string | null];

export interface TreeDatabase {
  ds: DataSource;
  url: string;
  /** Jurisdiction id and materialised path by code. */
  ids: Map<string, number>;
  paths: Map<string, string>;
  drop(): Promise<void>;
}

export async function treeDatabase(prefix: string, tree: TreeRow[] = [], poolSize = 3): Promise<TreeDatabase> {
  const db = await freshDatabase(prefix);
  const ds = createDataSource(db.url, poolSize);
  await ds.initialize();
  await migrate(ds);
  if (tree.length) await importJurisdictions(ds, tree.map(([code, name, level, parentCode]) => ({ code, name, level, parentCode })));
  const ids = new Map<string, number>();
  const paths = new Map<string, string>();
  for (const r of await ds.query(`SELECT id, code, path FROM jurisdiction`)) {
    ids.set(r.code, r.id);
    paths.set(r.code, r.path);
  }
  return {
    ds,
    url: db.url,
    ids,
    paths,
    drop: async () => {
      await ds.destroy().catch(() => undefined);
      await db.drop();
    },
  };
}
