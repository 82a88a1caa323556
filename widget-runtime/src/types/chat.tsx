// rt/chat.js: live chat with the licensee. A floating button opens a dialog: the visitor ticks
// the personal-data consent (and may give a name and contact) before anything is sent; then
// messages go over HTTP and the operator's answers arrive over our own realtime app (a tiny
// protocol client, chat/live-socket.ts — not pusher-js). When nobody has the dashboard open,
// or nobody answers within the widget's minutes, the offline form (rt/form.js) takes a lead.
// A class component, as the lead form: preact/hooks would cost ~1 KB gzipped here.
import { Component } from 'preact';
import { CHAT_MESSAGE_MAX, type ChatMessage, type ChatSession } from '#contracts/core/chat.js';
import type { EmbedChatWidget } from '#contracts/core/embed.js';
import { openLiveSocket } from '../chat/live-socket.js';
import { LazyLeadForm, loadLeadForm } from '../form/lazy-lead-form.js';
import type { MountFn } from '#contracts/core/mount.js';
import { Card } from '../shell/card.js';
import { DIALOG_CSS, Dialog } from '../shell/dialog.js';
import { FAB_CSS, Fab, Icon } from '../shell/fab.js';
import { EN } from '../shell/i18n.js';
import { mountWidget, type ViewProps } from '../shell/mount-widget.js';
import { notify } from '../shell/notify.js';
import { safeUrl } from '../shell/safe-url.js';
import { lazySheet } from '../shell/styles.js';

// Written compactly by hand (esbuild does not minify CSS in strings). Operator bubbles on the
// left in the accent colour, the visitor's on the right. The message box grows with its text
// (field-sizing: Chromium 123+; elsewhere it keeps its two rows and scrolls), up to 30 % of the
// screen's height.
const sheet = lazySheet(
  DIALOG_CSS +
    FAB_CSS +
    `.wg-msgs{list-style:none;margin:0 0 12px;padding:0;max-height:50vh;overflow:auto;display:flex;flex-direction:column;gap:6px}
.wg-m{align-self:flex-end;max-width:85%;padding:8px 12px;border-radius:12px;background:rgba(0,0,0,.07);white-space:pre-wrap;overflow-wrap:anywhere}
.wg-op{align-self:flex-start;background:var(--wg-accent);color:var(--wg-on-accent)}
.wg-send{display:flex;gap:8px;align-items:flex-end}.wg-send textarea{flex:1;field-sizing:content;min-height:3em;max-height:30vh}
.wg-m time{display:block;font-size:11px}`,
);

const CHAT = 'M21 12a8 8 0 0 1-11.6 7.1L3 21l1.9-6.4A8 8 0 1 1 21 12z';
// The consent strings match the lead form's (form/strings.ts); repeated rather than imported,
// so rt/form.js and rt/chat.js share no extra chunk (the form page's budget counts files).
const NAME = EN ? 'Name (optional)' : 'Имя (необязательно)';
const CONTACT = EN ? 'Phone or email (optional)' : 'Телефон или e-mail (необязательно)';
const START = EN ? 'Start chat' : 'Начать чат';
const SEND = EN ? 'Send' : 'Отправить';
const MESSAGE = EN ? 'Message' : 'Сообщение';
const CONSENT_REQUIRED = EN ? 'We need your consent to process personal data' : 'Нужно согласие на обработку персональных данных';
const FAILED = EN ? 'Could not send. Please try again.' : 'Не удалось отправить. Попробуйте ещё раз.';

/** sessionStorage key of the conversation token: written only after the visitor consented and started. */
const KEY = 'wg-chat-';

interface State {
  open?: boolean;
  stage?: 'offline' | 'consent' | 'chat';
  msgs: ChatMessage[];
  /** Nobody answered in time (or nobody is online): the offline form replaces the input. */
  away?: boolean;
  error?: string;
}

class ChatView extends Component<ViewProps<EmbedChatWidget>, State> {
  override state: State = { msgs: [] };
  token = '';
  stop?: () => void;
  timer?: ReturnType<typeof setTimeout>;

  override componentDidUpdate(prev: ViewProps<EmbedChatWidget>): void {
    if (this.props.opened > prev.opened) void this.show();
  }

