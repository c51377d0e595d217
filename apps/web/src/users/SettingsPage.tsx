/**
 * 系统设置: a city's coverage targets, policy settings and assessment scheme, each a form whose server errors land
 * on their fields. The viewer's city, with a picker for staff above several cities (a province). The server decides
 * who may save (the city's system administrator or the province's; targets also their directory admins).
 */
import { Result as PageResult } from '../common/ui';
import { useState } from 'react';
import { Alert, Button, Card, Form, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { JurisdictionLevel } from '../gql/graphql';
import { hasRole, useViewer } from '../auth/viewer';
import { LoadError, Loading } from '../common/Status';
import { usePageTitle } from '../common/usePageTitle';
import { serverText } from './common';
import { NumberInput, numberRules } from '../common/NumberInput';
import { apiError, formPath } from '../common/errors';
import './text';

const PolicyCitiesDocument = graphql(`
  query PolicyCities {
    policyCities {
      id
      name
    }
  }
`);
const SettingsDocument = graphql(`
  query Settings($city: ID) {
    coverageTargets(city: $city) {
      version
      levels {
        level
        built
        standardized
      }
    }
    policySettings(city: $city) {
      city {
        id
        name
      }
      rectificationDeadlineDays
      defaultGradeAfterDays
      warningWorkingDays
      assessmentMinimumEvaluations
    }
    assessmentScheme(city: $city) {
      version
      minimumEvaluations
      weights {
        satisfaction
        onTime
        noticeCompliance
        standardisation
        inspection
      }
    }
  }
`);
const UpdateCoverageTargetsDocument = graphql(`
  mutation UpdateCoverageTargets($input: CoverageTargetsInput!, $city: ID) {
    updateCoverageTargets(input: $input, city: $city) {
      version
      levels {
        level
        built
        standardized
      }
    }
  }
`);
const UpdatePolicySettingsDocument = graphql(`
  mutation UpdatePolicySettings($input: PolicySettingsInput!, $city: ID) {
    updatePolicySettings(input: $input, city: $city) {
      rectificationDeadlineDays
      defaultGradeAfterDays
      warningWorkingDays
      assessmentMinimumEvaluations
    }
  }
`);
const UpdateAssessmentSchemeDocument = graphql(`
  mutation UpdateAssessmentScheme($input: AssessmentSchemeInput!, $city: ID) {
    updateAssessmentScheme(input: $input, city: $city) {
      version
      minimumEvaluations
      weights {
        satisfaction
        onTime
        noticeCompliance
        standardisation
        inspection
      }
    }
  }
`);

const WEIGHT_KEYS = ['satisfaction', 'onTime', 'noticeCompliance', 'standardisation', 'inspection'] as const;
type Notice = { type: 'success' | 'error'; text: string } | null;

/** A server input error on its form field (by the dotted path after `input.`), else as a notice. */
function placeError<T>(form: FormInstance<T>, e: unknown, map: (path: (string | number)[]) => (string | number)[] | null, set: (n: Notice) => void) {
  const err = apiError(e);
  const field = typeof err.extensions.field === 'string' ? err.extensions.field : null;
  const name = field ? map(formPath(field)) : null;
  if (name) form.setFields([{ name: name as never, errors: [serverText(e)] }]);
  else set({ type: 'error', text: serverText(e) });
}

export function SettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.settings.title'));
  const { viewer, loading } = useViewer();
  const location = useLocation();
  if (loading && !viewer) return <Loading />;
  if (!viewer) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (!hasRole(viewer, 'SYSTEM_ADMIN') && !hasRole(viewer, 'DIRECTORY_ADMIN') && !hasRole(viewer, 'SUPERVISOR')) {
    return <PageResult headingLevel={1} title={t('users.settings.forbidden')} />;
  }
  return <Settings />;
}

function Settings() {
  const { t } = useTranslation();
  const cities = useQuery(PolicyCitiesDocument);
  const [chosen, setChosen] = useState<string | null>(null);
  if (cities.loading && !cities.data) return <Loading />;
  if (cities.error || !cities.data) return <LoadError error={cities.error} onRetry={() => void cities.refetch()} />;
  const list = cities.data.policyCities;
  // One city: the server picks it; several (a province's staff): the first until another is chosen.
  const city = list.length > 1 ? (chosen ?? list[0].id) : null;
  return (
    <div className="page page-narrow">
      <h1>{t('users.settings.title')}</h1>
      <p>{t('users.settings.intro')}</p>
      {list.length > 1 && (
        <div className="settings-city">
          <label htmlFor="settings-city">{t('users.settings.city')}</label>
          <Select id="settings-city" value={city} onChange={(v: string) => setChosen(v)} options={list.map((c) => ({ value: c.id, label: c.name }))} style={{ minWidth: 200 }} />
        </div>
      )}
      <CitySettings key={city ?? 'only'} city={city} />
    </div>
  );
}

