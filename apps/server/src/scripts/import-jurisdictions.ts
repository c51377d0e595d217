/**
 * `npm run import:jurisdictions -- FILE.csv`: loads a jurisdiction tree into DATABASE_URL. A refused file's problems
 * are said in the language of LC_ALL / LC_MESSAGES / LANG (zh… → Chinese, else English).
 */
import 'reflect-metadata';
import { createDataSource, migrate } from '../db/data-source';
import { cliLocale } from '@weimin/domain';
import { ImportError, importJurisdictionFile } from '../db/seeds/jurisdictions';

async function run(): Promise<void> {
  const file = process.argv[2];
  const url = process.env.DATABASE_URL;
  if (!file || !url) {
    console.error('usage: DATABASE_URL=postgres://… npm run import:jurisdictions -- FILE.csv');
    process.exit(2);
  }
  const ds = createDataSource(url, 2);
  await ds.initialize();
  try {
    await migrate(ds);
    const t0 = Date.now();
    const { inserted, updated } = await importJurisdictionFile(ds, file);
    console.log(`imported ${file}: ${inserted} new, ${updated} already present, in ${Date.now() - t0} ms (peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB)`);
  } catch (e) {
    if (e instanceof ImportError) {
      console.error(e.text(cliLocale(process.env)));
      process.exitCode = 1;
    } else throw e;
  } finally {
    await ds.destroy();
  }
}

void run();