  override componentWillUnmount(): void {
    this.stop?.();
    clearTimeout(this.timer);
  }

  /** JSON as text/plain: a CORS-safelisted type, so no preflight. */
  // biome-ignore lint/suspicious/noExplicitAny: each endpoint's answer is typed where it is awaited (ChatSession, { auth })
  post = (path: string, body: object): Promise<any> =>
    fetch(this.props.ctx.api + '/v1/chat/' + path, { method: 'POST', credentials: 'omit', body: JSON.stringify(body) }).then((r) => (r.ok ? r.json() : Promise.reject(r.status)));

  show = async () => {
    const { ctx, widget } = this.props;
    // rt/form.js (the consent block's and the offline form's styles and code) is fetched when
    // the chat is first opened, not with the button: a page that never opens it saves 3 KB.
    const formSheet = (await loadLeadForm())();
    const root = this.base!.getRootNode() as ShadowRoot;
    if (!root.adoptedStyleSheets.includes(formSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, formSheet];
    this.setState({ open: true });
    notify(ctx, widget, 'click');
    if (this.state.stage) return;
    // The preview talks to no server: it shows the consent step as a visitor would see it.
    if (ctx.preview) return this.setState({ stage: 'consent' });
    try {
      this.token = sessionStorage.getItem(KEY + widget.id) || '';
      if (this.token) return this.joined(await this.post('history', { token: this.token }));
    } catch {
      this.token = '';
    }
    const status = await this.post('status', { site: ctx.site, widget: widget.id }).catch(() => ({}));
    this.setState({ stage: status.online ? 'consent' : 'offline' });
  };

  shut = () => {
    if (this.state.open) {
      this.setState({ open: false });
      notify(this.props.ctx, this.props.widget, 'close');
    }
  };

  joined(s: ChatSession) {
    this.setState({ stage: 'chat' });
    this.add(s.messages);
    // Reopened with nobody online and no answer yet: straight to the offline form.
    if (!s.online && !s.messages.some((m) => m.author == 'operator')) this.setState({ away: true });
    this.stop ||= openLiveSocket({
      api: this.props.ctx.api,
      key: s.key,
      channel: s.channel,
      authorize: async (socket_id) => (await this.post('auth', { token: this.token, socket_id, channel_name: s.channel })).auth,
      onEvent: (event, data) => event == 'chat.message' && this.add([(data as { message: ChatMessage }).message]),
      // Subscribed (again): fetch what arrived while the socket was away.
      onReady: () =>
        this.post('history', { token: this.token, after: this.state.msgs.reduce((n, m) => Math.max(n, m.id), 0) }).then(
          (h: ChatSession) => this.add(h.messages),
          () => undefined,
        ),
    });
  }

  add(list: ChatMessage[]) {
    if (list.some((m) => m.author == 'operator')) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.setState({ away: false });
    }
    this.setState(({ msgs }) => {
      const known = new Set(msgs.map((m) => m.id));
      return { msgs: [...msgs, ...list.filter((m) => !known.has(m.id))].sort((a, b) => a.id - b.id) };
    });
  }

  start = async (e: Event) => {
    e.preventDefault();
    const { ctx, widget } = this.props;
    const form = new FormData(e.currentTarget as HTMLFormElement);
    if (!form.has('wg-consent')) return this.setState({ error: CONSENT_REQUIRED });
    if (ctx.preview) return this.setState({ stage: 'chat', error: '' });
    try {
      const s: ChatSession = await this.post('start', { site: ctx.site, widget: widget.id, consent: true, name: form.get('n'), contact: form.get('c'), page: location.href });
      this.token = s.token!;
      try {
        sessionStorage.setItem(KEY + widget.id, this.token);
      } catch {
        // Storage blocked: the chat works for this page view only.
      }
      this.setState({ error: '' });
      this.joined(s);
    } catch {
      this.setState({ error: FAILED });
    }
  };

