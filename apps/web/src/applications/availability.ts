/**
 * Where and as whom the viewer may apply for an item — the same rules the server enforces on submit, used to decide
 * whether to offer "在线申办" at all: the item is available at a place of its handling level owned by that place or
 * an ancestor; citizens apply for online-capable items for themselves; a village agent applies for any item of their
 * village on a villager's behalf; exempted items (暂不进驻) are handled elsewhere.
 */
import type { JurisdictionLevel } from '../gql/graphql';
import type { Viewer } from '../auth/viewer';

export interface ApplyItem {
  handlingLevel: JurisdictionLevel;
  /** The handling chain: a place can take a new application where a COLLECT or ACCEPT stage happens. */
  handlingChain?: ReadonlyArray<{ kind: string; level: JurisdictionLevel }>;
  onlineCapable: boolean;
  exemption: unknown;
  owner: { id: string };
}

export interface ApplyPlace {
  id: string;
  level: JurisdictionLevel;
  ancestors: ReadonlyArray<{ id: string }>;
}

/** citizen: for oneself; agent: a village agent for a villager; window: a clerk records a person at the window (窗口代录). */
export type ApplyMode = 'citizen' | 'agent' | 'window';

export function isAvailableAt(item: ApplyItem, place: ApplyPlace): boolean {
  const intake = item.handlingChain?.length
    ? item.handlingChain.filter((s) => s.kind === 'COLLECT' || s.kind === 'ACCEPT').map((s) => s.level)
    : [item.handlingLevel];
  return intake.includes(place.level) && (item.owner.id === place.id || place.ancestors.some((a) => a.id === item.owner.id));
}

function covers(scopeId: string, place: ApplyPlace): boolean {
  return scopeId === place.id || place.ancestors.some((a) => a.id === scopeId);
}

/** How this viewer would apply here, or null when they cannot (anonymous, staff, not online, exempted…). */
export function applyMode(viewer: Viewer | null, item: ApplyItem, place: ApplyPlace): ApplyMode | null {
  if (!viewer || item.exemption || !isAvailableAt(item, place)) return null;
  if (viewer.roles.some((r) => r.role === 'AGENT' && r.jurisdiction && covers(r.jurisdiction.id, place))) return 'agent';
  if (item.onlineCapable && viewer.roles.some((r) => r.role === 'CITIZEN')) return 'citizen';
  return null;
}

/** Key of the idempotency key of one form fill (one item at one place) in sessionStorage. */
export function idempotencyStorageKey(itemId: string, placeId: string): string {
  return `weimin.apply.${itemId}.${placeId}`;
}
