/** What every resolver and service receives about the request: who asks, from where, and per-request loaders. */
import type { Role } from '@weimin/domain';
import type { Loaders } from './loaders';
import type { Services } from '../services';

export interface RoleGrant {
  role: Role;
  jurisdictionId: number | null;
  /** Materialised path of the granted jurisdiction: the grant covers every node whose path starts with it. */
  path: string | null;
}

export interface Viewer {
  id: string;
  login: string;
  name: string;
  grants: RoleGrant[];
  /** Logged in with a temporary password: everything but changing it is refused until it is changed. */
  mustChangePassword?: boolean;
}

export interface RequestContext {
  requestId: string;
  ip: string;
  userAgent: string | null;
  viewer: Viewer | null;
  sessionTokenHash: Buffer | null;
  services: Services;
  loaders: Loaders;
  setSessionCookie(token: string, expires: Date): void;
  clearSessionCookie(): void;
}

export function hasRole(viewer: Viewer | null, roles: readonly Role[]): boolean {
  return !!viewer && viewer.grants.some((g) => roles.includes(g.role));
}

/** True when one of the viewer's grants of these roles covers the jurisdiction with this path. */
export function coversPath(viewer: Viewer | null, roles: readonly Role[], targetPath: string): boolean {
  return !!viewer && viewer.grants.some((g) => roles.includes(g.role) && g.path != null && targetPath.startsWith(g.path));
}

/** The paths under which the viewer holds one of the roles (for scoping list queries). */
export function scopePaths(viewer: Viewer | null, roles: readonly Role[]): string[] {
  if (!viewer) return [];
  return viewer.grants.filter((g) => roles.includes(g.role) && g.path != null).map((g) => g.path as string);
}
