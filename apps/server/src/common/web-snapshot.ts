/**
 * Server-side snapshots of the public pages (home, place, guide): the SPA's own components rendered in this
 * process by the web build's render bundle (apps/web/src/entry-server.tsx → apps/web/dist-ssr), put into the
 * route's shell (web-shell.ts) with the query results they came from, so that a phone shows the place picker or
 * the guide as soon as the HTML and the stylesheet arrive and the app then hydrates it without fetching again.
 *
 * - Same for everyone: rendered as an anonymous visitor (the browser fills in who is signed in), in the reader's
 *   language and mode from the `weimin_lang` / `weimin_elder` cookies the app writes (zh-CN and normal mode by
 *   default).
 * - Current: a guide is kept per item, language and mode for as long as the item's published version and status
 *   are unchanged (one primary-key read per request); the home and place pages for SNAPSHOT_TTL_MS, and all of
 *   them are dropped at once when this process publishes or withdraws an item or changes a centre.
 * - Cheap to ask again: an ETag of the page's bytes; `If-None-Match` answers 304.
 * - Never in the way: a render that fails or takes longer than RENDER_TIMEOUT_MS sends the bare shell (the app
 *   then renders in the browser as it always did); a render whose queries failed is sent but not kept.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { FormattedExecutionResult } from 'graphql';
import { encodeHtml, type Shell, type WebShell } from './web-shell';

export const LANG_COOKIE = 'weimin_lang';
export const ELDER_COOKIE = 'weimin_elder';
const SNAPSHOT_TTL_MS = 60_000;
const RENDER_TIMEOUT_MS = 5_000;
const MAX_ENTRIES = 2_000;
const ID = /^\d{1,18}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LEVEL_PARAMS = ['city', 'county', 'township', 'village'] as const;

type Lang = 'zh-CN' | 'en';

/** What apps/web/src/entry-server.tsx exports (the server never imports the web's code, only its build). */
interface RenderModule {
  render(input: {
    url: string;
    lang: Lang;
    elder: boolean;
    execute(query: string, variables: Record<string, unknown>): Promise<FormattedExecutionResult>;
    signal?: AbortSignal;
  }): Promise<{ html: string; state: unknown; failed: boolean }>;
}

export interface SnapshotPage extends Shell {
  etag: string;
}

/** A request for a page, as far as the snapshot cares. */
export interface PageRequest {
  pathname: string;
  query: URLSearchParams;
  cookies: Record<string, string | undefined>;
}

export type PageAnswer = { kind: 'page'; page: SnapshotPage } | { kind: 'redirect'; location: string } | { kind: 'shell' };

export interface SnapshotOptions {
  /** The render bundle's entry (config.webSnapshot). */
  entry: string;
  shell: WebShell;
  /** Runs one GraphQL operation as an anonymous visitor of this server. */
  execute(query: string, variables: Record<string, unknown>): Promise<FormattedExecutionResult>;
  /** The published version and status of an item (ServiceItemService.publishedToken). */
  itemToken(id: string): Promise<string>;
  /** Subscribes to changes of published content (PublicChanges). */
  onChange(listener: () => void): void;
  warn(obj: object, msg: string): void;
}

/** Which page a path is, with the part of the URL the page reads (anything else would only split the cache). */
function pageOf(pathname: string, query: URLSearchParams): { kind: 'home' | 'place' | 'guide'; id?: string; url: string } | null {
  if (pathname === '/') {
    const kept = new URLSearchParams();
    for (const l of LEVEL_PARAMS) {
      const v = query.get(l);
      if (v && ID.test(v)) kept.set(l, v);
    }
    const q = kept.toString();
    return { kind: 'home', url: q ? `/?${q}` : '/' };
  }
  let m = /^\/items\/([^/]+)$/.exec(pathname);
  if (m && UUID.test(m[1])) return { kind: 'guide', id: m[1], url: pathname };
  m = /^\/place\/(\d{1,18})$/.exec(pathname);
  if (m) {
    const kept = new URLSearchParams();
    const search = query.get('q');
    const category = query.get('category');
    if (search && search.length <= 100) kept.set('q', search);
    if (category && /^[A-Z_]{1,40}$/.test(category)) kept.set('category', category);
    const q = kept.toString();
    return { kind: 'place', id: m[1], url: q ? `${pathname}?${q}` : pathname };
  }
  return null;
}

