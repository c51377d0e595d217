/**
 * The items a citizen can apply for at one place (published items of its level owned by it or an ancestor),
 * with search and category filter kept in the URL, its centre, and links to the levels above.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { JurisdictionLevel, ServiceCategory } from '../gql/graphql';
import { CATEGORIES } from '../common/enums';
import { usePageTitle } from '../common/usePageTitle';
import { LoadError, Loading } from '../common/Status';
import { Pill } from '../common/Tags';
import { Button, Card, Result } from '../common/ui';
import { CenterCard } from './CenterCard';
import { PlaceBreadcrumb } from './PlaceBreadcrumb';
import { PlacePicker } from './PlacePicker';
import { PlaceDocument, rememberPlace } from './place';


const ItemsAtPlaceDocument = graphql(`
  query ItemsAtPlace($placeId: ID!, $search: String, $category: ServiceCategory, $after: String) {
    serviceItems(filter: { availableAt: $placeId, search: $search, category: $category }, first: 20, after: $after) {
      totalCount
      nodes {
        id
        edition
        code
        name
        category
        type
        handlingKind
        promisedLimit
        promisedUnit
        onlineCapable
        visitsRequired
        demo
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

function isCategory(v: string | null): v is ServiceCategory {
  return !!v && (CATEGORIES as readonly string[]).includes(v);
}

function ItemList({ placeId, search, category }: { placeId: string; search: string; category: ServiceCategory | null }) {
  const { t } = useTranslation();
  const variables = { placeId, search: search || null, category };
  // cache-and-network: a guide published a moment ago shows up without reloading the app
  const { data, error, loading, fetchMore, refetch } = useQuery(ItemsAtPlaceDocument, { variables, fetchPolicy: 'cache-and-network' });
  const [loadingMore, setLoadingMore] = useState(false);
  const page = data?.serviceItems;
  if (error && !page) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (!page) return <Loading />;
  const more = async () => {
    setLoadingMore(true);
    try {
      await fetchMore({ variables: { ...variables, after: page.pageInfo.endCursor } });
    } finally {
      setLoadingMore(false);
    }
  };
  return (
    <>
      <p className="result-count" aria-live="polite">
        {loading ? t('app.loading') : t('place.itemsCount', { count: page.totalCount })}
      </p>
      {page.nodes.length === 0 ? (
        <p className="empty">{t('place.noItems')}</p>
      ) : (
        <ul className="item-list" aria-labelledby="items-heading">
          {page.nodes.map((item) => (
            <li key={item.id} className="item-card">
              <h3 className="item-name">
                <Link to={`/items/${item.id}?at=${placeId}`}>{item.name}</Link>
              </h3>
              <div className="item-meta">
                <Pill tone="blue">{t(`category.${item.category}`)}</Pill>
                <Pill>{t(`itemType.${item.type}`)}</Pill>
                <Pill tone={item.handlingKind === 'INSTANT' ? 'green' : 'neutral'}>{t(`handlingKind.${item.handlingKind}`)}</Pill>
                {item.demo && <Pill tone="purple">{t('place.demo')}</Pill>}
              </div>
              <p className="item-facts">
                <span>
                  {item.handlingKind === 'INSTANT'
                    ? t('place.instant')
                    : t('place.promised', { limit: item.promisedLimit, unit: t(`unit.${item.promisedUnit}`) })}
                </span>
                <span>{item.onlineCapable ? t('place.online') : t('place.notOnline')}</span>
                <span>{item.visitsRequired === 0 ? t('place.zeroVisits') : t('place.visits', { count: item.visitsRequired })}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      {page.pageInfo.hasNextPage && (
        <div className="load-more">
          <Button onClick={() => void more()} disabled={loadingMore} block>
            {t('place.loadMore')}
          </Button>
        </div>
      )}
    </>
  );
}

const LEVEL_ITEMS: JurisdictionLevel[] = ['TOWNSHIP', 'COUNTY', 'CITY'];

export function PlacePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const categoryParam = params.get('category');
  const category = isCategory(categoryParam) ? categoryParam : null;
  const [draft, setDraft] = useState(search);
  const searchId = useId();
  const categoryId = useId();
  const { data, error, loading, refetch } = useQuery(PlaceDocument, { variables: { id } });
  const place = data?.jurisdiction ?? null;
  usePageTitle(place ? t('place.title', { name: place.name }) : null);

  useEffect(() => setDraft(search), [search]);
  useEffect(() => {
    if (place) rememberPlace(place.id);
  }, [place]);

  if (error && !data) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  if (!place) {
    return (
      <Result
        headingLevel={1}
        title={t('place.notFound')}
        extra={
          <Link to="/" className="big-link">
            {t('place.changePlace')}
          </Link>
        }
      />
    );
  }

  const setFilter = (next: { q?: string; category?: string | null }) => {
    const p = new URLSearchParams(params);
    if (next.q !== undefined) {
      if (next.q) p.set('q', next.q);
      else p.delete('q');
    }
    if (next.category !== undefined) {
      if (next.category) p.set('category', next.category);
      else p.delete('category');
    }
    setParams(p, { replace: true });
  };
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    setFilter({ q: draft.trim() });
  };
  const upLevels = place.ancestors.filter((a) => LEVEL_ITEMS.includes(a.level)).reverse();

  return (
    <div className="page page-place">
      <PlaceBreadcrumb ancestors={place.ancestors} place={place} />
      <h1>{t('place.title', { name: place.name })}</h1>
      <div className="place-columns">
        <div className="place-main">
          <section aria-labelledby="items-heading">
            <h2 id="items-heading" className="visually-hidden">
              {t('place.itemsHeading')}
            </h2>
            <form role="search" className="filters" onSubmit={onSearch}>
              <div className="filter-field filter-search">
                <label htmlFor={searchId}>{t('place.search')}</label>
                <div className="search-row">
                  <input
                    id={searchId}
                    name="q"
                    className="text-input"
                    type="search"
                    value={draft}
                    onChange={(e) => setDraft(e.target.value)}
                    placeholder={t('place.searchPlaceholder')}
                    maxLength={100}
                  />
                  <Button variant="primary" htmlType="submit">
                    {t('place.searchButton')}
                  </Button>
                </div>
              </div>
              <div className="filter-field">
                <label htmlFor={categoryId}>{t('place.category')}</label>
                <select id={categoryId} name="category" className="native-select" value={category ?? ''} onChange={(e) => setFilter({ category: e.target.value || null })}>
                  <option value="">{t('place.allCategories')}</option>
                  {CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {t(`category.${c}`)}
                    </option>
                  ))}
                </select>
              </div>
            </form>
            {place.level === 'VILLAGE' && <p className="hint">{t('place.villageHint')}</p>}
            <ItemList key={`${place.id}|${search}|${category ?? ''}`} placeId={place.id} search={search} category={category} />
          </section>
        </div>
        <div className="place-side">
          <div className="side">
            <CenterCard center={place.serviceCenter} />
            {upLevels.length > 0 && (
              <Card className="side-card" title={<h2 className="card-heading">{t('place.upLevel')}</h2>}>
                <ul className="link-list">
                  {upLevels.map((a) => (
                    <li key={a.id}>
                      <Link to={`/place/${a.id}`}>{t('place.upLevelLink', { name: a.name, kind: t(`levelItems.${a.level}`) })}</Link>
                    </li>
                  ))}
                </ul>
              </Card>
            )}
            <Card className="side-card" title={<h2 className="card-heading">{t('place.changePlace')}</h2>}>
              <PlacePicker key={place.id} initialPath={[...place.ancestors, place]} onSubmit={(p) => navigate(`/place/${p.id}`)} />
            </Card>
          </div>
        </div>
      </div>
    </div>
  );
}
