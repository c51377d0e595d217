/**
 * A synthetic national division file shaped like the official one (31 provinces as roots, 342 cities, 2,850
 * counties, ~38,600 townships, villages to make `total` nodes), with the three cities without counties holding
 * their townships directly (东莞 441900000000, 中山 442000000000, 儋州 460400000000). Deterministic: the same
 * `total` always gives the same file. Names are invented from a pool of characters; about one county in eight
 * has a 城关镇, so a search for 城关 finds a few hundred nodes as it does on the real tree.
 */
import * as fs from 'node:fs';
import { once } from 'node:events';

export const NATIONAL_NODES = 665_240;

const PROVINCES: Array<[string, string]> = [
  ['11', '北京市'], ['12', '天津市'], ['13', '河北省'], ['14', '山西省'], ['15', '内蒙古自治区'], ['21', '辽宁省'],
  ['22', '吉林省'], ['23', '黑龙江省'], ['31', '上海市'], ['32', '江苏省'], ['33', '浙江省'], ['34', '安徽省'],
  ['35', '福建省'], ['36', '江西省'], ['37', '山东省'], ['41', '河南省'], ['42', '湖北省'], ['43', '湖南省'],
  ['44', '广东省'], ['45', '广西壮族自治区'], ['46', '海南省'], ['50', '重庆市'], ['51', '四川省'], ['52', '贵州省'],
  ['53', '云南省'], ['54', '西藏自治区'], ['61', '陕西省'], ['62', '甘肃省'], ['63', '青海省'], ['64', '宁夏回族自治区'],
  ['65', '新疆维吾尔自治区'],
];
/** Cities without counties: [code, name, townships]. */
export const CITIES_WITHOUT_COUNTIES: Array<[string, string, number]> = [
  ['441900000000', '东莞市', 33],
  ['442000000000', '中山市', 24],
  ['460400000000', '儋州市', 20],
];
const CITIES = 342;
const COUNTIES = 2_850;
const TOWNSHIPS = 38_600;

const POOL = '安平和兴宁康乐永新丰泰福华东西南北中长青白金山河湖江海林石桥沟岭田家庄坪塘湾溪源阳明德胜利光正义红星团结前进';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` parts of `total` that differ by at most one. */
function spread(total: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
}

/** Writes the file; returns the number of nodes written (always `total`). */
export async function writeNationalTree(file: string, total = NATIONAL_NODES): Promise<number> {
  const rand = rng(20261201);
  const name = (suffix: string) => POOL[Math.floor(rand() * POOL.length)] + POOL[Math.floor(rand() * POOL.length)] + suffix;
  const out = fs.createWriteStream(file);
  let written = 0;
  let buffer = 'code,name,level,parent_code\n';
  const row = async (code: string, n: string, level: string, parent: string) => {
    buffer += `${code},${n},${level},${parent}\n`;
    written++;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  };

  const specialTownships = CITIES_WITHOUT_COUNTIES.reduce((s, c) => s + c[2], 0);
  const villagesTotal = total - PROVINCES.length - CITIES - COUNTIES - TOWNSHIPS - specialTownships;
  const citiesPer = spread(CITIES - CITIES_WITHOUT_COUNTIES.length, PROVINCES.length);
  const countiesPer = spread(COUNTIES, CITIES - CITIES_WITHOUT_COUNTIES.length);
  const townshipsPer = spread(TOWNSHIPS, COUNTIES);
  const villagesPer = spread(villagesTotal, TOWNSHIPS + specialTownships);
  let county = 0;
  let township = 0;

  const townshipWithVillages = async (code: string, n: string, parent: string) => {
    await row(code, n, 'TOWNSHIP', parent);
    const villages = villagesPer[township++];
    for (let v = 1; v <= villages; v++) {
      await row(`${code.slice(0, 9)}${String(v).padStart(3, '0')}`, v === 1 && n === '城关镇' ? '城关社区' : name(rand() < 0.2 ? '社区' : '村'), 'VILLAGE', code);
    }
  };

  let city = 0;
  for (let p = 0; p < PROVINCES.length; p++) {
    const [pc, pn] = PROVINCES[p];
    const province = `${pc}0000000000`;
    await row(province, pn, 'PROVINCE', '');
    for (let c = 1, number = 0; c <= citiesPer[p]; c++) {
      do number++;
      while (CITIES_WITHOUT_COUNTIES.some(([code]) => code.startsWith(`${pc}${String(number).padStart(2, '0')}`)));
      const cc = `${pc}${String(number).padStart(2, '0')}`;
      await row(`${cc}00000000`, name('市'), 'CITY', province);
      for (let k = 1; k <= countiesPer[city]; k++) {
        const kc = `${cc}${String(k).padStart(2, '0')}`;
        await row(`${kc}000000`, name(k % 4 ? '县' : '区'), 'COUNTY', `${cc}00000000`);
        for (let t = 1; t <= townshipsPer[county]; t++) {
          const tn = t === 1 && county % 8 === 0 ? '城关镇' : name(t % 3 ? '镇' : t % 2 ? '乡' : '街道');
          await townshipWithVillages(`${kc}${String(t).padStart(3, '0')}000`, tn, `${kc}000000`);
        }
        county++;
      }
      city++;
    }
    // a city without counties: its townships directly under the city (county digits 00)
    for (const [code, n, t] of CITIES_WITHOUT_COUNTIES.filter(([code]) => code.startsWith(pc))) {
      await row(code, n, 'CITY', province);
      for (let i = 1; i <= t; i++) await townshipWithVillages(`${code.slice(0, 6)}${String(100 + i)}000`, name(i % 3 ? '镇' : '街道'), code);
    }
  }
  out.write(buffer);
  out.end();
  await once(out, 'finish');
  return written;
}
