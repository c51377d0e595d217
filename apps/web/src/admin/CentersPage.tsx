/**
 * Maintaining the service centres of the administrator's subtree: status, hall, windows, contact data and the ten
 * standard facilities (十有). Whether a centre is standardised is derived by the server and shown after saving.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Radio, Row } from 'antd';
import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { CenterEditFieldsFragment, CenterStatus, Facility } from '../gql/graphql';
import type { AdminScope } from '../auth/viewer';
import { apiError, fieldProblems, formPath } from '../common/errors';
import { NumberInput, numberOf, numberRules } from '../common/NumberInput';
import { FACILITIES } from '../common/enums';
import { NativeSelect } from '../common/NativeSelect';
import { LoadError, Loading } from '../common/Status';
import { Pill } from '../common/Tags';
import { usePageTitle } from '../common/usePageTitle';
import { PlacePicker, type PlaceNode } from '../public/PlacePicker';
import { RequireAdmin } from './RequireAdmin';

graphql(`
  fragment CenterEditFields on ServiceCenter {
    id
    name
    status
    hallArea
    facilities
    windows
    address
    phone
    openingHours
    reviewBody
    court
    standardized
    version
    updatedAt
  }
`);

const CenterForEditDocument = graphql(`
  query CenterForEdit($id: ID!) {
    jurisdiction(id: $id) {
      id
      name
      level
      serviceCenter {
        ...CenterEditFields
      }
    }
  }
`);

const UpdateCenterDocument = graphql(`
  mutation UpdateCenter($jurisdictionId: ID!, $input: ServiceCenterInput!) {
    updateServiceCenter(jurisdictionId: $jurisdictionId, input: $input) {
      ...CenterEditFields
    }
  }
`);

const STATUSES: CenterStatus[] = ['BUILT', 'PLANNED'];

interface CenterValues {
  name: string;
  status: CenterStatus;
  hallArea: number | string | null;
  windows: number | string | null;
  facilities: Facility[];
  address: string;
  phone: string;
  openingHours: string;
  reviewBody: string;
  court: string;
}

function toValues(c: CenterEditFieldsFragment | null): CenterValues {
  return {
    name: c?.name ?? '',
    status: c?.status ?? 'PLANNED',
    hallArea: c?.hallArea ?? null,
    windows: c?.windows ?? 0,
    facilities: c ? [...c.facilities] : [],
    address: c?.address ?? '',
    phone: c?.phone ?? '',
    openingHours: c?.openingHours ?? '',
    reviewBody: c?.reviewBody ?? '',
    court: c?.court ?? '',
  };
}

const blankToNull = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : s.trim());

export function CentersPage() {
  const { t } = useTranslation();
  usePageTitle(t('centers.title'));
  return <RequireAdmin>{(scopes) => <Centers scopes={scopes} />}</RequireAdmin>;
}

function Centers({ scopes }: { scopes: AdminScope[] }) {
  const { t } = useTranslation();
  const [scopeId, setScopeId] = useState(scopes[0].id);
  const root = scopes.find((s) => s.id === scopeId) ?? scopes[0];
  const [selected, setSelected] = useState<PlaceNode>(root);
  return (
    <div className="page page-admin">
      <h1>{t('centers.title')}</h1>
      <Card className="editor-section" title={<h2 className="card-heading">{t('centers.pickJurisdiction')}</h2>}>
        {scopes.length > 1 && (
          <div className="filter-field">
            <label htmlFor="center-scope">{t('admin.scope')}</label>
            <NativeSelect
              id="center-scope"
              options={scopes.map((s) => ({ value: s.id, label: s.name }))}
              value={scopeId}
              onChange={(v) => {
                const next = scopes.find((s) => s.id === v) ?? scopes[0];
                setScopeId(next.id);
                setSelected(next);
              }}
            />
          </div>
        )}
        <p className="picker-root">
          {t(`level.${root.level}`)}{t('app.colon')}<strong>{root.name}</strong>
        </p>
        <PlacePicker key={root.id} root={root} onSelect={(p) => setSelected(p ?? root)} />
      </Card>
      <CenterEditor key={selected.id} jurisdictionId={selected.id} />
    </div>
  );
}

function CenterEditor({ jurisdictionId }: { jurisdictionId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, error, loading, refetch } = useQuery(CenterForEditDocument, { variables: { id: jurisdictionId }, fetchPolicy: 'network-only' });
  const j = data?.jurisdiction;
  if (error && !data) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  if (!j) return null;
  return (
    <CenterForm
      key={`${j.id}-${j.serviceCenter?.version ?? 0}`}
      jurisdictionId={j.id}
      title={j.serviceCenter?.name ?? j.name}
      center={j.serviceCenter}
      onReload={async () => {
        await refetch();
      }}
      onSaved={() => message.success(t('centers.saved'))}
    />
  );
}

function CenterForm({
  jurisdictionId,
  title,
  center,
  onReload,
  onSaved,
}: {
  jurisdictionId: string;
  title: string;
  center: CenterEditFieldsFragment | null;
  onReload(): Promise<void>;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CenterValues>();
  const [current, setCurrent] = useState(center);
  const [conflict, setConflict] = useState<{ expected: number; current: number } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [update, { loading }] = useMutation(UpdateCenterDocument);

  const save = async (values: CenterValues) => {
    setConflict(null);
    setFailure(null);
    try {
      const res = await update({
        variables: {
          jurisdictionId,
          input: {
            name: blankToNull(values.name),
            status: values.status,
            hallArea: numberOf(values.hallArea),
            windows: numberOf(values.windows) ?? 0,
            facilities: values.facilities ?? [],
            address: blankToNull(values.address),
            phone: blankToNull(values.phone),
            openingHours: blankToNull(values.openingHours),
            reviewBody: blankToNull(values.reviewBody),
            court: blankToNull(values.court),
            version: current?.version ?? null,
          },
        },
      });
      if (res.data) setCurrent(res.data.updateServiceCenter);
      onSaved();
    } catch (e) {
      const err = apiError(e);
      const problems = fieldProblems(err);
      if (err.code === 'BAD_USER_INPUT' && problems.length) {
        form.setFields(problems.map((p) => ({ name: formPath(p.field) as never, errors: [p.message] })));
        return;
      }
      if (err.code === 'VERSION_CONFLICT') {
        setConflict({ expected: Number(err.extensions.expectedVersion), current: Number(err.extensions.currentVersion) });
      } else {
        setFailure(t('editor.saveFailed', { message: err.code === 'NETWORK' ? t('errors.network') : err.message }));
      }
    }
  };

  return (
    <Card className="editor-section" title={<h2 className="card-heading">{title}</h2>}>
      <div className="center-standard" aria-live="polite">
        {current ? (
          current.standardized ? (
            <Pill tone="green">
              <CheckCircleFilled aria-hidden="true" /> {t('centers.standardized')}
            </Pill>
          ) : (
            <Pill tone="orange">
              <ExclamationCircleFilled aria-hidden="true" /> {t('centers.notStandardized')}
            </Pill>
          )
        ) : (
          <span>{t('centers.noCenter')}</span>
        )}
        <p className="hint">{t('centers.standardRule')}</p>
      </div>
      {conflict && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="form-alert"
          title={t('editor.conflict', { expected: conflict.expected, current: conflict.current })}
          action={
            <Button danger onClick={() => void onReload()}>
              {t('editor.reload')}
            </Button>
          }
        />
      )}
      {failure && <Alert type="error" showIcon role="alert" className="form-alert" title={failure} />}
      <Form<CenterValues> form={form} name="center" layout="vertical" initialValues={toValues(center)} onFinish={(v) => void save(v)}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('centers.name')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="status" label={t('centers.status')} rules={[{ required: true }]}>
              <Radio.Group options={STATUSES.map((s) => ({ value: s, label: t(`centerStatus.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="hallArea" label={t('centers.hallArea')} rules={numberRules(t, { min: 0, max: 100000 })}>
              <NumberInput />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="windows" label={t('centers.windows')} rules={numberRules(t, { min: 0, max: 500, integer: true })}>
              <NumberInput integer />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="facilities" label={t('centers.facilities')}>
              <Checkbox.Group className="facility-grid" options={FACILITIES.map((f) => ({ value: f, label: t(`facility.${f}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="address" label={t('centers.address')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="phone" label={t('centers.phone')}>
              <Input type="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="openingHours" label={t('centers.openingHours')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="reviewBody" label={t('centers.reviewBody')} extra={t('centers.appealHelp')} rules={[{ min: 2, max: 100, message: t('centers.appealLength') }]}>
              <Input placeholder={t('centers.inherited')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="court" label={t('centers.court')} rules={[{ min: 2, max: 100, message: t('centers.appealLength') }]}>
              <Input placeholder={t('centers.inherited')} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" disabled={loading}>
          {t('centers.save')}
        </Button>
      </Form>
    </Card>
  );
}
