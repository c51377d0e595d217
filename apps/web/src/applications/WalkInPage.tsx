/**
 * 窗口代录 (walk-in): a clerk records an application for a person at the window of a centre in their scope — the
 * centre (preselected when the clerk has one), an item that can be lodged there (a COLLECT or ACCEPT stage at its
 * level, the same availability the guides use), then the application form in window mode (ApplyForm). After the
 * submit: the number and the lookup code, and 当场受理 — the normal accept, offered when `nextActions` has it —
 * which opens the printable receipt. Centre, item and the lodged application live in the URL, so a reload keeps
 * the step.
 */
import { useId, useState, type FormEvent } from 'react';
import { Alert, Button, Result } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { RequireLogin } from '../auth/RequireLogin';
import { roleScopes, type AdminScope, type Viewer } from '../auth/viewer';
import { apiError } from '../common/errors';
import { NativeSelect } from '../common/NativeSelect';
import { PagedResults } from '../common/PagedResults';
import { changedParams } from '../common/params';
import { LoadError, Loading } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import { PlaceDocument } from '../public/place';
import { ApplyForm } from './ApplyPage';
import { isAvailableAt } from './availability';
import { AcceptApplicationDocument, ApplicationDocument, ApplyItemDocument } from './documents';
import { SubmittedPanel } from './SubmittedPanel';
import './linkage-text';
import './linkage.css';

