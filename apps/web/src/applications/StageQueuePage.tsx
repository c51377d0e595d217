/**
 * 环节待办 and 代办台账: the applications now at a stage of the viewer's centres, soonest stage due date first,
 * searchable by number, applicant name, ID number and phone; and the village station's register of everything it
 * lodged, with the results waiting to be handed over.
 */
import { Result as PageResult } from '../common/ui';
import { useId, useState, type FormEvent } from 'react';
import { Button, Input } from 'antd';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { StageFieldsFragment, StageKind } from '../gql/graphql';
import { RequireLogin } from '../auth/RequireLogin';
import { roleScopes } from '../auth/viewer';
import { NativeSelect } from '../common/NativeSelect';
import { LoadError, Loading } from '../common/Status';
import { Pill } from '../common/Tags';
import { useDates } from '../common/dates';
import { usePageTitle } from '../common/usePageTitle';
import { totalOf } from '../common/count';
import { StationRegisterDocument, StageQueueDocument } from './linkage-documents';
import { StatusPill } from './status';
import './linkage-text';

const KINDS: readonly StageKind[] = ['COLLECT', 'ACCEPT', 'REVIEW', 'PUBLIC_NOTICE', 'DECIDE', 'DELIVER'];

interface Row {
  id: string;
  number: string;
  status: Parameters<typeof StatusPill>[0]['status'];
  applicant: { name: string };
  serviceItem: { name: string };
  currentStage?: StageFieldsFragment | null;
  submittedAt?: string;
}

function StageRows({ rows, caption, lodged }: { rows: readonly Row[]; caption: string; lodged?: boolean }) {
  const { t } = useTranslation();
  const { day, time } = useDates();
  return (
    <table className="data-table app-table stage-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('linkage.queue.number')}</th>
          <th scope="col">{t('linkage.queue.item')}</th>
          <th scope="col">{t('linkage.queue.applicant')}</th>
          <th scope="col">{t('linkage.queue.stage')}</th>
          <th scope="col">{lodged ? t('linkage.register.lodged') : t('linkage.queue.due')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr key={a.id}>
            <th scope="row" data-label={t('linkage.queue.number')}>
              <Link to={`/applications/${a.id}`} className="app-number">
                {a.number}
              </Link>
            </th>
            <td data-label={t('linkage.queue.item')}>{a.serviceItem.name}</td>
            <td data-label={t('linkage.queue.applicant')}>{a.applicant.name}</td>
            <td data-label={t('linkage.queue.stage')}>
              {a.currentStage ? (
                <>
                  <Pill tone="blue">{t(`linkage.kind.${a.currentStage.kind}`)}</Pill> {a.currentStage.name}
                  <div className="cell-note">{a.currentStage.centre}</div>
                </>
              ) : (
                <StatusPill status={a.status} />
              )}
            </td>
            <td data-label={lodged ? t('linkage.register.lodged') : t('linkage.queue.due')}>
              {lodged ? time(a.submittedAt) : day(a.currentStage?.dueOn)}
              {a.currentStage?.overdue && <Pill tone="red">{t('linkage.progress.overdue')}</Pill>}
              {a.currentStage?.warning && <Pill tone="orange">{t('linkage.progress.warning')}</Pill>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StageQueuePage() {
  const { t } = useTranslation();
  usePageTitle(t('linkage.queue.title'));
  return (
    <RequireLogin>
      {(viewer) =>
        roleScopes(viewer, 'CLERK').length || roleScopes(viewer, 'AGENT').length ? (
          <StageQueue />
        ) : (
          <PageResult headingLevel={1} title={t('linkage.queue.forbidden')} />
        )
      }
    </RequireLogin>
  );
}

function StageQueue() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<StageKind | null>(null);
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const searchId = useId();
  const kindId = useId();
  const { data, error, loading, refetch, fetchMore } = useQuery(StageQueueDocument, {
    variables: { filter: { kind, search: search || null } },
    fetchPolicy: 'cache-and-network',
  });
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    setSearch(draft.trim().slice(0, 50));
  };
  const q = data?.stageQueue;
  return (
    <div className="page page-queue">
      <h1>{t('linkage.queue.title')}</h1>
      <p className="hint">{t('linkage.queue.intro')}</p>
      <form className="queue-filters" onSubmit={onSearch} role="search">
        <label htmlFor={kindId}>{t('linkage.queue.kind')}</label>
        <NativeSelect
          id={kindId}
          value={kind}
          onChange={(v) => setKind((v as StageKind) ?? null)}
          placeholder={t('linkage.queue.allKinds')}
          options={KINDS.map((k) => ({ value: k, label: t(`linkage.kind.${k}`) }))}
        />
        <label htmlFor={searchId} className="visually-hidden">
          {t('linkage.queue.search')}
        </label>
        <Input id={searchId} value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={t('linkage.queue.search')} maxLength={50} allowClear />
        <Button htmlType="submit" type="primary">
          {t('track.submit')}
        </Button>
      </form>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : !q || q.nodes.length === 0 ? (
        <p>{t('linkage.queue.empty')}</p>
      ) : (
        <>
          <p className="hint">{t('linkage.queue.total', { count: totalOf(q) })}</p>
          <StageRows rows={q.nodes} caption={t('linkage.queue.title')} />
          {q.pageInfo.hasNextPage && (
            <Button onClick={() => void fetchMore({ variables: { after: q.pageInfo.endCursor }, updateQuery: (prev, { fetchMoreResult }) => ({ stageQueue: { ...fetchMoreResult.stageQueue, nodes: [...prev.stageQueue.nodes, ...fetchMoreResult.stageQueue.nodes] } }) })}>
              {t('linkage.queue.more')}
            </Button>
          )}
        </>
      )}
    </div>
  );
}

export function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('linkage.register.title'));
  return (
    <RequireLogin>
      {(viewer) => (roleScopes(viewer, 'AGENT').length ? <Register /> : <PageResult headingLevel={1} title={t('linkage.register.forbidden')} />)}
    </RequireLogin>
  );
}

function Register() {
  const { t } = useTranslation();
  const [handOver, setHandOver] = useState(false);
  const { data, error, loading, refetch } = useQuery(StationRegisterDocument, { variables: { handOver }, fetchPolicy: 'cache-and-network' });
  const r = data?.stationRegister;
  return (
    <div className="page page-register">
      <h1>{t('linkage.register.title')}</h1>
      <p className="hint">{t('linkage.register.intro')}</p>
      <div className="queue-filters" role="group">
        <Button type={handOver ? 'default' : 'primary'} onClick={() => setHandOver(false)} aria-pressed={!handOver}>
          {t('linkage.register.all')}
        </Button>
        <Button type={handOver ? 'primary' : 'default'} onClick={() => setHandOver(true)} aria-pressed={handOver}>
          {t('linkage.register.handOver')}
        </Button>
      </div>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : !r || r.nodes.length === 0 ? (
        <p>{t('linkage.register.empty')}</p>
      ) : (
        <>
          <p className="hint">{t('linkage.queue.total', { count: totalOf(r) })}</p>
          <StageRows rows={r.nodes} caption={t('linkage.register.title')} lodged />
        </>
      )}
    </div>
  );
}
