/**
 * `npm run bench:web`: the two first visits a villager makes on a mid-range phone, in Chromium with CDP throttling
 * (CPU 4× slower, 1.6 Mbps down / 750 kbps up, 150 ms round trip), a cold cache each run, 5 runs, median:
 *
 *   home  → the place picker (the city drop-down filled with its options)
 *   guide → the materials table of a service guide
 *
 * and, in the same run and from the same server, a baseline for each: a static HTML file with the same visible
 * content (the page as rendered, scripts removed, the same stylesheet), pre-compressed like the build's files.
 * The element must be the real one: the picker lists the village's county among its options, the materials table
 * has the item's rows (as many as the item has materials, the first one by name); a page that shows a table of
 * something else is not counted as ready. Reported per page: compressed bytes on the wire by kind (HTML, JS, CSS,
 * other) and requests until the network is quiet after the element showed, and the time to the element (from
 * navigation start). Targets: ≤ 3 s and within 2× of the baseline. Results are printed with the load average and
 * written to `.data/bench-web.json`; exit 0 either way.
 *
 * Processes: the real server (NODE_ENV=production, worker off) on a copy of the built web app (and of its render
 * bundle for the server-rendered pages) to which the two baseline files are added, and Chromium (/usr/bin/chromium, CHROMIUM_PATH) driven by playwright-core.
 * PostgreSQL: DATABASE_URL's server (database `weimin_bench`) or an embedded one under .data/bench-pg.
 * Env: BENCH_RUNS (5).
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../config';
import { createDataSource, migrate } from '../db/data-source';
import { JINAN_CODE, seedDemo } from '../db/seeds/demo';
import { DATA_DIR, SERVER_MAIN, benchDatabase, cleanup, freePort, startChild, stopChild, waitReady } from './harness';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WEB_DIST = path.join(REPO_ROOT, 'apps', 'web', 'dist');
const BENCH_DIST = path.join(DATA_DIR, 'bench-web-dist');
const WEB_SSR = path.join(REPO_ROOT, 'apps', 'web', 'dist-ssr');
const BENCH_SSR = path.join(DATA_DIR, 'bench-web-ssr');
const TARGET_MS = 3000;
const TARGET_RATIO = 2;

/** A mid-range phone on a slow mobile network. */
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 };
const CPU_SLOWDOWN = 4;

/** The element that makes the page useful, and what it must hold to be the real one. */
interface Ready {
  /** CSS selector of the element. */
  selector: string;
  /** Texts that must be among the texts of `selector`'s `item` descendants. */
  texts?: string[];
  /** Exactly this many `item` descendants. */
  count?: number;
  /** The descendants checked (e.g. `option`, `tbody tr`), and in them the cell holding the text (`th`). */
  item: string;
  cell?: string;
}

interface Scenario {
  name: string;
  element: string;
  url: string;
  baseline: string;
  ready: Ready;
}

type Kind = 'html' | 'js' | 'css' | 'other';

interface Run {
  ms: number;
  bytes: number;
  requests: number;
  byKind: Record<Kind, number>;
}

// Run in the page (functions, not strings: the app's CSP forbids eval). This file is compiled without the DOM types.
interface El {
  textContent: string | null;
  querySelector(sel: string): El | null;
  querySelectorAll(sel: string): ArrayLike<El>;
}
interface Doc extends El {
  querySelectorAll(sel: string): ArrayLike<El> & { forEach(fn: (n: { remove(): void }) => void): void };
  documentElement: { outerHTML: string };
}
const shownAt = (r: Ready): number | false => {
  const d = (globalThis as unknown as { document: Doc }).document;
  const el = d.querySelector(r.selector);
  if (!el) return false;
  const items = Array.from(el.querySelectorAll(r.item));
  if (r.count != null && items.length !== r.count) return false;
  const texts = items.map((i) => ((r.cell ? i.querySelector(r.cell) : i)?.textContent ?? '').trim());
  if (r.texts && !r.texts.every((t) => texts.includes(t))) return false;
  return performance.now();
};

const kindOf = (type: string | undefined): Kind =>
  type === 'Document' ? 'html' : type === 'Script' ? 'js' : type === 'Stylesheet' ? 'css' : 'other';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** One cold, throttled visit: bytes on the wire (encoded), requests, ms from navigation start to the element. */
