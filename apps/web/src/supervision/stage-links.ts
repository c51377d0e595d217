import type { StageDrillMode } from '../gql/graphql';

/** The link from a stage figure of the dashboard to the applications behind it (StageDrillPage). */
export function stageDrillHref(jurisdictionId: string, range: { from: string; to: string }, level: string, kind: string, mode: StageDrillMode): string {
  return `/supervision/${jurisdictionId}/stages?${new URLSearchParams({ from: range.from, to: range.to, level, kind, mode }).toString()}`;
}
