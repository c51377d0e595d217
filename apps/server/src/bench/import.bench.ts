/**
 * `npm run bench:import`: the national division tree (a synthetic file of 665,240 nodes shaped like the official
 * one, cities without counties included) imported by the importer, beside a bare COPY of the same file into an
 * unindexed table in the same run. Each side runs in a child process of its own, which reports its time and
 * peak RSS. Target: under 20 s and 300 MB. The database (`weimin_bench_national`) is left loaded for
 * `bench:search`.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createDataSource, migrate } from '../db/data-source';
import { importJurisdictionFile } from '../db/seeds/jurisdictions';
import { benchDatabase, cleanup } from './harness';
import { NATIONAL_NODES, writeNationalTree } from './national-tree';

export const NATIONAL_DB = 'weimin_bench_national';
const run = promisify(execFile);

interface Measured {
  ms: number;
  rssMB: number;
}

/** Child mode: `--bare URL FILE` or `--import URL FILE`; prints one JSON line. */
async function child(mode: string, url: string, file: string): Promise<void> {
  const t0 = performance.now();
  if (mode === '--bare') {
    const db = new Client({ connectionString: url });
    await db.connect();
    await db.query(`DROP TABLE IF EXISTS bare_copy; CREATE TABLE bare_copy (code text, name text, level text, parent_code text)`);
    await pipeline(fs.createReadStream(file), db.query(copyFrom(`COPY bare_copy FROM STDIN WITH (FORMAT csv, HEADER true)`)));
    const ms = performance.now() - t0;
    await db.query(`DROP TABLE bare_copy`);
    await db.end();
    console.log(JSON.stringify({ ms, rssMB: process.resourceUsage().maxRSS / 1024 }));
    return;
  }
  const ds = createDataSource(url, 2);
  await ds.initialize();
  const t1 = performance.now();
  const r = await importJurisdictionFile(ds, file);
  const ms = performance.now() - t1;
  await ds.destroy();
  console.log(JSON.stringify({ ms, rssMB: process.resourceUsage().maxRSS / 1024, ...r }));
}

async function measure(mode: string, url: string, file: string): Promise<Measured & { inserted?: number }> {
  const { stdout } = await run(process.execPath, [__filename, mode, url, file], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop() as string);
}

export async function nationalFile(): Promise<string> {
  const file = path.join(os.tmpdir(), `weimin-national-${NATIONAL_NODES}.csv`);
  if (!fs.existsSync(file)) {
    const n = await writeNationalTree(file);
    console.log(`Generated ${file} (${n.toLocaleString('en')} nodes)`);
  }
  return file;
}

async function main(): Promise<number> {
  const file = await nationalFile();
  const { url, kind } = await benchDatabase(NATIONAL_DB);
  const db = new Client({ connectionString: url });
  await db.connect();
  const [{ server_version: version }] = (await db.query(`SHOW server_version`)).rows;
  await db.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`);
  const ds = createDataSource(url, 2);
  await ds.initialize();
  await migrate(ds);
  await ds.destroy();
  console.log(`Database: ${NATIONAL_DB} (${kind}), PostgreSQL ${version}; file ${file} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`);
  console.log(`Machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  const bare = await measure('--bare', url, file);
  const imported = await measure('--import', url, file);
  const [check] = (
    await db.query(
      `SELECT count(*)::int AS nodes,
              count(*) FILTER (WHERE j.level = 'TOWNSHIP' AND p.level = 'CITY')::int AS townships_under_cities,
              count(*) FILTER (WHERE p.id IS NOT NULL AND j.path <> p.path || j.id || '.')::int AS broken_paths,
              count(*) FILTER (WHERE j.parent_id IS NULL)::int AS roots, max(j.depth)::int AS max_depth
         FROM jurisdiction j LEFT JOIN jurisdiction p ON p.id = j.parent_id`,
    )
  ).rows;
  await db.end();

  const row = (name: string, m: Measured) => `  ${name.padEnd(44)} ${(m.ms / 1000).toFixed(1).padStart(6)} s ${m.rssMB.toFixed(0).padStart(6)} MB`;
  console.log(`\n  ${'what'.padEnd(44)} ${'time'.padStart(8)} ${'peak RSS'.padStart(9)}`);
  console.log(row('bare COPY into an unindexed table (baseline)', bare));
  console.log(row('import: staged, checked, nodes + paths, indexes', imported));
  console.log(`  ratio import / bare COPY: ${(imported.ms / bare.ms).toFixed(1)}×`);
  console.log(
    `\nTree: ${check.nodes.toLocaleString('en')} nodes, ${check.roots} roots, depth up to ${check.max_depth}, ` +
      `${check.townships_under_cities} townships directly under a city, ${check.broken_paths} broken paths`,
  );
  const ok = check.nodes === NATIONAL_NODES && check.broken_paths === 0 && imported.ms < 20_000 && imported.rssMB < 300;
  console.log(`Target (${NATIONAL_NODES.toLocaleString('en')} nodes, < 20 s, < 300 MB): ${ok ? 'met' : 'NOT met'}`);
  return check.nodes === NATIONAL_NODES && check.broken_paths === 0 ? 0 : 1;
}

if (require.main === module && process.argv[2]?.startsWith('--')) {
  child(process.argv[2], process.argv[3], process.argv[4]).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else if (require.main === module) {
  main()
    .then((code) => cleanup().then(() => process.exit(code)))
    .catch((e: unknown) => {
      console.error(e);
      void cleanup().then(() => process.exit(1));
    });
}