function CitySettings({ city }: { city: string | null }) {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(SettingsDocument, { variables: { city } });
  if (loading && !data) return <Loading />;
  if (error || !data) return <LoadError error={error} onRetry={() => void refetch()} />;
  return (
    <>
      {data.policySettings.city && <p className="settings-city-name">{t('users.settings.cityOf', { name: data.policySettings.city.name })}</p>}
      <TargetsForm city={city} levels={data.coverageTargets.levels} version={data.coverageTargets.version} />
      <PolicyForm city={city} values={data.policySettings} />
      <SchemeForm city={city} weights={data.assessmentScheme.weights} minimumEvaluations={data.assessmentScheme.minimumEvaluations} version={data.assessmentScheme.version} />
    </>
  );
}

const pct = (share: number | null) => (share == null ? null : Math.round(share * 1000) / 10);

function TargetsForm({ city, levels, version }: { city: string | null; levels: Array<{ level: JurisdictionLevel; built: number | null; standardized: number | null }>; version: number }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [save, { loading }] = useMutation(UpdateCoverageTargetsDocument);
  const [notice, setNotice] = useState<Notice>(null);
  const onFinish = async (v: { levels: Array<{ built: number | null; standardized: number | null }> }) => {
    setNotice(null);
    try {
      await save({
        variables: { city, input: { levels: levels.map((l, i) => ({ level: l.level, built: v.levels[i].built == null ? null : v.levels[i].built! / 100, standardized: v.levels[i].standardized == null ? null : v.levels[i].standardized! / 100 })) } },
      });
      setNotice({ type: 'success', text: t('users.common.saved') });
    } catch (e) {
      placeError(form, e, (p) => (p[0] === 'levels' ? p : null), setNotice);
    }
  };
  return (
    <Card title={<h2 className="card-heading">{t('users.settings.targets')}</h2>} extra={t('users.settings.version', { version })}>
      <p>{t('users.settings.targetsIntro')}</p>
      {notice && <Alert type={notice.type} showIcon title={notice.text} role={notice.type === 'error' ? 'alert' : 'status'} className="form-alert" />}
      <Form form={form} name="coverage-targets" layout="vertical" initialValues={{ levels: levels.map((l) => ({ built: pct(l.built), standardized: pct(l.standardized) })) }} onFinish={(v) => void onFinish(v)}>
        {levels.map((l, i) => (
          <fieldset key={l.level} className="settings-level">
            <legend>{t(`users.levels.${l.level}`)}</legend>
            <Form.Item name={['levels', i, 'built']} label={t('users.settings.built')} rules={numberRules(t, { min: 0, max: 100 })}>
              <NumberInput />
            </Form.Item>
            <Form.Item name={['levels', i, 'standardized']} label={t('users.settings.standardized')} rules={numberRules(t, { min: 0, max: 100 })}>
              <NumberInput />
            </Form.Item>
          </fieldset>
        ))}
        <Button type="primary" htmlType="submit" disabled={loading}>
          {t('users.common.save')}
        </Button>
      </Form>
    </Card>
  );
}

interface PolicyValues {
  rectificationDeadlineDays: number;
  defaultGradeAfterDays: number | null;
  warningWorkingDays: number;
}

