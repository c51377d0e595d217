/**
 * Imports a jurisdiction tree from CSV (`code,name,level,parent_code`), the official division file as it is: the
 * depth varies per branch (a city without counties such as 东莞 holds its townships directly) and a PROVINCE may
 * be a root above its cities. The file streams into a staging table by COPY; the checks, the ids and the
 * materialised paths are set-based SQL over that table, and the nodes are written once. One transaction: a bad
 * file saves nothing and the error names the line. Existing codes are renamed in place.
 */
import * as fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse as parseSync } from 'csv-parse/sync';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import type { PoolClient } from 'pg';
import { JurisdictionLevel, allowedParentLevels, isDivisionCode, jurisdictionImportText, type TextParams } from '@weimin/domain';

export interface JurisdictionRow {
  code: string;
  name: string;
  level: JurisdictionLevel;
  parentCode: string | null;
}

const LEVELS = Object.values(JurisdictionLevel) as string[];
const MAX_PROBLEMS = 20;
/** Above this many new nodes the parent key is checked once for the whole table instead of row by row. */
const BULK_ROWS = 20_000;

/** One problem of a file: a key of the catalogue (texts/jurisdiction-import.ts) with its parameters (`line`, `column`, …). */
export interface ImportProblem {
  key: string;
  params: TextParams;
}

/** A level as a reference to its words. */
const levelRef = (level: string) => ({ key: `jurisdictionImport.level.${level}` });
const LEVEL_REFS = LEVELS.map(levelRef);

function problem(name: string, params: TextParams): ImportProblem {
  return { key: `jurisdictionImport.${name}`, params };
}

export class ImportError extends Error {
  /** The problems in English words (logs, API users); `issues` holds their keys and parameters. */
  readonly problems: string[];
  constructor(readonly issues: ImportProblem[]) {
    super(ImportError.say(issues, 'en'));
    this.problems = issues.map((i) => jurisdictionImportText(i.key, i.params, 'en'));
  }

  /** The problems in a reader's language: a summary line, then one line each (the first MAX_PROBLEMS). */
  static say(issues: ImportProblem[], locale: 'zh-CN' | 'en'): string {
    const lines = issues.slice(0, MAX_PROBLEMS).map((i) => jurisdictionImportText(i.key, i.params, locale));
    if (issues.length > MAX_PROBLEMS) lines.push(jurisdictionImportText('jurisdictionImport.more', {}, locale));
    return [jurisdictionImportText('jurisdictionImport.summary', { count: issues.length }, locale), ...lines].join('\n');
  }

  text(locale: 'zh-CN' | 'en'): string {
    return ImportError.say(this.issues, locale);
  }
}

const KNOWN_COLUMNS = ['code', 'name', 'level', 'parent_code'];

/** Shape checks in SQL over the raw staged rows, each naming the line and column. */
const SHAPE_PROBLEMS = `
  SELECT problem FROM (
    SELECT id + 1 AS line, unnest(ARRAY[
      CASE WHEN coalesce(btrim(code), '') !~ '^[0-9]{12}$'
           THEN jsonb_build_object('key', 'jurisdictionImport.badCode', 'params', jsonb_build_object('line', id + 1, 'column', 'code', 'value', coalesce(btrim(code), ''))) END,
      CASE WHEN coalesce(btrim(name), '') = ''
           THEN jsonb_build_object('key', 'jurisdictionImport.nameEmpty', 'params', jsonb_build_object('line', id + 1, 'column', 'name'))
           WHEN char_length(btrim(name)) > 100
           THEN jsonb_build_object('key', 'jurisdictionImport.nameTooLong', 'params', jsonb_build_object('line', id + 1, 'column', 'name', 'max', 100)) END,
      CASE WHEN coalesce(btrim(level), '') NOT IN (${LEVELS.map((l) => `'${l}'`).join(', ')})
           THEN jsonb_build_object('key', 'jurisdictionImport.badLevel', 'params', jsonb_build_object('line', id + 1, 'column', 'level', 'value', coalesce(btrim(level), ''), 'levels', '${JSON.stringify(LEVEL_REFS)}'::jsonb)) END,
      CASE WHEN coalesce(btrim(parent_code), '') NOT IN ('') AND btrim(parent_code) !~ '^[0-9]{12}$'
           THEN jsonb_build_object('key', 'jurisdictionImport.badParentCode', 'params', jsonb_build_object('line', id + 1, 'column', 'parent_code', 'value', btrim(parent_code))) END
    ]) AS problem
    FROM jurisdiction_import_raw) x
  WHERE problem IS NOT NULL ORDER BY line`;

