/** Bits shared by the supervision pages: the access gate, the date range in the URL and the jurisdiction breadcrumb. */
import { Result as PageResult } from '../common/ui';
import type { ReactNode } from 'react';
import { Breadcrumb } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Role } from '../gql/graphql';
import { RequireLogin } from '../auth/RequireLogin';
import type { AdminScope, Viewer } from '../auth/viewer';
import { scopesFor } from './access';
import { defaultRange, validRange } from './format';
import './supervision.css';
import './text';

/** Logged in with one of `roles` somewhere; otherwise the login page or a 403 in words. */
export function RequireRoles({
  roles,
  forbidden,
  children,
}: {
  roles: readonly Role[];
  forbidden: string;
  children: (viewer: Viewer, scopes: AdminScope[]) => ReactNode;
}) {
  return (
    <RequireLogin>
      {(viewer) => {
        const scopes = scopesFor(viewer, roles);
        if (!scopes.length) return <PageResult headingLevel={1} title={forbidden} />;
        return <>{children(viewer, scopes)}</>;
      }}
    </RequireLogin>
  );
}

export interface Range {
  from: string;
  to: string;
}

/** The range of `?from=&to=` (default: this year to date); `valid` is false for a range the API would refuse. */
export function useRange(): { range: Range; valid: boolean; setRange(r: Range): void; search: string } {
  const [params, setParams] = useSearchParams();
  const d = defaultRange();
  const range = { from: params.get('from') || d.from, to: params.get('to') || d.to };
  const setRange = (r: Range) => {
    const p = new URLSearchParams(params);
    p.set('from', r.from);
    p.set('to', r.to);
    setParams(p, { replace: true });
  };
  return { range, valid: validRange(range.from, range.to), setRange, search: rangeSearch(range) };
}

export function rangeSearch(r: Range): string {
  return `?${new URLSearchParams({ from: r.from, to: r.to }).toString()}`;
}

interface Node {
  id: string;
  name: string;
}

/**
 * Where a jurisdiction sits, each ancestor the viewer may open a link back up (same range); ancestors above the
 * viewer's own scope are plain text.
 */
export function JurisdictionBreadcrumb({
  ancestors,
  current,
  scopeIds,
  search,
  suffix,
}: {
  ancestors: readonly Node[];
  current: Node;
  scopeIds: ReadonlySet<string>;
  search: string;
  /** Path after /supervision/:id (e.g. '/coverage'); the current node is then a link too. */
  suffix?: { path: string; label: string };
}) {
  const { t } = useTranslation();
  const chain = [...ancestors, current];
  const first = chain.findIndex((n) => scopeIds.has(n.id));
  const items = chain.map((n, i) => {
    const isCurrent = i === chain.length - 1;
    const reachable = first >= 0 && i >= first;
    if (isCurrent && !suffix) return { key: n.id, title: <span aria-current="page">{n.name}</span> };
    return { key: n.id, title: reachable ? <Link to={`/supervision/${n.id}${search}`}>{n.name}</Link> : <span>{n.name}</span> };
  });
  if (suffix) items.push({ key: 'suffix', title: <span aria-current="page">{suffix.label}</span> });
  return <Breadcrumb aria-label={t('supervision.dashboard.breadcrumb')} className="place-breadcrumb" items={items} />;
}
