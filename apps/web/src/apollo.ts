/**
 * The one Apollo Client. The session is an httpOnly cookie set by the server on login, so the link only has to
 * send cookies; nothing about the session is visible to JavaScript.
 */
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

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

export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
    cache: new InMemoryCache({
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
        Query: {
          fields: {
            serviceItems: appendPages(['edition', 'filter', 'first']),
            jurisdictions: appendPages(['parentId', 'level', 'search', 'first']),
            applications: appendPages(['filter', 'first']),
            myApplications: appendPages(['first']),
          },
        },
      },
    }),
  });
}