/** The header of a CSV text (first line), as column names. */
function headerOf(firstLine: string): string[] {
  const [cols] = parseSync(firstLine, { bom: true, trim: true, to_line: 1 }) as string[][];
  return cols ?? [];
}

/** The first line of a file, read without loading the file. */
async function firstLineOf(file: string): Promise<string> {
  const fh = await fs.promises.open(file, 'r');
  try {
    let text = '';
    const buf = Buffer.alloc(4096);
    for (let pos = 0; ; pos += buf.length) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      text += buf.subarray(0, bytesRead).toString('utf8');
      const nl = text.indexOf('\n');
      if (nl >= 0) return text.slice(0, nl);
      if (bytesRead < buf.length || text.length > 65536) return text;
    }
  } finally {
    await fh.close();
  }
}

/** A COPY error of PostgreSQL names the line of the file it failed on. */
function copyProblem(e: unknown): ImportError | null {
  const err = e as { code?: string; where?: string; message?: string };
  if (!err.code || !/^22/.test(err.code)) return null;
  const line = /line (\d+)/.exec(err.where ?? '')?.[1];
  return new ImportError([problem('unreadable', { line: line ? Number(line) : '?', detail: err.message ?? '' })]);
}

/** Allowed (child level, parent level) pairs, from the domain rule. */
function levelPairsSql(): string {
  return LEVELS.flatMap((l) => allowedParentLevels(l as JurisdictionLevel).map((p) => `('${l}','${p}')`)).join(', ');
}

/** Runs a query whose rows are problems (`problem`: a jsonb of key and params). */
async function collect(client: PoolClient, sql: string): Promise<ImportProblem[]> {
  const r = await client.query<{ problem: ImportProblem }>(`${sql} LIMIT ${MAX_PROBLEMS + 1}`);
  return r.rows.map((x) => x.problem);
}

/** SQL of a problem: `key` and params given as pairs of a name and an SQL expression. */
function problemSql(name: string, params: Array<[string, string]>): string {
  return `jsonb_build_object('key', 'jurisdictionImport.${name}', 'params', jsonb_build_object(${params.map(([k, v]) => `'${k}', ${v}`).join(', ')}))`;
}
const levelSql = (expr: string) => `jsonb_build_object('key', 'jurisdictionImport.level.' || ${expr})`;

/** The tree checks over the staged file, each naming the line. */
async function treeProblems(client: PoolClient): Promise<ImportProblem[]> {
  const dup = await collect(
    client,
    `SELECT ${problemSql('duplicate', [['line', '(array_agg(line ORDER BY line))[2]'], ['column', `'code'`], ['value', 'code'], ['first', 'min(line)']])} AS problem
       FROM jurisdiction_import GROUP BY code HAVING count(*) > 1 ORDER BY min(line)`,
  );
  if (dup.length) return dup;
  return collect(
    client,
    `SELECT problem FROM (
       SELECT s.line, CASE
           WHEN k.id IS NOT NULL AND k.parent_code IS DISTINCT FROM s.parent_code AND k.parent_code IS NULL
             THEN ${problemSql('movedFromRoot', [['line', 's.line'], ['code', 's.code']])}
           WHEN k.id IS NOT NULL AND k.parent_code IS DISTINCT FROM s.parent_code
             THEN ${problemSql('moved', [['line', 's.line'], ['code', 's.code'], ['parent', 'k.parent_code']])}
           WHEN k.id IS NOT NULL AND k.level <> s.level
             THEN ${problemSql('levelChanged', [['line', 's.line'], ['code', 's.code'], ['level', levelSql('k.level')]])}
           WHEN s.parent_code IS NULL AND s.level NOT IN ('PROVINCE', 'CITY')
             THEN ${problemSql('needsParent', [['line', 's.line'], ['column', `'parent_code'`], ['level', levelSql('s.level')]])}
           WHEN s.parent_code IS NOT NULL AND coalesce(p.level, jp.level) IS NULL
             THEN ${problemSql('parentUnknown', [['line', 's.line'], ['parent', 's.parent_code']])}
           WHEN s.parent_code IS NOT NULL AND (s.level, coalesce(p.level, jp.level)) NOT IN (${levelPairsSql()})
             THEN ${problemSql('levelNotAllowed', [['line', 's.line'], ['code', 's.code'], ['level', levelSql('s.level')], ['parentLevel', levelSql('coalesce(p.level, jp.level)')], ['parent', 's.parent_code']])}
         END AS problem
         FROM jurisdiction_import s
         LEFT JOIN jurisdiction_import p ON p.code = s.parent_code
         LEFT JOIN jurisdiction jp ON jp.code = s.parent_code
         LEFT JOIN (SELECT j.id, j.code, j.level, jpp.code AS parent_code
                      FROM jurisdiction j LEFT JOIN jurisdiction jpp ON jpp.id = j.parent_id) k ON k.code = s.code
     ) x WHERE problem IS NOT NULL ORDER BY line`,
  );
}

