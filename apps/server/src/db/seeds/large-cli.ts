/**
 * `npm run seed:large [-- --count N]`: a fresh database `weimin_large` (next to DATABASE_URL's, or in the embedded
 * PostgreSQL of the benchmarks under .data/bench-pg; LARGE_DATABASE_URL to name one yourself, which must hold no
 * applications), migrated, with the demo data and N generated applications (default 1,000,000, env
 * SEED_LARGE_COUNT), then the rollups rebuilt. Prints counts and timings. See large.ts for what is generated.
 */
import 'reflect-metadata';
import * as net from 'node:net';
import { Client } from 'pg';
import { createDataSource, migrate } from '../data-source';
import { seedDemo } from './demo';
import { DEFAULT_LARGE_COUNT, generateLarge, largeTarget, recreateLargeDatabase, redact, type LargeInfo } from './large';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function countArg(): number {
  const i = process.argv.indexOf('--count');
  const raw = i >= 0 ? process.argv[i + 1] : process.env.SEED_LARGE_COUNT;
  if (raw == null || raw === '') return DEFAULT_LARGE_COUNT;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1 || n > 50_000_000) throw new Error(`--count must be a whole number from 1 to 50,000,000, got ${raw}`);
  return n;
}

async function main(): Promise<void> {
  const count = countArg();
  const t0 = Date.now();
  const target = await largeTarget(freePort);
  try {
    if (target.kind === 'LARGE_DATABASE_URL') console.log(`Database: ${redact(target.url)} (LARGE_DATABASE_URL)`);
    else {
      console.log(`Database: ${redact(target.url)} (${target.kind === 'embedded' ? 'embedded PostgreSQL, .data/bench-pg' : 'next to DATABASE_URL'}), created afresh`);
      await recreateLargeDatabase(target);
    }
    const ds = createDataSource(target.url, 4);
    await ds.initialize();
    try {
      await migrate(ds);
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM application`);
      if (n > 0) throw new Error(`${redact(target.url)} already holds ${n} applications: point LARGE_DATABASE_URL at an empty database`);
      await seedDemo(ds, (m) => console.log(m));
      console.log(`Generating ${count.toLocaleString('en')} applications …`);
      const r = await generateLarge(ds, count, (m) => console.log(m));
      const info: LargeInfo = { applications: r.counts.applications, generatedAt: new Date().toISOString(), seconds: Math.round(r.seconds), today: new Date().toISOString().slice(0, 10) };
      const c = new Client({ connectionString: target.url });
      await c.connect();
      const db = (await c.query(`SELECT current_database() AS d`)).rows[0].d as string;
      await c.query(`COMMENT ON DATABASE "${db.replace(/"/g, '""')}" IS ${c.escapeLiteral(JSON.stringify({ largeSeed: info }))}`);
      await c.end();
      const [size] = await ds.query(
        `SELECT pg_size_pretty(pg_database_size(current_database())) AS db,
                pg_size_pretty((SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('application'))) AS application,
                pg_size_pretty(pg_total_relation_size('rollup_base') + pg_total_relation_size('rollup_daily') + pg_total_relation_size('rollup_monthly')) AS rollups`,
      );
      console.log('\nCounts:');
      for (const [k, v] of Object.entries(r.counts)) console.log(`  ${k.padEnd(16)} ${Number(v).toLocaleString('en').padStart(12)}`);
      console.log(`  rollup rows      base ${r.rollups.baseRows.toLocaleString('en')}, daily ${r.rollups.dailyRows.toLocaleString('en')}, monthly ${r.rollups.monthlyRows.toLocaleString('en')}`);
      console.log(`Sizes: database ${size.db}, application ${size.application}, rollups ${size.rollups}`);
      // Per month partition: rows, heap, indexes (the application table is partitioned by month, docs/scale.md).
      const parts: Array<{ part: string; rows: string; heap: string; indexes: string }> = await ds.query(
        `SELECT c.relname AS part, c.reltuples::bigint AS rows, pg_size_pretty(pg_table_size(c.oid)) AS heap,
                pg_size_pretty(pg_indexes_size(c.oid)) AS indexes
           FROM pg_partition_tree('application') t JOIN pg_class c ON c.oid = t.relid WHERE t.isleaf ORDER BY c.relname`,
      );
      console.log('Partitions of application (rows, heap, indexes):');
      for (const p of parts) console.log(`  ${p.part.padEnd(22)} ${Number(p.rows).toLocaleString('en').padStart(10)}  ${p.heap.padStart(8)}  ${p.indexes.padStart(8)}`);
      console.log(`Generated in ${r.seconds.toFixed(0)} s (rollups ${(r.rollups.ms / 1000).toFixed(0)} s); total ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      console.log(`Run the benchmark: npm run bench:dashboard`);
    } finally {
      await ds.destroy();
    }
  } finally {
    await target.embedded?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
