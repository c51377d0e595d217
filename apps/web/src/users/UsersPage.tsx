/**
 * 用户管理: the staff of the administrator's subtree — search and filters, a new account with its one-time password
 * shown once, roles as chips (add, revoke), disable/enable, reset password, and the staff workbook out and in.
 * The server decides scope; every refusal is shown in words.
 */
import { Result as PageResult } from '../common/ui';
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useFragment, useMutation, useQuery } from '@apollo/client/react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { Role, StaffUserFieldsFragment } from '../gql/graphql';
import { roleScopes, useViewer } from '../auth/viewer';
import { LoadError, Loading } from '../common/Status';
import { errorText } from '../common/errors';
import { usePageTitle } from '../common/usePageTitle';
import { Pill } from '../common/Tags';
import { downloadBase64, fileBase64, PHONE_PATTERN, serverText, showOnField } from './common';
import { JurisdictionSelect, type PlaceOption } from './JurisdictionSelect';
import './text';

const StaffUserFieldsDocument = graphql(`
  fragment StaffUserFields on User {
    id
    login
    name
    phone
    disabled
    disabledReason
    mustChangePassword
    homeJurisdiction {
      id
      code
      name
    }
    roles {
      id
      role
      jurisdiction {
        id
        code
        name
      }
    }
  }
`);

