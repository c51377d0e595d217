/**
 * 差评整改 (/clerk/rectifications): the bad ratings of the viewer's subtree, open ones first, soonest deadline first,
 * narrowed by status and overdue. A drawer (?open=<id>) shows the rating with its comment and what was done; the
 * handling centre's clerk responds (verification + answer to the citizen) and closes after the follow-up; a
 * supervisor may leave a rating verified as malicious on appeal out of the statistics (reason required). The
 * buttons follow the server's `nextActions`.
 */
import { useId, useState, type ReactNode } from 'react';
import { Alert, App, Button, Drawer, Input } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RectificationFieldsFragment, RectificationFilterInput, RectificationStatus } from '../gql/graphql';
import { hasRole, type AdminScope } from '../auth/viewer';
import { apiError } from '../common/errors';
import { LoadError, Loading } from '../common/Status';
import { NativeSelect } from '../common/NativeSelect';
import { changedParams } from '../common/params';
import { Pill } from '../common/Tags';
import { useDates } from '../common/dates';
import { usePageTitle } from '../common/usePageTitle';
import { EvaluationSummary, RECTIFICATION_TONE, gradeTone } from '../evaluation/EvaluationPanel';
import { RECTIFICATION_ROLES } from './access';
import { RequireRoles } from './common';
import { PagedTable, type Column } from './PagedTable';
import { CloseRectificationDocument, ExcludeEvaluationDocument, RectificationDocument, RectificationsDocument, RespondToRectificationDocument } from './documents';
import './supervision.css';
import './text';

type Rect = RectificationFieldsFragment;
const STATUSES: readonly RectificationStatus[] = ['OPEN', 'RESPONDED', 'CLOSED'];

export function RectificationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('supervision.rectifications.title'));
  return (
    <RequireRoles roles={RECTIFICATION_ROLES} forbidden={t('supervision.rectifications.forbidden')}>
      {(viewer, scopes) => <Rectifications scopes={scopes} supervisor={hasRole(viewer, 'SUPERVISOR')} />}
    </RequireRoles>
  );
}

function Rectifications({ scopes, supervisor }: { scopes: AdminScope[]; supervisor: boolean }) {
  const { t } = useTranslation();
  const { day } = useDates();
  const [params, setParams] = useSearchParams();
  const scopeId = useId();
  const scope = scopes.find((s) => s.id === params.get('scope'));
  const status = (params.get('status') ?? '').split(',').filter((s): s is RectificationStatus => (STATUSES as readonly string[]).includes(s));
  const overdue = params.get('overdue') === '1';
  const openId = params.get('open');
  const filter: RectificationFilterInput = { jurisdictionId: scope?.id ?? null, status: status.length ? status : null, overdue: overdue || null };
  const { data, error, loading, fetchMore, refetch } = useQuery(RectificationsDocument, { variables: { filter }, fetchPolicy: 'cache-and-network' });
  const page = data?.rectifications;

  const update = (changes: Record<string, string | null>) => setParams(changedParams(params, changes), { replace: true });
  const toggleStatus = (s: RectificationStatus, on: boolean) => {
    const next = on ? [...status, s] : status.filter((x) => x !== s);
    update({ status: STATUSES.filter((x) => next.includes(x)).join(',') || null });
  };

  const columns: Column<Rect>[] = [
    { label: t('supervision.rectifications.application'), cell: (r) => <Link to={`/applications/${r.application.id}`}>{r.application.number}</Link> },
    { label: t('supervision.rectifications.item'), cell: (r) => r.application.serviceItem.name },
    { label: t('supervision.rectifications.place'), cell: (r) => r.jurisdiction.name },
    {
      label: t('supervision.rectifications.grade'),
      cell: (r) => (
        <>
          <Pill tone={gradeTone(r.evaluation.grade)}>{t(`evaluation.grade.${r.evaluation.grade as 1}`)}</Pill>
          <div className="cell-note">{day(r.evaluation.evaluatedOn)}</div>
        </>
      ),
    },
    {
      label: t('supervision.rectifications.deadline'),
      cell: (r) => (
        <>
          {day(r.deadline)} {r.overdue && <Pill tone="red">{t('evaluation.overdue')}</Pill>}
        </>
      ),
    },
    {
      label: t('supervision.rectifications.statusCol'),
      cell: (r) => (
        <>
          <Pill tone={RECTIFICATION_TONE[r.status]}>{t(`evaluation.rectStatus.${r.status}`)}</Pill>
          {r.evaluation.excluded && <div className="cell-note">{t('evaluation.excluded')}</div>}
        </>
      ),
    },
    {
      label: t('supervision.rectifications.actions'),
      cell: (r) => (
        <Button type={r.nextActions.length ? 'primary' : 'default'} onClick={() => update({ open: r.id })} aria-label={t('supervision.rectifications.openFor', { number: r.application.number })}>
          {t('supervision.rectifications.open')}
        </Button>
      ),
    },
  ];

  return (
    <div className="page page-supervision">
      <div className="page-head">
        <h1>{t('supervision.rectifications.title')}</h1>
      </div>
      <form className="filters queue-filters" aria-label={t('supervision.rectifications.filters')} onSubmit={(e) => e.preventDefault()}>
        {scopes.length > 1 && (
          <div className="filter-field">
            <label htmlFor={scopeId}>{t('supervision.rectifications.scope')}</label>
            <NativeSelect id={scopeId} value={scope?.id ?? null} placeholder={scopes.map((s) => s.name).join('、')} onChange={(v) => update({ scope: v })} options={scopes.map((s) => ({ value: s.id, label: s.name }))} />
          </div>
        )}
        <fieldset className="filter-field">
          <legend>{t('supervision.rectifications.status')}</legend>
          <div className="check-chips">
            {STATUSES.map((s) => (
              <label key={s} className="check-chip">
                <input type="checkbox" checked={status.includes(s)} onChange={(e) => toggleStatus(s, e.target.checked)} />
                <span>{t(`evaluation.rectStatus.${s}`)}</span>
              </label>
            ))}
            <label className="check-chip">
              <input type="checkbox" checked={overdue} onChange={(e) => update({ overdue: e.target.checked ? '1' : null })} />
              <span>{t('supervision.rectifications.overdueOnly')}</span>
            </label>
          </div>
        </fieldset>
        {(status.length > 0 || overdue || scope) && <Button onClick={() => update({ status: null, overdue: null, scope: null })}>{t('supervision.rectifications.clear')}</Button>}
      </form>

      <PagedTable
        page={page}
        error={error}
        onRetry={() => void refetch()}
        onMore={(after) => fetchMore({ variables: { filter, after } })}
        count={(count) => (loading ? t('app.loading') : t('supervision.rectifications.count', { count }))}
        live
        empty={t('supervision.rectifications.empty')}
        caption={t('supervision.rectifications.caption')}
        columns={columns}
        rowKey={(r) => r.id}
      />
      <RectificationDrawer id={openId} supervisor={supervisor} onClose={() => update({ open: null })} />
    </div>
  );
}

