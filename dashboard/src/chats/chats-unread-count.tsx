// The count of unread visitor messages beside «Чаты» in the navigation, kept current over the
// live channel (a message arrives, a conversation is read in any tab); polled while it is down.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { t } from '../i18n/i18n.js';
import { useLiveConnected, useLiveEvent } from '../live/live-client.js';
import { usePolling } from '../ui/use-api.js';

const POLL_MS = 30_000;

export function ChatsUnreadCount() {
  const [n, setN] = useState(0);
  const read = async () => {
    try {
      setN((await get<{ unread: number }>('/chats/unread')).unread);
    } catch {
      // A hint only: the last number stays until the next event or poll.
    }
  };
  useEffect(() => void read(), []);
  useLiveEvent('chat.message', () => void read());
  useLiveEvent('chats.read', () => void read());
  usePolling(() => void read(), POLL_MS, !useLiveConnected());
  if (n === 0) return null;
  return (
    <span class="nav-count" data-unread-chats={n}>
      <span aria-hidden="true">{n > 99 ? '99+' : n}</span>
      <span class="sr-only">{t('nav.unreadCount', { n })}</span>
    </span>
  );
}