/**
 * Stages the CSV (header first) by COPY, checks shape and tree, then writes new nodes (ids and paths computed in
 * SQL) and renames known ones.
 */
async function importStream(ds: DataSource, header: string[], csv: Readable): Promise<{ inserted: number; updated: number }> {
  const missing = ['code', 'name', 'level'].filter((c) => !header.includes(c));
  if (missing.length) throw new ImportError(missing.map((c) => problem('columnMissing', { line: 1, column: c })));
  // Unknown columns are staged and ignored; the known ones are read by name whatever their order.
  const columns = header.map((c, i) => (KNOWN_COLUMNS.includes(c) && header.indexOf(c) === i ? c : `extra_${i}`));
  const runner = ds.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  const t0 = Date.now();
  const step = (what: string) => process.env.IMPORT_TIMING && console.log(`  ${what}: ${Date.now() - t0} ms`);
  try {
    await client.query('BEGIN');
    await client.query(
      `CREATE TEMP TABLE jurisdiction_import_raw (id integer GENERATED ALWAYS AS IDENTITY, ${[...new Set([...columns, ...KNOWN_COLUMNS])].map((c) => `${c} text`).join(', ')}) ON COMMIT DROP`,
    );
    try {
      await pipeline(csv, client.query(copyFrom(`COPY jurisdiction_import_raw (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true)`)));
    } catch (e) {
      throw copyProblem(e) ?? e;
    }
    const shape = await collect(client, SHAPE_PROBLEMS);
    if (shape.length) throw new ImportError(shape);
    // Writers wait for the import (readers do not): the ids reserved below stay ours.
    await client.query(`LOCK TABLE jurisdiction IN SHARE ROW EXCLUSIVE MODE`);
    await client.query(`SET LOCAL work_mem = '64MB'`);
    await client.query(
      `CREATE TEMP TABLE jurisdiction_import ON COMMIT DROP AS
       SELECT s.*, j.id AS known_id,
              CASE WHEN j.id IS NULL THEN row_number() OVER (PARTITION BY j.id IS NULL ORDER BY array_position($1::text[], s.level), s.code) END AS n
         FROM (SELECT id + 1 AS line, btrim(code) AS code, btrim(name) AS name, btrim(level) AS level,
                      nullif(btrim(parent_code), '') AS parent_code
                 FROM jurisdiction_import_raw) s
         LEFT JOIN jurisdiction j ON j.code = s.code`,
      [LEVELS],
    );
    await client.query(`ANALYZE jurisdiction_import`);
    step('copied');
    const tree = await treeProblems(client);
    if (tree.length) throw new ImportError(tree);
    step('checked');
    const [{ fresh, known }] = (
      await client.query<{ fresh: number; known: number }>(
        `SELECT count(*) FILTER (WHERE known_id IS NULL)::int AS fresh, count(known_id)::int AS known FROM jurisdiction_import`,
      )
    ).rows;
    // One block of ids for all new nodes instead of one sequence call per node.
    const [{ base }] = (
      await client.query<{ base: string }>(
        `SELECT setval(seq, greatest((SELECT coalesce(max(id), 0) FROM jurisdiction), nextval(seq)) + $1) - $1 AS base
           FROM pg_get_serial_sequence('jurisdiction', 'id') AS seq`,
        [fresh],
      )
    ).rows;

    // A large file (the national tree) rebuilds the secondary indexes and checks the parent key once, set-based,
    // instead of maintaining them row by row: several times faster, at the price of holding the tree for the
    // length of the import. A small file (renames, a new county) goes the ordinary way.
    const bulk = fresh > BULK_ROWS;
    let rebuild: string[] = [];
    if (bulk) {
      rebuild = (
        await client.query<{ def: string }>(
          `SELECT pg_get_indexdef(i.indexrelid) AS def
             FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = 'jurisdiction'::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
        )
      ).rows.map((r) => r.def);
      const names = (
        await client.query<{ name: string }>(
          `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = 'jurisdiction'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
        )
      ).rows;
      for (const { name } of names) await client.query(`DROP INDEX "${name}"`);
      await client.query(`ALTER TABLE jurisdiction DROP CONSTRAINT jurisdiction_parent_id_fkey`);
    }
    // Level by level, parents first (a level only ever sits under the levels above it), each level in one
    // statement that writes every node once with its id, depth and path taken from its parent.
    for (const level of LEVELS) {
      await client.query(
        `INSERT INTO jurisdiction (id, code, name, level, parent_id, path, depth) OVERRIDING SYSTEM VALUE
         SELECT $2::int + s.n, s.code, s.name, s.level, p.id, coalesce(p.path, '') || ($2::int + s.n) || '.', coalesce(p.depth + 1, 0)
           FROM jurisdiction_import s LEFT JOIN jurisdiction p ON p.code = s.parent_code
          WHERE s.level = $1 AND s.known_id IS NULL
          ORDER BY s.n`,
        [level, base],
      );
    }
    step('inserted');
    if (bulk) {
      await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
      for (const def of rebuild) await client.query(def);
      await client.query(
        `ALTER TABLE jurisdiction ADD CONSTRAINT jurisdiction_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES jurisdiction(id)`,
      );
    }
    step('indexes and parent key');
    await client.query(`
      UPDATE jurisdiction j SET name = s.name FROM jurisdiction_import s
       WHERE j.id = s.known_id AND j.name <> s.name`);
    step('renamed');
    await client.query('COMMIT');
    step('renamed');
    if (fresh) await client.query(`ANALYZE jurisdiction`);
    return { inserted: fresh, updated: known };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await runner.release();
  }
}

