/** How an application's state is shown: status tags, overdue/warning tags, the progress steps and the history. */
import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationAction, ApplicationStatus } from '../gql/graphql';
import { Pill, type Tone } from '../common/Tags';
import { useDates } from '../common/dates';
import { useServerText, type ServerText } from '../common/serverText';
import './linkage-text';
import './application-text';

export const STATUSES: readonly ApplicationStatus[] = [
  'SUBMITTED',
  'DEFICIENT',
  'ACCEPTED',
  'SUSPENDED',
  'COMPLETED',
  'DELIVERED',
  'REJECTED',
  'WITHDRAWN',
  'LAPSED',
];

const STATUS_TONE: Record<ApplicationStatus, Tone> = {
  SUBMITTED: 'blue',
  DEFICIENT: 'orange',
  ACCEPTED: 'blue',
  SUSPENDED: 'purple',
  COMPLETED: 'green',
  DELIVERED: 'green',
  REJECTED: 'red',
  WITHDRAWN: 'neutral',
  LAPSED: 'red',
};

export function StatusPill({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return <Pill tone={STATUS_TONE[status]}>{t(`appStatus.${status}`)}</Pill>;
}

/** 超期 (red) / 预警 (orange) next to a due date. */
export function DueTags({ overdue, warning }: { overdue: boolean; warning: boolean }) {
  const { t } = useTranslation();
  if (overdue) return <Pill tone="red">{t('application.overdue')}</Pill>;
  if (warning) return <Pill tone="orange">{t('application.warning')}</Pill>;
  return null;
}

interface EventLike {
  action: ApplicationAction;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus;
  at: string;
  actor: string;
  actorRole?: string | null;
  actorName?: string | null;
  note: string | null;
  noteKey?: string | null;
  noteParams?: unknown;
}

/** 提交 → 受理 → 办理 → 办结 → 送达, with deficient, suspended, rejected, withdrawn and lapsed marked on their step. */
export function ApplicationSteps({ status, events, supplementDeadline }: { status: ApplicationStatus; events: readonly EventLike[]; supplementDeadline?: string | null }) {
  const { t } = useTranslation();
  const { day } = useDates();
  const titles = [t('steps.submit'), t('steps.accept'), t('steps.handle'), t('steps.complete'), t('steps.deliver')];
  let current = 1;
  let state: 'process' | 'finish' | 'error' = 'process';
  let note: string | null = null;
  switch (status) {
    case 'SUBMITTED':
      note = t('steps.awaitingReview');
      break;
    case 'DEFICIENT':
      note = supplementDeadline ? t('steps.deficientUntil', { date: day(supplementDeadline) }) : t('appStatus.DEFICIENT');
      break;
    case 'REJECTED':
      state = 'error';
      titles[1] = t('appStatus.REJECTED');
      break;
    case 'LAPSED':
      state = 'error';
      note = t('appStatus.LAPSED');
      break;
    case 'ACCEPTED':
      current = 2;
      break;
    case 'SUSPENDED':
      current = 2;
      note = t('steps.suspended');
      break;
    case 'COMPLETED':
      current = 3;
      state = 'finish';
      break;
    case 'DELIVERED':
      current = 4;
      state = 'finish';
      break;
    case 'WITHDRAWN': {
      const from = [...events].reverse().find((e) => e.toStatus === 'WITHDRAWN')?.fromStatus;
      current = from === 'ACCEPTED' ? 2 : 1;
      state = 'error';
      note = t('appStatus.WITHDRAWN');
      break;
    }
  }
  return (
    <Steps
      className="app-steps"
      current={current}
      status={state}
      size="small"
      items={titles.map((title, i) => ({ title, content: i === current && note ? note : undefined }))}
    />
  );
}

/**
 * A history line in the reader's language: from its key where the server composed it; otherwise what a person typed,
 * or (written before keys) the server's words, where delivery methods and special procedures arrived as code names.
 */
function readableNote(e: EventLike, t: (k: string) => string, text: ServerText): string | null {
  if (e.noteKey) return text(e.noteKey, e.noteParams, e.note) || null;
  const { action, note } = e;
  if (!note) return null;
  if (action === 'DELIVER' && /^(PICKUP|MAIL|ELECTRONIC)$/.test(note)) return t(`delivery.${note}`);
  const m = /^(HEARING|TESTING|EXPERT_REVIEW|INSPECTION|PUBLIC_NOTICE|OTHER)：(.*)$/s.exec(note);
  if (action === 'SUSPEND' && m) return `${t(`procedure.${m[1]}`)}${t('app.colon')}${m[2]}`;
  return note;
}

export function EventTimeline({ events }: { events: readonly EventLike[] }) {
  const { t } = useTranslation();
  const { time } = useDates();
  const tr = t as unknown as (k: string) => string;
  const text = useServerText();
  return (
    <ol className="timeline">
      {events.map((e, i) => {
        const note = readableNote(e, tr, text);
        const role = e.actorRole ? { key: `application.actor.${e.actorRole}` } : null;
        const actor = role ? (e.actorName ? text('application.actor.named', { name: e.actorName, role }) : text(role.key, {}, e.actor)) : e.actor;
        return (
          <li key={`${i}-${e.at}`} className={`timeline-item timeline-${e.toStatus}`}>
            <div className="timeline-head">
              <strong>{t([`appAction.${e.action}`, `linkage.action.${e.action}`] as never)}</strong>
              <time dateTime={e.at}>{time(e.at)}</time>
            </div>
            <div className="timeline-body">
              <span>{t('application.actor', { actor })}</span>
              <span>{t('application.statusChange', { status: t(`appStatus.${e.toStatus}`) })}</span>
            </div>
            {note && <p className="timeline-note">{note}</p>}
          </li>
        );
      })}
    </ol>
  );
}
