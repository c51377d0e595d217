/**
 * 窗口工作台: the clerk's work queue — applications of their jurisdiction and below, soonest due first — narrowed
 * by status, overdue or warning, service item and submission dates. The filters live in the URL, so going back
 * from an application returns to the same list.
 */
import { Result as PageResult } from '../common/ui';
import { useEffect, useId, useMemo, useState } from 'react';
import { Button } from 'antd';
import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApplicationFilterInput, ApplicationStatus, JurisdictionLevel } from '../gql/graphql';
import { RequireLogin } from '../auth/RequireLogin';
import { roleScopes, type AdminScope } from '../auth/viewer';
import { LEVELS } from '../common/enums';
import { NativeSelect } from '../common/NativeSelect';
import { LoadError, Loading } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import { QueueItemsDocument, QueueScopeDocument, WorkQueueDocument } from './documents';
import { ApplicationTable } from './ApplicationTable';
import { totalOf } from '../common/count';
import { STATUSES } from './status';

export function ClerkQueuePage() {
  const { t } = useTranslation();
  usePageTitle(t('queue.title'));
  return (
    <RequireLogin>
      {(viewer) => {
        const scopes = roleScopes(viewer, 'CLERK');
        if (!scopes.length) return <PageResult headingLevel={1} title={t('queue.forbidden')} />;
        return <Queue scopes={scopes} />;
      }}
    </RequireLogin>
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The items a queue can be narrowed to: the directories of the clerk's county, at the clerk's level or below. */
function useItemOptions(scope: AdminScope) {
  const { t } = useTranslation();
  const { data: s } = useQuery(QueueScopeDocument, { variables: { id: scope.id } });
  const j = s?.jurisdiction;
  const directory = j ? (j.level === 'TOWNSHIP' || j.level === 'VILLAGE' ? (j.ancestors.find((a) => a.level === 'COUNTY')?.id ?? j.id) : j.id) : null;
  const { data } = useQuery(QueueItemsDocument, { variables: { ownerWithin: directory ?? '' }, skip: !directory });
  return useMemo(() => {
    const rank = (l: JurisdictionLevel) => LEVELS.indexOf(l);
    const nodes = (data?.serviceItems.nodes ?? []).filter((i) => rank(i.handlingLevel) >= rank(scope.level));
    return nodes.map((i) => ({ value: i.id, label: nodes.some((o) => o !== i && o.name === i.name) ? t('app.nameWithCode', { name: i.name, code: i.owner.name }) : i.name }));
  }, [data, scope.level, t]);
}

function Queue({ scopes }: { scopes: AdminScope[] }) {
  const { t } = useTranslation();
  const [urlParams, setUrlParams] = useSearchParams();
  // The filters answer at once; the URL follows (a router navigation may be deferred) and wins when it changes.
  const [params, setLocal] = useState(urlParams);
  const urlKey = urlParams.toString();
  useEffect(() => setLocal(new URLSearchParams(urlKey)), [urlKey]);
  const setParams = (p: URLSearchParams, opts: { replace: boolean }) => {
    setLocal(p);
    setUrlParams(p, opts);
  };
  const ids = { scope: useId(), item: useId(), from: useId(), to: useId() };
  const scopeId = scopes.some((s) => s.id === params.get('scope')) ? (params.get('scope') as string) : scopes[0].id;
  const scope = scopes.find((s) => s.id === scopeId) as AdminScope;
  const status = (params.get('status') ?? '').split(',').filter((s): s is ApplicationStatus => (STATUSES as readonly string[]).includes(s));
  const overdue = params.get('overdue') === '1';
  const warning = params.get('warning') === '1';
  const itemId = params.get('item');
  const from = DAY.test(params.get('from') ?? '') ? params.get('from') : null;
  const to = DAY.test(params.get('to') ?? '') ? params.get('to') : null;
  const itemOptions = useItemOptions(scope);

  const filter: ApplicationFilterInput = {
    jurisdictionId: scopes.length > 1 ? scopeId : null,
    status: status.length ? status : null,
    overdue: overdue || null,
    warning: warning || null,
    serviceItemId: itemId || null,
    from,
    to,
  };
  const { data, error, loading, fetchMore, refetch } = useQuery(WorkQueueDocument, { variables: { filter }, fetchPolicy: 'cache-and-network' });
  const [loadingMore, setLoadingMore] = useState(false);
  const page = data?.applications;

  const update = (changes: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };
  const toggleStatus = (s: ApplicationStatus, on: boolean) => {
    const next = on ? [...status, s] : status.filter((x) => x !== s);
    update({ status: STATUSES.filter((x) => next.includes(x)).join(',') || null });
  };
  const anyFilter = status.length || overdue || warning || itemId || from || to;

  return (
    <div className="page page-queue">
      <div className="page-head">
        <h1>{t('queue.title')}</h1>
        <span className="hint">{t('queue.scope', { name: scope.name })}</span>
        <Link to={scopes.length > 1 ? `/clerk/walk-in?centre=${scopeId}` : '/clerk/walk-in'} className="big-link walkin-link">
          {t('linkage.nav.walkIn')}
        </Link>
      </div>

      <form className="filters queue-filters" aria-label={t('queue.filters')} onSubmit={(e) => e.preventDefault()}>
        {scopes.length > 1 && (
          <div className="filter-field">
            <label htmlFor={ids.scope}>{t('queue.scopeLabel')}</label>
            <NativeSelect id={ids.scope} value={scopeId} onChange={(v) => update({ scope: v, item: null })} options={scopes.map((s) => ({ value: s.id, label: s.name }))} />
          </div>
        )}
        <fieldset className="filter-field filter-statuses">
          <legend>{t('queue.status')}</legend>
          <div className="check-chips">
            {STATUSES.map((s) => (
              <label key={s} className="check-chip">
                <input type="checkbox" checked={status.includes(s)} onChange={(e) => toggleStatus(s, e.target.checked)} />
                <span>{t(`appStatus.${s}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="filter-field filter-clock">
          <legend>{t('queue.clock')}</legend>
          <div className="check-chips">
            <label className="check-chip">
              <input type="checkbox" checked={overdue} onChange={(e) => update({ overdue: e.target.checked ? '1' : null })} />
              <span>{t('queue.overdueOnly')}</span>
            </label>
            <label className="check-chip">
              <input type="checkbox" checked={warning} onChange={(e) => update({ warning: e.target.checked ? '1' : null })} />
              <span>{t('queue.warningOnly')}</span>
            </label>
          </div>
        </fieldset>
        <div className="filter-field">
          <label htmlFor={ids.item}>{t('queue.item')}</label>
          <NativeSelect id={ids.item} value={itemId} onChange={(v) => update({ item: v })} options={itemOptions} placeholder={t('queue.allItems')} />
        </div>
        <div className="filter-field filter-dates">
          <div>
            <label htmlFor={ids.from}>{t('queue.from')}</label>
            <input id={ids.from} type="date" className="native-input" value={from ?? ''} max={to ?? undefined} onChange={(e) => update({ from: e.target.value || null })} />
          </div>
          <div>
            <label htmlFor={ids.to}>{t('queue.to')}</label>
            <input id={ids.to} type="date" className="native-input" value={to ?? ''} min={from ?? undefined} onChange={(e) => update({ to: e.target.value || null })} />
          </div>
        </div>
        {anyFilter ? (
          <Button onClick={() => setParams(scopes.length > 1 ? new URLSearchParams({ scope: scopeId }) : new URLSearchParams(), { replace: true })}>
            {t('queue.clear')}
          </Button>
        ) : null}
      </form>

      {error && !page ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : !page ? (
        <Loading />
      ) : (
        <>
          <p className="result-count" aria-live="polite">
            {loading ? t('app.loading') : t('queue.count', { count: totalOf(page) })}
          </p>
          {page.nodes.length === 0 ? (
            <p className="empty">{t('queue.empty')}</p>
          ) : (
            <ApplicationTable rows={page.nodes} caption={t('queue.title')} staff />
          )}
          {page.pageInfo.hasNextPage && (
            <div className="load-more">
              <Button
                block
                disabled={loadingMore}
                onClick={() => {
                  setLoadingMore(true);
                  void fetchMore({ variables: { filter, after: page.pageInfo.endCursor } }).finally(() => setLoadingMore(false));
                }}
              >
                {t('place.loadMore')}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
