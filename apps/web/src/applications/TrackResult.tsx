/** The tracking page's result: status, steps, next step, dates and history of one application (loaded on demand). */
import { Alert } from 'antd';
import { useServerText } from '../common/serverText';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../common/Status';
import { apiError } from '../common/errors';
import { Pill } from '../common/Tags';
import { useDates } from '../common/dates';
import { TrackDocument } from './documents';
import { ApplicationSteps, EventTimeline, StatusPill } from './status';
import { StageProgress } from './StageProgress';
import './linkage-text';

export function TrackResult({ number, code }: { number: string; code: string }) {
  const { t } = useTranslation();
  const text = useServerText();
  const { day, time } = useDates();
  const { data, error, loading, refetch } = useQuery(TrackDocument, { variables: { number, lookupCode: code }, fetchPolicy: 'network-only' });
  if (error && !data) {
    const e = apiError(error);
    if (e.extensions.messageKey === 'tracking.tooManyAttempts') {
      return <Alert className="track-result" type="error" showIcon title={t('limits.trackingLimited', { minutes: Number(e.extensions.retryAfterMinutes ?? 60) })} />;
    }
    return <LoadError error={error} onRetry={() => void refetch()} />;
  }
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
      {a.stages.length > 0 && (
        <>
          <h3 className="review-subhead">{t('linkage.progress.title')}</h3>
          <StageProgress stages={a.stages} />
        </>
      )}
      <div className="next-step" role="note">
        <strong>{t('application.nextStep')}</strong>
        <span>{text(a.nextStepKey, a.nextStepParams, a.nextStep)}</span>
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
      <h3 className="review-subhead">{t('application.history')}</h3>
      <EventTimeline events={a.events} />
      <p className="hint track-login">
        {t('track.loginHint')} <Link to="/me/applications">{t('nav.myApplications')}</Link>
      </p>
    </section>
  );
}
