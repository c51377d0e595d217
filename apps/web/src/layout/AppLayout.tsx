/** The page frame: skip link, header (brand, main navigation, language, 长辈版, account), main, footer. */
import { useId } from 'react';
import { Button, Switch } from 'antd';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { NavLink, Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { adminScopes, hasRole, keepsCalendar, useViewer } from '../auth/viewer';
import { useSettings } from '../settings';
import { NotificationBell } from './NotificationBell';
import { DASHBOARD_ROLES, holdsAny, RECTIFICATION_ROLES } from '../supervision/access';

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
  const elderId = useId();
  const isAdmin = adminScopes(viewer).length > 0;
  const isCalendarKeeper = keepsCalendar(viewer);
  const isAgent = hasRole(viewer, 'AGENT');
  const isApplicant = isAgent || hasRole(viewer, 'CITIZEN');
  const isClerk = hasRole(viewer, 'CLERK');
  const isDashboardReader = holdsAny(viewer, DASHBOARD_ROLES);
  const mayRectify = holdsAny(viewer, RECTIFICATION_ROLES);

  const onLogout = async () => {
    await logout();
    void navigate('/');
    await client.resetStore();
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <NavLink to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              民
            </span>
            <span className="brand-text">{t('app.fullName')}</span>
          </NavLink>
          <nav aria-label={t('nav.main')} className="site-nav">
            <NavLink to="/" end>
              {t('nav.guides')}
            </NavLink>
            <NavLink to="/track">{t('nav.track')}</NavLink>
            {isApplicant && <NavLink to="/me/applications">{isAgent ? t('nav.agentRecords') : t('nav.myApplications')}</NavLink>}
            {isClerk && <NavLink to="/clerk/queue">{t('nav.clerkQueue')}</NavLink>}
            {(isClerk || isAgent) && <NavLink to="/clerk/stages">{t('linkage.nav.stageQueue')}</NavLink>}
            {isAgent && <NavLink to="/agent/register">{t('linkage.nav.register')}</NavLink>}
            {isAdmin && <NavLink to="/admin/items">{t('nav.adminItems')}</NavLink>}
            {isAdmin && <NavLink to="/admin/centers">{t('nav.adminCenters')}</NavLink>}
            {isCalendarKeeper && <NavLink to="/admin/calendar">{t('calendar.nav')}</NavLink>}
            {isDashboardReader && <NavLink to="/supervision">{t('supervision.nav.dashboard')}</NavLink>}
            {mayRectify && <NavLink to="/clerk/rectifications">{t('supervision.nav.rectifications')}</NavLink>}
            <NavLink to="/statistics">{t('supervision.nav.statistics')}</NavLink>
          </nav>
          <div className="header-tools">
            <Button
              className="lang-switch"
              onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}
              aria-label={t('nav.switchLanguageLabel')}
              lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}
            >
              {t('nav.switchLanguage')}
            </Button>
            <span className="elder-switch">
              <label htmlFor={elderId}>{t('nav.elderMode')}</label>
              <Switch id={elderId} checked={elder} onChange={setElder} />
            </span>
            {viewer ? (
              <span className="account">
                <NotificationBell />
                <span className="account-name">{t('nav.loggedInAs', { name: viewer.name })}</span>
                <Button onClick={() => void onLogout()} disabled={loggingOut}>
                  {t('nav.logout')}
                </Button>
              </span>
            ) : (
              location.pathname !== '/login' && (
                <NavLink to="/login" state={{ from: location.pathname + location.search }} className="login-link">
                  {t('nav.login')}
                </NavLink>
              )
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="site-main">
        <Outlet />
      </main>
      <ScrollRestoration />
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
