/**
 * Who may see what in the supervision area, mirroring the server's role lists (the server checks every request;
 * this only hides what it would refuse). A role at a jurisdiction covers its whole subtree.
 */
import type { Role } from '../gql/graphql';
import type { AdminScope, Viewer } from '../auth/viewer';

/** `performance`, `coverage` and the exports. */
export const DASHBOARD_ROLES: readonly Role[] = ['SUPERVISOR', 'SYSTEM_ADMIN', 'DIRECTORY_ADMIN'];
/** `applications` (the overdue list). */
export const APPLICATION_LIST_ROLES: readonly Role[] = ['CLERK', 'SUPERVISOR', 'SYSTEM_ADMIN'];
/** `rectifications`, `rectification`. */
export const RECTIFICATION_ROLES: readonly Role[] = ['CLERK', 'SUPERVISOR', 'SYSTEM_ADMIN'];
/** `runAssessment`, `setInspectionScore`, `publishAssessment`. */
export const ASSESSOR_ROLES: readonly Role[] = ['DIRECTORY_ADMIN', 'SUPERVISOR'];

/** The jurisdictions where the viewer holds any of `roles`, outermost (shortest code prefix) first. */
export function scopesFor(viewer: Viewer | null, roles: readonly Role[]): AdminScope[] {
  if (!viewer) return [];
  const seen = new Map<string, AdminScope>();
  for (const r of viewer.roles) if (roles.includes(r.role) && r.jurisdiction && !seen.has(r.jurisdiction.id)) seen.set(r.jurisdiction.id, r.jurisdiction);
  const depth = { PROVINCE: -1, CITY: 0, COUNTY: 1, TOWNSHIP: 2, VILLAGE: 3 } as const;
  return [...seen.values()].sort((a, b) => depth[a.level] - depth[b.level] || a.code.localeCompare(b.code));
}

/** Whether one of `roles` covers the node whose own id and ancestors' ids are given. */
export function covers(viewer: Viewer | null, roles: readonly Role[], nodeId: string, ancestorIds: readonly string[]): boolean {
  if (!viewer) return false;
  const path = new Set([nodeId, ...ancestorIds]);
  return viewer.roles.some((r) => roles.includes(r.role) && !!r.jurisdiction && path.has(r.jurisdiction.id));
}

export function holdsAny(viewer: Viewer | null, roles: readonly Role[]): boolean {
  return !!viewer?.roles.some((r) => roles.includes(r.role));
}
