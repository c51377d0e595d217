/**
 * The public pages' routes and the providers around every page: shared by the browser (App.tsx, which adds the
 * signed-in pages) and the server's page snapshot (entry-server.tsx, which renders only these), so that a page
 * the server rendered is the one the browser hydrates.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { ApolloClient } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import type { RouteObject } from 'react-router';
import { SettingsProvider, type InitialSettings } from './settings';
import { Loading } from './common/Status';

// Each public page is its own chunk, built without antd (`Plain`).
const HomePage = lazy(() => import('./public/HomePage').then((m) => ({ default: m.HomePage })));
const PlacePage = lazy(() => import('./public/PlacePage').then((m) => ({ default: m.PlacePage })));
const GuidePage = lazy(() => import('./public/GuidePage').then((m) => ({ default: m.GuidePage })));
const LoginPage = lazy(() => import('./auth/LoginPage').then((m) => ({ default: m.LoginPage })));
const TrackPage = lazy(() => import('./applications/TrackPage').then((m) => ({ default: m.TrackPage })));

/** A public page loaded on demand and built without antd. */
function Plain({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

export const publicRoutes: RouteObject[] = [
  { path: '/', element: <Plain><HomePage /></Plain> },
  { path: '/place/:id', element: <Plain><PlacePage /></Plain> },
  { path: '/items/:id', element: <Plain><GuidePage /></Plain> },
  { path: '/login', element: <Plain><LoginPage /></Plain> },
  { path: '/track', element: <Plain><TrackPage /></Plain> },
];

export function AppProviders({ client, settings, children }: { client: ApolloClient; settings?: InitialSettings | null; children: ReactNode }) {
  return (
    <ApolloProvider client={client}>
      <SettingsProvider initial={settings}>{children}</SettingsProvider>
    </ApolloProvider>
  );
}
