/** Providers and routes. Login and admin pages are loaded on demand so citizens never download the forms. */
import { lazy, Suspense, type ReactNode } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createApolloClient } from './apollo';
import { SettingsProvider } from './settings';
import { AppLayout } from './layout/AppLayout';
import { HomePage } from './public/HomePage';
import { PlacePage } from './public/PlacePage';
import { GuidePage } from './public/GuidePage';
import { NotFoundPage } from './NotFoundPage';
import { Loading } from './common/Status';

const LoginPage = lazy(() => import('./auth/LoginPage').then((m) => ({ default: m.LoginPage })));
const AdminItemsPage = lazy(() => import('./admin/AdminItemsPage').then((m) => ({ default: m.AdminItemsPage })));
const ItemEditorPage = lazy(() => import('./admin/ItemEditorPage').then((m) => ({ default: m.ItemEditorPage })));
const CentersPage = lazy(() => import('./admin/CentersPage').then((m) => ({ default: m.CentersPage })));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/place/:id', element: <PlacePage /> },
      { path: '/items/:id', element: <GuidePage /> },
      { path: '/login', element: <Lazy><LoginPage /></Lazy> },
      { path: '/admin/items', element: <Lazy><AdminItemsPage /></Lazy> },
      { path: '/admin/items/new', element: <Lazy><ItemEditorPage /></Lazy> },
      { path: '/admin/items/:id/edit', element: <Lazy><ItemEditorPage /></Lazy> },
      { path: '/admin/centers', element: <Lazy><CentersPage /></Lazy> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

const client = createApolloClient();

export function App() {
  return (
    <ApolloProvider client={client}>
      <SettingsProvider>
        <RouterProvider router={router} />
      </SettingsProvider>
    </ApolloProvider>
  );
}
