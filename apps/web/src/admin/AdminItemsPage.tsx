/**
 * Directory administration: the working copies of the items in the administrator's directories, with their
 * status, unpublished changes and published version; publish, withdraw, Excel export and import.
 */
import { useId, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Table, Upload, type TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AdminItemRowFragment, ServiceItemStatus } from '../gql/graphql';
import type { AdminScope } from '../auth/viewer';
import { apiError } from '../common/errors';
import { LoadError } from '../common/Status';
import { Pill, type Tone } from '../common/Tags';
import { usePageTitle } from '../common/usePageTitle';
import { AdminItemsDocument, PublishItemDocument, WithdrawItemDocument } from './items';
import { exportUrl, fileToBase64, ImportDirectoryDocument, importProblems, type ImportProblem } from './directoryImport';
import { RequireAdmin } from './RequireAdmin';

const STATUSES: ServiceItemStatus[] = ['DRAFT', 'PUBLISHED', 'WITHDRAWN'];
const STATUS_TONE: Record<ServiceItemStatus, Tone> = { DRAFT: 'neutral', PUBLISHED: 'green', WITHDRAWN: 'red' };

export function AdminItemsPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.itemsTitle'));
  return <RequireAdmin>{(scopes) => <ItemsAdmin scopes={scopes} />}</RequireAdmin>;
}

