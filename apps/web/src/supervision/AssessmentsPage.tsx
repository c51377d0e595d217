/**
 * 乡镇考评 (/supervision/assessments?county=&period=): a county directory administrator or supervisor (or one of the
 * city, for any of its counties) picks the county and a quarter, computes the assessment, enters each township's
 * inspection score (0–100), reviews totals and ranks ("样本不足" for too few ratings) and publishes — after a
 * confirmation, and locked from then on.
 */
import { useEffect, useId, useState } from 'react';
import { Alert, App, Button } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AssessmentFieldsFragment } from '../gql/graphql';
import type { AdminScope } from '../auth/viewer';
import { apiError } from '../common/errors';
import { LoadError, Loading } from '../common/Status';
import { NativeSelect } from '../common/NativeSelect';
import { Pill } from '../common/Tags';
import { useDates } from '../common/dates';
import { usePageTitle } from '../common/usePageTitle';
import { ASSESSOR_ROLES } from './access';
import { RequireRoles } from './common';
import { AssessmentDocument, AssessmentsDocument, CountiesOfDocument, PublishAssessmentDocument, RunAssessmentDocument, SetInspectionScoreDocument } from './documents';
import { percent, recentQuarters, splitQuarter } from './format';
import './supervision.css';
import './text';

type Assessment = AssessmentFieldsFragment;
type Score = Assessment['scores'][number];

export function AssessmentsPage() {
  const { t } = useTranslation();
  usePageTitle(t('supervision.assessments.title'));
  return (
    <RequireRoles roles={ASSESSOR_ROLES} forbidden={t('supervision.assessments.forbidden')}>
      {(_viewer, scopes) => <Assessments scopes={scopes} />}
    </RequireRoles>
  );
}

/** The counties the viewer may assess: their own county, or the counties of their city. */
function useCounties(scopes: AdminScope[]): { counties: Array<{ id: string; name: string }>; loading: boolean } {
  const city = scopes.find((s) => s.level === 'CITY');
  const { data, loading } = useQuery(CountiesOfDocument, { variables: { id: city?.id ?? '' }, skip: !city });
  const own = scopes.filter((s) => s.level === 'COUNTY').map((s) => ({ id: s.id, name: s.name }));
  const fromCity = (data?.jurisdiction?.children ?? []).filter((c) => c.level === 'COUNTY').map((c) => ({ id: c.id, name: c.name }));
  const seen = new Set<string>();
  const counties = [...fromCity, ...own].filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
  return { counties, loading: !!city && loading && !data };
}

function Assessments({ scopes }: { scopes: AdminScope[] }) {
  const { t } = useTranslation();
  const { counties, loading } = useCounties(scopes);
  const [params, setParams] = useSearchParams();
  const ids = { county: useId(), period: useId() };
  const quarters = recentQuarters(8);
  const countyId = counties.some((c) => c.id === params.get('county')) ? (params.get('county') as string) : counties[0]?.id;
  const period = /^\d{4}-Q[1-4]$/.test(params.get('period') ?? '') ? (params.get('period') as string) : quarters[0];
  const county = counties.find((c) => c.id === countyId);
  const { data, error, refetch } = useQuery(AssessmentsDocument, { variables: { countyId: countyId ?? '' }, skip: !countyId, fetchPolicy: 'cache-and-network' });

  const update = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };

  if (loading) return <Loading />;
  if (!county) return <Alert type="info" showIcon title={t('supervision.assessments.forbidden')} />;

  const list = data?.assessments.nodes ?? [];
  const periods = [...new Set([...quarters, ...list.map((a) => a.period)])].sort().reverse();
  const plainLabel = (q: string) => {
    const { year, q: n } = splitQuarter(q);
    return t('supervision.assessments.quarter', { year, q: n });
  };
  const quarterLabel = (q: string) => {
    const a = list.find((x) => x.period === q);
    return a ? t('supervision.assessments.withStatus', { label: plainLabel(q), status: t(`supervision.assessments.status.${a.status}`) }) : plainLabel(q);
  };
  const current = list.find((a) => a.period === period) ?? null;

  return (
    <div className="page page-supervision">
      <div className="page-head">
        <h1>{t('supervision.assessments.title')}</h1>
      </div>
      <p className="hint">{t('supervision.assessments.intro')}</p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="filter-field">
          <label htmlFor={ids.county}>{t('supervision.assessments.county')}</label>
          <NativeSelect id={ids.county} value={county.id} onChange={(v) => update('county', v)} options={counties.map((c) => ({ value: c.id, label: c.name }))} />
        </div>
        <div className="filter-field">
          <label htmlFor={ids.period}>{t('supervision.assessments.period')}</label>
          <NativeSelect id={ids.period} value={period} onChange={(v) => update('period', v)} options={periods.map((q) => ({ value: q, label: quarterLabel(q) }))} />
        </div>
      </form>
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <Loading />
      ) : (
        <AssessmentLoader key={`${county.id}-${period}`} countyId={county.id} countyName={county.name} period={period} periodLabel={plainLabel(period)} id={current?.id ?? null} />
      )}
    </div>
  );
}

