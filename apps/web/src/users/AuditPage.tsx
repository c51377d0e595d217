/** 审计日志: filters, newest first with "load more", a before/after view per entry, and CSV / Excel export. */
import { Result as PageResult } from '../common/ui';
import { useMemo, useState } from 'react';
import { Button, Form, Input, Table } from 'antd';
import { useQuery } from '@apollo/client/react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { AuditLogQuery } from '../gql/graphql';
import { roleScopes, useViewer } from '../auth/viewer';
import { LoadError, Loading } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import { JurisdictionSelect, type PlaceOption } from './JurisdictionSelect';
import './text';

const AuditLogDocument = graphql(`
  query AuditLog($filter: AuditFilterInput, $after: String) {
    auditLog(filter: $filter, first: 50, after: $after) {
      nodes {
        id
        at
        actorLogin
        actorName
        roles
        action
        entity
        entityId
        before
        after
        ip
        jurisdiction {
          id
          code
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

type Entry = AuditLogQuery['auditLog']['nodes'][number];
interface Filters {
  action?: string;
  entity?: string;
  entityId?: string;
  jurisdictionId?: string | null;
  from?: string;
  to?: string;
}

function flat(v: unknown, prefix = ''): Record<string, string> {
  if (v == null || typeof v !== 'object' || Array.isArray(v)) return prefix ? { [prefix]: v == null ? '' : JSON.stringify(v) } : {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (x != null && typeof x === 'object' && !Array.isArray(x)) Object.assign(out, flat(x, key));
    else out[key] = x == null ? '' : typeof x === 'string' ? x : JSON.stringify(x);
  }
  return out;
}

/** Before and after side by side, field by field; changed fields highlighted. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const b = flat(before);
  const a = flat(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  if (!keys.length) return <p>{t('users.audit.noDiff')}</p>;
  return (
    <table className="diff-table">
      <caption>{t('users.audit.diff')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('users.audit.field')}</th>
          <th scope="col">{t('users.audit.before')}</th>
          <th scope="col">{t('users.audit.after')}</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k} className={b[k] !== a[k] ? 'diff-changed' : undefined}>
            <th scope="row">{k}</th>
            <td>{b[k] ?? ''}</td>
            <td>{a[k] ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.audit.title'));
  const { viewer, loading } = useViewer();
  const location = useLocation();
  if (loading && !viewer) return <Loading />;
  if (!viewer) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  const scopes = [...roleScopes(viewer, 'SYSTEM_ADMIN'), ...roleScopes(viewer, 'SUPERVISOR')];
  if (!scopes.length) return <PageResult headingLevel={1} title={t('users.audit.forbidden')} />;
  return <Audit scopes={scopes} />;
}

function Audit({ scopes }: { scopes: PlaceOption[] }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const filter = useMemo(
    () => ({
      action: filters.action?.trim() || null,
      entity: filters.entity?.trim() || null,
      entityId: filters.entityId?.trim() || null,
      jurisdictionId: filters.jurisdictionId || null,
      from: filters.from ? new Date(`${filters.from}T00:00:00+08:00`).toISOString() : null,
      to: filters.to ? new Date(new Date(`${filters.to}T00:00:00+08:00`).getTime() + 86_400_000).toISOString() : null,
    }),
    [filters],
  );
  const { data, loading, error, refetch, fetchMore } = useQuery(AuditLogDocument, { variables: { filter }, fetchPolicy: 'cache-and-network' });
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v != null) as Array<[string, string]>).toString();
  const nodes = data?.auditLog.nodes ?? [];
  return (
    <div className="page">
      <h1>{t('users.audit.title')}</h1>
      <p>{t('users.audit.intro')}</p>
      <Form<Filters> form={form} layout="inline" name="audit-filter" className="admin-toolbar" role="search" onFinish={setFilters}>
        <Form.Item name="action" label={t('users.audit.action')}>
          <Input maxLength={60} placeholder="createStaffUser" />
        </Form.Item>
        <Form.Item name="entity" label={t('users.audit.entity')}>
          <Input maxLength={60} placeholder="User" />
        </Form.Item>
        <Form.Item name="entityId" label={t('users.audit.entityId')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="jurisdictionId" label={t('users.audit.jurisdiction')}>
          <JurisdictionSelect defaults={scopes} allowClear />
        </Form.Item>
        <Form.Item name="from" label={t('users.audit.from')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="to" label={t('users.audit.to')}>
          <Input type="date" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('users.audit.search')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            setFilters({});
          }}
        >
          {t('users.audit.reset')}
        </Button>
        <a href={`/api/audit/export.csv?${query}`} download>
          {t('users.audit.exportCsv')}
        </a>
        <a href={`/api/audit/export.xlsx?${query}`} download>
          {t('users.audit.exportExcel')}
        </a>
      </Form>
      {error && <LoadError error={error} onRetry={() => void refetch()} />}
      <div className="table-scroll">
        <Table<Entry>
          rowKey="id"
          loading={loading && !data}
          dataSource={nodes}
          pagination={false}
          locale={{ emptyText: t('users.audit.empty') }}
          expandable={{ expandedRowRender: (e) => <AuditDiff before={e.before} after={e.after} /> }}
          columns={[
            { title: t('users.audit.at'), render: (_, e) => new Date(e.at as string).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) },
            { title: t('users.audit.actor'), render: (_, e) => (e.actorName ? t('app.nameWithCode', { name: e.actorName, code: e.actorLogin }) : '—') },
            { title: t('users.audit.action'), dataIndex: 'action' },
            { title: t('users.audit.entity'), render: (_, e) => `${e.entity}${e.entityId ? ` ${e.entityId}` : ''}`, responsive: ['md'] },
            { title: t('users.audit.jurisdiction'), render: (_, e) => e.jurisdiction?.name ?? '—' },
            { title: t('users.audit.ip'), dataIndex: 'ip', responsive: ['lg'] },
          ]}
        />
      </div>
      {data?.auditLog.pageInfo.hasNextPage && (
        <Button onClick={() => void fetchMore({ variables: { after: data.auditLog.pageInfo.endCursor }, updateQuery: (prev, { fetchMoreResult }) => ({ auditLog: { ...fetchMoreResult.auditLog, nodes: [...prev.auditLog.nodes, ...fetchMoreResult.auditLog.nodes] } }) })}>
          {t('users.common.loadMore')}
        </Button>
      )}
    </div>
  );
}
