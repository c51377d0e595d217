/**
 * Home: choose your place (city → county → township → village); the last place chosen is offered again.
 * The picker is a plain GET form, so it also works before (or without) the app's code: the server renders this
 * page with the levels chosen so far (`?city=…&county=…`) and the next level's options, and sends a chosen
 * village on to its page.
 */
import { useQuery } from '@apollo/client/react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LEVELS } from '../common/enums';
import { usePageTitle } from '../common/usePageTitle';
import { Loading } from '../common/Status';
import { Card } from '../common/ui';
import { CenterCard } from './CenterCard';
import { PlaceBreadcrumb } from './PlaceBreadcrumb';
import { PlacePicker } from './PlacePicker';
import { PlaceDocument, rememberPlace, useRememberedPlaceId } from './place';

/** The deepest level chosen in the picker's form (a submission without the app's code). */
function formPlaceId(params: URLSearchParams): string | null {
  for (const l of [...LEVELS].reverse()) {
    const v = params.get(l.toLowerCase());
    if (v && /^\d{1,18}$/.test(v)) return v;
  }
  return null;
}

export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t('home.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const remembered = useRememberedPlaceId();
  const rememberedId = formPlaceId(params) ?? remembered;
  const { data, loading } = useQuery(PlaceDocument, { variables: { id: rememberedId ?? '' }, skip: !rememberedId, errorPolicy: 'all' });
  const place = data?.jurisdiction ?? null;
  const initialPath = place ? [...place.ancestors, place] : [];

  return (
    <div className="page page-home">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p className="lead">{t('home.intro')}</p>
        <Card className="picker-card">
          {rememberedId && loading ? (
            <Loading />
          ) : (
            <PlacePicker
              key={place?.id ?? 'none'}
              action="/"
              initialPath={initialPath}
              onSubmit={(p) => {
                rememberPlace(p.id);
                void navigate(`/place/${p.id}`);
              }}
            />
          )}
        </Card>
      </section>
      {place && (
        <section className="remembered" aria-labelledby="remembered-title">
          <h2 id="remembered-title">{t('home.remembered')}</h2>
          <PlaceBreadcrumb ancestors={place.ancestors} place={place} current={false} />
          <p>
            <Link to={`/place/${place.id}`} className="big-link">
              {t('home.continue', { name: place.name })}
            </Link>
          </p>
          <CenterCard center={place.serviceCenter} headingLevel={3} />
        </section>
      )}
      <section className="levels" aria-labelledby="levels-title">
        <h2 id="levels-title">{t('home.levelsTitle')}</h2>
        <ul className="level-cards">
          {LEVELS.map((l) => (
            <li key={l}>
              <strong>{t(`home.levelCenter.${l}`)}</strong>
              <span>{t(`home.levelText.${l}`)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
