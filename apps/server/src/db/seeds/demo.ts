/**
 * Demo data of 六安市: the real tree, centres with facilities, demo accounts and a published demo catalogue in
 * every county directory. Loaded once, only in demo mode; every demo item is labelled as demo data.
 */
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ALL_FACILITIES, CenterStatus, JurisdictionLevel, officialCenterName } from '@weimin/domain';
import { REPO_ROOT } from '../../config';
import { hashPassword } from '../../modules/account/account.service';
import { DEMO_ITEMS } from './demo-catalogue';
import { importJurisdictionFile } from './jurisdictions';

export const DEMO_PASSWORD = 'weimin-demo';
export const LUAN_CSV = path.join(REPO_ROOT, 'apps', 'server', 'data', 'luan-jurisdictions.csv');
export const LUAN_CODE = '341500000000';
export const JINAN_CODE = '341502000000';
export const YUAN_CODE = '341503000000';

/** A stable pseudo-random number in [0, 1) from a code, so the demo tree looks the same on every machine. */
function chance(code: string, salt: string): number {
  return createHash('sha256').update(salt + code).digest().readUInt32BE(0) / 2 ** 32;
}

export async function seedDemo(ds: DataSource, log: (msg: string) => void = () => undefined): Promise<boolean> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(7411002)`);
    const done = await runner.query(`SELECT 1 FROM app_user WHERE login = 'admin'`);
    if (done.length) return false;
    const t0 = Date.now();
    const have = await runner.query(`SELECT 1 FROM jurisdiction WHERE code = $1`, [LUAN_CODE]);
    if (!have.length) await importJurisdictionFile(ds, LUAN_CSV);
    await ds.transaction(async (m) => {
      await seedCenters(m);
      await seedAppealBodies(m);
      await seedUsers(m);
      await seedCatalogue(m);
    });
    // Fresh statistics, so the first queries get good plans even where autovacuum is off.
    await runner.query('ANALYZE');
    log(`demo data loaded in ${Date.now() - t0} ms`);
    return true;
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(7411002)`).catch(() => undefined);
    await runner.release();
  }
}

async function seedCenters(m: EntityManager): Promise<void> {
  const nodes: Array<{ id: number; code: string; name: string; level: JurisdictionLevel }> = await m.query(
    `SELECT j.id, j.code, j.name, j.level FROM jurisdiction j JOIN jurisdiction root ON j.path LIKE root.path || '%' WHERE root.code = $1 ORDER BY j.code`,
    [LUAN_CODE],
  );
  const cityName = nodes.find((n) => n.level === JurisdictionLevel.CITY)?.name ?? '';
  const rows: unknown[][] = [];
  for (const n of nodes) {
    const r = chance(n.code, 'center');
    let status = CenterStatus.BUILT;
    let facilities: string[] = [...ALL_FACILITIES];
    let hall: number;
    let windows: number;
    switch (n.level) {
      case JurisdictionLevel.CITY:
        hall = 12000;
        windows = 180;
        break;
      case JurisdictionLevel.COUNTY:
        hall = 3000 + Math.round(r * 4000);
        windows = 60 + Math.round(r * 60);
        break;
      case JurisdictionLevel.TOWNSHIP:
        hall = 120 + Math.round(r * 400);
        windows = 4 + Math.round(r * 8);
        // about one township in ten still lacks a facility or two
        if (r < 0.1) facilities = facilities.filter((_, i) => i !== Math.floor(r * 100) % 10);
        break;
      default: {
        // about 15% of villages have no station yet; some that do are small or missing facilities
        if (r < 0.15) continue;
        if (r < 0.22) status = CenterStatus.PLANNED;
        hall = 30 + Math.round(chance(n.code, 'hall') * 90);
        windows = 1 + Math.round(r * 2);
        if (chance(n.code, 'fac') < 0.25) facilities = facilities.slice(0, 6 + Math.floor(chance(n.code, 'n') * 4));
      }
    }
    const phone = `0564-${String(3300000 + Math.floor(r * 600000)).padStart(7, '0')}`;
    const hours = n.level === JurisdictionLevel.VILLAGE ? '工作日 8:30-11:30, 14:30-17:00' : '工作日 8:30-12:00, 14:30-17:30; 周六上午 延时服务';
    rows.push([n.id, officialCenterName(n.name, n.level, cityName), status, hall!, facilities, windows!, `${n.name}人民路${1 + Math.floor(r * 200)}号`, phone, hours]);
  }
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const cols = (k: number) => chunk.map((r) => r[k]);
    await m.query(
      `INSERT INTO service_center (jurisdiction_id, name, status, hall_area, facilities, windows, address, phone, opening_hours)
       SELECT x.jid, x.name, x.status, x.hall, string_to_array(x.fac, ','), x.win, x.addr, x.phone, x.hours
         FROM unnest($1::int[], $2::text[], $3::text[], $4::numeric[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[])
              AS x(jid, name, status, hall, fac, win, addr, phone, hours)`,
      [cols(0), cols(1), cols(2), cols(3), chunk.map((r) => (r[4] as string[]).join(',')), cols(5), cols(6), cols(7), cols(8)],
    );
  }
}

