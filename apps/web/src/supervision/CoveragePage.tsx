/**
 * Centre coverage of a jurisdiction subtree (/supervision/:id/coverage): for its level and each level below, the
 * jurisdictions, built centres and standardised centres, with the built and standardised rates as bars against the
 * city's targets. A target that is not configured reads "未设定", never an invented figure.
 */
import { useMemo, type ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CoverageQuery } from '../gql/graphql';
import type { AdminScope } from '../auth/viewer';
import { LoadError, Loading } from '../common/Status';
import { Pill } from '../common/Tags';
import { useDates } from '../common/dates';
import { usePageTitle } from '../common/usePageTitle';
import { DASHBOARD_ROLES } from './access';
import { JurisdictionBreadcrumb, RequireRoles, useRange } from './common';
import { CoverageDocument } from './documents';
import { percent } from './format';
import './supervision.css';
import './text';

type Level = CoverageQuery['coverage']['levels'][number];

export function CoveragePage() {
  const { t } = useTranslation();
  usePageTitle(t('supervision.coverage.title'));
  return (
    <RequireRoles roles={DASHBOARD_ROLES} forbidden={t('supervision.dashboard.forbidden')}>
      {(_viewer, scopes) => <Coverage scopes={scopes} />}
    </RequireRoles>
  );
}

function Coverage({ scopes }: { scopes: AdminScope[] }) {
  const { t } = useTranslation();
  const { time } = useDates();
  const { jurisdictionId = '' } = useParams();
  const { search } = useRange();
  const { data, error, refetch } = useQuery(CoverageDocument, { variables: { id: jurisdictionId }, fetchPolicy: 'cache-and-network' });
  const c = data?.coverage;
  usePageTitle(c ? t('supervision.coverage.titleOf', { name: c.jurisdiction.name }) : t('supervision.coverage.title'));
  const scopeIds = useMemo(() => new Set(scopes.map((s) => s.id)), [scopes]);
  if (error && !c) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (!c) return <Loading />;
  return (
    <div className="page page-supervision">
      <JurisdictionBreadcrumb
        ancestors={c.jurisdiction.ancestors}
        current={c.jurisdiction}
        scopeIds={scopeIds}
        search={search}
        suffix={{ path: '/coverage', label: t('supervision.coverage.title') }}
      />
      <div className="page-head">
        <h1>{t('supervision.coverage.titleOf', { name: c.jurisdiction.name })}</h1>
        <span className="hint generated-at">{t('supervision.generatedAt', { time: time(c.generatedAt) })}</span>
      </div>
      <p className="hint">{t('supervision.coverage.intro')}</p>
      <p>
        <Link to={`/supervision/${c.jurisdiction.id}${search}`}>{t('supervision.coverage.back')}</Link>
      </p>
      <div className="coverage-levels">
        {c.levels.map((l) => (
          <LevelCard key={l.level} level={l} />
        ))}
      </div>
    </div>
  );
}

function LevelCard({ level: l }: { level: Level }) {
  const { t } = useTranslation();
  const id = `coverage-${l.level}`;
  return (
    <section className="dashboard-section coverage-level" aria-labelledby={id}>
      <h2 id={id}>{t(`level.${l.level}`)}</h2>
      <dl className="coverage-counts">
        <Count label={t('supervision.coverage.total')} value={l.total} />
        <Count label={t('supervision.coverage.built')} value={l.built} />
        <Count label={t('supervision.coverage.standardized')} value={l.standardized} />
      </dl>
      <RateBar name={t('supervision.coverage.builtRate')} rate={l.builtRate} target={l.builtTarget} done={l.built} total={l.total} />
      <RateBar name={t('supervision.coverage.standardizedRate')} rate={l.standardizedRate} target={l.standardizedTarget} done={l.standardized} total={l.total} />
    </section>
  );
}

function Count({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** A rate as text and as a bar with the target marked; the bar is decoration, the text says everything. */
function RateBar({ name, rate, target, done, total }: { name: string; rate: number | null; target: number | null; done: number; total: number }) {
  const { t } = useTranslation();
  const below = rate != null && target != null && rate < target;
  return (
    <div className="rate-row">
      <div className="rate-head">
        <span className="rate-name">{name}</span>
        <span className="rate-value">{percent(rate) ?? t('supervision.noData')}</span>
      </div>
      <div className="rate-bar" aria-hidden="true">
        <div className={`rate-fill ${below ? 'rate-fill-below' : ''}`} style={{ width: `${Math.min(100, Math.max(0, (rate ?? 0) * 100))}%` }} />
        {target != null && <span className="rate-target" style={{ left: `${Math.min(100, target * 100)}%` }} />}
      </div>
      <div className="rate-foot">
        <span>{t('supervision.coverage.counts', { done, total })}</span>
        <span>
          {target == null ? (
            t('supervision.coverage.targetNotSet')
          ) : (
            <>
              {t('supervision.coverage.target', { value: percent(target) })}{' '}
              {rate != null && <Pill tone={below ? 'orange' : 'green'}>{below ? t('supervision.coverage.notReached') : t('supervision.coverage.reached')}</Pill>}
            </>
          )}
        </span>
      </div>
    </div>
  );
}
