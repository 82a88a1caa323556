// rt/chat.js: live chat with the licensee. A floating button opens a panel docked at the
// widget's corner (a full-screen sheet on phones), which leaves the page usable: no modal, no
// dimming. The visitor types at once; the first message goes with the ticked personal-data
// consent box under the message box (and with a name and contact only if the owner requires
// them). The server talk, storage and socket are in chat/conversation.ts, fetched with rt/form.js
// (the consent block's and the offline form's styles) when the chat is first opened. When nobody
// has the dashboard open, or nobody answers within the widget's minutes, the offline form asks for
// contacts and becomes a lead that carries the conversation.
// A class component, as the lead form: preact/hooks would cost ~1 KB gzipped here.
import { Component } from 'preact';
import { CHAT_MESSAGE_MAX, type ChatMessage } from '#contracts/core/chat.js';
import type { EmbedChatWidget } from '#contracts/core/embed.js';
import type { MountFn } from '#contracts/core/mount.js';
import type { Conversation } from '../chat/conversation.js';
import { LazyLeadForm, loadLeadForm } from '../form/lazy-lead-form.js';
import { Card } from '../shell/card.js';
import { FAB_CSS, Fab, Icon } from '../shell/fab.js';
import { EN } from '../shell/i18n.js';
import { mountWidget, type ViewProps } from '../shell/mount-widget.js';
import { notify } from '../shell/notify.js';
import { safeUrl } from '../shell/safe-url.js';
import { lazySheet } from '../shell/styles.js';

// Written compactly by hand (esbuild does not minify CSS in strings). The host lays out the
// button and, above it (below it in a top corner), the open panel: the panel is part of the
// host's box, so the layout manager moves the neighbours out of its way and keeps the open chat
// first in its corner, and the panel's height stays within the room the corner has (--wg-h,
// which the layout manager sets; the screen less margins without it). On a phone the open
// chat's host covers the screen (a sheet) and its button steps aside; the layout manager keeps
// every other widget waiting under it until it closes. Operator bubbles on the left in the
// accent colour, the visitor's on the right. The message box grows with its text
// (field-sizing: Chromium 123+; elsewhere it keeps its two rows and scrolls).
const sheet = lazySheet(
  FAB_CSS +
    `:host(:not([hidden])){display:flex!important;flex-direction:column-reverse!important;align-items:flex-end!important;gap:16px!important}
:host([data-pos^=top]){flex-direction:column!important}:host([data-pos$=left]){align-items:flex-start!important}
.wg-panel .wg-card{display:flex;flex-direction:column;width:370px;max-height:min(640px,calc(var(--wg-h,100vh - 32px) - 72px))}
@media(max-width:480px){:host([data-open]){inset:0!important;translate:none!important}:host([data-open]) .wg-fab{display:none}.wg-panel{flex:1;align-self:stretch}.wg-panel .wg-card{width:100vw;max-width:none;height:100%;max-height:none;border-radius:0}}
.wg-who{display:flex;gap:8px;align-items:center;margin:0 0 12px;font-size:13px}.wg-who img{width:36px;height:36px;border-radius:50%;object-fit:cover}
.wg-msgs{flex:1;min-height:96px;list-style:none;margin:0 0 12px;padding:0;overflow:auto;display:flex;flex-direction:column;gap:6px}
.wg-m{align-self:flex-end;max-width:85%;padding:8px 12px;border-radius:12px;background:rgba(0,0,0,.07);white-space:pre-wrap;overflow-wrap:anywhere}
.wg-op{align-self:flex-start;background:var(--wg-accent);color:var(--wg-on-accent)}
.wg-send{display:flex;gap:8px;align-items:flex-end;margin:0 0 8px}.wg-send textarea{flex:1;field-sizing:content;min-height:3em;max-height:30vh}
.wg-m time{display:block;font-size:11px}`,
);

