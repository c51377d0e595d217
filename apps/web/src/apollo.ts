/**
 * The one Apollo Client. The session is an httpOnly cookie set by the server on login, so the link only has to
 * send cookies; nothing about the session is visible to JavaScript.
 *
 * A page the server rendered (apps/server/src/common/web-snapshot.ts) carries the query results it was rendered
 * from in `<script type="application/json" id="weimin-data">` (data, not code: the CSP allows no inline script).
 * The cache starts from them and, for the first moments, answers even `cache-and-network` queries from them, so
 * the hydrated page fetches nothing again.
 */
import { ApolloClient, HttpLink, InMemoryCache, type ApolloLink } from '@apollo/client';

export const STATE_ELEMENT_ID = 'weimin-data';

interface Connection {
  nodes: unknown[];
  pageInfo: unknown;
  totalCount?: number;
}

/** Cursor pages of one list (same filters) are appended; a request without `after` starts the list again. */
function appendPages(keyArgs: string[]) {
  return {
    keyArgs,
    merge(existing: Connection | undefined, incoming: Connection, { args }: { args: Record<string, unknown> | null }) {
      if (!existing || !args?.after) return incoming;
      return { ...incoming, nodes: [...existing.nodes, ...incoming.nodes] };
    },
  };
}

function inlinedState(): Record<string, unknown> | null {
  if (typeof document === 'undefined') return null;
  const el = document.getElementById(STATE_ELEMENT_ID);
  if (!el?.textContent) return null;
  try {
    return JSON.parse(el.textContent) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      // The published version and the working copy of an item share its id: they are different objects. So are
      // two published versions: an application pins the one it was made under (its materials may have changed).
      ServiceItem: {
        keyFields: (item) => (item.edition === 'PUBLISHED' && typeof item.versionNo === 'number' ? ['id', 'edition', 'versionNo'] : ['id', 'edition']),
      },
      // Objects without an id, read with different selections on different pages: merge, do not replace.
      Applicant: { merge: true },
      Receipt: { merge: true },
      Fee: { merge: true },
      // performance(…) has no id: the dashboard's and a drill-down's selections of one range are merged, and the
      // drill-down's pages appended.
      Performance: { merge: true, fields: { stageApplications: appendPages(['level', 'kind', 'mode', 'first']) } },
      Query: {
        fields: {
          serviceItems: appendPages(['edition', 'filter', 'first']),
          jurisdictions: appendPages(['parentId', 'level', 'search', 'first']),
          applications: appendPages(['filter', 'first']),
          myApplications: appendPages(['first']),
          rectifications: appendPages(['filter', 'first']),
        },
      },
    },
  });
}

export interface ClientOptions {
  /** Start from the data inlined by the server (the browser's client). */
  hydrating?: boolean;
  /** Another link (the server's snapshot executes operations in process). */
  link?: ApolloLink;
  ssrMode?: boolean;
}

export function createApolloClient(options: ClientOptions = {}): ApolloClient {
  const cache = createCache();
  const state = options.hydrating ? inlinedState() : null;
  if (state) cache.restore(state as Parameters<InMemoryCache['restore']>[0]);
  return new ApolloClient({
    link: options.link ?? new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
    cache,
    ssrMode: options.ssrMode,
    ssrForceFetchDelay: state ? 2000 : 0,
  });
}
