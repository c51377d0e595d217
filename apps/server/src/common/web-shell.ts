/**
 * The SPA's index.html for a client route, with `<link rel="modulepreload">` for the chunks of that route's page
 * (read from the build's Vite manifest). The browser then fetches the page's code alongside the entry instead of
 * after it has run: one round trip less on a slow network. Routes without an entry here get the plain shell.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

/** Client routes of the public pages → their page module in the web app's sources. */
const ROUTES: Array<[RegExp, string]> = [
  [/^\/$/, 'src/public/HomePage.tsx'],
  [/^\/place\/[^/]+$/, 'src/public/PlacePage.tsx'],
  [/^\/items\/[^/]+$/, 'src/public/GuidePage.tsx'],
  [/^\/track$/, 'src/applications/TrackPage.tsx'],
  [/^\/login$/, 'src/auth/LoginPage.tsx'],
];

/** The shell as it goes on the wire: plain, Brotli and gzip (compressed once per route). */
export interface Shell {
  html: Buffer;
  br: Buffer;
  gzip: Buffer;
}

export interface WebShell {
  /** The shell of a client route, encoded. */
  shell(pathname: string): Shell;
  /** The shell's HTML text of a client route (the page snapshots fill it in). */
  template(pathname: string): string;
}

export function encodeHtml(html: string): Shell {
  const data = Buffer.from(html, 'utf8');
  return { html: data, br: zlib.brotliCompressSync(data), gzip: zlib.gzipSync(data, { level: 9 }) };
}

export function webShell(webDist: string): WebShell {
  const index = fs.readFileSync(path.join(webDist, 'index.html'), 'utf8');
  const manifestFile = path.join(webDist, '.vite', 'manifest.json');
  const manifest: Record<string, ManifestChunk> = fs.existsSync(manifestFile) ? JSON.parse(fs.readFileSync(manifestFile, 'utf8')) : {};
  const cache = new Map<string, { text: string; shell: Shell }>();

  const files = (key: string, seen = new Set<string>()): Set<string> => {
    const chunk = manifest[key];
    if (!chunk || chunk.isEntry || seen.has(key)) return seen;
    seen.add(key);
    for (const i of chunk.imports ?? []) files(i, seen);
    return seen;
  };

  const entry = (pathname: string) => {
    const route = ROUTES.find(([re]) => re.test(pathname));
    const key = route && manifest[route[1]] ? route[1] : '';
    let found = cache.get(key);
    if (!found) {
      const links = key ? [...files(key)].map((k) => `<link rel="modulepreload" crossorigin href="/${manifest[k].file}">`).join('\n    ') : '';
      const text = links ? index.replace('</head>', `  ${links}\n  </head>`) : index;
      found = { text, shell: encodeHtml(text) };
      cache.set(key, found);
    }
    return found;
  };
  return { shell: (pathname) => entry(pathname).shell, template: (pathname) => entry(pathname).text };
}
