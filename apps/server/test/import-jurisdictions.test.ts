/**
 * The jurisdiction importer on a database of its own (the shared test tree stays the Lu'an one): the whole of
 * Anhui, renames of known codes, and a bad file that changes nothing.
 */
import 'reflect-metadata';
import * as path from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '../src/db/data-source';
import { ImportError, importJurisdictionFile, importJurisdictions, parseJurisdictionCsv } from '../src/db/seeds/jurisdictions';

const DATA = path.resolve(__dirname, '..', 'data');
let ds: DataSource;
let admin: Client;
const dbName = `weimin_import_${Date.now()}`;

beforeAll(async () => {
  const url = new URL(process.env.TEST_DATABASE_URL_RUN as string);
  url.pathname = '/postgres';
  admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  url.pathname = `/${dbName}`;
  ds = createDataSource(url.toString(), 2);
  await ds.initialize();
  await migrate(ds);
}, 60_000);

afterAll(async () => {
  await ds?.destroy();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
});

describe('importing a jurisdiction tree', () => {
  it('loads all of Anhui (20,154 nodes) with paths that give every subtree', async () => {
    const t0 = Date.now();
    const r = await importJurisdictionFile(ds, path.join(DATA, 'anhui-jurisdictions.csv'));
    const ms = Date.now() - t0;
    expect(r).toEqual({ inserted: 20154, updated: 0 });
    expect(ms).toBeLessThan(30_000); // "in seconds"; the figure is reported by the closing note, not asserted tightly
    const levels = await ds.query(`SELECT level, count(*)::int AS n FROM jurisdiction GROUP BY level ORDER BY level`);
    expect(levels).toEqual([
      { level: 'CITY', n: 16 },
      { level: 'COUNTY', n: 119 },
      { level: 'TOWNSHIP', n: 1685 },
      { level: 'VILLAGE', n: 18334 },
    ]);
    const [luan] = await ds.query(`SELECT path FROM jurisdiction WHERE code = '341500000000'`);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM jurisdiction WHERE path LIKE $1`, [`${luan.path}%`]);
    expect(n).toBe(2124);
    const broken = await ds.query(
      `SELECT c.code FROM jurisdiction c JOIN jurisdiction p ON p.id = c.parent_id WHERE c.path <> p.path || c.id || '.' LIMIT 1`,
    );
    expect(broken).toEqual([]);
  }, 60_000);

  it('renames a known code again without duplicating it', async () => {
    const r = await importJurisdictions(ds, [{ code: '341500000000', name: '六安市(更名测试)', level: 'CITY' as never, parentCode: null }]);
    expect(r).toEqual({ inserted: 0, updated: 1 });
    const [row] = await ds.query(`SELECT name FROM jurisdiction WHERE code = '341500000000'`);
    expect(row.name).toBe('六安市(更名测试)');
  });

  it('refuses a bad file, naming the line and column, and saves nothing', () => {
    const csv = 'code,name,level,parent_code\n349900000000,测试市,CITY,\n34990100000X,坏代码,COUNTY,349900000000\n';
    expect(() => parseJurisdictionCsv(csv)).toThrow(ImportError);
    expect(() => parseJurisdictionCsv(csv)).toThrow(/line 3, code/);
  });

  it('refuses a child whose parent is neither in the file nor in the tree', async () => {
    await expect(importJurisdictions(ds, [{ code: '349901000000', name: '孤儿县', level: 'COUNTY' as never, parentCode: '349900000000' }])).rejects.toThrow(/parent 349900000000/);
    const rows = await ds.query(`SELECT 1 FROM jurisdiction WHERE code = '349901000000'`);
    expect(rows).toEqual([]);
  });
});
