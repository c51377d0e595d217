/**
 * 四级联动 on the dashboard: where applications wait now (open and overdue per level and stage), and per level and
 * stage kind over the range: arrivals, on-time rate, median and p90 dwell in working days, returns, objections,
 * extensions and the station pre-checks a later notice found wanting.
 */
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DownloadOutlined } from '@ant-design/icons';
import { graphql } from '../gql';
import { LoadError, Loading } from '../common/Status';
import '../applications/linkage-text';
import { stageDrillHref } from './stage-links';
import './text';

const StageFiguresDocument = graphql(`
  query StageFigures($id: ID!, $from: Date!, $to: Date!) {
    performance(jurisdictionId: $id, from: $from, to: $to) {
      jurisdiction {
        id
      }
      stageFigures {
        level
        kind
        arrivals
        done
        doneOnTime
        onTimeRate
        medianDwellDays
        p90DwellDays
        returns
        objections
        extensions
        precheckMisses
      }
      stagesWaiting {
        level
        kind
        open
        overdue
      }
    }
  }
`);

export function StageFiguresPanel({ jurisdictionId, from, to }: { jurisdictionId: string; from: string; to: string }) {
  const { t } = useTranslation();
  const { data, error, loading, refetch } = useQuery(StageFiguresDocument, { variables: { id: jurisdictionId, from, to }, fetchPolicy: 'cache-and-network' });
  const p = data?.performance;
  const label = (level: string, kind: string) => `${t(`level.${level as 'VILLAGE'}`)} · ${t(`linkage.kind.${kind as 'ACCEPT'}`)}`;
  const range = { from, to };
  /** A count as a link to the applications behind it (none behind a zero). */
  const drill = (n: number, level: string, kind: string, mode: 'ARRIVED' | 'WAITING' | 'OVERDUE') =>
    n > 0 ? <Link className="figure-link" to={stageDrillHref(jurisdictionId, range, level, kind, mode)}>{n}</Link> : n;
  const exportQuery = new URLSearchParams({ jurisdictionId, from, to }).toString();
  const pct = (v: number | null) => (v == null ? t('supervision.noData') : `${(v * 100).toFixed(1)}%`);
  return (
    <section className="dashboard-section" aria-labelledby="stages-heading">
      <h2 id="stages-heading">{t('linkage.dashboard.title')}</h2>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : !p ? null : (
        <>
          <p className="hint">{t('linkage.dashboard.drillHint')}</p>
          <h3>{t('linkage.dashboard.waiting')}</h3>
          {p.stagesWaiting.length === 0 ? (
            <p>{t('supervision.noData')}</p>
          ) : (
            <table className="data-table">
              <caption className="visually-hidden">{t('linkage.dashboard.waiting')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('linkage.dashboard.stage')}</th>
                  <th scope="col">{t('linkage.dashboard.open')}</th>
                  <th scope="col">{t('linkage.dashboard.overdue')}</th>
                </tr>
              </thead>
              <tbody>
                {p.stagesWaiting.map((w) => (
                  <tr key={`${w.level}${w.kind}`}>
                    <th scope="row">{label(w.level, w.kind)}</th>
                    <td>{drill(w.open, w.level, w.kind, 'WAITING')}</td>
                    <td>{drill(w.overdue, w.level, w.kind, 'OVERDUE')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t('linkage.dashboard.figures')}</h3>
          {p.stageFigures.length === 0 ? (
            <p>{t('supervision.noData')}</p>
          ) : (
            <table className="data-table">
              <caption className="visually-hidden">{t('linkage.dashboard.figures')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('linkage.dashboard.stage')}</th>
                  <th scope="col">{t('linkage.dashboard.arrivals')}</th>
                  <th scope="col">{t('linkage.dashboard.onTimeRate')}</th>
                  <th scope="col">{t('linkage.dashboard.median')}</th>
                  <th scope="col">{t('linkage.dashboard.p90')}</th>
                  <th scope="col">{t('linkage.dashboard.returns')}</th>
                  <th scope="col">{t('linkage.dashboard.objections')}</th>
                  <th scope="col">{t('linkage.dashboard.extensions')}</th>
                  <th scope="col">{t('linkage.dashboard.precheckMisses')}</th>
                </tr>
              </thead>
              <tbody>
                {p.stageFigures.map((f) => (
                  <tr key={`${f.level}${f.kind}`}>
                    <th scope="row">{label(f.level, f.kind)}</th>
                    <td>{drill(f.arrivals, f.level, f.kind, 'ARRIVED')}</td>
                    <td>{pct(f.onTimeRate)}</td>
                    <td>{f.medianDwellDays ?? t('supervision.noData')}</td>
                    <td>{f.p90DwellDays ?? t('supervision.noData')}</td>
                    <td>{f.returns}</td>
                    <td>{f.objections}</td>
                    <td>{f.extensions}</td>
                    <td>{f.kind === 'COLLECT' ? f.precheckMisses : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="export-links">
            <a className="link-button" href={`/api/dashboard/stages.xlsx?${exportQuery}`} download>
              <DownloadOutlined aria-hidden="true" /> {t('linkage.dashboard.exportXlsx')}
            </a>
          </div>
        </>
      )}
    </section>
  );
}
