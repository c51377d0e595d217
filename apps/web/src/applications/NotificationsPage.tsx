/**
 * The user's notifications, newest first, each linking to its application. Opening the page marks the unread
 * ones read; they keep their "未读" mark until the user leaves, so it is clear what was new. Each is shown from its
 * key in the reader's language; one written before keys shows the words it was written with.
 */
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RequireLogin } from '../auth/RequireLogin';
import { LoadError, Loading } from '../common/Status';
import { Pill } from '../common/Tags';
import { useDates } from '../common/dates';
import { usePageTitle } from '../common/usePageTitle';
import { useServerText } from '../common/serverText';
import './application-text';
import './account-text';
import { MarkNotificationsReadDocument, MyNotificationsDocument } from './documents';

export function NotificationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.title'));
  return <RequireLogin>{() => <Notifications />}</RequireLogin>;
}

function Notifications() {
  const { t } = useTranslation();
  const { time } = useDates();
  const text = useServerText();
  const { data, error, loading, refetch } = useQuery(MyNotificationsDocument, { fetchPolicy: 'network-only' });
  const [markRead] = useMutation(MarkNotificationsReadDocument, { refetchQueries: ['UnreadNotificationCount'] });
  // the unread ones as first loaded: still marked on this visit after they were marked read on the server
  const wasUnread = useRef<Set<string> | null>(null);
  const [markFailed, setMarkFailed] = useState(false);
  const list = data?.myNotifications;

  useEffect(() => {
    if (!list || wasUnread.current) return;
    const unread = list.filter((n) => !n.readAt).map((n) => n.id);
    wasUnread.current = new Set(unread);
    // Not worth an error box: the list is all there; only the bell keeps counting them.
    if (unread.length) markRead({ variables: { ids: unread } }).catch(() => setMarkFailed(true));
  }, [list, markRead]);

  return (
    <div className="page page-notifications">
      <h1>{t('notifications.title')}</h1>
      {markFailed && <p className="hint">{t('notifications.markFailed')}</p>}
      {error && !list ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : loading && !list ? (
        <Loading />
      ) : !list?.length ? (
        <p className="empty">{t('notifications.empty')}</p>
      ) : (
        <ul className="notification-list">
          {list.map((n) => {
            const unread = wasUnread.current?.has(n.id) ?? !n.readAt;
            return (
              <li key={n.id} className={`notification${unread ? ' notification-unread' : ''}`}>
                <div className="notification-head">
                  <h2 className="notification-title">{text(n.messageKey && `${n.messageKey}.title`, n.params, n.title)}</h2>
                  {unread && <Pill tone="red">{t('notifications.unread')}</Pill>}
                </div>
                <p className="notification-body">{text(n.messageKey && `${n.messageKey}.body`, n.params, n.body)}</p>
                <p className="notification-meta">
                  <time dateTime={n.createdAt}>{time(n.createdAt)}</time>
                  {n.applicationId && <Link to={`/applications/${n.applicationId}`}>{t('notifications.open')}</Link>}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
