// Limit warnings and the operator's notices, newest first; read ones fade.
import { api, get } from '../api.js';
import type { NotificationList } from '../api-types.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { NOTIFICATIONS_CHANGED } from '../layout/notification-bell.js';
import { Empty } from '../ui/bits.js';
import { Icon } from '../ui/icons.js';
import { Loaded } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { useApi } from '../ui/use-api.js';
import { NotificationText } from './notification-text.js';
import './notifications.css';

export default function NotificationsPage() {
  const list = useApi((signal) => get<NotificationList>('/notifications', { limit: 100 }, { signal }), []);
  const mark = async (body: { ids: string[] } | { all: true }) => {
    await api('POST', '/notifications/read', body);
    dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
    await list.reload();
  };
  return (
    <Page
      title={t('notif.title')}
      actions={
        list.data && list.data.unread > 0 ? (
          <button type="button" class="btn" onClick={() => void mark({ all: true })}>
            <Icon name="check" /> {t('notif.markAll')}
          </button>
        ) : undefined
      }
    >
      <Loaded state={list} isEmpty={(d) => d.notifications.length === 0} empty={<Empty icon="bell" title={t('notif.emptyTitle')} text={t('notif.emptyText')} />}>
        {(data) => (
          <ul class="notifications stacked-list">
            {data.notifications.map((n) => (
              <li key={n.id} class={n.readAt ? 'notification read' : `notification notification-${n.kind}`}>
                <div class="notification-body">
                  <NotificationText n={n} />
                  <span class="muted small">{formatDateTime(n.createdAt)}</span>
                </div>
                {!n.readAt && (
                  <button type="button" class="btn btn-small" onClick={() => void mark({ ids: [n.id] })}>
                    {t('notif.markRead')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </Page>
  );
}
