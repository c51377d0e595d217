/**
 * The applications behind one stage figure of the dashboard (四级联动): the stages of one level and kind that
 * arrived in the range (ARRIVED), or the applications now at such a stage (WAITING) and the overdue ones
 * (OVERDUE). Keyset pages ("load more"), the count as the server gives it ("10,000+"), and the same rows as a
 * workbook. /supervision/:jurisdictionId/stages?from=&to=&level=&kind=&mode=
 */
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { JurisdictionLevel, StageDrillMode, StageDrillQuery, StageKind } from '../gql/graphql';
import type { AdminScope, Viewer } from '../auth/viewer';
import { Pill } from '../common/Tags';
import { useDates } from '../common/dates';
import { usePageTitle } from '../common/usePageTitle';
import { APPLICATION_LIST_ROLES, DASHBOARD_ROLES, covers } from './access';
import { RequireRoles, useRange } from './common';
import { PagedTable, type Column } from './PagedTable';
import '../applications/linkage-text';
import './text';

const StageDrillDocument = graphql(`
  query StageDrill($id: ID!, $from: Date!, $to: Date!, $level: JurisdictionLevel!, $kind: StageKind!, $mode: StageDrillMode!, $after: String) {
    performance(jurisdictionId: $id, from: $from, to: $to) {
      jurisdiction {
        id
        name
        ancestors {
          id
        }
      }
      stageApplications(level: $level, kind: $kind, mode: $mode, first: 30, after: $after) {
        totalCount
        totalCountCapped
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          applicationId
          number
          itemName
          stageName
          centerName
          arrivedOn
          dueOn
          doneOn
          outcome
          late
        }
      }
    }
  }
`);

type StageRow = StageDrillQuery['performance']['stageApplications']['nodes'][number];

const LEVELS: readonly JurisdictionLevel[] = ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'];
const KINDS: readonly StageKind[] = ['COLLECT', 'ACCEPT', 'REVIEW', 'PUBLIC_NOTICE', 'DECIDE', 'DELIVER'];
const MODES: readonly StageDrillMode[] = ['ARRIVED', 'WAITING', 'OVERDUE'];

export function StageDrillPage() {
  const { t } = useTranslation();
  usePageTitle(t('linkage.dashboard.drill.title'));
  return (
    <RequireRoles roles={DASHBOARD_ROLES} forbidden={t('supervision.dashboard.forbidden')}>
      {(viewer, scopes) => <StageDrill viewer={viewer} scopes={scopes} />}
    </RequireRoles>
  );
}

function StageDrill({ viewer }: { viewer: Viewer; scopes: AdminScope[] }) {
  const { t } = useTranslation();
  const { day } = useDates();
  const { jurisdictionId = '' } = useParams();
  const [params] = useSearchParams();
  const { range, valid, search } = useRange();
  const level = params.get('level') as JurisdictionLevel;
  const kind = params.get('kind') as StageKind;
  const mode = (params.get('mode') ?? 'ARRIVED') as StageDrillMode;
  const known = LEVELS.includes(level) && KINDS.includes(kind) && MODES.includes(mode);
  const variables = { id: jurisdictionId, from: range.from, to: range.to, level, kind, mode };
  const { data, error, fetchMore, refetch } = useQuery(StageDrillDocument, { variables, skip: !valid || !known, fetchPolicy: 'cache-and-network' });
  const p = data?.performance;
  const page = p?.stageApplications;
  const figure = known ? `${t(`level.${level as 'VILLAGE'}`)} · ${t(`linkage.kind.${kind as 'ACCEPT'}`)}` : '';
  const heading = p ? t('linkage.dashboard.drill.titleOf', { name: p.jurisdiction.name, figure, mode: t(`linkage.dashboard.drill.mode.${mode}`) }) : t('linkage.dashboard.drill.title');
  usePageTitle(heading);
  if (!known || !valid) return <p className="error-text" role="alert">{t('linkage.dashboard.drill.badLink')}</p>;
  const mayOpen = p ? covers(viewer, APPLICATION_LIST_ROLES, p.jurisdiction.id, p.jurisdiction.ancestors.map((a) => a.id)) : false;
  const columns: Column<StageRow>[] = [
    { label: t('supervision.dashboard.number'), cell: (r) => (mayOpen ? <Link to={`/applications/${r.applicationId}`}>{r.number}</Link> : r.number) },
    { label: t('supervision.dashboard.item'), cell: (r) => r.itemName },
    { label: t('linkage.dashboard.drill.stage'), cell: (r) => r.stageName },
    { label: t('linkage.dashboard.drill.center'), cell: (r) => r.centerName },
    { label: t('linkage.dashboard.drill.arrived'), cell: (r) => day(r.arrivedOn) },
    {
      label: t('linkage.dashboard.drill.due'),
      cell: (r) => (
        <>
          {day(r.dueOn)} {r.late && <Pill tone="red">{t('linkage.dashboard.drill.late')}</Pill>}
        </>
      ),
    },
    {
      label: t('linkage.dashboard.drill.done'),
      cell: (r) => (r.doneOn ? `${day(r.doneOn)}${r.outcome ? ` · ${t(`linkage.outcome.${r.outcome as 'FORWARDED'}`)}` : ''}` : t('linkage.dashboard.drill.open')),
    },
  ];
  const exportQuery = new URLSearchParams({ jurisdictionId, from: range.from, to: range.to, level, kind, mode }).toString();
  return (
    <div className="page page-supervision">
      <p>
        <Link to={`/supervision/${jurisdictionId}${search}`}>{t('linkage.dashboard.drill.back')}</Link>
      </p>
      <h1>{heading}</h1>
      <p className="hint">
        {t(`linkage.dashboard.drill.explain.${mode}`, { from: day(range.from), to: day(range.to) })}
      </p>
      <PagedTable
        page={page}
        error={error}
        onRetry={() => void refetch()}
        onMore={(after) => fetchMore({ variables: { ...variables, after } })}
        count={(count) => t('linkage.dashboard.drill.count', { count })}
        empty={t('supervision.noData')}
        caption={heading}
        columns={columns}
        rowKey={(r) => `${r.applicationId}${r.arrivedOn}${r.stageName}`}
      >
        <div className="export-links">
          <a className="link-button" href={`/api/dashboard/stages.xlsx?${exportQuery}`} download>
            <DownloadOutlined aria-hidden="true" /> {t('linkage.dashboard.drill.export')}
          </a>
        </div>
      </PagedTable>
    </div>
  );
}
