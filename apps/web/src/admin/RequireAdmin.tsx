/**
 * Admin pages need a directory administrator: anonymous visitors go to the login page (and come back), others see
 * why they cannot. The server checks every request anyway; this only avoids showing what it would refuse.
 */
import { Result as PageResult } from '../common/ui';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { adminScopes, useViewer, type AdminScope } from '../auth/viewer';
import { Loading } from '../common/Status';

export function RequireAdmin({ children }: { children: (scopes: AdminScope[]) => ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { viewer, loading } = useViewer();
  if (loading && !viewer) return <Loading />;
  if (!viewer) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  const scopes = adminScopes(viewer);
  if (!scopes.length) return <PageResult headingLevel={1} title={t('admin.forbidden')} />;
  return <>{children(scopes)}</>;
}