/** The assessment of the period, when there is one (the list only names the periods). */
function AssessmentLoader({ id, ...rest }: { id: string | null; countyId: string; countyName: string; period: string; periodLabel: string }) {
  const { data, error, refetch } = useQuery(AssessmentDocument, { variables: { id: id ?? '' }, skip: !id, fetchPolicy: 'cache-and-network' });
  if (!id) return <AssessmentView {...rest} assessment={null} />;
  if (error && !data) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading />;
  return <AssessmentView {...rest} assessment={data.assessment ?? null} />;
}

function AssessmentView({
  countyId,
  countyName,
  period,
  periodLabel,
  assessment: a,
}: {
  countyId: string;
  countyName: string;
  period: string;
  periodLabel: string;
  assessment: Assessment | null;
}) {
  const { t } = useTranslation();
  const { time } = useDates();
  const { message, modal } = App.useApp();
  const [failure, setFailure] = useState<string | null>(null);
  const [run, { loading: running }] = useMutation(RunAssessmentDocument, { refetchQueries: [{ query: AssessmentsDocument, variables: { countyId } }], awaitRefetchQueries: true });
  const [publish, { loading: publishing }] = useMutation(PublishAssessmentDocument);
  const fail = (e: unknown) => {
    const err = apiError(e);
    setFailure(t('supervision.failed', { message: err.code === 'NETWORK' ? t('errors.network') : err.message }));
  };
  const onRun = async () => {
    setFailure(null);
    try {
      await run({ variables: { countyId, period } });
      void message.success(t('supervision.assessments.ran'));
    } catch (e) {
      fail(e);
    }
  };
  const onPublish = () => {
    if (!a) return;
    setFailure(null);
    modal.confirm({
      title: t('supervision.assessments.publish'),
      content: t('supervision.assessments.publishConfirm'),
      okText: t('supervision.assessments.publishOk'),
      cancelText: t('supervision.assessments.cancel'),
      onOk: async () => {
        try {
          await publish({ variables: { id: a.id } });
          void message.success(t('supervision.assessments.published'));
        } catch (e) {
          fail(e);
        }
      },
    });
  };

  const draft = a?.status === 'DRAFT';
  const w = a?.scheme.weights;
  return (
    <section className="dashboard-section" aria-labelledby="assessment-heading">
      <div className="assessment-head">
        <h2 id="assessment-heading" className="card-heading">
          {countyName} {periodLabel}
        </h2>
        {a && <Pill tone={a.status === 'PUBLISHED' ? 'green' : 'neutral'}>{t(`supervision.assessments.status.${a.status}`)}</Pill>}
      </div>
      <div aria-live="polite">{failure && <Alert type="error" showIcon role="alert" className="form-alert" title={failure} />}</div>
      {!a ? (
        <>
          <p>{t('supervision.assessments.notRun')}</p>
          <Button type="primary" onClick={() => void onRun()} disabled={running}>
            {t('supervision.assessments.run')}
          </Button>
        </>
      ) : (
        <>
          <p className="hint">
            {a.publishedAt ? t('supervision.assessments.publishedAt', { time: time(a.publishedAt) }) : t('supervision.assessments.computedAt', { time: time(a.computedAt) })}
          </p>
          {w && <p className="hint">{t('supervision.assessments.weights', { ...w, min: a.scheme.minimumEvaluations })}</p>}
          <ScoreTable assessment={a} />
          {draft && (
            <div className="assessment-actions">
              <Button onClick={() => void onRun()} disabled={running || publishing}>
                {t('supervision.assessments.rerun')}
              </Button>
              <Button type="primary" onClick={onPublish} disabled={running || publishing}>
                {t('supervision.assessments.publish')}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function ScoreTable({ assessment: a }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const draft = a.status === 'DRAFT';
  const noData = t('supervision.noData');
  return (
    <div className="table-scroll" role="region" aria-label={t('supervision.assessments.caption', { county: a.county.name, period: a.period })} tabIndex={0}>
      <table className="data-table assessment-table">
        <caption className="visually-hidden">{t('supervision.assessments.caption', { county: a.county.name, period: a.period })}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('supervision.assessments.rank')}
            </th>
            <th scope="col">{t('supervision.assessments.township')}</th>
            <th scope="col" className="num">
              {t('supervision.assessments.satisfaction')}
            </th>
            <th scope="col" className="num">
              {t('supervision.assessments.onTime')}
            </th>
            <th scope="col" className="num">
              {t('supervision.assessments.noticeCompliance')}
            </th>
            <th scope="col" className="num">
              {t('supervision.assessments.standardisation')}
            </th>
            <th scope="col" className="num">
              {t('supervision.assessments.evaluations')}
            </th>
            <th scope="col">{t('supervision.assessments.inspection')}</th>
            <th scope="col" className="num">
              {t('supervision.assessments.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {a.scores.map((s) => (
            <tr key={s.township.id}>
              <td data-label={t('supervision.assessments.rank')} className="num">
                {s.insufficient ? <Pill tone="orange">{t('supervision.assessments.insufficient')}</Pill> : (s.rank ?? '—')}
              </td>
              <th scope="row" data-label={t('supervision.assessments.township')}>
                {s.township.name}
              </th>
              <td data-label={t('supervision.assessments.satisfaction')} className="num">
                {percent(s.indicators.satisfaction) ?? noData}
              </td>
              <td data-label={t('supervision.assessments.onTime')} className="num">
                {percent(s.indicators.onTime) ?? noData}
              </td>
              <td data-label={t('supervision.assessments.noticeCompliance')} className="num">
                {percent(s.indicators.noticeCompliance) ?? noData}
              </td>
              <td data-label={t('supervision.assessments.standardisation')} className="num">
                {percent(s.indicators.standardisation) ?? noData}
              </td>
              <td data-label={t('supervision.assessments.evaluations')} className="num">
                {s.evaluations}
              </td>
              <td data-label={t('supervision.assessments.inspection')}>
                {draft ? <InspectionInput assessmentId={a.id} score={s} /> : (s.inspectionScore ?? '—')}
              </td>
              <td data-label={t('supervision.assessments.total')} className="num">
                {s.total == null ? '—' : s.total.toFixed(1)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InspectionInput({ assessmentId, score }: { assessmentId: string; score: Score }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = useId();
  const errId = useId();
  const [value, setValue] = useState(score.inspectionScore == null ? '' : String(score.inspectionScore));
  const [problem, setProblem] = useState<string | null>(null);
  const [save, { loading }] = useMutation(SetInspectionScoreDocument);
  useEffect(() => setValue(score.inspectionScore == null ? '' : String(score.inspectionScore)), [score.inspectionScore]);
  const name = score.township.name;

  const onSave = async () => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) {
      setProblem(t('supervision.assessments.scoreInvalid'));
      return;
    }
    setProblem(null);
    try {
      await save({ variables: { assessmentId, townshipId: score.township.id, score: n } });
      void message.success(t('supervision.assessments.saved', { name }));
    } catch (e) {
      const err = apiError(e);
      setProblem(t('supervision.failed', { message: err.code === 'NETWORK' ? t('errors.network') : err.message }));
    }
  };

  return (
    <form
      className="inspection-cell"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSave();
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {t('supervision.assessments.inspectionLabel', { name })}
      </label>
      <input
        id={id}
        className="native-input"
        type="number"
        inputMode="decimal"
        min={0}
        max={100}
        step={0.1}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? errId : undefined}
      />
      <Button htmlType="submit" disabled={loading} aria-label={t('supervision.assessments.saveFor', { name })}>
        {t('supervision.assessments.save')}
      </Button>
      {problem && (
        <span id={errId} className="field-error" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}
