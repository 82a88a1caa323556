// The bell: unread count of in-app notifications, refreshed every minute while the tab is open.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import type { NotificationList } from '../api-types.js';
import { t, tn } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { useLocation } from '../router/router.js';
import { Icon } from '../ui/icons.js';
import { usePolling } from '../ui/use-api.js';

/** Pages that mark notifications read ask the bell to look again at once. */
export const NOTIFICATIONS_CHANGED = 'wg:notifications-changed';

export function NotificationBell() {
  const [unread, setUnread] = useState(0);
  const loc = useLocation();
  const check = () =>
    get<NotificationList>('/notifications', { limit: 1 })
      .then((r) => setUnread(r.unread))
      .catch(() => {
        // The bell is a hint; a failed check simply keeps the last count.
      });
  useEffect(() => {
    void check();
    addEventListener(NOTIFICATIONS_CHANGED, check);
    return () => removeEventListener(NOTIFICATIONS_CHANGED, check);
  }, []);
  usePolling(check, 60_000);
  const label = unread > 0 ? tn('nav.notificationsUnread', unread) : t('nav.notifications');
  return (
    <Link href="/notifications" class="btn-icon bell" aria-label={label} aria-current={loc.path === '/notifications' ? 'page' : undefined}>
      <Icon name="bell" />
      {unread > 0 && (
        <span class="bell-count" aria-hidden="true">
          {unread > 9 ? '9+' : unread}
        </span>
      )}
    </Link>
  );
}
