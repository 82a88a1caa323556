// The count of unread visitor messages beside «Чаты» in the navigation: a message arrives, a
// conversation is read in any tab.
import { get } from '../api.js';
import { t } from '../i18n/i18n.js';
import { LiveNavCount } from '../layout/live-nav-count.js';

const readUnread = async () => (await get<{ unread: number }>('/chats/unread')).unread;

export const ChatsUnreadCount = () => <LiveNavCount read={readUnread} events={['chat.message', 'chats.read']} label={(n) => t('nav.unreadCount', { n })} />;
