/**
 * What the person who just submitted needs before they leave (确认页): the application number and the lookup
 * code (together they track the application without logging in), whether the SMS carries them, and what happens
 * next — who checks the papers, how long that takes, and the promised time to the result. Shown at the top of the
 * application page right after submitting, for a citizen, a village agent and a clerk at the window alike.
 */
import { Button } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetailFragment } from '../gql/graphql';

export function SubmittedPanel({ app }: { app: ApplicationDetailFragment }) {
  const { t } = useTranslation();
  const code = app.lookupCode ?? '';
  const first = app.stages[0] ?? null;
  const item = app.serviceItem;
  const track = `/track?${new URLSearchParams({ number: app.number, code }).toString()}`;
  const steps: string[] = [];
  if (first?.kind === 'COLLECT') steps.push(t('confirm.nextCollect', { centre: first.centre }));
  const accepting = app.stages.find((s) => s.kind === 'ACCEPT')?.centre || app.handlingCenter || app.jurisdiction.name;
  steps.push(t('confirm.nextAccept', { centre: accepting }));
  steps.push(
    item.handlingKind === 'INSTANT'
      ? t('confirm.nextInstant')
      : t(item.promisedUnit === 'CALENDAR_DAYS' ? 'confirm.nextPromisedCalendar' : 'confirm.nextPromised', { count: item.promisedLimit }),
  );
  steps.push(t('confirm.nextNotify'));
  return (
    <section className="submitted-panel" aria-labelledby="submitted-heading">
      <h2 id="submitted-heading">{t('confirm.title')}</h2>
      <dl className="submitted-keys">
        <div>
          <dt>{t('application.number')}</dt>
          <dd className="submitted-number">{app.number}</dd>
        </div>
        <div>
          <dt>{t('application.lookupCode')}</dt>
          <dd className="lookup-code submitted-code">{code}</dd>
        </div>
      </dl>
      <p>{t('confirm.keep')}</p>
      <p>{app.applicant.phone ? t('confirm.sms', { phone: app.applicant.phone }) : t('confirm.noPhone')}</p>
      <h3>{t('confirm.nextTitle')}</h3>
      <ol className="submitted-steps">
        {steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <p className="submitted-actions no-print">
        <Link to={track} className="big-link">
          {t('confirm.track')}
        </Link>
        <Button icon={<PrinterOutlined aria-hidden="true" />} onClick={() => window.print()}>
          {t('confirm.print')}
        </Button>
      </p>
    </section>
  );
}
