/**
 * The baseline of the catalogue benchmark: a bare `node:http` server that answers the benchmark's
 * `serviceItems(filter: { availableAt }, first)` request with one SQL statement through `pg` and returns the JSON a
 * GraphQL server would. No framework, no schema, no validation beyond what it needs: the floor the real server
 * is measured against.
 *
 * The statement is the one `ServiceItemService.list` runs for `availableAt` on the published edition: same joins
 * (the owner jurisdiction included), filters, order, limit of first + 1, and the same columns, the whole jsonb
 * content included. Keep the two in step when the service's SQL changes.
 *
 * Env: DATABASE_URL, PORT. Started as a child process by catalogue.bench.ts.
 */
import * as http from 'node:http';
import { Pool } from 'pg';

export const BASELINE_SQL = `
  SELECT v.item_id AS id, v.code, i.status, i.version, i.has_unpublished_changes, i.updated_at, i.withdrawn_reason,
         v.owner_id, v.content, v.version_no, v.published_at,
         owner_j.code AS owner_code, owner_j.name AS owner_name, owner_j.level AS owner_level,
         owner_j.parent_id AS owner_parent_id, owner_j.path AS owner_path, owner_j.depth AS owner_depth
    FROM service_item_version v JOIN service_item i ON i.published_version_id = v.id
    JOIN jurisdiction owner_j ON owner_j.id = v.owner_id
    JOIN jurisdiction at_j ON at_j.id = $1
   WHERE i.status = 'PUBLISHED'
     AND v.owner_id = ANY(string_to_array(rtrim(at_j.path, '.'), '.')::int[])
     AND v.handling_level = at_j.level
   ORDER BY v.code, v.item_id
   LIMIT $2`;

interface Row {
  id: string;
  code: string;
  content: Record<string, unknown>;
  owner_name: string;
}

function main(): void {
  const url = process.env.DATABASE_URL;
  const port = Number(process.env.PORT);
  if (!url || !port) throw new Error('baseline-server needs DATABASE_URL and PORT');
  // 10 connections, like the real server's TypeORM pool.
  const pool = new Pool({ connectionString: url, max: 10, application_name: 'weimin-bench-baseline' });

  const server = http.createServer((req, res) => {
    const fail = (status: number, message: string) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ errors: [{ message }] }));
    };
    if (req.method === 'GET' && req.url === '/readyz') {
      pool.query('SELECT 1').then(
        () => {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end('{"status":"ready"}');
        },
        () => fail(503, 'database unreachable'),
      );
      return;
    }
    if (req.method !== 'POST') return fail(404, 'not found');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let at: number;
      let first: number;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables?: { at?: unknown; first?: unknown } };
        at = Number(body.variables?.at);
        first = body.variables?.first == null ? 20 : Number(body.variables.first);
        if (!Number.isSafeInteger(at) || at <= 0 || !Number.isInteger(first) || first < 1 || first > 100) throw new Error('bad variables');
      } catch (e) {
        return fail(400, (e as Error).message);
      }
      pool.query<Row>(BASELINE_SQL, [at, first + 1]).then(
        ({ rows }) => {
          const nodes = rows.slice(0, first).map((r) => {
            const c = r.content;
            return {
              id: r.id,
              code: r.code,
              name: c.name,
              category: c.category,
              type: c.type,
              handlingKind: c.handlingKind,
              promisedLimit: c.promisedLimit,
              promisedUnit: c.promisedUnit,
              onlineCapable: c.onlineCapable,
              visitsRequired: c.visitsRequired,
              demo: !!c.demo,
              owner: { name: r.owner_name },
            };
          });
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ data: { serviceItems: { nodes } } }));
        },
        (e: Error) => fail(500, e.message),
      );
    });
  });
  server.keepAliveTimeout = 65_000;

  const stop = () => {
    server.close();
    server.closeAllConnections();
    void pool.end().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  server.listen(port, '127.0.0.1', () => console.log(`baseline listening on ${port}`));
}

if (require.main === module) main();
