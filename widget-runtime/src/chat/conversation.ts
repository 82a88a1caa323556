// The chat's conversation with our server, fetched when the visitor opens the chat (or comes to
// another page of the site while this tab's conversation goes on), so rt/chat.js itself stays a
// button and a panel: the /v1/chat calls, the token in storage, the realtime socket, and the
// alert for an answer that arrives while the tab is hidden.
// It imports nothing the widget types share (only live-socket.ts and types): a module both the
// types and this chunk imported would be split off into a chunk of its own (shell/layout.ts).
//
// Storage (SPEC §7 "consent-first", 152-FZ): nothing is written before the visitor's first
// message, which goes with the ticked consent box. Then localStorage `wg-chat-{widget}` keeps the
// conversation's token (this browser reaches the conversation again, on any page of the site,
// after a reload or in a new tab), and sessionStorage `wg-chat-{widget}` says whether the panel
// was open in this tab ("1") or closed (""), so the next page of the site reopens it as it was.
// Both are removed when the server no longer knows the conversation (deleted, or destroyed a
// year after its last message).
import type { ChatMessage, ChatSession, LiveChatMessage } from '#contracts/core/chat.js';
import { openLiveSocket } from './live-socket.js';

/** Also read by rt/chat.js (types/chat.tsx), before this chunk is fetched. */
const KEY = 'wg-chat-';

export interface ChatStartBody {
  name?: string;
  contact?: string;
  page: string;
  text: string;
}

/** Each call to the server; `onMessages` gets every message once it is known (the view merges by id). */
export function conversation(api: string, site: string, widget: string, onMessages: (list: ChatMessage[]) => void) {
  const key = KEY + widget;
  let token = '';
  let last = 0;
  let stop: (() => void) | undefined;
  try {
    token = localStorage.getItem(key) || '';
  } catch {
    // Storage blocked: the chat works for this page view only.
  }

  /** JSON as text/plain: a CORS-safelisted type, so no preflight. */
  // biome-ignore lint/suspicious/noExplicitAny: each endpoint's answer is typed where it is awaited
  const post = (path: string, body: object): Promise<any> =>
    fetch(api + '/v1/chat/' + path, { method: 'POST', credentials: 'omit', body: JSON.stringify(body) }).then((r) => (r.ok ? r.json() : Promise.reject(r.status)));

  const got = (list: ChatMessage[]) => {
    for (const m of list) last = Math.max(last, m.id);
    onMessages(list);
  };

  const join = (s: ChatSession): ChatSession => {
    got(s.messages);
    // Nobody online: the offline form takes over, and no socket is opened for answers that cannot come.
    if (s.online)
      stop ||= openLiveSocket({
        api,
        key: s.key,
        channel: s.channel,
        authorize: async (socket_id) => (await post('auth', { token, socket_id, channel_name: s.channel })).auth,
        onEvent: (event, data) => {
          if (event == 'chat.message') {
            ring();
            got([(data as LiveChatMessage).message]);
          }
        },
        // Subscribed (again): fetch what arrived while the socket was away.
        onReady: () =>
          post('history', { token, after: last }).then(
            (h: ChatSession) => got(h.messages),
            () => undefined,
          ),
      });
    return s;
  };

  const store = (s: Storage, value: string | null) => {
    try {
      value == null ? s.removeItem(key) : s.setItem(key, value);
    } catch {
      // Storage blocked: nothing kept, the chat still works on this page.
    }
  };

  return {
    started: () => !!token,
    /** Someone has the dashboard open now (decides "online" in the panel's header). */
    status: (): Promise<boolean> =>
      post('status', { site, widget }).then(
        (r) => r.online,
        () => false,
      ),
    /** This browser's conversation, if the server still knows it; undefined otherwise. */
    restore: (): Promise<ChatSession | undefined> =>
      post('history', { token }).then(join, (status): undefined => {
        if (status == 404) {
          token = '';
          store(localStorage, null);
          store(sessionStorage, null);
        }
      }),
    /** The first message, with the ticked consent box: only now is anything stored in the browser. */
    start: async (body: ChatStartBody): Promise<ChatSession> => {
      const s: ChatSession = await post('start', { site, widget, consent: true, ...body });
      token = s.token!;
      store(localStorage, token);
      store(sessionStorage, '1');
      return join(s);
    },
    send: (text: string): Promise<{ message: ChatMessage; online: boolean }> => post('send', { token, text }),
    /** The panel was opened or closed: the next page of the site shows it the same way. */
    keep: (open: boolean) => token && store(sessionStorage, open ? '1' : ''),
    token: () => token,
    close: () => stop?.(),
  };
}

export type Conversation = ReturnType<typeof conversation>;

let unseen = 0;
let title = '';

/**
 * An operator's answer while the tab is hidden: a short tone and the count in the tab's title,
 * "(2) Page title", until the visitor comes back. The tone needs no file: WebAudio may play it
 * because the visitor has already clicked in the page (the first message).
 */
function ring(): void {
  if (!document.hidden) return;
  if (!unseen++) {
    title = document.title;
    const back = () => {
      if (document.hidden) return;
      document.title = title;
      unseen = 0;
      document.removeEventListener('visibilitychange', back);
    };
    document.addEventListener('visibilitychange', back);
  }
  document.title = `(${unseen}) ${title}`;
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.3);
    tone.connect(gain).connect(audio.destination);
    tone.onended = () => audio.close();
    tone.start();
    tone.stop(audio.currentTime + 0.3);
  } catch {
    // No audio (blocked or unsupported): the title still counts.
  }
}
