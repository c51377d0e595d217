/**
 * Summarises V8 .cpuprofile files (from `node --cpu-prof`, e.g. `BENCH_CPU_PROF=.data/prof npm run bench`):
 * top self-time functions, self time by package, and inclusive time by package (share of samples with the
 * package anywhere on the stack).
 *
 *   node apps/server/dist/bench/cpuprofile-summary.js .data/prof/*.cpuprofile [--top 40] [--from ms] [--to ms]
 *
 * --from/--to keep the samples of a window in ms since the process started (the bench prints the window of its
 * timed server run).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Areas that are charged to the nearest calling package in the "nearest package" view. */
const GENERIC = /^(node:|\(native\)$|\(program\)$|\(root\)$)/;
/** ...except these leaves, which stay on their own line: GC, and the write syscall (on a loaded box mostly time
 * spent descheduled after waking the reader, e.g. a PostgreSQL backend). */
const OWN_AREAS = new Set(['(garbage collector)', '(idle)']);

/** The package (or area) a frame belongs to. */
export function area(cf: CallFrame): string {
  const { url, functionName } = cf;
  if (!url) {
    if (['(idle)', '(program)', '(garbage collector)', '(root)'].includes(functionName)) return functionName;
    return '(native)';
  }
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const app = url.indexOf('/apps/server/dist/');
  if (app >= 0) return `app:${url.slice(app + '/apps/server/dist/'.length).split('/').slice(0, -1).join('/') || '.'}`;
  if (url.includes('/packages/domain/')) return '@weimin/domain';
  return url;
}

function label(cf: CallFrame): string {
  const file = cf.url ? cf.url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*\/apps\/server\/dist\//, 'dist/') : '';
  return `${cf.functionName || '(anonymous)'} ${file ? `${path.basename(path.dirname(file))}/${path.basename(file)}:${cf.lineNumber + 1}` : ''}`.trim();
}

/** `fromMs`/`toMs`: keep only the samples taken in this window, in ms since the profile started. */
export function summarise(file: string, top = 40, window: { fromMs?: number; toMs?: number } = {}): string {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<number, number>();
  let total = 0;
  let at = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    at += dt;
    if ((window.fromMs != null && at / 1000 < window.fromMs) || (window.toMs != null && at / 1000 > window.toMs)) return;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const idleId = p.nodes.find((n) => n.callFrame.functionName === '(idle)')?.id;
  const idle = idleId != null ? (self.get(idleId) ?? 0) : 0;
  const busy = total - idle;

  const selfByFn = new Map<string, number>();
  const selfByArea = new Map<string, number>();
  const inclByArea = new Map<string, number>();
  const byOwner = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id) as ProfileNode;
    if (id === idleId) continue;
    const key = label(n.callFrame);
    selfByFn.set(key, (selfByFn.get(key) ?? 0) + t);
    const a = area(n.callFrame);
    selfByArea.set(a, (selfByArea.get(a) ?? 0) + t);
    const seen = new Set<string>();
    let owner: string | null = OWN_AREAS.has(a) ? a : null;
    for (let cur: number | undefined = id; cur != null; cur = parent.get(cur)) {
      const ca = area((byId.get(cur) as ProfileNode).callFrame);
      seen.add(ca);
      if (owner == null && !GENERIC.test(ca)) owner = ca;
    }
    for (const s of seen) inclByArea.set(s, (inclByArea.get(s) ?? 0) + t);
    owner ??= a;
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + t);
  }

  const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
  const pct = (us: number) => ((100 * us) / busy).toFixed(1).padStart(5) + '%';
  const sorted = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  const out: string[] = [];
  out.push(`${file}`);
  if (window.fromMs != null || window.toMs != null) out.push(`  window: ${window.fromMs ?? 0}–${window.toMs ?? '∞'} ms after the profile started`);
  out.push(`  ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (percentages are of busy time)`);
  out.push(`\n  self time by function (top ${top}):`);
  for (const [k, t] of sorted(selfByFn, top)) out.push(`  ${ms(t)} ms ${pct(t)}  ${k}`);
  out.push('\n  self time by package / area:');
  for (const [k, t] of sorted(selfByArea, 30)) out.push(`  ${ms(t)} ms ${pct(t)}  ${k}`);
  out.push('\n  self time charged to the nearest package (node internals and natives go to the package that called them):');
  for (const [k, t] of sorted(byOwner, 30)) out.push(`  ${ms(t)} ms ${pct(t)}  ${k}`);
  out.push('\n  inclusive time by package / area (samples with it anywhere on the stack):');
  for (const [k, t] of sorted(inclByArea, 30)) out.push(`  ${ms(t)} ms ${pct(t)}  ${k}`);
  return out.join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name: string): number | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args.splice(i, 2)[1]) : undefined;
  };
  const top = option('--top') ?? 40;
  const window = { fromMs: option('--from'), toMs: option('--to') };
  if (!args.length) {
    console.error('usage: cpuprofile-summary <file.cpuprofile>… [--top N] [--from ms] [--to ms]');
    process.exit(2);
  }
  for (const f of args) console.log(summarise(f, top, window) + '\n');
}
