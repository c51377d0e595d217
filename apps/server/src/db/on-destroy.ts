import type { DataSource } from 'typeorm';

/** Runs `fn` (ending a pool or a listener of this DataSource's database) before the DataSource itself is destroyed. */
export function onDestroy(ds: DataSource, fn: () => Promise<void>): void {
  const destroy = ds.destroy.bind(ds);
  ds.destroy = async () => {
    await fn().catch(() => undefined);
    return destroy();
  };
}
