/**
 * The people of the generated data (seed:large and the demo history): names and resident ID numbers drawn in SQL
 * from a row's own random columns, so that a seed gives the same people on every machine.
 */

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
export const GIVEN = '秀英华明国建军平玉兰芳红德文志强伟丽敏静海金林春荣桂霞燕勇杰涛磊洪宝福生凤云梅琴珍宇浩娟婷欣晨阳子涵梓萱俊辉'.split('');
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** `Σ digit·weight mod 11` → check character of a resident ID number, as an SQL expression over `x` (17 digits). */
function idCheckSql(x: string): string {
  const sum = ID_WEIGHTS.map((w, i) => `substr(${x}, ${i + 1}, 1)::int * ${w}`).join(' + ');
  return `substr('10X98765432', ((${sum}) % 11) + 1, 1)`;
}

/**
 * A name as SQL over the row `t` (its r_name, r_id, r_phone and r_time): a surname and one or, for six in ten, two
 * given characters. `surnames` and `given` are the query's parameters holding SURNAMES and GIVEN (e.g. `$3`).
 */
export function personNameSql(t: string, surnames: string, given: string): string {
  const surname = `(${surnames}::text[])[1 + floor(${t}.r_name * ${SURNAMES.length})::int]`;
  const given1 = `(${given}::text[])[1 + floor(${t}.r_id * ${GIVEN.length})::int]`;
  const given2 = `CASE WHEN ${t}.r_phone < 0.6 THEN (${given}::text[])[1 + floor(${t}.r_time * ${GIVEN.length})::int] ELSE '' END`;
  return `${surname} || ${given1} || ${given2}`;
}

/**
 * A valid resident ID number as SQL over the row `t`: its place's first six code digits (code6), a birthday from
 * 1940 on (r_id), a sequence from n, and the check character.
 */
export function idNumberSql(t: string): string {
  const id17 = `(${t}.code6 || to_char(date '1940-01-01' + floor(${t}.r_id * 23000)::int, 'YYYYMMDD') || lpad((${t}.n % 1000)::text, 3, '0'))`;
  return `${id17} || ${idCheckSql(id17)}`;
}