function PolicyForm({ city, values }: { city: string | null; values: PolicyValues & { assessmentMinimumEvaluations: number } }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PolicyValues>();
  const [save, { loading }] = useMutation(UpdatePolicySettingsDocument);
  const [notice, setNotice] = useState<Notice>(null);
  const onFinish = async (v: PolicyValues) => {
    setNotice(null);
    try {
      await save({ variables: { city, input: { rectificationDeadlineDays: v.rectificationDeadlineDays, defaultGradeAfterDays: v.defaultGradeAfterDays ?? null, warningWorkingDays: v.warningWorkingDays } } });
      setNotice({ type: 'success', text: t('users.common.saved') });
    } catch (e) {
      placeError(form, e, (p) => (['rectificationDeadlineDays', 'defaultGradeAfterDays', 'warningWorkingDays'].includes(String(p[0])) ? p : null), setNotice);
    }
  };
  const requiredText = (label: string) => t('users.common.required', { field: label });
  return (
    <Card title={<h2 className="card-heading">{t('users.settings.policy')}</h2>}>
      {notice && <Alert type={notice.type} showIcon title={notice.text} role={notice.type === 'error' ? 'alert' : 'status'} className="form-alert" />}
      <Form<PolicyValues> form={form} name="policy-settings" layout="vertical" initialValues={values} onFinish={(v) => void onFinish(v)}>
        <Form.Item name="rectificationDeadlineDays" label={t('users.settings.rectificationDeadlineDays')} rules={numberRules(t, { min: 1, max: 60, integer: true, required: requiredText(t('users.settings.rectificationDeadlineDays')) })}>
          <NumberInput integer />
        </Form.Item>
        <Form.Item name="defaultGradeAfterDays" label={t('users.settings.defaultGradeAfterDays')} rules={numberRules(t, { min: 1, max: 365, integer: true })}>
          <NumberInput integer />
        </Form.Item>
        <Form.Item name="warningWorkingDays" label={t('users.settings.warningWorkingDays')} rules={numberRules(t, { min: 0, max: 30, integer: true, required: requiredText(t('users.settings.warningWorkingDays')) })}>
          <NumberInput integer />
        </Form.Item>
        <Button type="primary" htmlType="submit" disabled={loading}>
          {t('users.common.save')}
        </Button>
      </Form>
    </Card>
  );
}

type Weights = Record<(typeof WEIGHT_KEYS)[number], number>;

function SchemeForm({ city, weights, minimumEvaluations, version }: { city: string | null; weights: Weights; minimumEvaluations: number; version: number }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ weights: Weights; minimumEvaluations: number }>();
  const [save, { loading }] = useMutation(UpdateAssessmentSchemeDocument);
  const [notice, setNotice] = useState<Notice>(null);
  const current = Form.useWatch('weights', form) ?? weights;
  const sum = WEIGHT_KEYS.reduce((s, k) => s + (Number(current?.[k]) || 0), 0);
  const onFinish = async (v: { weights: Weights; minimumEvaluations: number }) => {
    setNotice(null);
    try {
      const clean = Object.fromEntries(WEIGHT_KEYS.map((k) => [k, v.weights[k]])) as Weights;
      await save({ variables: { city, input: { weights: clean, minimumEvaluations: v.minimumEvaluations } } });
      setNotice({ type: 'success', text: t('users.common.saved') });
    } catch (e) {
      placeError(form, e, (p) => (p[0] === 'weights' && p.length === 1 ? null : p[0] === 'weights' || p[0] === 'minimumEvaluations' ? p : null), setNotice);
    }
  };
  return (
    <Card title={<h2 className="card-heading">{t('users.settings.assessment')}</h2>} extra={t('users.settings.version', { version })}>
      <p>{t('users.settings.assessmentIntro')}</p>
      {notice && <Alert type={notice.type} showIcon title={notice.text} role={notice.type === 'error' ? 'alert' : 'status'} className="form-alert" />}
      <Form form={form} name="assessment-scheme" layout="vertical" initialValues={{ weights, minimumEvaluations }} onFinish={(v) => void onFinish(v)}>
        {WEIGHT_KEYS.map((k) => (
          <Form.Item key={k} name={['weights', k]} label={t(`users.settings.${k}`)} rules={numberRules(t, { min: 0, max: 100, integer: true, required: t('users.common.required', { field: t(`users.settings.${k}`) }) })}>
            <NumberInput integer />
          </Form.Item>
        ))}
        <p role="status" className={sum === 100 ? undefined : 'form-warning'}>
          {t('users.settings.weightsSum', { sum })}
        </p>
        <Form.Item name="minimumEvaluations" label={t('users.settings.minimumEvaluations')} rules={numberRules(t, { min: 0, max: 100000, integer: true, required: t('users.common.required', { field: t('users.settings.minimumEvaluations') }) })}>
          <NumberInput integer />
        </Form.Item>
        <Button type="primary" htmlType="submit" disabled={loading || sum !== 100}>
          {t('users.common.save')}
        </Button>
      </Form>
    </Card>
  );
}