function csvField(v: string | null | undefined): string {
  const t = v ?? '';
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** Imports rows already in memory (tests, small corrections). */
export function importJurisdictions(ds: DataSource, rows: JurisdictionRow[]): Promise<{ inserted: number; updated: number }> {
  const lines = function* () {
    yield `${KNOWN_COLUMNS.join(',')}\n`;
    for (const r of rows) yield `${[r.code, r.name, r.level, r.parentCode].map(csvField).join(',')}\n`;
  };
  return importStream(ds, KNOWN_COLUMNS, Readable.from(lines()));
}

/** Imports a CSV file, streamed into the database: memory stays flat whatever the size of the file. */
export async function importJurisdictionFile(ds: DataSource, file: string): Promise<{ inserted: number; updated: number }> {
  return importStream(ds, headerOf(await firstLineOf(file)), fs.createReadStream(file));
}

/** The shape checks of one record, for a file checked without a database. */
function rowProblems(line: number, r: Record<string, string | undefined>): ImportProblem[] {
  const p: ImportProblem[] = [];
  if (!isDivisionCode(r.code ?? '')) p.push(problem('badCode', { line, column: 'code', value: r.code ?? '' }));
  if (!r.name) p.push(problem('nameEmpty', { line, column: 'name' }));
  if (!LEVELS.includes(r.level ?? '')) p.push(problem('badLevel', { line, column: 'level', value: r.level ?? '', levels: LEVEL_REFS }));
  if (r.parent_code && !isDivisionCode(r.parent_code)) p.push(problem('badParentCode', { line, column: 'parent_code', value: r.parent_code }));
  return p;
}

/** Parses and checks the shape of a CSV text (no database); throws ImportError naming line and column. */
export function parseJurisdictionCsv(text: string): JurisdictionRow[] {
  const records = parseSync(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true }) as Array<{
    record: Record<string, string>;
    info: { lines: number };
  }>;
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  const rows = records.map(({ record: r, info }) => {
    problems.push(...rowProblems(info.lines, r));
    if (seen.has(r.code)) problems.push(problem('duplicate', { line: info.lines, column: 'code', value: r.code, first: seen.get(r.code) ?? 0 }));
    else seen.set(r.code, info.lines);
    return { code: r.code, name: r.name, level: r.level as JurisdictionLevel, parentCode: r.parent_code || null };
  });
  if (problems.length) throw new ImportError(problems);
  return rows;
}
