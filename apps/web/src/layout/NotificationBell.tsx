/** The header's bell: unread notifications of the logged-in user, linking to the list. */
import { useQuery } from '@apollo/client/react';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { BellIcon } from '../common/ui';

export const UnreadNotificationCountDocument = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

export function NotificationBell() {
  const { t } = useTranslation();
  // polled: notices arrive when a clerk acts, not when this user does something
  const { data } = useQuery(UnreadNotificationCountDocument, { fetchPolicy: 'cache-and-network', pollInterval: 60_000 });
  const count = data?.unreadNotificationCount ?? 0;
  // the name read out holds the figure shown (99+), as a reader who sees the badge expects to hear it
  const shown = count > 99 ? '99+' : String(count);
  return (
    <NavLink to="/me/notifications" className="bell-link" aria-label={count ? t('nav.notificationsUnread', { count: shown }) : t('nav.notifications')}>
      <BellIcon className="bell-icon" />
      {count > 0 && (
        <span className="bell-count" aria-hidden="true">
          {shown}
        </span>
      )}
    </NavLink>
  );
}
