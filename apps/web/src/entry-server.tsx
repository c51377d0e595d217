/**
 * The server's page snapshot (built by `vite build --ssr` into apps/web/dist-ssr, used by
 * apps/server/src/common/web-snapshot.ts): a public page rendered by the same components, routes and queries as
 * in the browser, so the browser hydrates it instead of drawing it again. Rendered for an anonymous visitor in the
 * given language and mode; the server runs each query in its own process (`execute`). Returns the markup for
 * #root and the Apollo cache it was rendered from, which the browser starts from (apollo.ts).
 */
import { prerenderStatic } from '@apollo/client/react/ssr';
import { ApolloLink } from '@apollo/client';
import { print, type FormattedExecutionResult } from 'graphql';
import { prerenderToNodeStream } from 'react-dom/static';
import { I18nextProvider } from 'react-i18next';
import { StaticRouter, useRoutes, type RouteObject } from 'react-router';
import { Observable } from 'rxjs';
import { AppProviders, publicRoutes } from './routes';
import { AppLayout } from './layout/AppLayout';
import { createApolloClient } from './apollo';
import { i18n, type Lang } from './i18n';
import { en } from './i18n/en';

export interface RenderInput {
  /** Path and query of the page. */
  url: string;
  lang: Lang;
  elder: boolean;
  /** Runs one GraphQL operation as an anonymous visitor. */
  execute(query: string, variables: Record<string, unknown>): Promise<FormattedExecutionResult>;
  signal?: AbortSignal;
}

export interface RenderOutput {
  html: string;
  /** The Apollo cache after rendering (`cache.extract()`). */
  state: unknown;
  /** Whether any query answered with errors (such a page is not worth keeping). */
  failed: boolean;
}

// only the public pages: the server renders nothing else (web-snapshot.ts), and its bundle stays small
const routes: RouteObject[] = [{ element: <AppLayout />, children: publicRoutes }];

function Routes() {
  return useRoutes(routes);
}

if (!i18n.hasResourceBundle('en', 'translation')) i18n.addResourceBundle('en', 'translation', en);

export async function render(input: RenderInput): Promise<RenderOutput> {
  let failed = false;
  const link = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        input.execute(print(operation.query), operation.variables).then(
          (result) => {
            if (result.errors?.length) failed = true;
            observer.next(result as ApolloLink.Result);
            observer.complete();
          },
          (err: unknown) => {
            failed = true;
            observer.error(err);
          },
        );
      }),
  );
  const client = createApolloClient({ link, ssrMode: true });
  // one i18next per render (renders in both languages may run at once), sharing the loaded resources
  const t = i18n.cloneInstance({ lng: input.lang, initAsync: false });
  const tree = (
    <I18nextProvider i18n={t}>
      <AppProviders client={client} settings={{ lang: input.lang, elder: input.elder }}>
        <StaticRouter location={input.url}>
          <Routes />
        </StaticRouter>
      </AppProviders>
    </I18nextProvider>
  );
  const { result } = await prerenderStatic({
    tree,
    signal: input.signal,
    // no boundary sent apart to be swapped in by an inline script (the CSP allows none): one document
    renderFunction: (node) => prerenderToNodeStream(node, { signal: input.signal, progressiveChunkSize: Number.POSITIVE_INFINITY }),
    maxRerenders: 10,
  });
  return { html: result, state: client.extract(), failed };
}
