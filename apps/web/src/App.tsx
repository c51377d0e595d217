/**
 * Providers and routes. Login, admin, application and tracking pages are loaded on demand, so a visitor reading
 * guides never downloads the forms. `Lazy` pages get antd's provider (loaded with them); the public pages and
 * `Plain` ones are built without antd and stay within the first-load budget (apps/web/e2e/delivery.e2e.ts).
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, useRoutes, type RouteObject } from 'react-router';
import { createApolloClient } from './apollo';
import type { InitialSettings } from './settings';
import { AppProviders, publicRoutes } from './routes';
import { AppLayout } from './layout/AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { Loading } from './common/Status';

/** A page behind the public ones, with the rest of the server's error texts (common/serverErrors.more.ts). */
const withTexts = <T,>(page: Promise<T>): Promise<T> => Promise.all([page, import('./common/serverErrors.more')]).then(([m]) => m);
const AdminItemsPage = lazy(() => withTexts(import('./admin/AdminItemsPage')).then((m) => ({ default: m.AdminItemsPage })));
const ItemEditorPage = lazy(() => withTexts(import('./admin/ItemEditorPage')).then((m) => ({ default: m.ItemEditorPage })));
const CentersPage = lazy(() => withTexts(import('./admin/CentersPage')).then((m) => ({ default: m.CentersPage })));
const CalendarPage = lazy(() => withTexts(import('./admin/CalendarPage')).then((m) => ({ default: m.CalendarPage })));
const ApplyPage = lazy(() => withTexts(import('./applications/ApplyPage')).then((m) => ({ default: m.ApplyPage })));
const ApplicationPage = lazy(() => withTexts(import('./applications/ApplicationPage')).then((m) => ({ default: m.ApplicationPage })));
const MyApplicationsPage = lazy(() => withTexts(import('./applications/MyApplicationsPage')).then((m) => ({ default: m.MyApplicationsPage })));
const ClerkQueuePage = lazy(() => withTexts(import('./applications/ClerkQueuePage')).then((m) => ({ default: m.ClerkQueuePage })));
const PrintPage = lazy(() => withTexts(import('./applications/PrintPage')).then((m) => ({ default: m.PrintPage })));
const WalkInPage = lazy(() => withTexts(import('./applications/WalkInPage')).then((m) => ({ default: m.WalkInPage })));
const StageQueuePage = lazy(() => withTexts(import('./applications/StageQueuePage')).then((m) => ({ default: m.StageQueuePage })));
const StationRegisterPage = lazy(() => withTexts(import('./applications/StageQueuePage')).then((m) => ({ default: m.RegisterPage })));
const NoticeBoardPage = lazy(() => withTexts(import('./applications/NoticeBoardPage')).then((m) => ({ default: m.NoticeBoardPage })));
const LinkagePrintPage = lazy(() => withTexts(import('./applications/LinkagePrintPage')).then((m) => ({ default: m.LinkagePrintPage })));
const NotificationsPage = lazy(() => withTexts(import('./applications/NotificationsPage')).then((m) => ({ default: m.NotificationsPage })));
// The supervision area (echarts lives only in the dashboard's chunk) and the public statistics.
const DashboardHomePage = lazy(() => withTexts(import('./supervision/DashboardPage')).then((m) => ({ default: m.DashboardHomePage })));
const DashboardPage = lazy(() => withTexts(import('./supervision/DashboardPage')).then((m) => ({ default: m.DashboardPage })));
const StageDrillPage = lazy(() => withTexts(import('./supervision/StageDrillPage')).then((m) => ({ default: m.StageDrillPage })));
const CoveragePage = lazy(() => withTexts(import('./supervision/CoveragePage')).then((m) => ({ default: m.CoveragePage })));
const AssessmentsPage = lazy(() => withTexts(import('./supervision/AssessmentsPage')).then((m) => ({ default: m.AssessmentsPage })));
const RectificationsPage = lazy(() => withTexts(import('./supervision/RectificationsPage')).then((m) => ({ default: m.RectificationsPage })));
// Accounts and administration (users/): registration, passwords, profile, 用户管理, 审计日志, 系统设置.
const RegisterPage = lazy(() => withTexts(import('./users/AccountPages')).then((m) => ({ default: m.RegisterPage })));
const ForgotPasswordPage = lazy(() => withTexts(import('./users/AccountPages')).then((m) => ({ default: m.ForgotPasswordPage })));
const ChangePasswordPage = lazy(() => withTexts(import('./users/AccountPages')).then((m) => ({ default: m.ChangePasswordPage })));
const ProfilePage = lazy(() => withTexts(import('./users/AccountPages')).then((m) => ({ default: m.ProfilePage })));
const UsersPage = lazy(() => withTexts(import('./users/UsersPage')).then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => withTexts(import('./users/AuditPage')).then((m) => ({ default: m.AuditPage })));
const SettingsPage = lazy(() => withTexts(import('./users/SettingsPage')).then((m) => ({ default: m.SettingsPage })));
const StatisticsPage = lazy(() => withTexts(import('./supervision/StatisticsPage')).then((m) => ({ default: m.StatisticsPage })));

