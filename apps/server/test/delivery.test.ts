/**
 * What a phone on a slow network gets from the server: the built web app pre-compressed (Brotli, else gzip) with
 * Vary, hashed assets cached for a year, a real 404 for a missing asset (not the SPA page), and GraphQL answers
 * compressed on the fly. Reads the built web app (`npm test` builds it first); builds nothing itself.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { BASE } from './helpers';

const DIST = path.resolve(__dirname, '../../web/dist');

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request with node:http: no automatic decompression, so the bytes on the wire are what is checked. */
function raw(url: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: body ? 'POST' : 'GET', agent: false, headers: { connection: 'close', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

function entryScript(): string {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const m = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html);
  if (!m) throw new Error('no entry script in the built index.html');
  return m[1];
}

describe('delivery of the web app and the API', () => {
  test('hashed assets: Brotli for br, gzip for gzip, plain otherwise; cached a year, immutable; Vary: Accept-Encoding', async () => {
    const asset = entryScript();
    const plain = fs.readFileSync(path.join(DIST, asset));

    const br = await raw(`${BASE()}${asset}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(zlib.brotliDecompressSync(br.body).equals(plain)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.length / 3);

    const gz = await raw(`${BASE()}${asset}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(plain)).toBe(true);

    const none = await raw(`${BASE()}${asset}`);
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body.equals(plain)).toBe(true);
  });

  test('the page itself (any client route) is compressed and revalidated, never cached as immutable', async () => {
    for (const url of ['/', '/place/123', '/items/abc']) {
      const res = await raw(`${BASE()}${url}`, { 'accept-encoding': 'br' });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(zlib.brotliDecompressSync(res.body).toString('utf8')).toContain('<div id="root">');
    }
    // a public page's own chunks are announced, so they load alongside the entry
    const manifest = JSON.parse(fs.readFileSync(path.join(DIST, '.vite/manifest.json'), 'utf8'));
    const home = zlib.brotliDecompressSync((await raw(`${BASE()}/`, { 'accept-encoding': 'br' })).body).toString('utf8');
    expect(home).toContain(`<link rel="modulepreload" crossorigin href="/${manifest['src/public/HomePage.tsx'].file}">`);
  });

  test('a missing asset is a 404, not the SPA page', async () => {
    const res = await raw(`${BASE()}/assets/index-doesnotexist.js`, { 'accept-encoding': 'br' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type'] ?? '').not.toMatch(/html/);
  });

  test('GraphQL answers are compressed when the client accepts it', async () => {
    const query = JSON.stringify({ query: '{ jurisdictions(level: TOWNSHIP, first: 100) { nodes { id name level code } } }' });
    const headers = { 'content-type': 'application/json' };
    const br = await raw(`${BASE()}/graphql`, { ...headers, 'accept-encoding': 'br' }, query);
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    const data = JSON.parse(zlib.brotliDecompressSync(br.body).toString('utf8'));
    expect(data.data.jurisdictions.nodes.length).toBeGreaterThan(5);
    const gz = await raw(`${BASE()}/graphql`, { ...headers, 'accept-encoding': 'gzip' }, query);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.body).toString('utf8'))).toEqual(data);
  });
});
