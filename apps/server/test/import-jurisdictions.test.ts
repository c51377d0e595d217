/**
 * The jurisdiction importer on a database of its own (the shared test tree stays the Lu'an one): the whole of
 * Anhui, renames of known codes, and a bad file that changes nothing.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { ImportError, importJurisdictionFile, importJurisdictions, parseJurisdictionCsv } from '../src/db/seeds/jurisdictions';
import { treeDatabase, type TreeDatabase } from './support/tree-database';

const DATA = path.resolve(__dirname, '..', 'data');
let ds: DataSource;
let db: TreeDatabase;

beforeAll(async () => {
  db = await treeDatabase('weimin_import', [], 2);
  ds = db.ds;
}, 60_000);

afterAll(async () => {
  await db?.drop();
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
    const err = (() => {
      try {
        parseJurisdictionCsv(csv);
      } catch (e) {
        return e as ImportError;
      }
    })()!;
    expect(err.issues).toEqual([{ key: 'jurisdictionImport.badCode', params: { line: 3, column: 'code', value: '34990100000X' } }]);
    expect(err.text('zh-CN')).toBe('区划文件有 1 个问题：\n第 3 行，code 列：“34990100000X”不是 12 位区划代码');
    expect(err.text('en')).toBe('1 problem(s) in the jurisdiction file:\nline 3, code: "34990100000X" is not a 12-digit division code');
  });

  it('refuses a child whose parent is neither in the file nor in the tree', async () => {
    await expect(importJurisdictions(ds, [{ code: '349901000000', name: '孤儿县', level: 'COUNTY' as never, parentCode: '349900000000' }])).rejects.toThrow(/parent 349900000000/);
    const rows = await ds.query(`SELECT 1 FROM jurisdiction WHERE code = '349901000000'`);
    expect(rows).toEqual([]);
  });

  it('takes the official file as it is: a province as root, a city without counties holding its townships', async () => {
    const file = path.join(os.tmpdir(), `weimin-import-${process.pid}.csv`);
    fs.writeFileSync(
      file,
      '\ufeffcode,name,level,parent_code\n' +
        '440000000000,广东省,PROVINCE,\n' +
        '441900000000,东莞市,CITY,440000000000\n' +
        '441900003000,东城街道,TOWNSHIP,441900000000\n' +
        '441900003001,东城社区,VILLAGE,441900003000\n' +
        '440100000000,广州市,CITY,440000000000\n' +
        '440103000000,荔湾区,COUNTY,440100000000\n' +
        '440103001000,沙面街道,TOWNSHIP,440103000000\n',
    );
    try {
      expect(await importJurisdictionFile(ds, file)).toEqual({ inserted: 7, updated: 0 });
    } finally {
      fs.unlinkSync(file);
    }
    const rows = await ds.query(
      `SELECT j.code, j.level, j.depth, p.code AS parent, j.path = coalesce(p.path, '') || j.id || '.' AS path_ok
         FROM jurisdiction j LEFT JOIN jurisdiction p ON p.id = j.parent_id WHERE j.code LIKE '44%' ORDER BY j.code`,
    );
    expect(rows).toEqual([
      { code: '440000000000', level: 'PROVINCE', depth: 0, parent: null, path_ok: true },
      { code: '440100000000', level: 'CITY', depth: 1, parent: '440000000000', path_ok: true },
      { code: '440103000000', level: 'COUNTY', depth: 2, parent: '440100000000', path_ok: true },
      { code: '440103001000', level: 'TOWNSHIP', depth: 3, parent: '440103000000', path_ok: true },
      { code: '441900000000', level: 'CITY', depth: 1, parent: '440000000000', path_ok: true },
      { code: '441900003000', level: 'TOWNSHIP', depth: 2, parent: '441900000000', path_ok: true },
      { code: '441900003001', level: 'VILLAGE', depth: 3, parent: '441900003000', path_ok: true },
    ]);
  });

  it('refuses a village under a city and a county without a parent, naming the lines, and saves nothing', async () => {
    const bad = [
      { code: '450000000000', name: '广西', level: 'PROVINCE' as never, parentCode: null },
      { code: '450100000000', name: '南宁市', level: 'CITY' as never, parentCode: '450000000000' },
      { code: '450100000001', name: '越级村', level: 'VILLAGE' as never, parentCode: '450100000000' },
      { code: '450200000000', name: '无主县', level: 'COUNTY' as never, parentCode: null },
    ];
    const err = await importJurisdictions(ds, bad).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).problems).toEqual([
      'line 4: 450100000001: a VILLAGE cannot sit under the CITY 450100000000',
      'line 5, parent_code: a COUNTY needs a parent',
    ]);
    // each problem is a key with its values, said in the reader's language
    expect((err as ImportError).issues).toEqual([
      {
        key: 'jurisdictionImport.levelNotAllowed',
        params: { line: 4, code: '450100000001', level: { key: 'jurisdictionImport.level.VILLAGE' }, parentLevel: { key: 'jurisdictionImport.level.CITY' }, parent: '450100000000' },
      },
      { key: 'jurisdictionImport.needsParent', params: { line: 5, column: 'parent_code', level: { key: 'jurisdictionImport.level.COUNTY' } } },
    ]);
    expect((err as ImportError).text('zh-CN').split('\n')).toEqual([
      '区划文件有 2 个问题：',
      '第 4 行：450100000001：村社区（VILLAGE）不能位于市（CITY） 450100000000 之下',
      '第 5 行，parent_code 列：县区（COUNTY）必须有上级',
    ]);
    expect(await ds.query(`SELECT 1 FROM jurisdiction WHERE code LIKE '45%'`)).toEqual([]);
  });

  it('refuses a file with a code twice and a malformed row, naming the lines', async () => {
    const file = path.join(os.tmpdir(), `weimin-import-bad-${process.pid}.csv`);
    fs.writeFileSync(file, 'code,name,level,parent_code\n460000000000,海南省,PROVINCE,\n460000000000,海南省,PROVINCE,\n');
    try {
      await expect(importJurisdictionFile(ds, file)).rejects.toThrow(/line 3, code: 460000000000 appears twice \(first on line 2\)/);
      fs.writeFileSync(file, 'code,name,level,parent_code\n460000000000,海南省,STATE,\n');
      const bad = await importJurisdictionFile(ds, file).then(() => null, (e: ImportError) => e);
      expect(bad?.message).toMatch(/line 2, level: "STATE" is not PROVINCE, CITY, COUNTY, TOWNSHIP, VILLAGE/);
      expect(bad?.issues.map((i) => [i.key, i.params.line, i.params.column, i.params.value])).toEqual([['jurisdictionImport.badLevel', 2, 'level', 'STATE']]);
      expect(bad?.text('zh-CN')).toMatch(/第 2 行，level 列：“STATE”不是以下层级之一：省（PROVINCE）、市（CITY）、县区（COUNTY）、乡镇街道（TOWNSHIP）、村社区（VILLAGE）/);
      fs.writeFileSync(file, 'code,name,level\n460000000000,海南省,PROVINCE,extra\n');
      const unreadable = await importJurisdictionFile(ds, file).then(() => null, (e: ImportError) => e);
      expect(unreadable?.message).toMatch(/line 2: extra data/);
      expect(unreadable?.issues[0]).toMatchObject({ key: 'jurisdictionImport.unreadable', params: { line: 2 } });
    } finally {
      fs.unlinkSync(file);
    }
    expect(await ds.query(`SELECT 1 FROM jurisdiction WHERE code LIKE '46%'`)).toEqual([]);
  });

  it('the command says a refused file in the language of LANG / LC_ALL (zh… Chinese, else English)', async () => {
    const file = path.join(os.tmpdir(), `weimin-import-cli-${process.pid}.csv`);
    fs.writeFileSync(file, 'code,name,level,parent_code\n470000000000,,PROVINCE,\n');
    const script = path.resolve(__dirname, '..', 'dist', 'scripts', 'import-jurisdictions.js');
    const run = (env: Record<string, string>) =>
      promisify(execFile)(process.execPath, [script, file], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, ...env } }).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
    try {
      const zh = await run({ LANG: 'zh_CN.UTF-8' });
      expect(zh?.code).toBe(1);
      expect(zh?.stderr).toContain('区划文件有 1 个问题：\n第 2 行，name 列：名称为空');
      const en = await run({ LANG: 'zh_CN.UTF-8', LC_ALL: 'C.UTF-8' });
      expect(en?.code).toBe(1);
      expect(en?.stderr).toContain('1 problem(s) in the jurisdiction file:\nline 2, name: is empty');
      expect(en?.stderr).not.toMatch(/[\u4e00-\u9fff]/);
    } finally {
      fs.unlinkSync(file);
    }
    expect(await ds.query(`SELECT 1 FROM jurisdiction WHERE code LIKE '47%'`)).toEqual([]);
  }, 60_000);
});
