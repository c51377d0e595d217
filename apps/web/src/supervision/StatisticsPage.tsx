/**
 * 统计公开 (/statistics, no login): on-time and satisfaction rates of the last 12 months per county of the city, or
 * per township of a chosen county (?county=), and the published results (办理结果公开) of the same area with the
 * applicants' names masked by the server.
 */
import { useId, useState } from 'react';
import { Button } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PublicStatisticsQuery } from '../gql/graphql';
import { LoadError, Loading } from '../common/Status';
import { NativeSelect } from '../common/NativeSelect';
import { Pill } from '../common/Tags';
import { useDates } from '../common/dates';
import { usePageTitle } from '../common/usePageTitle';
import { PublicStatisticsDocument, PublishedResultsDocument } from './documents';
import { percent } from './format';
import './supervision.css';
import './text';

type Row = PublicStatisticsQuery['publicStatistics']['rows'][number];

export function StatisticsPage() {
  const { t } = useTranslation();
  const { day, time } = useDates();
  usePageTitle(t('supervision.statistics.title'));
  const [params, setParams] = useSearchParams();
  const countyId = params.get('county');
  const selectId = useId();
  // the root's rows are the areas to choose from (the counties of a city, the cities of a province)
  const city = useQuery(PublicStatisticsDocument, { variables: { jurisdictionId: null } });
  const area = useQuery(PublicStatisticsDocument, { variables: { jurisdictionId: countyId }, skip: !countyId });
  const stats = countyId ? area.data?.publicStatistics : city.data?.publicStatistics;
  const error = countyId ? area.error : city.error;
  const counties = city.data?.publicStatistics.rows.map((r) => r.jurisdiction) ?? [];

  return (
    <div className="page page-supervision">
      <div className="page-head">
        <h1>{t('supervision.statistics.title')}</h1>
        {stats && <span className="hint generated-at">{t('supervision.generatedAt', { time: time(stats.generatedAt) })}</span>}
      </div>
      {stats && <p className="hint">{t('supervision.statistics.intro', { from: day(stats.from), to: day(stats.to) })}</p>}
      <form className="filters stats-filters" onSubmit={(e) => e.preventDefault()}>
        <div className="filter-field">
          <label htmlFor={selectId}>{t('supervision.statistics.area')}</label>
          <NativeSelect
            id={selectId}
            value={countyId}
            placeholder={t('supervision.statistics.wholeCity')}
            onChange={(v) => setParams(v ? { county: v } : {}, { replace: true })}
            options={counties.map((c) => ({ value: c.id, label: c.name }))}
          />
        </div>
      </form>
      {error && !stats ? (
        <LoadError error={error} onRetry={() => void (countyId ? area.refetch() : city.refetch())} />
      ) : !stats ? (
        <Loading />
      ) : (
        <>
          <section className="dashboard-section" aria-labelledby="stats-heading">
            <h2 id="stats-heading">{t('supervision.statistics.caption', { name: stats.total.jurisdiction.name })}</h2>
            <table className="data-table stats-table">
              <caption className="visually-hidden">{t('supervision.statistics.caption', { name: stats.total.jurisdiction.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('supervision.statistics.place')}</th>
                  <th scope="col" className="num">
                    {t('supervision.statistics.completed')}
                  </th>
                  <th scope="col" className="num">
                    {t('supervision.statistics.onTimeRate')}
                  </th>
                  <th scope="col" className="num">
                    {t('supervision.statistics.evaluations')}
                  </th>
                  <th scope="col" className="num">
                    {t('supervision.statistics.satisfactionRate')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {stats.rows.map((r) => (
                  <StatRow key={r.jurisdiction.id} row={r} name={r.jurisdiction.name} />
                ))}
                <StatRow row={stats.total} name={t('supervision.statistics.total', { name: stats.total.jurisdiction.name })} total />
              </tbody>
            </table>
          </section>
          <PublishedResults key={stats.total.jurisdiction.id} jurisdictionId={stats.total.jurisdiction.id} name={stats.total.jurisdiction.name} />
        </>
      )}
    </div>
  );
}

function Rate({ value }: { value: number | null }) {
  const { t } = useTranslation();
  const text = percent(value);
  if (text == null) return <>{t('supervision.noData')}</>;
  return (
    <span className="stat-rate">
      <span>{text}</span>
      <span className="stat-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, value! * 100)}%` }} />
      </span>
    </span>
  );
}

function StatRow({ row, name, total }: { row: Row; name: string; total?: boolean }) {
  const { t } = useTranslation();
  return (
    <tr className={total ? 'stat-total' : undefined}>
      <th scope="row" data-label={t('supervision.statistics.place')}>
        {name}
      </th>
      <td data-label={t('supervision.statistics.completed')} className="num">
        {row.completed}
      </td>
      <td data-label={t('supervision.statistics.onTimeRate')} className="num">
        <Rate value={row.onTimeRate} />
      </td>
      <td data-label={t('supervision.statistics.evaluations')} className="num">
        {row.evaluations}
      </td>
      <td data-label={t('supervision.statistics.satisfactionRate')} className="num">
        <Rate value={row.satisfactionRate} />
      </td>
    </tr>
  );
}

function PublishedResults({ jurisdictionId, name }: { jurisdictionId: string; name: string }) {
  const { t } = useTranslation();
  const { day } = useDates();
  const { data, error, fetchMore, refetch } = useQuery(PublishedResultsDocument, { variables: { id: jurisdictionId } });
  const [more, setMore] = useState(false);
  const page = data?.publishedResults;
  return (
    <section className="dashboard-section" aria-labelledby="results-heading">
      <h2 id="results-heading">{t('supervision.statistics.results')}</h2>
      <p className="hint">{t('supervision.statistics.resultsIntro', { name })}</p>
      {error && !page ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : !page ? (
        <Loading />
      ) : page.nodes.length === 0 ? (
        <p className="empty">{t('supervision.statistics.resultsEmpty')}</p>
      ) : (
        <>
          <p className="result-count">{t('supervision.statistics.resultsCount', { count: page.totalCount })}</p>
          <table className="data-table">
            <caption className="visually-hidden">{t('supervision.statistics.resultsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('supervision.statistics.item')}</th>
                <th scope="col">{t('supervision.statistics.handledBy')}</th>
                <th scope="col">{t('supervision.statistics.completedOn')}</th>
                <th scope="col">{t('supervision.statistics.result')}</th>
                <th scope="col">{t('supervision.statistics.applicant')}</th>
              </tr>
            </thead>
            <tbody>
              {page.nodes.map((r, i) => (
                <tr key={i}>
                  <th scope="row" data-label={t('supervision.statistics.item')}>
                    {r.serviceItemName}
                  </th>
                  <td data-label={t('supervision.statistics.handledBy')}>{r.handledBy}</td>
                  <td data-label={t('supervision.statistics.completedOn')}>{day(r.completedOn)}</td>
                  <td data-label={t('supervision.statistics.result')}>
                    <Pill tone={r.result === 'APPROVED' ? 'green' : 'red'}>{t(`supervision.statistics.${r.result}`)}</Pill>
                  </td>
                  <td data-label={t('supervision.statistics.applicant')}>{r.applicantName}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.pageInfo.hasNextPage && (
            <div className="load-more">
              <Button
                block
                disabled={more}
                onClick={() => {
                  setMore(true);
                  void fetchMore({
                    variables: { after: page.pageInfo.endCursor },
                    updateQuery: (prev, { fetchMoreResult }) => ({
                      ...fetchMoreResult,
                      publishedResults: { ...fetchMoreResult.publishedResults, nodes: [...prev.publishedResults.nodes, ...fetchMoreResult.publishedResults.nodes] },
                    }),
                  }).finally(() => setMore(false));
                }}
              >
                {t('supervision.loadMore')}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