async function visit(browser: Browser, base: string, url: string, ready: Ready): Promise<Run> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 390, height: 844 }, locale: 'zh-CN', deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    let requests = 0;
    let lastActivity = Date.now();
    let open = 0;
    const types = new Map<string, string>();
    const byKind: Record<Kind, number> = { html: 0, js: 0, css: 0, other: 0 };
    cdp.on('Network.requestWillBeSent', (e: { requestId: string; type?: string }) => {
      requests++;
      open++;
      lastActivity = Date.now();
      if (e.type) types.set(e.requestId, e.type);
    });
    cdp.on('Network.responseReceived', (e: { requestId: string; type: string }) => void types.set(e.requestId, e.type));
    const done = () => {
      open--;
      lastActivity = Date.now();
    };
    cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
      byKind[kindOf(types.get(e.requestId))] += e.encodedDataLength;
      done();
    });
    cdp.on('Network.loadingFailed', done);
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    const handle = await page.waitForFunction(shownAt, ready, { polling: 'raf', timeout: 60_000 });
    const ms = (await handle.jsonValue()) as number;
    // what the first visit costs in all: until nothing has moved on the network for a second (at most 30 s)
    const until = Date.now() + 30_000;
    while (Date.now() < until && (open > 0 || Date.now() - lastActivity < 1000)) await new Promise((r) => setTimeout(r, 100));
    const bytes = byKind.html + byKind.js + byKind.css + byKind.other;
    return { ms, bytes, requests, byKind };
  } finally {
    await context.close();
  }
}

/** The page as rendered (unthrottled) without its scripts: the same visible content as a static file. */
async function snapshot(browser: Browser, base: string, url: string, ready: Ready): Promise<string> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  try {
    const page: Page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(shownAt, ready, { timeout: 30_000 });
    return await page.evaluate(() => {
      const d = (globalThis as unknown as { document: Doc }).document;
      d.querySelectorAll('script, link[rel="modulepreload"]').forEach((n) => n.remove());
      // antd is not on these pages; any style element left is the app's own
      return `<!doctype html>\n${d.documentElement.outerHTML}`;
    });
  } finally {
    await context.close();
  }
}