const UsersDocument = graphql(`
  query Users($filter: UserFilter, $after: String) {
    users(filter: $filter, first: 50, after: $after) {
      totalCount
      nodes {
        ...StaffUserFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
const CreateStaffUserDocument = graphql(`
  mutation CreateStaffUser($input: CreateStaffUserInput!) {
    createStaffUser(input: $input) {
      temporaryPassword
      user {
        ...StaffUserFields
      }
    }
  }
`);
const AssignRoleDocument = graphql(`
  mutation AssignRole($userId: ID!, $role: Role!, $jurisdictionId: ID!) {
    assignRole(userId: $userId, role: $role, jurisdictionId: $jurisdictionId) {
      ...StaffUserFields
    }
  }
`);
const RevokeRoleDocument = graphql(`
  mutation RevokeRole($assignmentId: ID!) {
    revokeRole(assignmentId: $assignmentId) {
      ...StaffUserFields
    }
  }
`);
const SetUserDisabledDocument = graphql(`
  mutation SetUserDisabled($userId: ID!, $disabled: Boolean!, $reason: String) {
    setUserDisabled(userId: $userId, disabled: $disabled, reason: $reason) {
      ...StaffUserFields
    }
  }
`);
const ResetUserPasswordDocument = graphql(`
  mutation ResetUserPassword($userId: ID!) {
    resetUserPassword(userId: $userId) {
      temporaryPassword
      user {
        ...StaffUserFields
      }
    }
  }
`);
const ImportStaffDocument = graphql(`
  mutation ImportStaff($fileBase64: String!) {
    importStaff(fileBase64: $fileBase64) {
      created
      passwordsWorkbookBase64
    }
  }
`);

const STAFF_ROLES: Role[] = ['AGENT', 'CLERK', 'DIRECTORY_ADMIN', 'SUPERVISOR', 'SYSTEM_ADMIN'];
type Staff = StaffUserFieldsFragment;
interface Problem {
  sheet: string;
  row: number;
  column: string;
  /** In the reader's language (from `messageKey` and `params`). */
  message: string;
  messageKey?: string;
  params?: Record<string, unknown>;
}

export function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.users.title'));
  const { viewer, loading } = useViewer();
  const location = useLocation();
  if (loading && !viewer) return <Loading />;
  if (!viewer) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  const scopes = roleScopes(viewer, 'SYSTEM_ADMIN');
  if (!scopes.length) return <PageResult headingLevel={1} title={t('users.users.forbidden')} />;
  return <Users scopes={scopes} />;
}

function TempPassword({ password }: { password: string }) {
  const { t } = useTranslation();
  return (
    <div role="status">
      <p>
        {t('users.users.tempPassword')}{t('app.colon')}
        <Typography.Text className="temp-password" copyable={{ text: password, tooltips: [t('users.users.copy'), t('users.users.copied')] }} data-testid="temp-password">
          {password}
        </Typography.Text>
      </p>
      <p>{t('users.users.tempPasswordNote')}</p>
    </div>
  );
}

function Users({ scopes }: { scopes: PlaceOption[] }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [place, setPlace] = useState<string | null>(null);
  const [status, setStatus] = useState<'' | 'active' | 'disabled'>('');
  const filter = useMemo(
    () => ({ search: search.trim() || null, role: role || null, jurisdictionId: place, disabled: status === '' ? null : status === 'disabled' }),
    [search, role, place, status],
  );
  const { data, loading, error, refetch, fetchMore } = useQuery(UsersDocument, { variables: { filter }, fetchPolicy: 'cache-and-network' });
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [passwords, setPasswords] = useState<string | null>(null);
  const [importStaff, { loading: importing }] = useMutation(ImportStaffDocument);
  const users = data?.users.nodes ?? [];
  // the open account is read from the cache by id, not from the loaded page: a new account beyond page one still opens
  const opened = useFragment({ fragment: StaffUserFieldsDocument, fragmentName: 'StaffUserFields', from: selected ? { __typename: 'User', id: selected } : null });
  const current = selected && opened.complete ? opened.data : null;

  const onImport = async (file: File) => {
    setNotice(null);
    setProblems([]);
    try {
      const r = await importStaff({ variables: { fileBase64: await fileBase64(file) } });
      const result = r.data!.importStaff;
      setPasswords(result.passwordsWorkbookBase64);
      downloadBase64('临时密码.xlsx', result.passwordsWorkbookBase64);
      setNotice({ type: 'success', text: t('users.users.imported', { count: result.created }) });
      void refetch();
    } catch (e) {
      const list = (e as { errors?: Array<{ extensions?: { problems?: Problem[]; problemCount?: number } }> }).errors?.[0]?.extensions?.problems;
      if (Array.isArray(list)) {
        setProblems(list.map((p) => ({ ...p, message: errorText('BAD_USER_INPUT', p.messageKey ?? null, p.params ?? {}, p.column) })));
        setNotice({ type: 'error', text: t('users.users.importProblems', { count: list.length }) });
      } else setNotice({ type: 'error', text: serverText(e) });
    }
  };

  return (
    <div className="page">
      <h1>{t('users.users.title')}</h1>
      <p>{t('users.users.intro')}</p>
      <div className="admin-toolbar">
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('users.users.create')}
        </Button>
        <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => (void onImport(f), false)} disabled={importing}>
          <Button disabled={importing}>{importing ? t('users.users.importing') : t('users.users.import')}</Button>
        </Upload>
        <a href="/api/users/export.xlsx" download>
          {t('users.users.export')}
        </a>
        <a href="/api/users/export.xlsx?template=1" download>
          {t('users.users.template')}
        </a>
      </div>
      {notice && (
        <Alert
          type={notice.type}
          showIcon
          title={notice.text}
          role={notice.type === 'error' ? 'alert' : 'status'}
          className="form-alert"
          action={passwords && notice.type === 'success' ? <Button size="small" onClick={() => downloadBase64('临时密码.xlsx', passwords)}>{t('users.users.downloadAgain')}</Button> : undefined}
        />
      )}
      {problems.length > 0 && (
        <div className="table-scroll">
          <Table<Problem>
            size="small"
            rowKey={(p, i) => `${p.row}-${p.column}-${i}`}
            pagination={false}
            dataSource={problems}
            columns={[
              { title: t('users.users.sheet'), dataIndex: 'sheet' },
              { title: t('users.users.row'), dataIndex: 'row' },
              { title: t('users.users.column'), dataIndex: 'column' },
              { title: t('users.users.problem'), dataIndex: 'message' },
            ]}
          />
        </div>
      )}
      <div className="admin-toolbar" role="search">
        <Input.Search aria-label={t('users.users.search')} placeholder={t('users.users.search')} allowClear onSearch={setSearch} maxLength={50} style={{ maxWidth: 280 }} />
        <Select<Role | ''>
          aria-label={t('users.fields.role')}
          value={role}
          onChange={setRole}
          style={{ minWidth: 140 }}
          options={[{ value: '', label: t('users.users.anyRole') }, ...STAFF_ROLES.map((r) => ({ value: r, label: t(`users.roles.${r}`) }))]}
        />
        <div style={{ minWidth: 220 }}>
          <JurisdictionSelect ariaLabel={t('users.fields.jurisdiction')} value={place} onChange={setPlace} defaults={scopes} allowClear />
        </div>
        <Select<'' | 'active' | 'disabled'>
          aria-label={t('users.users.status')}
          value={status}
          onChange={setStatus}
          style={{ minWidth: 120 }}
          options={[{ value: '', label: t('users.users.anyStatus') }, { value: 'active', label: t('users.users.active') }, { value: 'disabled', label: t('users.users.disabled') }]}
        />
      </div>
      {error && <LoadError error={error} onRetry={() => void refetch()} />}
      {data && <p>{t('users.users.total', { count: data.users.totalCount })}</p>}
      <div className="table-scroll">
        <Table<Staff>
          rowKey="id"
          loading={loading && !data}
          dataSource={users}
          pagination={false}
          columns={[
            { title: t('users.fields.name'), dataIndex: 'name' },
            { title: t('users.fields.login'), dataIndex: 'login' },
            { title: t('users.fields.phone'), render: (_, u) => u.phone ?? t('users.users.noPhone'), responsive: ['md'] },
            {
              title: t('users.users.roles'),
              render: (_, u) => (
                <span className="role-chips">
                  {u.roles.map((r) => (
                    <Tag key={r.id}>
                      {t(`users.roles.${r.role}`)}
                      {r.jurisdiction ? ` · ${r.jurisdiction.name}` : ''}
                    </Tag>
                  ))}
                </span>
              ),
            },
            {
              title: t('users.users.status'),
              render: (_, u) => (
                <>
                  {u.disabled ? <Pill tone="red">{t('users.users.disabled')}</Pill> : <Pill tone="green">{t('users.users.active')}</Pill>}{' '}
                  {u.mustChangePassword && <Pill tone="orange">{t('users.users.mustChange')}</Pill>}
                </>
              ),
            },
            {
              title: t('users.users.actions'),
              render: (_, u) => (
                <Button size="small" onClick={() => setSelected(u.id)} aria-label={`${t('users.users.details')} ${u.name}`}>
                  {t('users.users.details')}
                </Button>
              ),
            },
          ]}
        />
      </div>
      {data?.users.pageInfo.hasNextPage && (
        <Button onClick={() => void fetchMore({ variables: { after: data.users.pageInfo.endCursor }, updateQuery: (prev, { fetchMoreResult }) => ({ users: { ...fetchMoreResult.users, nodes: [...prev.users.nodes, ...fetchMoreResult.users.nodes] } }) })}>
          {t('users.common.loadMore')}
        </Button>
      )}
      <CreateUser
        open={creating}
        scopes={scopes}
        onClose={() => setCreating(false)}
        onCreated={(u, password) => {
          setCreating(false);
          void refetch();
          setSelected(u.id);
          modal.success({ title: t('users.users.created'), content: <TempPassword password={password} />, okText: t('users.common.close') });
        }}
      />
      <UserDrawer user={current} scopes={scopes} onClose={() => setSelected(null)} onChanged={() => void refetch()} />
    </div>
  );
}

interface CreateValues {
  name: string;
  login: string;
  phone?: string;
  homeJurisdictionId: string;
}

function CreateUser({ open, scopes, onClose, onCreated }: { open: boolean; scopes: PlaceOption[]; onClose: () => void; onCreated: (u: Staff, password: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateValues>();
  const [create, { loading }] = useMutation(CreateStaffUserDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const onFinish = async (v: CreateValues) => {
    setFailure(null);
    try {
      const r = await create({ variables: { input: { name: v.name.trim(), login: v.login.trim(), phone: v.phone?.trim() || null, homeJurisdictionId: v.homeJurisdictionId } } });
      form.resetFields();
      onCreated(r.data!.createStaffUser.user, r.data!.createStaffUser.temporaryPassword);
    } catch (e) {
      if (!showOnField(form, e, ['name', 'login', 'phone', 'homeJurisdictionId'])) setFailure(serverText(e));
    }
  };
  return (
    <Modal open={open} title={t('users.users.createTitle')} onCancel={onClose} okText={t('users.common.save')} cancelText={t('users.common.cancel')} onOk={() => form.submit()} confirmLoading={loading} destroyOnHidden>
      {failure && <Alert type="error" showIcon title={failure} role="alert" className="form-alert" />}
      <Form<CreateValues> form={form} layout="vertical" name="create-user" onFinish={(v) => void onFinish(v)} requiredMark={false} initialValues={{ homeJurisdictionId: scopes[0]?.id }}>
        <Form.Item name="name" label={t('users.fields.name')} rules={[{ required: true, whitespace: true, message: t('users.common.required', { field: t('users.fields.name') }) }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="login" label={t('users.fields.login')} rules={[{ required: true, message: t('users.common.required', { field: t('users.fields.login') }) }, { pattern: /^[A-Za-z][A-Za-z0-9._-]{2,49}$/, message: t('serverErrors.keys.user.loginInvalid') }]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('users.fields.phone')} rules={[{ pattern: PHONE_PATTERN, message: t('users.register.phoneInvalid') }]}>
          <Input maxLength={11} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="homeJurisdictionId" label={t('users.users.home')} rules={[{ required: true, message: t('serverErrors.keys.user.homeRequired') }]}>
          <JurisdictionSelect defaults={scopes} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function UserDrawer({ user, scopes, onClose, onChanged }: { user: Staff | null; scopes: PlaceOption[]; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [assign, { loading: assigning }] = useMutation(AssignRoleDocument);
  const [revoke] = useMutation(RevokeRoleDocument);
  const [setDisabled] = useMutation(SetUserDisabledDocument);
  const [reset] = useMutation(ResetUserPasswordDocument);
  const [newRole, setNewRole] = useState<Role>('CLERK');
  const [newPlace, setNewPlace] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const run = async (fn: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await fn();
      onChanged();
      return true;
    } catch (e) {
      setFailure(serverText(e));
      return false;
    }
  };
  return (
    <Drawer open={!!user} onClose={onClose} title={user ? t('app.nameWithCode', { name: user.name, code: user.login }) : ''} size={Math.min(736, window.innerWidth)} destroyOnHidden>
      {user && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          {failure && <Alert type="error" showIcon title={failure} role="alert" />}
          <p>
            {t('users.users.home')}{t('app.colon')}{user.homeJurisdiction ? t('app.nameWithCode', { name: user.homeJurisdiction.name, code: user.homeJurisdiction.code }) : t('users.common.none')}
          </p>
          <Card size="small" title={<h2 className="card-heading">{t('users.users.roles')}</h2>}>
            <div className="role-chips">
              {user.roles.map((r) => {
                const label = `${t(`users.roles.${r.role}`)}${r.jurisdiction ? ` · ${r.jurisdiction.name}` : ''}`;
                return (
                  <Tag
                    key={r.id}
                    closable
                    closeIcon={<span aria-label={t('users.users.removeRole', { role: t(`users.roles.${r.role}`), place: r.jurisdiction?.name ?? '' })}>×</span>}
                    onClose={(ev) => {
                      ev.preventDefault();
                      void run(() => revoke({ variables: { assignmentId: r.id } }));
                    }}
                  >
                    {label}
                  </Tag>
                );
              })}
            </div>
            <div className="admin-toolbar">
              <Select<Role> aria-label={t('users.fields.role')} value={newRole} onChange={setNewRole} style={{ minWidth: 140 }} options={STAFF_ROLES.map((r) => ({ value: r, label: t(`users.roles.${r}`) }))} />
              <div style={{ minWidth: 220, flex: 1 }}>
                <JurisdictionSelect ariaLabel={t('users.fields.jurisdiction')} value={newPlace} onChange={setNewPlace} defaults={scopes} />
              </div>
              <Button disabled={!newPlace || assigning} onClick={() => void run(() => assign({ variables: { userId: user.id, role: newRole, jurisdictionId: newPlace! } }))}>
                {t('users.users.addRole')}
              </Button>
            </div>
          </Card>
          <Space wrap>
            <Button
              onClick={() =>
                void reset({ variables: { userId: user.id } })
                  .then((r) => {
                    onChanged();
                    modal.success({ title: t('users.users.resetDone', { name: user.name }), content: <TempPassword password={r.data!.resetUserPassword.temporaryPassword} />, okText: t('users.common.close') });
                  })
                  .catch((e: unknown) => setFailure(serverText(e)))
              }
            >
              {t('users.users.resetPassword')}
            </Button>
            {user.disabled ? (
              <Button onClick={() => void run(() => setDisabled({ variables: { userId: user.id, disabled: false } }))}>{t('users.users.enable')}</Button>
            ) : (
              <Space.Compact>
                <Input aria-label={t('users.users.disableReason')} placeholder={t('users.users.disableReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
                <Button danger disabled={!reason.trim()} onClick={() => void run(() => setDisabled({ variables: { userId: user.id, disabled: true, reason: reason.trim() } })).then((ok) => ok && setReason(''))}>
                  {t('users.users.disable')}
                </Button>
              </Space.Compact>
            )}
          </Space>
          {user.disabled && user.disabledReason && <p>{t('users.users.disableReason')}{t('app.colon')}{user.disabledReason}</p>}
        </Space>
      )}
    </Drawer>
  );
}