const AntdProvider = lazy(() => import('./common/AntdProvider'));

/** A page loaded on demand, with antd's theme and locale. */
function Lazy({ children }: { children: ReactNode }) {
  return (
    <Suspense fallback={<Loading />}>
      <AntdProvider>{children}</AntdProvider>
    </Suspense>
  );
}

// The declarative router (useRoutes): the data router's loaders and actions are not used, and it would add ~10 kB.
const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      ...publicRoutes,
      { path: '/admin/items', element: <Lazy><AdminItemsPage /></Lazy> },
      { path: '/admin/items/new', element: <Lazy><ItemEditorPage /></Lazy> },
      { path: '/admin/items/:id/edit', element: <Lazy><ItemEditorPage /></Lazy> },
      { path: '/admin/centers', element: <Lazy><CentersPage /></Lazy> },
      { path: '/admin/calendar', element: <Lazy><CalendarPage /></Lazy> },
      { path: '/apply/:itemId', element: <Lazy><ApplyPage /></Lazy> },
      { path: '/me/applications', element: <Lazy><MyApplicationsPage /></Lazy> },
      { path: '/me/notifications', element: <Lazy><NotificationsPage /></Lazy> },
      { path: '/applications/:id', element: <Lazy><ApplicationPage /></Lazy> },
      { path: '/applications/:id/print/receipt', element: <Lazy><PrintPage kind="receipt" /></Lazy> },
      { path: '/applications/:id/print/notice/:sequence', element: <Lazy><PrintPage kind="notice" /></Lazy> },
      { path: '/applications/:id/print/rejection', element: <Lazy><PrintPage kind="rejection" /></Lazy> },
      { path: '/applications/:id/print/decision', element: <Lazy><PrintPage kind="decision" /></Lazy> },
      { path: '/applications/:id/print/extension', element: <Lazy><LinkagePrintPage kind="extension" /></Lazy> },
      { path: '/applications/:id/print/forwarding', element: <Lazy><LinkagePrintPage kind="forwarding" /></Lazy> },
      { path: '/clerk/queue', element: <Lazy><ClerkQueuePage /></Lazy> },
      { path: '/clerk/walk-in', element: <Lazy><WalkInPage /></Lazy> },
      { path: '/clerk/stages', element: <Lazy><StageQueuePage /></Lazy> },
      { path: '/agent/register', element: <Lazy><StationRegisterPage /></Lazy> },
      { path: '/place/:id/notices', element: <Lazy><NoticeBoardPage /></Lazy> },
      { path: '/supervision', element: <Lazy><DashboardHomePage /></Lazy> },
      { path: '/supervision/assessments', element: <Lazy><AssessmentsPage /></Lazy> },
      { path: '/supervision/:jurisdictionId', element: <Lazy><DashboardPage /></Lazy> },
      { path: '/supervision/:jurisdictionId/stages', element: <Lazy><StageDrillPage /></Lazy> },
      { path: '/supervision/:jurisdictionId/coverage', element: <Lazy><CoveragePage /></Lazy> },
      { path: '/clerk/rectifications', element: <Lazy><RectificationsPage /></Lazy> },
      { path: '/statistics', element: <Lazy><StatisticsPage /></Lazy> },
      { path: '/register', element: <Lazy><RegisterPage /></Lazy> },
      { path: '/forgot-password', element: <Lazy><ForgotPasswordPage /></Lazy> },
      { path: '/me/password', element: <Lazy><ChangePasswordPage /></Lazy> },
      { path: '/me/profile', element: <Lazy><ProfilePage /></Lazy> },
      { path: '/admin/users', element: <Lazy><UsersPage /></Lazy> },
      { path: '/admin/audit', element: <Lazy><AuditPage /></Lazy> },
      { path: '/admin/settings', element: <Lazy><SettingsPage /></Lazy> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

function Routes() {
  return useRoutes(routes);
}

// the browser's one client, holding the data the server rendered the page from (if it did): no second fetch
const client = createApolloClient({ hydrating: true });

export function App({ settings }: { settings?: InitialSettings | null }) {
  return (
    <AppProviders client={client} settings={settings}>
      <BrowserRouter>
        <Routes />
      </BrowserRouter>
    </AppProviders>
  );
}
