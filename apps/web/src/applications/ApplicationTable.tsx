/** A list of applications as a table (one card per row on a phone); the number links to the application page. */
import { Link, useNavigate } from 'react-router';
import { useServerText } from '../common/serverText';
import { useTranslation } from 'react-i18next';
import type { ApplicationRowFragment } from '../gql/graphql';
import { useDates } from '../common/dates';
import { Pill } from '../common/Tags';
import { DueTags, StatusPill } from './status';

type Row = ApplicationRowFragment & { jurisdiction?: { name: string } };

export function ApplicationTable({ rows, caption, staff = false }: { rows: readonly Row[]; caption: string; staff?: boolean }) {
  const { t } = useTranslation();
  const text = useServerText();
  const { day } = useDates();
  const navigate = useNavigate();
  return (
    <table className="data-table app-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('application.number')}</th>
          <th scope="col">{t('application.item')}</th>
          {staff && <th scope="col">{t('application.applicant')}</th>}
          <th scope="col">{t('application.status')}</th>
          <th scope="col">{staff ? t('application.receivedOn') : t('application.submittedOn')}</th>
          <th scope="col">{t('application.dueDate')}</th>
          {!staff && <th scope="col">{t('application.nextStep')}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr
            key={a.id}
            className="clickable-row"
            // the number is the link; a click elsewhere on the row goes to the same place for mouse users
            onClick={(e) => {
              if (!(e.target as HTMLElement).closest('a')) void navigate(`/applications/${a.id}`);
            }}
          >
            <th scope="row" data-label={t('application.number')}>
              <Link to={`/applications/${a.id}`} className="app-number">
                {a.number}
              </Link>
            </th>
            <td data-label={t('application.item')}>
              {a.serviceItem.name}
              {staff && a.jurisdiction && <div className="cell-note">{a.jurisdiction.name}</div>}
              {!staff && a.onBehalf && (
                <div className="cell-note">
                  <Pill tone="purple">{t('application.onBehalf')}</Pill> {a.applicant.name}
                </div>
              )}
            </td>
            {staff && (
              <td data-label={t('application.applicant')}>
                {a.applicant.name}
                {a.onBehalf && (
                  <>
                    {' '}
                    <Pill tone="purple">{t('application.onBehalf')}</Pill>
                  </>
                )}
              </td>
            )}
            <td data-label={t('application.status')}>
              <StatusPill status={a.status} />
            </td>
            <td data-label={staff ? t('application.receivedOn') : t('application.submittedOn')}>{staff ? day(a.receivedOn) : day(a.submittedAt)}</td>
            <td data-label={t('application.dueDate')}>
              <span className="due-cell">
                {a.dueDate ? day(a.dueDate) : '—'} <DueTags overdue={a.overdue} warning={a.warning} />
              </span>
            </td>
            {!staff && <td data-label={t('application.nextStep')}>{text(a.nextStepKey, a.nextStepParams, a.nextStep)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