/** The items that can be lodged at a place (the guides' availability), searchable; `edition` keys them in the cache. */
const WalkInItemsDocument = graphql(`
  query WalkInItems($placeId: ID!, $search: String, $after: String) {
    serviceItems(filter: { availableAt: $placeId, search: $search }, first: 20, after: $after) {
      totalCount
      nodes {
        id
        edition
        code
        name
        handlingKind
        promisedLimit
        promisedUnit
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export function WalkInPage() {
  const { t } = useTranslation();
  usePageTitle(t('linkage.walkIn.title'));
  return (
    <RequireLogin>
      {(viewer) => {
        const scopes = roleScopes(viewer, 'CLERK');
        if (!scopes.length) return <Result status="403" title={<h1 className="result-title">{t('linkage.walkIn.forbidden')}</h1>} />;
        return <WalkIn viewer={viewer} scopes={scopes} />;
      }}
    </RequireLogin>
  );
}

function WalkIn({ viewer, scopes }: { viewer: Viewer; scopes: AdminScope[] }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const ids = { centre: useId() };
  const asked = params.get('centre');
  const centreId = scopes.some((s) => s.id === asked) ? (asked as string) : scopes.length === 1 ? scopes[0].id : null;
  const itemId = params.get('item');
  const done = params.get('done');
  const update = (changes: Record<string, string | null>) => setParams(changedParams(params, changes));

  return (
    <div className="page page-walkin">
      <h1>{t('linkage.walkIn.title')}</h1>
      {done ? (
        <WalkInDone id={done} next={() => setParams(centreId && scopes.length > 1 ? new URLSearchParams({ centre: centreId }) : new URLSearchParams())} />
      ) : (
        <>
          <p className="hint">{t('linkage.walkIn.intro')}</p>
          {scopes.length > 1 && (
            <div className="filter-field walkin-centre">
              <label htmlFor={ids.centre}>{t('linkage.walkIn.centre')}</label>
              <NativeSelect
                id={ids.centre}
                value={centreId}
                onChange={(v) => update({ centre: v, item: null })}
                options={scopes.map((s) => ({ value: s.id, label: s.name }))}
                placeholder={t('linkage.walkIn.chooseCentre')}
              />
            </div>
          )}
          {centreId && <AtCentre key={centreId} centreId={centreId} itemId={itemId} viewer={viewer} onItem={(id) => update({ item: id })} onDone={(id) => update({ done: id, item: null })} />}
        </>
      )}
    </div>
  );
}

function AtCentre({
  centreId,
  itemId,
  viewer,
  onItem,
  onDone,
}: {
  centreId: string;
  itemId: string | null;
  viewer: Viewer;
  onItem: (id: string | null) => void;
  onDone: (id: string) => void;
}) {
  const { t } = useTranslation();
  const place = useQuery(PlaceDocument, { variables: { id: centreId } });
  const item = useQuery(ApplyItemDocument, { variables: { id: itemId ?? '' }, skip: !itemId, fetchPolicy: 'cache-and-network' });
  const pl = place.data?.jurisdiction ?? null;
  if (place.error && !place.data) return <LoadError error={place.error} onRetry={() => void place.refetch()} />;
  if (!pl) return <Loading />;
  const centre = pl.serviceCenter?.name ?? pl.name;
  const head = <p className="walkin-centre-name">{t('linkage.walkIn.centreFixed', { name: centre })}</p>;
  if (!itemId) {
    return (
      <>
        {head}
        <ItemPicker placeId={pl.id} onItem={onItem} />
      </>
    );
  }
  if (item.error && !item.data) return <LoadError error={item.error} onRetry={() => void item.refetch()} />;
  if (item.loading && !item.data) return <Loading />;
  const it = item.data?.serviceItem ?? null;
  const change = (
    <Button onClick={() => onItem(null)} className="walkin-change">
      {t('linkage.walkIn.changeItem')}
    </Button>
  );
  if (!it || it.exemption || !isAvailableAt(it, pl)) {
    return (
      <>
        {head}
        <Alert className="form-alert" type="warning" showIcon title={it?.exemption ? t('guide.exemptionTitle') : t('linkage.walkIn.notHere')} />
        {change}
      </>
    );
  }
  return (
    <>
      {head}
      <p className="walkin-chosen">
        {t('linkage.walkIn.chosen', { name: it.name })} {change}
      </p>
      <ApplyForm key={`${it.id}|${pl.id}`} item={it} place={pl} mode="window" viewer={viewer} onSubmitted={onDone} />
    </>
  );
}

function ItemPicker({ placeId, onItem }: { placeId: string; onItem: (id: string) => void }) {
  const { t } = useTranslation();
  const searchId = useId();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const variables = { placeId, search: search || null };
  const { data, error, loading, fetchMore, refetch } = useQuery(WalkInItemsDocument, { variables, fetchPolicy: 'cache-and-network' });
  const page = data?.serviceItems;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSearch(typed.trim());
  };
  return (
    <section className="apply-section" aria-labelledby="walkin-items">
      <h2 id="walkin-items">{t('linkage.walkIn.itemsTitle')}</h2>
      <form className="search-row" role="search" onSubmit={submit}>
        <label htmlFor={searchId} className="visually-hidden">
          {t('linkage.walkIn.search')}
        </label>
        <input id={searchId} type="search" className="native-input" value={typed} maxLength={100} placeholder={t('linkage.walkIn.search')} onChange={(e) => setTyped(e.target.value)} />
        <Button htmlType="submit" type="primary">
          {t('linkage.walkIn.searchButton')}
        </Button>
      </form>
      <PagedResults
        page={page}
        error={error}
        onRetry={() => void refetch()}
        onMore={(after) => fetchMore({ variables: { ...variables, after } })}
        count={(count) => (loading ? t('app.loading') : t('linkage.walkIn.itemsCount', { count }))}
        live
        empty={t('linkage.walkIn.noItems')}
        moreLabel={t('linkage.walkIn.loadMore')}
      >
        {(items) => (
          <ul className="walkin-items" aria-labelledby="walkin-items">
            {items.map((i) => (
              <li key={i.id} className="walkin-item">
                <span className="walkin-item-name">
                  {i.name} <span className="hint">{i.code}</span>
                </span>
                <Button onClick={() => onItem(i.id)} aria-label={t('linkage.walkIn.chooseNamed', { name: i.name })}>
                  {t('linkage.walkIn.choose')}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </PagedResults>
    </section>
  );
}

/** The confirmation at the window: number and lookup code, and 当场受理 when the clerk may accept it now. */
function WalkInDone({ id, next }: { id: string; next: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data, error, loading, refetch } = useQuery(ApplicationDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [accept, { loading: accepting }] = useMutation(AcceptApplicationDocument, { refetchQueries: [{ query: ApplicationDocument, variables: { id } }], awaitRefetchQueries: true });
  const [failed, setFailed] = useState<string | null>(null);
  const app = data?.application ?? null;
  if (error && !data) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  if (!app) return <Result status="404" title={<h2 className="result-title">{t('application.notFound')}</h2>} />;
  const acceptNow = async () => {
    setFailed(null);
    try {
      await accept({ variables: { id } });
      void navigate(`/applications/${id}/print/receipt`);
    } catch (e) {
      setFailed(t('linkage.walkIn.acceptFailed', { message: apiError(e).message }));
      void refetch();
    }
  };
  return (
    <>
      <SubmittedPanel app={app} />
      {failed && <Alert className="form-alert page-alert" type="error" showIcon title={failed} />}
      <div className="walkin-after">
        {app.nextActions.includes('ACCEPT') && (
          <>
            <p className="hint">{t('linkage.walkIn.acceptHint')}</p>
            <Button type="primary" size="large" onClick={() => void acceptNow()} disabled={accepting}>
              {accepting ? t('linkage.walkIn.accepting') : t('linkage.walkIn.acceptNow')}
            </Button>
          </>
        )}
        {app.receipt && (
          <Link to={`/applications/${id}/print/receipt`} className="big-link">
            {t('linkage.walkIn.receipt')}
          </Link>
        )}
        <Link to={`/applications/${id}`} className="big-link">
          {t('linkage.walkIn.openApplication')}
        </Link>
        <Button onClick={next}>{t('linkage.walkIn.next')}</Button>
      </div>
    </>
  );
}
