// Chats: conversations with the sites' visitors (list with unread counts) and a thread where
// the licensee answers. Both update live over the account channel; while it is down they poll.
// Having this dashboard open is what makes the chat widget show "online" to visitors.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatConversationView, ChatMessage, LiveChatMessage } from '#contracts/core/chat.js';
import { api, get } from '../api.js';
import { formatDateTime, t, tn } from '../i18n/i18n.js';
import { useLiveConnected, useLiveEvent } from '../live/live-client.js';
import type { PageProps } from '../router/lazy-page.js';
import { Link } from '../router/link.js';
import { navigate } from '../router/router.js';
import { Empty, Notice, Pill } from '../ui/bits.js';
import { useConfirm } from '../ui/dialog.js';
import { errorText } from '../ui/errors.js';
import { Icon } from '../ui/icons.js';
import { Loaded } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { useApi, usePolling } from '../ui/use-api.js';
import './chats.css';

const POLL_MS = 8000;
const QUICK_REPLIES = ['chats.quick1', 'chats.quick2', 'chats.quick3', 'chats.quick4'] as const;

const who = (c: ChatConversationView) => c.visitorName || c.visitorContact || t('chats.visitor');

export default function ChatsPage({ params }: PageProps) {
  const selected = params.id;
  const list = useApi((signal) => get<{ conversations: ChatConversationView[] }>('/chats', undefined, { signal }), []);
  const live = useLiveConnected();
  useLiveEvent<LiveChatMessage>('chat.message', () => void list.reload());
  usePolling(() => void list.reload(), POLL_MS, !live);

  return (
    <Page title={t('chats.title')} lead={t('chats.lead')}>
      <Loaded state={list} isEmpty={(d) => d.conversations.length === 0} empty={<Empty icon="inbox" title={t('chats.emptyTitle')} text={t('chats.emptyText')} />}>
        {({ conversations }) => (
          <div class="chats">
            <nav aria-label={t('chats.title')}>
              <ul class="chat-list">
                {conversations.map((c) => (
                  <li key={c.id}>
                    <Link href={`/chats/${c.id}`} aria-current={c.id === selected ? 'page' : undefined}>
                      <strong>{who(c)}</strong> {c.unread > 0 && c.id !== selected && <Pill tone="info">{tn('chats.unread', c.unread)}</Pill>}
                      <span class="chat-last">{c.lastText ?? ''}</span>
                      <small>{formatDateTime(c.lastMessageAt)}</small>
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            {selected ? (
              <Thread key={selected} id={selected} onChanged={() => void list.reload()} live={live} />
            ) : (
              <div class="chat-thread">
                <p>{t('chats.pick')}</p>
              </div>
            )}
          </div>
        )}
      </Loaded>
    </Page>
  );
}

function Thread({ id, onChanged, live }: { id: string; onChanged: () => void; live: boolean }) {
  const thread = useApi((signal) => get<{ conversation: ChatConversationView; messages: ChatMessage[] }>(`/chats/${id}`, undefined, { signal }), [id]);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [dialog, ask] = useConfirm();
  const bottom = useRef<HTMLLIElement>(null);

  const markRead = () => void api('POST', `/chats/${id}/read`).then(onChanged, () => undefined);
  useEffect(markRead, [id]);
  useEffect(() => bottom.current?.scrollIntoView({ block: 'end' }), [thread.data?.messages.length]);

  useLiveEvent<LiveChatMessage>('chat.message', ({ conversationId, message }) => {
    if (conversationId !== id) return;
    thread.setData((d) => (d && !d.messages.some((m) => m.id === message.id) ? { ...d, messages: [...d.messages, message] } : d));
    if (message.author === 'visitor') markRead();
  });
  usePolling(() => void thread.reload(), POLL_MS, !live);

  const send = async (e: Event) => {
    e.preventDefault();
    if (!text.trim() || sending) return;
    setSending(true);
    try {
      const { message } = await api<{ message: ChatMessage }>('POST', `/chats/${id}/messages`, { text });
      thread.setData((d) => (d && !d.messages.some((m) => m.id === message.id) ? { ...d, messages: [...d.messages, message] } : d));
      setText('');
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setSending(false);
    }
  };

  const destroy = async () => {
    if (!(await ask({ title: t('chats.deleteTitle'), body: <p>{t('chats.deleteBody')}</p>, confirm: t('chats.delete'), danger: true }))) return;
    try {
      await api('DELETE', `/chats/${id}`);
      toast(t('chats.deleted'));
      onChanged();
      navigate('/chats');
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };

  return (
    <Loaded state={thread}>
      {({ conversation: c, messages }) => (
        <section class="chat-thread" aria-label={t('chats.thread')}>
          <div class="toolbar toolbar-between">
            <div>
              <strong>{who(c)}</strong>
              {c.visitorName && c.visitorContact && <> · {c.visitorContact}</>}
              {c.pageUrl && (
                <div>
                  <small>
                    {t('chats.page')}: {c.pageUrl}
                  </small>
                </div>
              )}
            </div>
            <button type="button" class="btn btn-danger-outline btn-small" onClick={() => void destroy()}>
              <Icon name="trash" /> {t('chats.delete')}
            </button>
          </div>
          {!live && <Notice tone="muted">{t('live.polling')}</Notice>}
          <ul class="chat-messages" aria-live="polite">
            {messages.map((m) => (
              <li key={m.id} class={`chat-msg chat-msg-${m.author}`}>
                <small>
                  {m.author === 'operator' ? t('chats.you') : t('chats.visitor')} · {formatDateTime(m.at)}
                </small>
                {m.text}
              </li>
            ))}
            <li ref={bottom} aria-hidden="true" />
          </ul>
          {/* Quick replies: one tap puts a ready phrase in the box, to send as it is or edit first. */}
          <div class="chat-quick" role="group" aria-label={t('chats.quickReplies')}>
            {QUICK_REPLIES.map((key) => (
              <button
                key={key}
                type="button"
                class="btn btn-small"
                onClick={() => {
                  setText(t(key));
                  document.getElementById('chat-reply')?.focus();
                }}
              >
                {t(key)}
              </button>
            ))}
          </div>
          <form class="chat-form" onSubmit={send}>
            <label class="sr-only" for="chat-reply">
              {t('chats.reply')}
            </label>
            <textarea
              id="chat-reply"
              class="input"
              rows={2}
              maxLength={2000}
              placeholder={t('chats.reply')}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey) void send(e);
              }}
            />
            <button type="submit" class="btn btn-primary" disabled={sending || !text.trim()}>
              {t('chats.send')}
            </button>
          </form>
          {dialog}
        </section>
      )}
    </Loaded>
  );
}