/**
 * Where appeals go (demo values after the 2023 行政复议法: the county government is the review body for its own
 * departments and the townships, with the court of the district or county for 行政诉讼), set on the county
 * centres and inherited by their townships and villages; the city's for the city centre.
 */
const APPEAL_BODIES: Array<[code: string, reviewBody: string, court: string]> = [
  ['341500000000', '六安市人民政府', '六安市金安区人民法院'],
  ['341502000000', '六安市金安区人民政府', '六安市金安区人民法院'],
  ['341503000000', '六安市裕安区人民政府', '六安市裕安区人民法院'],
  ['341504000000', '六安市叶集区人民政府', '六安市叶集区人民法院'],
  ['341522000000', '霍邱县人民政府', '霍邱县人民法院'],
  ['341523000000', '舒城县人民政府', '舒城县人民法院'],
  ['341524000000', '金寨县人民政府', '金寨县人民法院'],
  ['341525000000', '霍山县人民政府', '霍山县人民法院'],
];

async function seedAppealBodies(m: EntityManager): Promise<void> {
  await m.query(
    `UPDATE service_center c SET review_body = x.review_body, court = x.court
       FROM unnest($1::text[], $2::text[], $3::text[]) AS x(code, review_body, court), jurisdiction j
      WHERE j.code = x.code AND c.jurisdiction_id = j.id`,
    [APPEAL_BODIES.map((a) => a[0]), APPEAL_BODIES.map((a) => a[1]), APPEAL_BODIES.map((a) => a[2])],
  );
}

export interface DemoAccount {
  login: string;
  name: string;
  role: string;
  at: string | null;
}

async function seedUsers(m: EntityManager): Promise<void> {
  const [firstTownship] = await m.query(`SELECT code FROM jurisdiction WHERE parent_id = (SELECT id FROM jurisdiction WHERE code = $1) ORDER BY code LIMIT 1`, [JINAN_CODE]);
  const [firstVillage] = await m.query(`SELECT code FROM jurisdiction WHERE parent_id = (SELECT id FROM jurisdiction WHERE code = $1) ORDER BY code LIMIT 1`, [firstTownship.code]);
  const accounts: Array<DemoAccount & { phone?: string; idNumber?: string }> = [
    { login: 'admin', name: '系统管理员', role: 'SYSTEM_ADMIN', at: LUAN_CODE },
    { login: 'supervisor', name: '市督查员', role: 'SUPERVISOR', at: LUAN_CODE },
    { login: 'jinan.admin', name: '金安区事项管理员', role: 'DIRECTORY_ADMIN', at: JINAN_CODE },
    { login: 'yuan.admin', name: '裕安区事项管理员', role: 'DIRECTORY_ADMIN', at: YUAN_CODE },
    { login: 'jinan.clerk', name: '金安区窗口人员', role: 'CLERK', at: JINAN_CODE },
    { login: 'yuan.clerk', name: '裕安区窗口人员', role: 'CLERK', at: YUAN_CODE },
    { login: 'town.clerk', name: '乡镇窗口人员', role: 'CLERK', at: firstTownship.code },
    { login: 'village.agent', name: '村代办员', role: 'AGENT', at: firstVillage.code },
    { login: 'citizen', name: '张秀英', role: 'CITIZEN', at: null, phone: '13905640001', idNumber: '341502195803120025' },
    { login: 'citizen2', name: '李建国', role: 'CITIZEN', at: null, phone: '13905640002', idNumber: '341503196207150034' },
  ];
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const a of accounts) {
    const [{ id }] = await m.query(
      `INSERT INTO app_user (login, name, phone, id_number, password_hash, home_jurisdiction_id)
       VALUES ($1, $2, $3, $4, $5, (SELECT id FROM jurisdiction WHERE code = $6)) RETURNING id`,
      [a.login, a.name, a.phone ?? null, a.idNumber ?? null, hash, a.at],
    );
    await m.query(
      `INSERT INTO role_assignment (user_id, role, jurisdiction_id) VALUES ($1, $2, (SELECT id FROM jurisdiction WHERE code = $3))`,
      [id, a.role, a.at],
    );
  }
}

async function seedCatalogue(m: EntityManager): Promise<void> {
  const counties: Array<{ id: number }> = await m.query(
    `SELECT id FROM jurisdiction WHERE parent_id = (SELECT id FROM jurisdiction WHERE code = $1) ORDER BY code`,
    [LUAN_CODE],
  );
  for (const county of counties) {
    for (const item of DEMO_ITEMS) {
      const content = JSON.stringify({ ...item.content, demo: true });
      const [{ id }] = await m.query(
        `INSERT INTO service_item (owner_id, code, content, status, has_unpublished_changes) VALUES ($1, $2, $3, 'PUBLISHED', false) RETURNING id`,
        [county.id, item.code, content],
      );
      const [{ id: versionId }] = await m.query(
        `INSERT INTO service_item_version (item_id, version_no, owner_id, code, name, type, category, handling_level, content)
         VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [id, county.id, item.code, item.content.name, item.content.type, item.content.category, item.content.handlingLevel, content],
      );
      await m.query(`UPDATE service_item SET published_version_id = $2 WHERE id = $1`, [id, versionId]);
    }
  }
}