const CHAT = 'M21 12a8 8 0 0 1-11.6 7.1L3 21l1.9-6.4A8 8 0 1 1 21 12z';
// The consent strings match the lead form's (form/strings.ts); repeated rather than imported,
// so rt/form.js and rt/chat.js share no extra chunk (the form page's budget counts files).
const NAME = EN ? 'Name' : 'Имя';
const CONTACT = EN ? 'Phone or email' : 'Телефон или e-mail';
const SEND = EN ? 'Send' : 'Отправить';
const MESSAGE = EN ? 'Message' : 'Сообщение';
const CONSENT_REQUIRED = EN ? 'We need your consent to process personal data' : 'Нужно согласие на обработку персональных данных';
const CONTACT_REQUIRED = EN ? 'Please give your name and a phone or email' : 'Укажите имя и телефон или e-mail';
const FAILED = EN ? 'Could not send. Please try again.' : 'Не удалось отправить. Попробуйте ещё раз.';
const ONLINE = EN ? 'online' : 'онлайн';
const WITHIN = (n: number) => (EN ? `usually answers within ${n} min` : `обычно отвечает в течение ${n} мин`);

/** Read here before chat/conversation.ts is fetched: this tab has a conversation going on ("1": its panel was open). */
const KEY = 'wg-chat-';

interface State {
  open?: boolean;
  msgs: ChatMessage[];
  online?: boolean;
  /** Nobody answered in time (or nobody is online): the offline form replaces the input. */
  away?: boolean;
  error?: string;
}

class ChatView extends Component<ViewProps<EmbedChatWidget>, State> {
  override state: State = { msgs: [] };
  chat?: Conversation;
  timer?: ReturnType<typeof setTimeout>;

  override componentDidMount(): void {
    // A page of the site after one where this tab chatted: the conversation comes back (and its
    // socket, so answers arrive here too), its panel open if it was. Reading storage writes nothing.
    try {
      const kept = sessionStorage.getItem(KEY + this.props.widget.id);
      if (kept != null) void this.show(!!kept);
    } catch {
      // Storage blocked: nothing to come back to.
    }
  }

  override componentDidUpdate(prev: ViewProps<EmbedChatWidget>, was: State): void {
    if (this.props.opened > prev.opened) void this.show();
    const open = !!this.state.open;
    const root = this.base!.getRootNode() as ShadowRoot;
    // What the layout manager and the sheet's styles read.
    root.host.toggleAttribute('data-open', open && !this.props.hidden);
    // Opened: the message box takes the focus, so the visitor can type at once. Closed: back to
    // the button that opened it (this.base: the first element drawn), shown again by now.
    if (open != !!was.open) (open ? root.querySelector<HTMLElement>('.wg-panel textarea') : (this.base as HTMLElement))?.focus();
  }

  override componentWillUnmount(): void {
    this.chat?.close();
    clearTimeout(this.timer);
  }

  show = async (open = true) => {
    const { ctx, widget } = this.props;
    // rt/form.js (the consent block's and the offline form's styles and code) and the
    // conversation's code are fetched when the chat is first needed, not with the button.
    const [formSheet, m] = await Promise.all([loadLeadForm(), import('../chat/conversation.js')]);
    const root = this.base!.getRootNode() as ShadowRoot;
    if (!root.adoptedStyleSheets.includes(formSheet())) root.adoptedStyleSheets = [...root.adoptedStyleSheets, formSheet()];
    if (!this.chat) {
      const chat = (this.chat = m.conversation(ctx.api, ctx.site, widget.id, this.add));
      // The preview talks to no server: the panel as a visitor sees it before writing.
      const s = ctx.preview ? undefined : chat.started() && (await chat.restore());
      // Back with nobody online and no answer yet: straight to the offline form.
      if (s) this.setState({ online: s.online, away: !s.online && !s.messages.some((m) => m.author == 'operator') });
      else if (!ctx.preview) chat.status().then((online) => this.setState({ online }));
    }
    if (open && !this.state.open) {
      this.setState({ open: true });
      this.chat.keep(true);
      notify(ctx, widget, 'click');
    }
  };

  shut = () => {
    if (this.state.open) {
      this.setState({ open: false });
      this.chat!.keep(false);
      notify(this.props.ctx, this.props.widget, 'close');
    }
  };

