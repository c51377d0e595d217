/**
 * 办件查询: anyone with an application number and its 6-digit lookup code (from the receipt, or the QR code on any
 * document) sees where it stands — status, item, centre, dates, next step and history — and nothing personal.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Alert, Button, Card, Input } from 'antd';
import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../common/Status';
import { Pill } from '../common/Tags';
import { useDates } from '../common/dates';
import { usePageTitle } from '../common/usePageTitle';
import { TrackDocument } from './documents';
import { ApplicationSteps, EventTimeline, StatusPill } from './status';
import { StageProgress } from './StageProgress';

export function TrackPage() {
  const { t } = useTranslation();
  usePageTitle(t('track.title'));
  const [params, setParams] = useSearchParams();
  const number = (params.get('number') ?? '').trim();
  const code = (params.get('code') ?? '').trim();
  const [draft, setDraft] = useState({ number, code });
  const [problem, setProblem] = useState<string | null>(null);
  const numberId = useId();
  const codeId = useId();
  useEffect(() => setDraft({ number, code }), [number, code]);
  const ready = number.length > 0 && /^\d{6}$/.test(code);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const n = draft.number.trim();
    const c = draft.code.trim();
    if (!n) return setProblem(t('track.numberRequired'));
    if (!/^\d{6}$/.test(c)) return setProblem(t('track.codeInvalid'));
    setProblem(null);
    setParams({ number: n, code: c }, { replace: true });
  };

  return (
    <div className="page page-track">
      <h1>{t('track.title')}</h1>
      <p className="hint">{t('track.intro')}</p>
      <Card className="track-card">
        <form className="track-form" onSubmit={onSubmit} noValidate>
          <div className="track-field">
            <label htmlFor={numberId}>{t('track.number')}</label>
            <Input id={numberId} value={draft.number} onChange={(e) => setDraft({ ...draft, number: e.target.value })} autoComplete="off" inputMode="numeric" maxLength={40} />
          </div>
          <div className="track-field track-code">
            <label htmlFor={codeId}>{t('track.code')}</label>
            <Input
              id={codeId}
              value={draft.code}
              onChange={(e) => setDraft({ ...draft, code: e.target.value.replace(/\D/g, '').slice(0, 6) })}
              autoComplete="off"
              inputMode="numeric"
              maxLength={6}
              aria-describedby={`${codeId}-help`}
            />
            <span id={`${codeId}-help`} className="hint">
              {t('track.codeHelp')}
            </span>
          </div>
          <Button type="primary" htmlType="submit" className="track-submit">
            {t('track.submit')}
          </Button>
        </form>
        {problem && <Alert className="track-problem" type="error" showIcon title={problem} />}
      </Card>
      {ready && <TrackResult key={`${number}|${code}`} number={number} code={code} />}
    </div>
  );
}

function TrackResult({ number, code }: { number: string; code: string }) {
  const { t } = useTranslation();
  const { day, time } = useDates();
  const { data, error, loading, refetch } = useQuery(TrackDocument, { variables: { number, lookupCode: code }, fetchPolicy: 'network-only' });
  if (error && !data) return <LoadError error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const a = data?.applicationByNumber ?? null;
  if (!a) {
    return (
      <Alert
        className="track-result"
        type="warning"
        showIcon
        title={t('track.notFound')}
        description={t('track.notFoundHelp')}
      />
    );
  }
  return (
    <section className="track-result guide-section" aria-labelledby="track-result-title">
      <h2 id="track-result-title">{a.serviceItemName}</h2>
      <p className="app-status">
        <span>{t('application.currentStatus')}</span>
        <StatusPill status={a.status} />
        {a.decision && <Pill tone={a.decision === 'APPROVED' ? 'green' : 'red'}>{t(`decision.${a.decision}`)}</Pill>}
      </p>
      <ApplicationSteps status={a.status} events={a.events} />
      <div className="next-step" role="note">
        <strong>{t('application.nextStep')}</strong>
        <span>{a.nextStep}</span>
      </div>
      <dl className="fields">
        <dt>{t('application.number')}</dt>
        <dd>{a.number}</dd>
        <dt>{t('application.centre')}</dt>
        <dd>{a.handlingCenter || '—'}</dd>
        <dt>{t('application.submittedAt')}</dt>
        <dd>{time(a.submittedAt)}</dd>
        <dt>{t('application.acceptedOn')}</dt>
        <dd>{day(a.acceptedOn)}</dd>
        <dt>{t('application.dueDate')}</dt>
        <dd>{day(a.dueDate)}</dd>
        {a.completedAt && (
          <>
            <dt>{t('application.completedAt')}</dt>
            <dd>{time(a.completedAt)}</dd>
          </>
        )}
      </dl>
      {a.stages.length > 0 && (
        <>
          <h3 className="review-subhead">{t('linkage.progress.title')}</h3>
          <StageProgress stages={a.stages} />
        </>
      )}
      <h3 className="review-subhead">{t('application.history')}</h3>
      <EventTimeline events={a.events} />
      <p className="hint track-login">
        {t('track.loginHint')} <Link to="/me/applications">{t('nav.myApplications')}</Link>
      </p>
    </section>
  );
}