  send = async (e: Event) => {
    e.preventDefault();
    const area = (e.currentTarget as HTMLFormElement).elements.namedItem('t') as HTMLTextAreaElement;
    const text = area.value.trim();
    if (!text || this.props.ctx.preview) return;
    try {
      const r = await this.post('send', { token: this.token, text });
      area.value = '';
      this.setState({ error: '' });
      this.add([r.message]);
      // Nobody online, or nobody answering within the licensee's minutes: offer the offline form.
      if (!r.online) this.setState({ away: true });
      else this.timer ||= setTimeout(() => this.setState({ away: true }), this.props.widget.content.offlineAfterMin * 60_000);
    } catch {
      this.setState({ error: FAILED });
    }
  };

  override render({ widget, ctx, hidden }: ViewProps<EmbedChatWidget>, { open, stage, msgs, away, error }: State) {
    const c = widget.content;
    const consentUrl = safeUrl(c.consentUrl);
    const privacyUrl = safeUrl(c.privacyUrl);
    const offlineForm = <LazyLeadForm widget={widget} ctx={ctx} content={c} intro={<p class="wg-text">{c.offlineText}</p>} />;
    const problem = error && (
      <p class="wg-error" role="alert">
        {error}
      </p>
    );
    return (
      <>
        <Fab label={c.buttonText} onClick={this.show} dialog>
          <Icon d={CHAT} />
        </Fab>
        <Dialog open={!hidden && !!open} onClose={this.shut} labelledBy="wg-title" rank={ctx.widgets?.indexOf(widget)}>
          <Card ctx={ctx} title={c.title} onClose={this.shut}>
            {stage == 'offline' ? (
              offlineForm
            ) : stage == 'consent' ? (
              <form class="wg-form" noValidate onSubmit={this.start}>
                {c.greeting && <p class="wg-text">{c.greeting}</p>}
                <div class="wg-field">
                  <label for="wg-n">{NAME}</label>
                  <input id="wg-n" name="n" class="wg-input" autocomplete="name" maxLength={100} />
                </div>
                <div class="wg-field">
                  <label for="wg-c">{CONTACT}</label>
                  <input id="wg-c" name="c" class="wg-input" maxLength={200} />
                </div>
                {/* 152-FZ: unticked, and nothing — name, contact or a message — leaves the page before it is ticked. */}
                <div class="wg-check wg-consent">
                  <label>
                    <input type="checkbox" name="wg-consent" required />
                    <span>{widget.consentText}</span>
                  </label>
                  <span class="wg-links">
                    {consentUrl && (
                      <a href={consentUrl} target="_blank" rel="noopener">
                        {EN ? 'Consent document' : 'Текст согласия'}
                      </a>
                    )}
                    {privacyUrl && (
                      <a href={privacyUrl} target="_blank" rel="noopener">
                        {EN ? 'Privacy policy' : 'Политика конфиденциальности'}
                      </a>
                    )}
                  </span>
                </div>
                {problem}
                <button class="wg-btn" type="submit">
                  {START}
                </button>
              </form>
            ) : stage == 'chat' ? (
              <>
                <ul class="wg-msgs" aria-live="polite">
                  {c.greeting && <li class="wg-m wg-op">{c.greeting}</li>}
                  {msgs.map((m) => (
                    <li key={m.id} class={m.author == 'operator' ? 'wg-m wg-op' : 'wg-m'}>
                      {m.text}
                      <time>{new Date(m.at).toLocaleTimeString(EN ? 'en' : 'ru', { hour: '2-digit', minute: '2-digit' })}</time>
                    </li>
                  ))}
                </ul>
                {away ? (
                  offlineForm
                ) : (
                  <form class="wg-send" onSubmit={this.send}>
                    <textarea
                      name="t"
                      class="wg-input"
                      aria-label={MESSAGE}
                      rows={2}
                      maxLength={CHAT_MESSAGE_MAX}
                      onKeyDown={(e) => e.key == 'Enter' && !e.shiftKey && (e.preventDefault(), e.currentTarget.form!.requestSubmit())}
                    />
                    <button class="wg-btn" type="submit">
                      {SEND}
                    </button>
                  </form>
                )}
                {problem}
              </>
            ) : (
              <p class="wg-text" aria-busy="true">
                …
              </p>
            )}
          </Card>
        </Dialog>
      </>
    );
  }
}

export const mount: MountFn = (widget, ctx) => (widget.type == 'chat' ? mountWidget(widget, ctx, ChatView, { sheets: [sheet], closable: false }) : undefined);