function ItemsAdmin({ scopes }: { scopes: AdminScope[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [scopeId, setScopeId] = useState(scopes[0].id);
  const [status, setStatus] = useState<ServiceItemStatus | null>(null);
  const [search, setSearch] = useState('');
  const [draft, setDraft] = useState('');
  const [withdrawing, setWithdrawing] = useState<AdminItemRowFragment | null>(null);
  const [importing, setImporting] = useState(false);
  const [problems, setProblems] = useState<ImportProblem[] | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const scopeSelectId = useId();
  const statusSelectId = useId();
  const searchId = useId();
  const variables = { ownerWithin: scopeId, status, search: search || null };
  const { data, error, loading, fetchMore, refetch } = useQuery(AdminItemsDocument, { variables, fetchPolicy: 'cache-and-network' });
  const [publish] = useMutation(PublishItemDocument);
  const [importDirectory] = useMutation(ImportDirectoryDocument);
  const page = data?.serviceItems;

  const onPublish = async (item: AdminItemRowFragment) => {
    try {
      const res = await publish({ variables: { id: item.id, version: item.version } });
      message.success(t('admin.published', { name: item.name, no: res.data?.publishServiceItem.versionNo ?? '' }));
      await refetch();
    } catch (e) {
      message.error(t('admin.actionFailed', { message: apiError(e).message }));
    }
  };

  const onImport = async (file: File) => {
    setImporting(true);
    setProblems(null);
    setImportError(null);
    try {
      const fileBase64 = await fileToBase64(file);
      // the workbook may exceed /graphql's 1 MiB body limit; the server allows that for a marked directory import
      const res = await importDirectory({ variables: { ownerId: scopeId, fileBase64 }, context: { headers: { 'x-weimin-import': 'directory' } } });
      const r = res.data?.importDirectory;
      message.success(t('admin.imported', { created: r?.created ?? 0, updated: r?.updated ?? 0, unchanged: r?.unchanged ?? 0 }));
      await refetch();
    } catch (e) {
      const err = apiError(e);
      setImportError(t('admin.importFailed', { message: err.message }));
      const list = importProblems(err.extensions);
      if (list.length) setProblems(list);
    } finally {
      setImporting(false);
    }
  };

  const columns: TableColumnsType<AdminItemRowFragment> = [
    { title: t('admin.code'), dataIndex: 'code', key: 'code', width: 150 },
    {
      title: t('admin.name'),
      key: 'name',
      render: (_, item) => (
        <>
          <Link to={`/admin/items/${item.id}/edit`}>{item.name}</Link>
          {item.owner.id !== scopeId && <div className="cell-note">{item.owner.name}</div>}
        </>
      ),
    },
    { title: t('admin.level'), key: 'level', width: 110, render: (_, item) => t(`level.${item.handlingLevel}`) },
    {
      title: t('admin.status'),
      key: 'status',
      width: 170,
      render: (_, item) => (
        <Space orientation="vertical" size={4}>
          <Pill tone={STATUS_TONE[item.status]}>{t(`itemStatus.${item.status}`)}</Pill>
          {item.hasUnpublishedChanges && item.status !== 'DRAFT' && <Pill tone="orange">{t('admin.unpublished')}</Pill>}
        </Space>
      ),
    },
    {
      title: t('admin.versionNo'),
      key: 'versionNo',
      width: 100,
      render: (_, item) => (item.versionNo != null ? t('admin.versionNoValue', { no: item.versionNo }) : t('admin.neverPublished')),
    },
    {
      title: t('admin.actions'),
      key: 'actions',
      width: 220,
      render: (_, item) => {
        const canPublish = item.status !== 'PUBLISHED' || item.hasUnpublishedChanges;
        return (
          <Space wrap size={4}>
            <Link to={`/admin/items/${item.id}/edit`} aria-label={`${t('admin.edit')} ${item.name}`}>
              {t('admin.edit')}
            </Link>
            {canPublish && (
              <Button size="small" type="primary" onClick={() => void onPublish(item)} aria-label={`${t('admin.publish')} ${item.name}`}>
                {t('admin.publish')}
              </Button>
            )}
            {item.status === 'PUBLISHED' && (
              <Button size="small" danger onClick={() => setWithdrawing(item)} aria-label={`${t('admin.withdraw')} ${item.name}`}>
                {t('admin.withdraw')}
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <div className="page page-admin">
      <div className="page-head">
        <h1>{t('admin.itemsTitle')}</h1>
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined aria-hidden="true" />} onClick={() => navigate('/admin/items/new')}>
            {t('admin.newItem')}
          </Button>
          <Button href={exportUrl(scopeId)} icon={<DownloadOutlined aria-hidden="true" />}>
            {t('admin.export')}
          </Button>
          <Upload accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" showUploadList={false} beforeUpload={(file) => { void onImport(file); return false; }}>
            <Button icon={<UploadOutlined aria-hidden="true" />} disabled={importing}>
              {importing ? t('admin.importing') : t('admin.import')}
            </Button>
          </Upload>
        </Space>
      </div>

      {importError && (
        <Alert
          type="error"
          showIcon
          className="form-alert"
          title={importError}
          closable={{ onClose: () => { setImportError(null); setProblems(null); } }}
          description={
            problems && (
              <Table<ImportProblem & { key: number }>
                size="small"
                pagination={false}
                caption={t('admin.importProblems')}
                dataSource={problems.map((p, i) => ({ ...p, key: i }))}
                columns={[
                  { title: t('admin.sheet'), dataIndex: 'sheet', width: 100 },
                  { title: t('admin.row'), dataIndex: 'row', width: 80 },
                  { title: t('admin.column'), dataIndex: 'column', width: 140 },
                  { title: t('admin.problem'), dataIndex: 'message' },
                ]}
              />
            )
          }
        />
      )}

      <form
        className="filters admin-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(draft.trim());
        }}
      >
        {scopes.length > 1 && (
          <div className="filter-field">
            <label htmlFor={scopeSelectId}>{t('admin.scope')}</label>
            <select id={scopeSelectId} className="native-select" value={scopeId} onChange={(e) => setScopeId(e.target.value)}>
              {scopes.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="filter-field">
          <label htmlFor={statusSelectId}>{t('admin.status')}</label>
          <select id={statusSelectId} className="native-select" value={status ?? ''} onChange={(e) => setStatus((e.target.value || null) as ServiceItemStatus | null)}>
            <option value="">{t('admin.allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`itemStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-field filter-search">
          <label htmlFor={searchId}>{t('admin.search')}</label>
          <div className="search-row">
            <Input id={searchId} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={t('admin.searchPlaceholder')} allowClear />
            <Button htmlType="submit" type="primary">
              {t('admin.search')}
            </Button>
          </div>
        </div>
      </form>

      {error && !page ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          {page && <p className="result-count">{t('admin.total', { count: page.totalCount })}</p>}
          <Table<AdminItemRowFragment>
            rowKey="id"
            loading={loading && !page}
            dataSource={page?.nodes ?? []}
            columns={columns}
            pagination={false}
            scroll={{ x: 860 }}
          />
          {page?.pageInfo.hasNextPage && (
            <div className="load-more">
              <Button block onClick={() => void fetchMore({ variables: { ...variables, after: page.pageInfo.endCursor } })}>
                {t('admin.loadMore')}
              </Button>
            </div>
          )}
        </>
      )}

      <WithdrawModal item={withdrawing} onClose={() => setWithdrawing(null)} onDone={() => void refetch()} />
    </div>
  );
}

function WithdrawModal({ item, onClose, onDone }: { item: AdminItemRowFragment | null; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [withdraw, { loading }] = useMutation(WithdrawItemDocument);
  const submit = async () => {
    if (!item) return;
    const { reason } = await form.validateFields();
    try {
      await withdraw({ variables: { id: item.id, reason: reason.trim() } });
      message.success(t('admin.withdrawn', { name: item.name }));
      form.resetFields();
      onClose();
      onDone();
    } catch (e) {
      message.error(t('admin.actionFailed', { message: apiError(e).message }));
    }
  };
  return (
    <Modal
      open={!!item}
      title={item ? t('admin.withdrawTitle', { name: item.name }) : ''}
      okText={t('admin.withdraw')}
      cancelText={t('admin.cancel')}
      okButtonProps={{ danger: true, disabled: loading }}
      onOk={() => void submit()}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      // rendered while hidden so the form instance stays connected
      forceRender
    >
      <Form form={form} layout="vertical" name="withdraw">
        <Form.Item name="reason" label={t('admin.withdrawReason')} rules={[{ required: true, whitespace: true, message: t('admin.withdrawReasonRequired') }, { max: 500 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
