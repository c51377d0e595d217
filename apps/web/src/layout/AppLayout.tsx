/** The page frame: skip link, header (brand, main navigation, language, 长辈版, account), main, footer. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate, useNavigationType } from 'react-router';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { adminScopes, hasRole, keepsCalendar, useViewer } from '../auth/viewer';
import { useSettings } from '../settings';
import { DASHBOARD_ROLES, holdsAny, RECTIFICATION_ROLES } from '../supervision/access';

// only signed-in users have a bell: its query and code load with the first signed-in page
const NotificationBell = lazy(() => import('./NotificationBell').then((m) => ({ default: m.NotificationBell })));

const LogoutDocument = graphql(`
  mutation Logout {
    logout
  }
`);

export function AppLayout() {
  const { t } = useTranslation();
  const { lang, setLang, elder, setElder } = useSettings();
  const { viewer } = useViewer();
  const client = useApolloClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [logout, { loading: loggingOut }] = useMutation(LogoutDocument);
  const isAdmin = adminScopes(viewer).length > 0;
  const isCalendarKeeper = keepsCalendar(viewer);
  const isAgent = hasRole(viewer, 'AGENT');
  const isApplicant = isAgent || hasRole(viewer, 'CITIZEN');
  const isClerk = hasRole(viewer, 'CLERK');
  const isDashboardReader = holdsAny(viewer, DASHBOARD_ROLES);
  const mayRectify = holdsAny(viewer, RECTIFICATION_ROLES);
  const isSystemAdmin = hasRole(viewer, 'SYSTEM_ADMIN');
  const readsAudit = isSystemAdmin || hasRole(viewer, 'SUPERVISOR');
  const keepsSettings = isSystemAdmin || isCalendarKeeper;
  // A temporary password: the server allows nothing else, so neither does the app.
  const mustChange = !!viewer?.mustChangePassword && location.pathname !== '/me/password';
  // On a phone the navigation folds behind 菜单, so the header stays small (at most a fifth of the first screen).
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  // a new page starts at the top; back and forward leave the position to the browser
  const navigationType = useNavigationType();
  useEffect(() => {
    if (navigationType !== 'POP') window.scrollTo(0, 0);
  }, [location.pathname, navigationType]);

  const onLogout = async () => {
    await logout();
    void navigate('/');
    // Queries of the page just left are aborted by the navigation; that is expected, not a failure.
    await client.resetStore().catch((e: unknown) => {
      if (!(e instanceof Error && (e.name === 'AbortError' || /aborted/i.test(e.message)))) throw e;
    });
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <NavLink to="/" className="brand">
            <span className="brand-mark" aria-hidden="true" lang="zh-CN">
              民
            </span>
            <span className="brand-text">{t('app.fullName')}</span>
          </NavLink>
          <button
            type="button"
            className="header-button menu-button"
            aria-expanded={menuOpen}
            aria-controls="site-nav"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            {menuOpen ? t('frame.menuClose') : t('frame.menu')}
          </button>
          <nav id="site-nav" aria-label={t('nav.main')} className={`site-nav${menuOpen ? ' site-nav-open' : ''}`}>
            <NavLink to="/" end>
              {t('nav.guides')}
            </NavLink>
            <NavLink to="/track">{t('nav.track')}</NavLink>
            {isApplicant && <NavLink to="/me/applications">{isAgent ? t('nav.agentRecords') : t('nav.myApplications')}</NavLink>}
            {isClerk && <NavLink to="/clerk/queue">{t('nav.clerkQueue')}</NavLink>}
            {isClerk && <NavLink to="/clerk/walk-in">{t('linkage.nav.walkIn')}</NavLink>}
            {(isClerk || isAgent) && <NavLink to="/clerk/stages">{t('linkage.nav.stageQueue')}</NavLink>}
            {isAgent && <NavLink to="/agent/register">{t('linkage.nav.register')}</NavLink>}
            {isAdmin && <NavLink to="/admin/items">{t('nav.adminItems')}</NavLink>}
            {isAdmin && <NavLink to="/admin/centers">{t('nav.adminCenters')}</NavLink>}
            {isCalendarKeeper && <NavLink to="/admin/calendar">{t('calendar.nav')}</NavLink>}
            {isDashboardReader && <NavLink to="/supervision">{t('supervision.nav.dashboard')}</NavLink>}
            {mayRectify && <NavLink to="/clerk/rectifications">{t('supervision.nav.rectifications')}</NavLink>}
            {isSystemAdmin && <NavLink to="/admin/users">{t('users.nav.users')}</NavLink>}
            {readsAudit && <NavLink to="/admin/audit">{t('users.nav.audit')}</NavLink>}
            {keepsSettings && <NavLink to="/admin/settings">{t('users.nav.settings')}</NavLink>}
            <NavLink to="/statistics">{t('supervision.nav.statistics')}</NavLink>
            {viewer && (
              <span className="account">
                <NavLink to="/me/profile" className="account-name">
                  {t('nav.loggedInAs', { name: viewer.name })}
                </NavLink>
                <NavLink to="/me/password">{t('users.nav.password')}</NavLink>
                <button type="button" className="header-button" onClick={() => void onLogout()} disabled={loggingOut}>
                  {t('nav.logout')}
                </button>
              </span>
            )}
          </nav>
          <div className="header-tools">
            <button
              type="button"
              className="header-button lang-switch"
              onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}
              aria-label={t('nav.switchLanguageLabel')}
              lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}
            >
              {t('nav.switchLanguage')}
            </button>
            {/* the state shows in the thumb's position and its tick, not only in the colour */}
            <button type="button" role="switch" aria-checked={elder} className="header-button elder-switch" onClick={() => setElder(!elder)}>
              <span>{t('nav.elderMode')}</span>
              <span className="elder-track" aria-hidden="true">
                <span className="elder-thumb" />
              </span>
            </button>
            {viewer ? (
              <Suspense fallback={null}>
                <NotificationBell />
              </Suspense>
            ) : (
              location.pathname !== '/login' && (
                <NavLink to="/login" state={{ from: location.pathname + location.search }} className="header-button login-link">
                  {t('nav.login')}
                </NavLink>
              )
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        {mustChange ? <Navigate to="/me/password" replace /> : <Outlet />}
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
