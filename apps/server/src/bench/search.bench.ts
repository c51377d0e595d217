/**
 * `npm run bench:search`: `jurisdictions(search:)` by name (城关) and by code prefix on the national tree
 * (665,240 nodes, database `weimin_bench_national`, loaded by `bench:import` or here) and on the Lu'an tree
 * (2,124 nodes, `weimin_bench_luan`), each beside `jurisdiction(code){id}` on the same server in the same run.
 * One server process per database; requests one after another over HTTP. Target: ≤ 10 ms at national size.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { createDataSource, migrate } from '../db/data-source';
import { importJurisdictionFile } from '../db/seeds/jurisdictions';
import { LUAN_CSV } from '../db/seeds/demo';
import { benchDatabase, freePort, post, runBenchmark, startServer, stopChild, timed, waitReady } from './harness';
import { NATIONAL_DB, nationalFile } from './import.bench';
import { NATIONAL_NODES } from './national-tree';

const LUAN_DB = 'weimin_bench_luan';
const RUNS = 300;
const WARMUP = 30;

async function loaded(name: string, nodes: number, file: () => Promise<string>): Promise<string> {
  const { url } = await benchDatabase(name);
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const have = await db
      .query(`SELECT count(*)::int AS n FROM jurisdiction`)
      .then((r) => r.rows[0].n as number)
      .catch(() => 0);
    const indexed = await db.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'jurisdiction_name_grams_idx'`).then((r) => r.rowCount === 1);
    if (have !== nodes || !indexed) {
      console.log(`Loading ${name} (${nodes.toLocaleString('en')} nodes)…`);
      await db.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`);
      const ds = createDataSource(url, 2);
      await ds.initialize();
      await migrate(ds);
      await importJurisdictionFile(ds, await file());
      await ds.destroy();
    }
  } finally {
    await db.end();
  }
  return url;
}

const SEARCH = `query($s: String!) { jurisdictions(search: $s, first: 20) { totalCount nodes { id code name level } } }`;
const BY_CODE = `query($c: String!) { jurisdiction(code: $c) { id } }`;

function latencies(port: number, query: string, variables: Record<string, unknown>): Promise<{ p50: number; p90: number; answer: any }> {
  return timed(RUNS, WARMUP, () => post(port, query, variables));
}

async function main(): Promise<number> {
  const national = await loaded(NATIONAL_DB, NATIONAL_NODES, nationalFile);
  const luan = await loaded(LUAN_DB, 2124, () => Promise.resolve(LUAN_CSV));
  const trees = [
    { name: `national (${NATIONAL_NODES.toLocaleString('en')})`, url: national, code: '341000000000', prefix: '3410' },
    { name: "Lu'an (2,124)", url: luan, code: '341500000000', prefix: '3415' },
  ];
  const rows: string[] = [];
  let worst = 0;
  for (const t of trees) {
    const port = await freePort();
    const server = startServer(t.url, port);
    await waitReady('server', server, port, 120_000);
    const base = await latencies(port, BY_CODE, { c: t.code });
    const name = await latencies(port, SEARCH, { s: '城关' });
    const prefix = await latencies(port, SEARCH, { s: t.prefix });
    await stopChild(server);
    const line = (what: string, r: { p50: number; p90: number }, found?: number) =>
      `  ${t.name.padEnd(18)} ${what.padEnd(34)} ${r.p50.toFixed(2).padStart(7)} ${r.p90.toFixed(2).padStart(7)} ${(r.p50 / base.p50).toFixed(2).padStart(6)}×` +
      (found == null ? '' : `  (${found.toLocaleString('en')} found)`);
    rows.push(line('jurisdiction(code){id} (baseline)', base));
    rows.push(line('search "城关" (name)', name, name.answer.jurisdictions.totalCount));
    rows.push(line(`search "${t.prefix}" (code prefix)`, prefix, prefix.answer.jurisdictions.totalCount));
    if (t.url === national) worst = Math.max(name.p50, prefix.p50);
  }
  console.log(`\n  ${'tree'.padEnd(18)} ${'query'.padEnd(34)} ${'p50 ms'.padStart(7)} ${'p90 ms'.padStart(7)} ${'÷ base'.padStart(7)}`);
  for (const r of rows) console.log(r);
  console.log(`\nTarget (search ≤ 10 ms p50 at national size, over HTTP): ${worst <= 10 ? 'met' : 'NOT met'} (${worst.toFixed(2)} ms)`);
  return 0;
}

runBenchmark(main);
