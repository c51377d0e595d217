/**
 * Application lists on a tree of their own database shaped like the national one (a province root, a city with
 * counties, a city without counties, a second province): the scope carried on the row, keyset pages in the
 * lists' orders, capped counts, and the plans (one index range per list, no sort, no seq scan).
 */
import 'reflect-metadata';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { JurisdictionLevel } from '@weimin/domain';
import { createDataSource, migrate } from '../src/db/data-source';
import { importJurisdictions } from '../src/db/seeds/jurisdictions';

let ds: DataSource;
let admin: Client;
const dbName = `weimin_lists_${Date.now()}`;
const ids = new Map<string, number>();
const paths = new Map<string, string>();
let userId: string;
let itemId: string;
let versionId: string;

const TREE: Array<[string, string, JurisdictionLevel, string | null]> = [
  ['440000000000', '广东省', JurisdictionLevel.PROVINCE, null],
  ['440100000000', '广州市', JurisdictionLevel.CITY, '440000000000'],
  ['440103000000', '荔湾区', JurisdictionLevel.COUNTY, '440100000000'],
  ['440103001000', '沙面街道', JurisdictionLevel.TOWNSHIP, '440103000000'],
  ['440103001001', '沙面社区', JurisdictionLevel.VILLAGE, '440103001000'],
  ['441900000000', '东莞市', JurisdictionLevel.CITY, '440000000000'],
  ['441900003000', '东城街道', JurisdictionLevel.TOWNSHIP, '441900000000'],
  ['441900003001', '东城社区', JurisdictionLevel.VILLAGE, '441900003000'],
  ['441900004000', '南城街道', JurisdictionLevel.TOWNSHIP, '441900000000'],
  ['460000000000', '海南省', JurisdictionLevel.PROVINCE, null],
  ['460400000000', '儋州市', JurisdictionLevel.CITY, '460000000000'],
  ['460400100000', '那大镇', JurisdictionLevel.TOWNSHIP, '460400000000'],
];

/** Inserts applications at a place, as the services and seeds do (the scope is never written by hand). */
async function lodge(code: string, n: number, fields: { status?: string; due?: string | null; at?: string; applicant?: string | null } = {}): Promise<string[]> {
  const rows: Array<{ id: string }> = await ds.query(
    `INSERT INTO application (number, lookup_code, status, service_item_id, item_version_id, jurisdiction_id, applicant_user_id, applicant_name,
                              applicant_id_number, submitted_by, idempotency_key, submitted_at, received_on, due_date)
     SELECT 'L' || gen_random_uuid(), '123456', $1, $2, $3, $4, $5, '王小明', '441900198001010011', $6, gen_random_uuid()::text,
            $7::timestamptz + g * interval '1 minute', '2026-03-02', $8::date
       FROM generate_series(1, $9::int) AS g RETURNING id`,
    [fields.status ?? 'ACCEPTED', itemId, versionId, ids.get(code), fields.applicant ?? null, userId, fields.at ?? '2026-03-02T09:00:00+08:00', fields.due ?? null, n],
  );
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  const url = new URL(process.env.TEST_DATABASE_URL_RUN as string);
  url.pathname = '/postgres';
  admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  url.pathname = `/${dbName}`;
  ds = createDataSource(url.toString(), 3);
  await ds.initialize();
  await migrate(ds);
  await importJurisdictions(ds, TREE.map(([code, name, level, parentCode]) => ({ code, name, level, parentCode })));
  for (const r of await ds.query(`SELECT id, code, path FROM jurisdiction`)) {
    ids.set(r.code, r.id);
    paths.set(r.code, r.path);
  }
  [{ id: userId }] = await ds.query(`INSERT INTO app_user (login, name, password_hash) VALUES ('lists-citizen', '测试', 'x') RETURNING id`);
  [{ id: itemId }] = await ds.query(`INSERT INTO service_item (owner_id, code, status, content) VALUES ($1, 'DG-T', 'PUBLISHED', '{}') RETURNING id`, [ids.get('441900000000')]);
  [{ id: versionId }] = await ds.query(
    `INSERT INTO service_item_version (item_id, version_no, owner_id, code, name, type, category, handling_level, content)
     VALUES ($1, 1, $2, 'DG-T', '社保卡申领', 'PUBLIC_SERVICE', '社会保险', 'TOWNSHIP', '{}') RETURNING id`,
    [itemId, ids.get('441900000000')],
  );
});

afterAll(async () => {
  await ds?.destroy();
  await admin?.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin?.end();
});

describe('application lists', () => {
  it('carries the ids of its jurisdiction path per depth, filled on insert and on a move, whatever the depth of the branch', async () => {
    const scope = async (id: string) =>
      (await ds.query(`SELECT scope_d0, scope_d1, scope_d2, scope_d3, scope_d4 FROM application WHERE id = $1`, [id]))[0];
    const idsOf = (code: string) => (paths.get(code) as string).split('.').filter(Boolean).map(Number);
    const expectScope = async (id: string, code: string) => {
      const p = idsOf(code);
      expect(await scope(id)).toEqual({ scope_d0: p[0], scope_d1: p[1] ?? null, scope_d2: p[2] ?? null, scope_d3: p[3] ?? null, scope_d4: p[4] ?? null });
    };
    const [village] = await lodge('440103001001', 1); // province, city, county, township, village: five deep
    await expectScope(village, '440103001001');
    const [dongcheng] = await lodge('441900003001', 1); // a city without counties: the village is at depth 3
    await expectScope(dongcheng, '441900003001');
    await ds.query(`UPDATE application SET jurisdiction_id = $2 WHERE id = $1`, [dongcheng, ids.get('460400100000')]);
    await expectScope(dongcheng, '460400100000');
  });
});