function RectificationDrawer({ id, supervisor, onClose }: { id: string | null; supervisor: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { data, error, refetch } = useQuery(RectificationDocument, { variables: { id: id ?? '' }, skip: !id, fetchPolicy: 'cache-and-network' });
  const r = id ? (data?.rectification ?? null) : null;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size="min(600px, 100vw)"
      title={r ? t('supervision.rectifications.drawerTitle', { number: r.application.number }) : t('supervision.rectifications.title')}
      closable={{ 'aria-label': t('supervision.rectifications.close') }}
      destroyOnHidden
    >
      {!id ? null : error && !data ? <LoadError error={error} onRetry={() => void refetch()} /> : !data ? <Loading /> : r ? <RectificationDetail r={r} supervisor={supervisor} /> : <p>{t('errors.NOT_FOUND')}</p>}
    </Drawer>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function RectificationDetail({ r, supervisor }: { r: Rect; supervisor: boolean }) {
  const { t } = useTranslation();
  const { day, time } = useDates();
  return (
    <div className="rect-drawer">
      <section className="rect-drawer-section" aria-labelledby="rect-rating">
        <h3 id="rect-rating">{t('supervision.rectifications.rating')}</h3>
        <p>
          <Link to={`/applications/${r.application.id}`}>
            {t('supervision.rectifications.openApplication')} {r.application.number}
          </Link>
          <br />
          <span className="hint">
            {r.application.serviceItem.name} · {r.jurisdiction.name}
          </span>
        </p>
        <EvaluationSummary evaluation={r.evaluation} showComment={false} />
        <dl className="fields">
          <Field label={t('supervision.rectifications.comment')}>
            {r.evaluation.comment ? <p className="rect-quote">{r.evaluation.comment}</p> : t('supervision.rectifications.noComment')}
          </Field>
        </dl>
      </section>

      <section className="rect-drawer-section" aria-labelledby="rect-progress">
        <h3 id="rect-progress">{t('supervision.rectifications.progress')}</h3>
        <dl className="fields">
          <Field label={t('evaluation.status')}>
            <Pill tone={RECTIFICATION_TONE[r.status]}>{t(`evaluation.rectStatus.${r.status}`)}</Pill>
          </Field>
          <Field label={t('supervision.rectifications.createdAt')}>{time(r.createdAt)}</Field>
          <Field label={t('evaluation.deadline')}>
            {day(r.deadline)} {r.overdue && <Pill tone="red">{t('evaluation.overdue')}</Pill>}
          </Field>
          {r.verification && <Field label={t('evaluation.verification')}>{r.verification}</Field>}
          {r.response && <Field label={t('evaluation.response')}>{r.response}</Field>}
          {r.respondedAt && <Field label={t('evaluation.respondedAt')}>{time(r.respondedAt)}</Field>}
          {r.followUp && <Field label={t('evaluation.followUp')}>{r.followUp}</Field>}
          {r.closedAt && <Field label={t('evaluation.closedAt')}>{time(r.closedAt)}</Field>}
        </dl>
      </section>

      {r.nextActions.includes('RESPOND') && <RespondForm r={r} />}
      {r.nextActions.includes('CLOSE') && <CloseForm r={r} />}
      {supervisor && !r.evaluation.excluded && <ExcludeForm r={r} />}
    </div>
  );
}

/** A labelled text area with its hint and a "required" message. */
function TextField({ label, hint, value, onChange, missing }: { label: string; hint?: string; value: string; onChange(v: string): void; missing: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = useId();
  const errId = useId();
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <Input.TextArea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={2000}
        status={missing ? 'error' : undefined}
        aria-invalid={missing || undefined}
        aria-required
        aria-describedby={[hint ? hintId : null, missing ? errId : null].filter(Boolean).join(' ') || undefined}
      />
      {missing && (
        <p id={errId} className="field-error" role="alert">
          {t('supervision.rectifications.required', { field: label })}
        </p>
      )}
    </div>
  );
}

function useSubmit() {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>): Promise<boolean> => {
    setFailure(null);
    try {
      await fn();
      return true;
    } catch (e) {
      const err = apiError(e);
      setFailure(t('supervision.failed', { message: err.code === 'NETWORK' ? t('errors.network') : err.message }));
      return false;
    }
  };
  const alert = failure ? <Alert type="error" showIcon role="alert" className="form-alert" title={failure} /> : null;
  return { run, alert };
}

function RespondForm({ r }: { r: Rect }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [verification, setVerification] = useState('');
  const [response, setResponse] = useState('');
  const [tried, setTried] = useState(false);
  const [respond, { loading }] = useMutation(RespondToRectificationDocument);
  const { run, alert } = useSubmit();
  const onSubmit = async () => {
    setTried(true);
    if (!verification.trim() || !response.trim()) return;
    if (await run(() => respond({ variables: { id: r.id, input: { verification: verification.trim(), response: response.trim() } } }))) {
      void message.success(t('supervision.rectifications.responded'));
    }
  };
  return (
    <section className="rect-drawer-section" aria-labelledby="rect-respond">
      <h3 id="rect-respond">{t('supervision.rectifications.respond')}</h3>
      <form
        className="rect-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        <TextField
          label={t('supervision.rectifications.verification')}
          hint={t('supervision.rectifications.verificationHint')}
          value={verification}
          onChange={setVerification}
          missing={tried && !verification.trim()}
        />
        <TextField label={t('supervision.rectifications.response')} hint={t('supervision.rectifications.responseHint')} value={response} onChange={setResponse} missing={tried && !response.trim()} />
        {alert}
        <Button type="primary" htmlType="submit" disabled={loading}>
          {loading ? t('supervision.rectifications.working') : t('supervision.rectifications.respondSubmit')}
        </Button>
      </form>
    </section>
  );
}

function CloseForm({ r }: { r: Rect }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [followUp, setFollowUp] = useState('');
  const [tried, setTried] = useState(false);
  const [close, { loading }] = useMutation(CloseRectificationDocument);
  const { run, alert } = useSubmit();
  const onSubmit = async () => {
    setTried(true);
    if (!followUp.trim()) return;
    if (await run(() => close({ variables: { id: r.id, input: { followUp: followUp.trim() } } }))) void message.success(t('supervision.rectifications.closed'));
  };
  return (
    <section className="rect-drawer-section" aria-labelledby="rect-close">
      <h3 id="rect-close">{t('supervision.rectifications.closeHeading')}</h3>
      <form
        className="rect-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        <TextField label={t('supervision.rectifications.followUp')} hint={t('supervision.rectifications.followUpHint')} value={followUp} onChange={setFollowUp} missing={tried && !followUp.trim()} />
        {alert}
        <Button type="primary" htmlType="submit" disabled={loading}>
          {loading ? t('supervision.rectifications.working') : t('supervision.rectifications.closeSubmit')}
        </Button>
      </form>
    </section>
  );
}

function ExcludeForm({ r }: { r: Rect }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [exclude, { loading }] = useMutation(ExcludeEvaluationDocument);
  const { run, alert } = useSubmit();
  const onSubmit = () => {
    setTried(true);
    if (!reason.trim()) return;
    modal.confirm({
      title: t('supervision.rectifications.excludeSubmit'),
      content: t('supervision.rectifications.excludeConfirm'),
      okText: t('supervision.rectifications.excludeSubmit'),
      okButtonProps: { danger: true },
      cancelText: t('supervision.assessments.cancel'),
      onOk: async () => {
        if (await run(() => exclude({ variables: { id: r.evaluation.id, reason: reason.trim() } }))) void message.success(t('supervision.rectifications.excludedDone'));
      },
    });
  };
  return (
    <section className="rect-drawer-section" aria-labelledby="rect-exclude">
      <h3 id="rect-exclude">{t('supervision.rectifications.exclude')}</h3>
      <p className="hint">{t('supervision.rectifications.excludeHint')}</p>
      <form
        className="rect-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <TextField label={t('supervision.rectifications.excludeReason')} value={reason} onChange={setReason} missing={tried && !reason.trim()} />
        {alert}
        <Button danger htmlType="submit" disabled={loading}>
          {t('supervision.rectifications.excludeSubmit')}
        </Button>
      </form>
    </section>
  );
}