/** JSON inside <script type="application/json">: nothing in it may end the element or open a comment. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function webSnapshot(options: SnapshotOptions): { answer(req: PageRequest): Promise<PageAnswer> } {
  const cache = new Map<string, { page: SnapshotPage; token: string; at: number }>();
  const inFlight = new Map<string, Promise<{ page: SnapshotPage; keep: boolean } | null>>();
  let generation = 0;
  options.onChange(() => {
    generation++;
    cache.clear();
  });

  let loaded: Promise<RenderModule | null> | null = null;
  const renderer = (): Promise<RenderModule | null> => {
    loaded ??= (async () => {
      if (!fs.existsSync(options.entry)) {
        options.warn({ entry: options.entry }, 'the web render bundle is missing: public pages are sent without a snapshot');
        return null;
      }
      return (await import(pathToFileURL(options.entry).href)) as RenderModule;
    })().catch((err: unknown) => {
      options.warn({ err, entry: options.entry }, 'the web render bundle does not load: public pages are sent without a snapshot');
      return null;
    });
    return loaded;
  };

  const build = async (url: string, pathname: string, lang: Lang, elder: boolean): Promise<{ page: SnapshotPage; keep: boolean } | null> => {
    const mod = await renderer();
    if (!mod) return null;
    const signal = AbortSignal.timeout(RENDER_TIMEOUT_MS);
    const { html, state, failed } = await mod.render({ url, lang, elder, execute: options.execute, signal });
    if (signal.aborted) return null;
    const template = options.shell.template(pathname);
    const text = template
      .replace(/<html lang="[^"]*">/, `<html lang="${lang}"${elder ? ' class="elder"' : ''}>`)
      .replace('<div id="root"></div>', () => `<div id="root">${html}</div>\n    <script type="application/json" id="weimin-data">${inlineJson(state)}</script>`);
    const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
    return { page: { ...encodeHtml(text), etag }, keep: !failed };
  };

  return {
    async answer(req) {
      const page = pageOf(req.pathname, req.query);
      if (!page) return { kind: 'shell' };
      // the picker's form sent without the app's code: a village chosen goes to its page
      const village = req.query.get('village');
      if (page.kind === 'home' && village && ID.test(village)) return { kind: 'redirect', location: `/place/${village}` };
      const lang: Lang = req.cookies[LANG_COOKIE] === 'en' ? 'en' : 'zh-CN';
      const elder = req.cookies[ELDER_COOKIE] === '1';
      const key = `${page.url}|${lang}|${elder ? 1 : 0}`;
      try {
        const token = page.kind === 'guide' ? await options.itemToken(page.id!) : '';
        const hit = cache.get(key);
        if (hit && hit.token === token && (page.kind === 'guide' || Date.now() - hit.at < SNAPSHOT_TTL_MS)) {
          cache.delete(key);
          cache.set(key, hit);
          return { kind: 'page', page: hit.page };
        }
        const flightKey = `${key}|${token}|${generation}`;
        let pending = inFlight.get(flightKey);
        if (!pending) {
          const startedAt = generation;
          pending = build(page.url, req.pathname, lang, elder).finally(() => inFlight.delete(flightKey));
          inFlight.set(flightKey, pending);
          void pending.then((built) => {
            if (!built?.keep || startedAt !== generation) return;
            cache.set(key, { page: built.page, token, at: Date.now() });
            if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
          }, () => undefined);
        }
        const built = await pending;
        return built ? { kind: 'page', page: built.page } : { kind: 'shell' };
      } catch (err) {
        options.warn({ err, url: page.url }, 'the page snapshot failed: sent without it');
        return { kind: 'shell' };
      }
    },
  };
}
