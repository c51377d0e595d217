/**
 * 监督看板: the figures of a jurisdiction subtree over a date range (default: this year to date) — headline cards,
 * the children table (click to drill down: /supervision/:id?from=&to=), charts per group of figures (trend by
 * day/week/month, children compared, top 10 service items), the overdue applications and the Excel/CSV exports.
 * The breadcrumb goes back up as far as the viewer's scope. Everything is in the URL, so a view can be shared.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { StageFiguresPanel } from './StageFiguresPanel';
import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DashboardOverdueQuery, DashboardQuery, TrendGranularity } from '../gql/graphql';
import type { AdminScope, Viewer } from '../auth/viewer';
import { LoadError, Loading } from '../common/Status';
import { Pill } from '../common/Tags';
import { useDates } from '../common/dates';
import { NativeSelect } from '../common/NativeSelect';
import { usePageTitle } from '../common/usePageTitle';
import { supervisionZh } from './i18n';
import { APPLICATION_LIST_ROLES, ASSESSOR_ROLES, covers, DASHBOARD_ROLES, RECTIFICATION_ROLES, scopesFor } from './access';
import { JurisdictionBreadcrumb, RequireRoles, useRange, type Range } from './common';
import { PagedTable, type Column } from './PagedTable';
import { DashboardDocument, DashboardOverdueDocument } from './documents';
import { GROUPS, KIND, TABLE_FIGURES, type FigureKey, type GroupKey } from './figures';
import { PRESETS, presetRange, useFigureFormat } from './format';
import { ChildrenChart, ItemsChart, TrendChart } from './DashboardCharts';
import './text';

type Perf = DashboardQuery['performance'];

/** /supervision: the viewer's own (outermost) jurisdiction. */
export function DashboardHomePage() {
  const { t } = useTranslation();
  const location = useLocation();
  usePageTitle(t('supervision.dashboard.title'));
  return (
    <RequireRoles roles={DASHBOARD_ROLES} forbidden={t('supervision.dashboard.forbidden')}>
      {(_viewer, scopes) => <Navigate to={`/supervision/${scopes[0].id}${location.search}`} replace />}
    </RequireRoles>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  usePageTitle(t('supervision.dashboard.title'));
  return (
    <RequireRoles roles={DASHBOARD_ROLES} forbidden={t('supervision.dashboard.forbidden')}>
      {(viewer, scopes) => <Dashboard viewer={viewer} scopes={scopes} />}
    </RequireRoles>
  );
}

function Dashboard({ viewer, scopes }: { viewer: Viewer; scopes: AdminScope[] }) {
  const { t } = useTranslation();
  const { jurisdictionId = '' } = useParams();
  const { range, valid, setRange, search } = useRange();
  const navigate = useNavigate();
  const { time } = useDates();
  const { data, error, loading, refetch } = useQuery(DashboardDocument, {
    variables: { id: jurisdictionId, from: range.from, to: range.to },
    skip: !valid,
    fetchPolicy: 'cache-and-network',
  });
  const p = data?.performance ?? null;
  usePageTitle(p ? t('supervision.dashboard.titleOf', { name: p.jurisdiction.name }) : t('supervision.dashboard.title'));
  const scopeIds = useMemo(() => new Set(scopes.map((s) => s.id)), [scopes]);
  const scopeSelectId = useId();
  const currentScope = p ? [...p.jurisdiction.ancestors.map((a) => a.id), p.jurisdiction.id].find((id) => scopeIds.has(id)) : jurisdictionId;

  return (
    <div className="page page-supervision">
      {p && <JurisdictionBreadcrumb ancestors={p.jurisdiction.ancestors} current={p.jurisdiction} scopeIds={scopeIds} search={search} />}
      <div className="page-head">
        <h1>{p ? t('supervision.dashboard.titleOf', { name: p.jurisdiction.name }) : t('supervision.dashboard.title')}</h1>
        {p && <span className="hint generated-at">{t('supervision.generatedAt', { time: time(p.generatedAt) })}</span>}
      </div>

      <div className="filters dashboard-filters">
        {scopes.length > 1 && (
          <div className="filter-field">
            <label htmlFor={scopeSelectId}>{t('supervision.dashboard.scope')}</label>
            <NativeSelect
              id={scopeSelectId}
              value={currentScope ?? ''}
              onChange={(v) => v && navigate(`/supervision/${v}${search}`)}
              options={scopes.map((s) => ({ value: s.id, label: s.name }))}
            />
          </div>
        )}
        <RangeFields range={range} onChange={setRange} />
      </div>
      {!valid && (
        <p className="field-error" role="alert">
          {t('supervision.dashboard.rangeInvalid')}
        </p>
      )}

      {valid && error && !p ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : valid && !p ? (
        <Loading />
      ) : p ? (
        <DashboardBody p={p} viewer={viewer} range={range} search={search} loading={loading} />
      ) : null}
    </div>
  );
}

function RangeFields({ range, onChange }: { range: Range; onChange(r: Range): void }) {
  const { t } = useTranslation();
  const ids = { from: useId(), to: useId(), presets: useId() };
  return (
    <>
      <fieldset className="filter-field range-fields">
        <legend>{t('supervision.dashboard.range')}</legend>
        <div className="filter-dates">
          <div>
            <label htmlFor={ids.from}>{t('supervision.dashboard.from')}</label>
            <input
              id={ids.from}
              type="date"
              className="native-input"
              value={range.from}
              max={range.to}
              required
              onChange={(e) => e.target.value && onChange({ ...range, from: e.target.value })}
            />
          </div>
          <div>
            <label htmlFor={ids.to}>{t('supervision.dashboard.to')}</label>
            <input
              id={ids.to}
              type="date"
              className="native-input"
              value={range.to}
              min={range.from}
              required
              onChange={(e) => e.target.value && onChange({ ...range, to: e.target.value })}
            />
          </div>
        </div>
      </fieldset>
      <div className="filter-field presets" role="group" aria-labelledby={ids.presets}>
        <span id={ids.presets} className="presets-label">
          {t('supervision.dashboard.presets')}
        </span>
        <div className="preset-buttons">
          {PRESETS.map((k) => {
            const r = presetRange(k);
            const active = r.from === range.from && r.to === range.to;
            return (
              <Button key={k} type={active ? 'primary' : 'default'} aria-pressed={active} onClick={() => onChange(r)}>
                {t(`supervision.dashboard.${k}`)}
              </Button>
            );
          })}
        </div>
      </div>
    </>
  );
}

type HintKey = keyof typeof supervisionZh.figureHint;
const hasHint = (k: FigureKey): k is FigureKey & HintKey => k in supervisionZh.figureHint;

function DashboardBody({ p, viewer, range, search, loading }: { p: Perf; viewer: Viewer; range: Range; search: string; loading: boolean }) {
  const { t } = useTranslation();
  const fmt = useFigureFormat();
  const j = p.jurisdiction;
  const ancestorIds = j.ancestors.map((a) => a.id);
  const mayList = covers(viewer, APPLICATION_LIST_ROLES, j.id, ancestorIds);
  const mayAssess = covers(viewer, ASSESSOR_ROLES, j.id, ancestorIds) && (j.level === 'COUNTY' || j.level === 'CITY');
  const mayRectify = scopesFor(viewer, RECTIFICATION_ROLES).length > 0;
  const exportQuery = new URLSearchParams({ jurisdictionId: j.id, from: range.from, to: range.to }).toString();

  return (
    <div aria-busy={loading}>
      <nav className="related-links" aria-label={t('supervision.dashboard.more')}>
        <Link to={`/supervision/${j.id}/coverage${search}`}>{t('supervision.dashboard.coverage')}</Link>
        {mayAssess && <Link to={`/supervision/assessments?county=${j.level === 'COUNTY' ? j.id : ''}`}>{t('supervision.dashboard.assessments')}</Link>}
        {mayRectify && <Link to="/clerk/rectifications">{t('supervision.dashboard.rectifications')}</Link>}
      </nav>

      <section className="dashboard-section" aria-labelledby="headline-heading">
        <h2 id="headline-heading">{t('supervision.dashboard.headline')}</h2>
        <div className="kpi-groups">
          {GROUPS.map((g) => (
            <section key={g.key} className="kpi-group" aria-labelledby={`kpi-${g.key}`}>
              <h3 id={`kpi-${g.key}`}>{t(`supervision.dashboard.groups.${g.key}`)}</h3>
              <dl className="kpi-grid">
                {g.cards.map((k) => {
                  const v = p[k];
                  return (
                    <div key={k} className={`kpi ${v == null ? 'kpi-empty' : ''}`} data-figure={k}>
                      <dt>{t(`supervision.figure.${k}`)}</dt>
                      <dd className="kpi-value">{k === 'rectifiedInTime' && v != null ? t('supervision.ofBad', { done: v, total: p.badReviews }) : fmt(v, KIND[k])}</dd>
                      {hasHint(k) && <dd className="kpi-hint">{t(`supervision.figureHint.${k}`)}</dd>}
                    </div>
                  );
                })}
              </dl>
            </section>
          ))}
        </div>
        <p className="hint">{t('supervision.dashboard.liveNote')}</p>
      </section>

      <ChildrenTable p={p} search={search} />

      <ChartsSection p={p} range={range} />

      <OverdueSection p={p} mayList={mayList} />

      <StageFiguresPanel jurisdictionId={j.id} from={range.from} to={range.to} />

      <section className="dashboard-section" aria-labelledby="export-heading">
        <h2 id="export-heading">{t('supervision.dashboard.export')}</h2>
        <p className="hint">{t('supervision.dashboard.exportHint')}</p>
        <div className="export-links">
          <a className="link-button" href={`/api/dashboard/export.xlsx?${exportQuery}`} download>
            <DownloadOutlined aria-hidden="true" /> {t('supervision.dashboard.exportXlsx')}
          </a>
          <a className="link-button" href={`/api/dashboard/export.csv?${exportQuery}`} download>
            <DownloadOutlined aria-hidden="true" /> {t('supervision.dashboard.exportCsv')}
          </a>
        </div>
      </section>
    </div>
  );
}

function ChildrenTable({ p, search }: { p: Perf; search: string }) {
  const { t } = useTranslation();
  const fmt = useFigureFormat();
  const navigate = useNavigate();
  return (
    <section className="dashboard-section" aria-labelledby="children-heading">
      <h2 id="children-heading">{t('supervision.dashboard.children')}</h2>
      {p.children.length === 0 ? (
        <p className="hint">{t('supervision.dashboard.noChildren')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="children-heading" tabIndex={0}>
          <table className="data-table figures-table">
            <caption className="visually-hidden">{t('supervision.dashboard.childrenCaption', { name: p.jurisdiction.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('supervision.dashboard.place')}</th>
                {TABLE_FIGURES.map((k) => (
                  <th key={k} scope="col" className={KIND[k] === 'count' || KIND[k] === 'share' ? 'num' : undefined}>
                    {t(`supervision.figure.${k}`)}
                    {KIND[k] === 'days' && t('supervision.daysUnit')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.children.map((c) => (
                <tr
                  key={c.jurisdiction.id}
                  className="clickable-row"
                  onClick={(e) => {
                    if (!(e.target as HTMLElement).closest('a')) void navigate(`/supervision/${c.jurisdiction.id}${search}`);
                  }}
                >
                  <th scope="row" data-label={t('supervision.dashboard.place')}>
                    <Link to={`/supervision/${c.jurisdiction.id}${search}`}>{c.jurisdiction.name}</Link>
                  </th>
                  {TABLE_FIGURES.map((k) => (
                    <td key={k} data-label={`${t(`supervision.figure.${k}`)}${KIND[k] === 'days' ? t('supervision.daysUnit') : ''}`} className={KIND[k] === 'count' || KIND[k] === 'share' ? 'num' : undefined}>
                      {c[k] == null ? <NoData /> : fmt(c[k], KIND[k], true)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const GRANULARITIES: readonly TrendGranularity[] = ['DAY', 'WEEK', 'MONTH'];

function ChartsSection({ p, range }: { p: Perf; range: Range }) {
  const { t } = useTranslation();
  const ids = { group: useId(), gran: useId() };
  const [groupKey, setGroupKey] = useState<GroupKey>('volume');
  const [granularity, setGranularity] = useState<TrendGranularity>('MONTH');
  const group = GROUPS.find((g) => g.key === groupKey) ?? GROUPS[0];
  const groupName = t(`supervision.dashboard.groups.${group.key}`);
  return (
    <section className="dashboard-section" aria-labelledby="charts-heading">
      <h2 id="charts-heading">{t('supervision.dashboard.charts')}</h2>
      <div className="chart-controls">
        <div className="filter-field">
          <label htmlFor={ids.group}>{t('supervision.dashboard.chartGroup')}</label>
          <NativeSelect
            id={ids.group}
            value={groupKey}
            onChange={(v) => v && setGroupKey(v as GroupKey)}
            options={GROUPS.map((g) => ({ value: g.key, label: t(`supervision.dashboard.groups.${g.key}`) }))}
          />
        </div>
        <fieldset className="filter-field">
          <legend id={ids.gran}>{t('supervision.dashboard.granularity')}</legend>
          <div className="check-chips">
            {GRANULARITIES.map((g) => (
              <label key={g} className="check-chip">
                <input type="radio" name={ids.gran} checked={granularity === g} onChange={() => setGranularity(g)} />
                <span>{t(`supervision.dashboard.${g}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="chart-grid">
        <ChartCard title={t('supervision.dashboard.trend')}>
          <TrendChart jurisdictionId={p.jurisdiction.id} range={range} granularity={granularity} group={group} title={t('supervision.dashboard.chartTitle', { chart: t('supervision.dashboard.trend'), group: groupName })} />
        </ChartCard>
        {p.children.length > 0 && (
          <ChartCard title={t('supervision.dashboard.compare')}>
            <ChildrenChart rows={p.children} group={group} title={t('supervision.dashboard.chartTitle', { chart: t('supervision.dashboard.compare'), group: groupName })} />
          </ChartCard>
        )}
        <ChartCard title={t('supervision.dashboard.items')} wide>
          <ItemsChart items={p.byServiceItem} group={group} title={t('supervision.dashboard.chartTitle', { chart: t('supervision.dashboard.items'), group: groupName })} />
        </ChartCard>
      </div>
    </section>
  );
}

function ChartCard({ title, wide, children }: { title: string; wide?: boolean; children: ReactNode }) {
  const id = useId();
  return (
    <figure className={`chart-card ${wide ? 'chart-card-wide' : ''}`} aria-labelledby={id}>
      <figcaption id={id} className="chart-title">
        {title}
      </figcaption>
      {children}
    </figure>
  );
}

function OverdueSection({ p, mayList }: { p: Perf; mayList: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="dashboard-section" aria-labelledby="overdue-heading">
      <h2 id="overdue-heading">{t('supervision.dashboard.overdue')}</h2>
      {mayList ? <OverdueList jurisdictionId={p.jurisdiction.id} /> : <p className="hint">{t('supervision.dashboard.overdueNotAllowed', { count: p.overdueOpen })}</p>}
    </section>
  );
}

type OverdueRow = DashboardOverdueQuery['applications']['nodes'][number];

function OverdueList({ jurisdictionId }: { jurisdictionId: string }) {
  const { t } = useTranslation();
  const { day } = useDates();
  const filter = { jurisdictionId, overdue: true };
  const { data, error, fetchMore, refetch } = useQuery(DashboardOverdueDocument, { variables: { filter }, fetchPolicy: 'cache-and-network' });
  const columns: Column<OverdueRow>[] = [
    { label: t('supervision.dashboard.number'), cell: (a) => <Link to={`/applications/${a.id}`}>{a.number}</Link> },
    { label: t('supervision.dashboard.item'), cell: (a) => a.serviceItem.name },
    { label: t('supervision.dashboard.handledAt'), cell: (a) => a.handlingCenter || a.jurisdiction.name },
    {
      label: t('supervision.dashboard.dueDate'),
      cell: (a) => (
        <>
          {day(a.dueDate)} <Pill tone="red">{t('evaluation.overdue')}</Pill>
        </>
      ),
    },
  ];
  return (
    <PagedTable
      page={data?.applications}
      error={error}
      onRetry={() => void refetch()}
      onMore={(after) => fetchMore({ variables: { filter, after } })}
      count={(count) => t('supervision.dashboard.overdueCount', { count })}
      bareEmpty
      empty={t('supervision.dashboard.overdueEmpty')}
      caption={t('supervision.dashboard.overdue')}
      columns={columns}
      rowKey={(a) => a.id}
    />
  );
}

/** "—" in a table cell; screen readers hear 暂无数据. */
function NoData() {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t('supervision.noData')}</span>
    </>
  );
}