function writeCompressed(file: string, content: string): void {
  const data = Buffer.from(content, 'utf8');
  fs.writeFileSync(file, data);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
}

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error(`${WEB_DIST} is missing: build first (npm run build)`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM} (set CHROMIUM_PATH)`);
  fs.mkdirSync(DATA_DIR, { recursive: true });

  // 1. Database with the demo data; a village of 金安区 and an item available there.
  const db = await benchDatabase('weimin_bench');
  const ds = createDataSource(db.url, 2);
  await ds.initialize();
  let village: { id: number; name: string; county: string };
  try {
    await migrate(ds);
    if (await seedDemo(ds, (m) => console.log(m))) console.log('Demo data loaded');
    const rows: Array<{ id: number; name: string; county: string }> = await ds.query(
      `SELECT v.id, v.name, c.name AS county FROM jurisdiction v JOIN jurisdiction t ON t.id = v.parent_id JOIN jurisdiction c ON c.id = t.parent_id
        WHERE c.code = $1 AND v.level = 'VILLAGE' ORDER BY t.code, v.code LIMIT 1`,
      [JINAN_CODE],
    );
    if (!rows.length) throw new Error(`no village under ${JINAN_CODE}: is the demo data loaded?`);
    village = rows[0];
  } finally {
    await ds.destroy();
  }

  // 2. A copy of the built app; the baseline files are added to it once captured.
  fs.rmSync(BENCH_DIST, { recursive: true, force: true });
  fs.cpSync(WEB_DIST, BENCH_DIST, { recursive: true });
  // and of the render bundle the server renders the public pages with (a build meanwhile changes neither)
  fs.rmSync(BENCH_SSR, { recursive: true, force: true });
  if (fs.existsSync(WEB_SSR)) fs.cpSync(WEB_SSR, BENCH_SSR, { recursive: true });
  const env = (port: number): Record<string, string> => ({
    DATABASE_URL: db.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    REQUEST_LOGGING: 'false',
    WORKER: 'false',
    WEB_DIST: BENCH_DIST,
    WEB_SNAPSHOT: path.join(BENCH_SSR, 'entry-server.js'),
  });

  const browser = await launch();
  try {
    let port = await freePort();
    let server = startChild('server', SERVER_MAIN, env(port));
    await waitReady('server', server, port);
    let base = `http://127.0.0.1:${port}`;

    const countyName = village.county;
    const ask = async <T>(query: string, variables: Record<string, unknown>): Promise<T> =>
      ((await (await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json()) as { data: T })
        .data;
    const items = await ask<{ serviceItems: { nodes: Array<{ id: string; name: string }> } }>(
      'query($p: ID!) { serviceItems(filter: { availableAt: $p }, first: 1) { nodes { id name } } }',
      { p: String(village.id) },
    );
    const item = items.serviceItems.nodes[0];
    if (!item) throw new Error(`no item available at ${village.name}`);
    const guide = await ask<{ serviceItem: { materials: Array<{ name: string }> } }>(
      'query($id: ID!) { serviceItem(id: $id, edition: PUBLISHED) { materials { name } } }',
      { id: item.id },
    );
    const materials = guide.serviceItem.materials;
    if (!materials.length) throw new Error(`${item.name} has no materials: the table would not be there`);
    console.log(`Village: ${village.name} (id ${village.id}) of ${countyName}; guide: ${item.name} (id ${item.id}, ${materials.length} materials)`);

    const scenarios: Scenario[] = [
      {
        name: 'home',
        element: 'place picker (the county drop-down with its options)',
        url: '/',
        baseline: '/bench-baseline-home.html',
        // the county drop-down filled: the village's county among its options
        ready: { selector: '.place-picker', item: 'select option', texts: [countyName] },
      },
      {
        name: 'guide',
        element: 'materials table',
        url: `/items/${item.id}`,
        baseline: '/bench-baseline-guide.html',
        // the item's own materials, every row
        ready: { selector: '.guide section[aria-labelledby="g-materials"] table.data-table', item: 'tbody tr', cell: 'th', count: materials.length, texts: [materials[0].name] },
      },
    ];

    // 3. Baselines: the rendered pages without scripts, written next to the app's files, then a fresh server.
    for (const s of scenarios) {
      const html = await snapshot(browser, base, s.url, s.ready);
      writeCompressed(path.join(BENCH_DIST, s.baseline.slice(1)), html);
    }
    await stopChild(server);
    port = await freePort();
    server = startChild('server', SERVER_MAIN, env(port));
    await waitReady('server', server, port);
    base = `http://127.0.0.1:${port}`;
    // one unmeasured visit each: the server's first requests (connection pool, JIT) are not part of a phone's wait
    for (const s of scenarios) await visit(browser, base, s.url, s.ready);

    // 4. Alternating runs: app, baseline, app, baseline … so that machine noise hits both alike.
    console.log(`\nChromium, CPU ${CPU_SLOWDOWN}× slower, ${NETWORK.downloadThroughput * 8 / 1e6} Mbps down, ${NETWORK.latency} ms RTT, cold cache, ${RUNS} runs (median); load average at the start: ${os.loadavg().map((x) => x.toFixed(2)).join(', ')}\n`);
    const results: Record<string, { element: string; app: Run[]; baseline: Run[] }> = {};
    for (const s of scenarios) {
      const r = { element: s.element, app: [] as Run[], baseline: [] as Run[] };
      for (let i = 0; i < RUNS; i++) {
        r.app.push(await visit(browser, base, s.url, s.ready));
        r.baseline.push(await visit(browser, base, s.baseline, s.ready));
      }
      results[s.name] = r;
    }
    await stopChild(server);

    const load = os.loadavg().map((x) => x.toFixed(2));
    const summary = Object.entries(results).map(([name, r]) => {
      const m = (runs: Run[]) => ({
        ms: Math.round(median(runs.map((x) => x.ms))),
        bytes: median(runs.map((x) => x.bytes)),
        requests: median(runs.map((x) => x.requests)),
        byKind: Object.fromEntries((['html', 'js', 'css', 'other'] as const).map((k) => [k, median(runs.map((x) => x.byKind[k]))])) as Record<Kind, number>,
      });
      const app = m(r.app);
      const baseline = m(r.baseline);
      const ratio = app.ms / baseline.ms;
      return { name, element: r.element, app, baseline, ratio: Math.round(ratio * 100) / 100, meetsTarget: app.ms <= TARGET_MS && ratio <= TARGET_RATIO, runs: r };
    });
    const kB = (n: number) => (n / 1000).toFixed(1);
    const row = (label: string, x: { ms: number; bytes: number; requests: number; byKind: Record<Kind, number> }) =>
      `    ${label.padEnd(9)} ${String(x.ms).padStart(6)} ms  ${kB(x.bytes).padStart(7)} kB (HTML ${kB(x.byKind.html)}, JS ${kB(x.byKind.js)}, CSS ${kB(x.byKind.css)}, other ${kB(x.byKind.other)})  ${String(x.requests).padStart(3)} requests`;
    console.log(`load average (1, 5, 15 min) at the end: ${load.join(', ')} on ${os.cpus().length} CPUs\n`);
    for (const s of summary) {
      console.log(`${s.name} → ${s.element}`);
      console.log(row('app', s.app));
      console.log(row('baseline', s.baseline));
      console.log(`    ${s.app.ms} ms is ${s.ratio}× the baseline; target ≤ ${TARGET_MS} ms and ≤ ${TARGET_RATIO}×: ${s.meetsTarget ? 'MET' : 'NOT MET'}`);
      console.log(`    app runs (ms): ${s.runs.app.map((x) => Math.round(x.ms)).join(', ')}; baseline runs: ${s.runs.baseline.map((x) => Math.round(x.ms)).join(', ')}\n`);
    }
    const out = path.join(DATA_DIR, 'bench-web.json');
    fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), loadAverage: load, cpuSlowdown: CPU_SLOWDOWN, network: NETWORK, runs: RUNS, results: summary }, null, 2));
    console.log(`Written to ${path.relative(REPO_ROOT, out)}`);
    return 0;
  } finally {
    await browser.close();
  }
}

main().then(
  async (code) => {
    await cleanup();
    process.exit(code);
  },
  async (err) => {
    console.error(err);
    await cleanup();
    process.exit(1);
  },
);
