/**
 * What keeps the write path short: statements composed into one (data-modifying CTEs that write the application,
 * its event, stage rows, outbox and audit entry together), the immutable item versions cached per process, the row
 * a mutation wrote handed to the mutation's answer (no second read), and the centre of a stage picked from the
 * jurisdictions read with the row.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { LEVEL_ORDER, type ItemContent, type JurisdictionLevel } from '@weimin/domain';

/**
 * One statement out of several: `WITH p1 AS (…), p2 AS (…) SELECT …`. Each part is written with its own `$1…$n`;
 * they are renumbered here. Parts that must not run when the first part wrote nothing say so themselves
 * (`… FROM upd`, `WHERE EXISTS (SELECT 1 FROM upd)`).
 */
export class CombinedStatement {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(name: string, sql: string, params: unknown[]): this {
    const offset = this.params.length;
    this.parts.push(`${name} AS (${renumber(sql, offset)})`);
    this.params.push(...params);
    return this;
  }

  /** The final SELECT (its own `$n` are renumbered too). */
  sql(select: string, params: unknown[] = []): string {
    const offset = this.params.length;
    this.params.push(...params);
    return `WITH ${this.parts.join(',\n')}\n${renumber(select, offset)}`;
  }
}

function renumber(sql: string, offset: number): string {
  return offset ? sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`) : sql;
}

/**
 * Item versions never change once written (an edit makes a new version), so their content is cached by version id
 * for the life of the process; nothing has to be invalidated. Bounded, oldest out first.
 */
export class ItemContentCache {
  private readonly byVersion = new Map<string, ItemContent>();

  constructor(private readonly max = 5000) {}

  peek(versionId: string): ItemContent | undefined {
    return this.byVersion.get(versionId);
  }

  put(versionId: string, content: ItemContent): ItemContent {
    if (this.byVersion.size >= this.max) this.byVersion.delete(this.byVersion.keys().next().value as string);
    this.byVersion.set(versionId, content);
    return content;
  }

  async get(m: EntityManager | DataSource, versionId: string): Promise<ItemContent> {
    const hit = this.byVersion.get(versionId);
    if (hit) return hit;
    const [row] = await m.query(`SELECT content FROM service_item_version WHERE id = $1`, [versionId]);
    if (!row) throw new Error(`service item version ${versionId} does not exist`);
    return this.put(versionId, row.content as ItemContent);
  }
}

/** A jurisdiction on the line of an application (read with the row), with the name of its centre. */
export interface LineNode {
  id: number;
  level: JurisdictionLevel;
  path: string;
  depth: number;
  centre: string;
}

/** The SQL of the line above a path (and above a second one, the referred centre's), as JSON. */
export const lineOf = (pathSql: string, secondPathSql = 'NULL::text') => `
  (SELECT json_agg(json_build_object('id', x.id, 'level', x.level, 'path', x.path, 'depth', x.depth,
                                     'centre', coalesce((SELECT c.name FROM service_center c WHERE c.jurisdiction_id = x.id ORDER BY c.id LIMIT 1), x.name))
                   ORDER BY x.depth)
     FROM jurisdiction x
    WHERE x.id = ANY(string_to_array(trim(both '.' from ${pathSql}), '.')::int[]
                     || coalesce(string_to_array(trim(both '.' from ${secondPathSql}), '.')::int[], '{}'::int[])))`;

/**
 * The centre of a stage at `level` (as centreFor in application.stages.ts, from rows already read): above the
 * lodging place, or above the referred centre at its level and above. Null when the line holds no such level.
 */
export function pickCentre(line: LineNode[], path: string, referred: { level: JurisdictionLevel; path: string } | null, level: JurisdictionLevel): LineNode | null {
  const ids = new Set(path.split('.').filter(Boolean).map(Number));
  const viaReferred = referred && LEVEL_ORDER.indexOf(level) <= LEVEL_ORDER.indexOf(referred.level);
  if (viaReferred) for (const id of referred.path.split('.').filter(Boolean)) ids.add(Number(id));
  const rows = line.filter((r) => ids.has(r.id) && r.level === level).sort((a, b) => a.depth - b.depth);
  const pick = viaReferred ? rows.find((r) => referred.path.startsWith(r.path)) : rows.find((r) => path.startsWith(r.path));
  return pick ?? rows[0] ?? null;
}

/**
 * The row a mutation just wrote, for its own answer: the resolver's read of the application takes it instead of
 * reading it again. Per request, taken once.
 */
const written = new WeakMap<object, Map<string, unknown>>();

export function rememberWritten(ctx: object, id: string, row: unknown): void {
  let m = written.get(ctx);
  if (!m) written.set(ctx, (m = new Map()));
  m.set(id, row);
}

export function takeWritten<T>(ctx: object, id: string): T | undefined {
  const m = written.get(ctx);
  const row = m?.get(id) as T | undefined;
  m?.delete(id);
  return row;
}
