/** Who is logged in (from `me`), and which directories they administer. Anonymous visitors get `null`. */
import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import type { JurisdictionLevel, MeQuery, Role } from '../gql/graphql';

export const MeDocument = graphql(`
  query Me {
    me {
      id
      login
      name
      phone
      mustChangePassword
      roles {
        id
        role
        jurisdiction {
          id
          code
          name
          level
        }
      }
    }
  }
`);

export type Viewer = NonNullable<MeQuery['me']>;

export interface AdminScope {
  id: string;
  code: string;
  name: string;
  level: JurisdictionLevel;
}

export function useViewer(): { viewer: Viewer | null; loading: boolean } {
  // never part of a server-rendered page (those are the same for everyone): loading there and while hydrating
  const { data, loading } = useQuery(MeDocument, { fetchPolicy: 'cache-first', ssr: false });
  return { viewer: data?.me ?? null, loading };
}

/** The jurisdictions whose directories (and centres) this viewer administers, outermost first. */
export function adminScopes(viewer: Viewer | null): AdminScope[] {
  if (!viewer) return [];
  const seen = new Map<string, AdminScope>();
  for (const r of viewer.roles) {
    if ((r.role === 'DIRECTORY_ADMIN' || r.role === 'SYSTEM_ADMIN') && r.jurisdiction && !seen.has(r.jurisdiction.id)) {
      seen.set(r.jurisdiction.id, r.jurisdiction);
    }
  }
  return [...seen.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function hasRole(viewer: Viewer | null, role: Role): boolean {
  return !!viewer?.roles.some((r) => r.role === role);
}

/** The jurisdictions where the viewer holds `role` (each covers its subtree), outermost first. */
export function roleScopes(viewer: Viewer | null, role: Role): AdminScope[] {
  if (!viewer) return [];
  const seen = new Map<string, AdminScope>();
  for (const r of viewer.roles) if (r.role === role && r.jurisdiction && !seen.has(r.jurisdiction.id)) seen.set(r.jurisdiction.id, r.jurisdiction);
  return [...seen.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** Whether the viewer keeps the city's working-day calendar: a system administrator, or a directory administrator of a city. */
export function keepsCalendar(viewer: Viewer | null): boolean {
  if (hasRole(viewer, 'SYSTEM_ADMIN')) return true;
  return !!viewer?.roles.some((r) => r.role === 'DIRECTORY_ADMIN' && r.jurisdiction?.level === 'CITY');
}