  add = (list: ChatMessage[]) => {
    if (list.some((m) => m.author == 'operator')) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.setState({ away: false, online: true });
    }
    this.setState(({ msgs }) => {
      const known = new Set(msgs.map((m) => m.id));
      return { msgs: [...msgs, ...list.filter((m) => !known.has(m.id))].sort((a, b) => a.id - b.id) };
    });
  };

  send = async (e: Event) => {
    e.preventDefault();
    const { ctx, widget } = this.props;
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = String(data.get('t')).trim();
    const chat = this.chat!;
    if (!text || ctx.preview) return;
    const name = String(data.get('n') || '').trim();
    const contact = String(data.get('c') || '').trim();
    // The first message needs the consent box ticked (152-FZ: separate and unticked), and the
    // owner's required name and contact if asked for; nothing leaves the page before.
    const problem = !chat.started() && (!data.has('wg-consent') ? CONSENT_REQUIRED : widget.content.requireContact && !(name && contact) ? CONTACT_REQUIRED : '');
    if (problem) return this.setState({ error: problem });
    try {
      const r = chat.started() ? await chat.send(text) : await chat.start({ name, contact, page: location.href, text });
      form.reset();
      this.setState({ error: '' });
      this.add('message' in r ? [r.message] : r.messages);
      // Nobody online, or nobody answering within the licensee's minutes: offer the offline form.
      if (!r.online) this.setState({ away: true, online: false });
      else this.timer ||= setTimeout(() => this.setState({ away: true }), widget.content.offlineAfterMin * 60_000);
    } catch {
      this.setState({ error: FAILED });
    }
  };

  override render({ widget, ctx, hidden }: ViewProps<EmbedChatWidget>, { open, msgs, online, away, error }: State) {
    const c = widget.content;
    const consentUrl = safeUrl(c.consentUrl);
    const privacyUrl = safeUrl(c.privacyUrl);
    const photo = safeUrl(c.operatorPhoto);
    const started = this.chat?.started();
    const field = (name: string, label: string, max: number) => (
      <div class="wg-field">
        <label for={'wg-' + name}>{label}</label>
        <input id={'wg-' + name} name={name} class="wg-input" maxLength={max} required />
      </div>
    );
    return (
      <>
        <Fab label={c.buttonText} onClick={() => (open ? this.shut() : this.show())} expanded={!!open} controls="wg-panel">
          <Icon d={CHAT} />
        </Fab>
        {open && !hidden && (
          <div id="wg-panel" class="wg-panel" role="dialog" aria-labelledby="wg-title" onKeyDown={(e) => e.key == 'Escape' && this.shut()}>
            <Card ctx={ctx} title={c.title} onClose={this.shut}>
              {(c.operatorName || online != null) && (
                <p class="wg-who">
                  {photo && <img src={photo} alt="" />}
                  <span>
                    <b>{c.operatorName}</b> {online ? ONLINE : c.answersWithinMin ? WITHIN(c.answersWithinMin) : ''}
                  </span>
                </p>
              )}
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
                // The visitor already wrote: the offline form asks for contacts only, and the lead carries the conversation.
                <LazyLeadForm
                  widget={widget}
                  ctx={ctx}
                  content={{ ...c, fields: c.fields.filter((f) => f.kind != 'textarea') }}
                  chat={this.chat!.token()}
                  intro={<p class="wg-text">{c.offlineText}</p>}
                />
              ) : (
                <form noValidate onSubmit={this.send}>
                  {c.requireContact && !started && (
                    <>
                      {field('n', NAME, 100)}
                      {field('c', CONTACT, 200)}
                    </>
                  )}
                  <div class="wg-send">
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
                  </div>
                  {/* 152-FZ: unticked, until the first message; nothing leaves the page before it is ticked. */}
                  {!started && (
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
                  )}
                  {error && (
                    <p class="wg-error" role="alert">
                      {error}
                    </p>
                  )}
                </form>
              )}
            </Card>
          </div>
        )}
      </>
    );
  }
}

export const mount: MountFn = (widget, ctx) => (widget.type == 'chat' ? mountWidget(widget, ctx, ChatView, { sheets: [sheet], closable: false }) : undefined);
