/**
 * Pages for logged-in users: anonymous visitors go to the login page and come back afterwards. The server checks
 * every request anyway; this only spares them a page of errors.
 */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useViewer, type Viewer } from './viewer';
import { Loading } from '../common/Status';

export function RequireLogin({ children }: { children: (viewer: Viewer) => ReactNode }) {
  const location = useLocation();
  const { viewer, loading } = useViewer();
  if (loading && !viewer) return <Loading />;
  if (!viewer) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children(viewer)}</>;
}
