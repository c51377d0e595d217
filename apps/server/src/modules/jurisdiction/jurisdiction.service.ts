/** The jurisdiction tree: lookups, children, ancestors and search, each in one SQL statement. */
import type { DataSource } from 'typeorm';
import { JurisdictionLevel } from '@weimin/domain';
import { Jurisdiction, ancestorIds } from './jurisdiction.entity';
import { InputError, NotFoundError } from '../../common/errors';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../common/pagination';

const COLUMNS = `id, code, name, level, parent_id AS "parentId", path, depth`;

export const MAX_SEARCH = 50;
/** totalCount of a jurisdiction list stops at COUNT_CAP + 1 (shown as "10,000+"). */
export const COUNT_CAP = 10_000;

/** What the name index must hold for a name to contain `s`: its pairs of characters (or the character alone). */
export function nameGrams(s: string): string[] {
  const chars = [...s];
  if (chars.length === 1) return chars;
  return [...new Set(chars.slice(1).map((c, i) => chars[i] + c))];
}

export interface JurisdictionFilter {
  parentId?: number | null;
  level?: JurisdictionLevel | null;
  search?: string | null;
  first?: number | null;
  after?: string | null;
}

export class JurisdictionService {
  constructor(private readonly ds: DataSource) {}

  async byIds(ids: readonly number[]): Promise<Map<number, Jurisdiction>> {
    const rows: Jurisdiction[] = await this.ds.query(`SELECT ${COLUMNS} FROM jurisdiction WHERE id = ANY($1)`, [ids]);
    return new Map(rows.map((r) => [r.id, r]));
  }

  async get(id: number): Promise<Jurisdiction> {
    const found = (await this.byIds([id])).get(id);
    if (!found) throw new NotFoundError('Jurisdiction', id);
    return found;
  }

  async find(args: { id?: number | null; code?: string | null }): Promise<Jurisdiction | null> {
    if (args.id != null) return (await this.byIds([args.id])).get(args.id) ?? null;
    if (args.code != null) {
      const rows: Jurisdiction[] = await this.ds.query(`SELECT ${COLUMNS} FROM jurisdiction WHERE code = $1`, [args.code]);
      return rows[0] ?? null;
    }
    throw new InputError('id', 'give either id or code', {}, 'jurisdiction.idOrCode');
  }

  /** The roots of the tree (a single city, or several cities, or provinces above their cities). */
  async roots(): Promise<Jurisdiction[]> {
    return this.ds.query(`SELECT ${COLUMNS} FROM jurisdiction WHERE parent_id IS NULL ORDER BY code LIMIT 1000`);
  }

  /**
   * The city a node belongs to (itself if it is one), whatever the depth: the county level may be missing (东莞) and
   * a province may stand above. Null for a province, which belongs to no city.
   */
  async cityAbove(node: Pick<Jurisdiction, 'path'>): Promise<Jurisdiction | null> {
    const ids = node.path.split('.').filter(Boolean).map(Number);
    const [city]: Jurisdiction[] = await this.ds.query(`SELECT ${COLUMNS} FROM jurisdiction WHERE id = ANY($1) AND level = 'CITY' LIMIT 1`, [ids]);
    return city ?? null;
  }

  /** Children of many parents at once (for the DataLoader): one statement whatever the depth of the query. */
  async childrenOf(parentIds: readonly number[]): Promise<Map<number, Jurisdiction[]>> {
    const rows: Jurisdiction[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM jurisdiction WHERE parent_id = ANY($1) ORDER BY code`,
      [parentIds],
    );
    const out = new Map<number, Jurisdiction[]>(parentIds.map((id) => [id, []]));
    for (const r of rows) out.get(r.parentId as number)?.push(r);
    return out;
  }

  /** Ancestors root first, read from the materialised path in one statement. */
  async ancestorsOf(nodes: readonly Jurisdiction[]): Promise<Jurisdiction[][]> {
    const all = [...new Set(nodes.flatMap((n) => ancestorIds(n.path)))];
    const byId = all.length ? await this.byIds(all) : new Map<number, Jurisdiction>();
    return nodes.map((n) => ancestorIds(n.path).map((id) => byId.get(id) as Jurisdiction));
  }

  async list(filter: JurisdictionFilter): Promise<Connection<Jurisdiction>> {
    const take = pageSize(filter.first);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.parentId != null) add('parent_id = ?', filter.parentId);
    if (filter.level != null) add('level = ?', filter.level);
    if (filter.search != null && filter.search.trim() !== '') {
      const s = filter.search.trim();
      if (s.length > MAX_SEARCH) throw new InputError('search', `must be at most ${MAX_SEARCH} characters`, { max: MAX_SEARCH }, 'input.tooLong');
      if (/[\u0000-\u001f\u007f]/.test(s)) throw new InputError('search', 'must not contain control characters', {}, 'input.controlCharacter');
      if (/^\d{1,12}$/.test(s)) {
        // A code prefix is a range of 12-digit codes: served by the unique index on code under any collation.
        add('code >= ?', s.padEnd(12, '0'));
        add('code <= ?', s.padEnd(12, '9'));
      } else {
        // The name index holds every character and pair of characters; LIKE then checks the order.
        add('jurisdiction_name_grams(name) @> ?::text[]', nameGrams(s));
        add(`name LIKE ?`, `%${s.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
      }
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const after = decodeCursor(filter.after);
    const pageParams = [...params];
    let pageWhere = whereSql;
    if (after != null) {
      pageParams.push(after);
      pageWhere = `${whereSql ? whereSql + ' AND' : 'WHERE'} code > $${pageParams.length}`;
    }
    pageParams.push(take + 1);
    const [rows, count] = await Promise.all([
      this.ds.query(`SELECT ${COLUMNS} FROM jurisdiction ${pageWhere} ORDER BY code LIMIT $${pageParams.length}`, pageParams) as Promise<Jurisdiction[]>,
      // Counted up to one past the cap: a search for 村 on the national tree matches half a million nodes.
      this.ds.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM jurisdiction ${whereSql} LIMIT ${COUNT_CAP + 1}) x`, params) as Promise<Array<{ n: number }>>,
    ]);
    const nodes = rows.slice(0, take);
    return {
      nodes,
      totalCount: count[0].n,
      pageInfo: { hasNextPage: rows.length > take, endCursor: nodes.length ? encodeCursor(nodes[nodes.length - 1].code) : null },
    };
  }
}
