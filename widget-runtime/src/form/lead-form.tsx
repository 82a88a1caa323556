// The lead form every collecting type draws (form, popup, callback, quiz): licensee fields, the
// 152-FZ consent block, a honeypot, submit states. A class component rather than hooks:
// preact/hooks would add ~1 KB gzipped to the form page for three pieces of state (tests/size).
import { Component, type ComponentChildren, type JSX } from 'preact';
import { LEAD_URL_MAX, type EmbedLeadWidget } from '#contracts/core/embed.js';
import type { LeadContent } from '#contracts/core/widget.js';
import type { MountContext } from '#contracts/core/mount.js';
import { lazySheet } from '../shell/styles.js';
import { notify } from '../shell/notify.js';
import { safeUrl } from '../shell/safe-url.js';
import { checkFieldValue, type FieldProblem } from '#contracts/core/validation.js';
import { Field } from './field.js';
import { CONSENT_DOC, FAILED, PRIVACY, SENDING } from './strings.js';

// Names of our own inputs contain "-", which field keys ([a-z][a-z0-9_]*) never do: no clash.
const CONSENT = 'wg-consent';
const MARKETING = 'wg-marketing';
/** Honeypot: a tempting name for form-filling bots; people never see or reach it. */
const HONEYPOT = 'wg-website';
/** The contract's ceiling for elapsedMs (a day); a tab left open longer must still submit. */
const MAX_ELAPSED = 86_400_000;

export interface LeadFormProps {
  widget: EmbedLeadWidget;
  ctx: MountContext;
  content: LeadContent;
  /** Shown above the form until it is sent (the widget's text). */
  intro?: ComponentChildren;
  /** Values gathered before this form (quiz answers), sent with the lead. */
  extra?: Record<string, string>;
  /** performance.now() when the widget was first shown (a quiz's first question), if before this form. */
  shownAt?: number;
  /** The chat's offline form: the conversation's token, so the lead carries the conversation. */
  chat?: string;
}

interface FormState {
  status: 'idle' | 'sending' | 'success' | 'error';
  /** Error text per input name ('' = fixed). */
  errors: Record<string, string>;
  /** The form-level error shown in status 'error'. */
  message?: string;
}

export class LeadForm extends Component<LeadFormProps, FormState> {
  override state: FormState = { status: 'idle', errors: {} };
  // performance.now() is monotonic: a clock change can't make elapsedMs negative. The fill time
  // counts from when the widget appeared: a quiz's questions are part of filling it in.
  shownAt = this.props.shownAt || performance.now();
  /** Set synchronously: state updates render later, and a double Enter must not send twice. */
  busy = false;

  // The form (and the focused button) disappears on success: move focus to the message (then
  // the component's only element) so keyboard and screen-reader users land on it.
  override componentDidUpdate(): void {
    this.state.status == 'success' && (this.base as HTMLElement).focus();
  }

  /** Typing into (or ticking, or choosing in) a control clears its error: all fire `input`. */
  clearError = (e: Event) => {
    const { errors } = this.state;
    const name = (e.target as HTMLInputElement).name;
    if (errors[name]) this.setState({ errors: { ...errors, [name]: '' } });
  };

  submit = async (e: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (this.busy) return;
    this.busy = true;
    const { widget, ctx, content: c, extra, chat } = this.props;
    const form = e.currentTarget;
    const data = new FormData(form);
    const fields: Record<string, string | boolean> = { ...extra };
    const problems: Record<string, FieldProblem | 'consent'> = {};
    for (const f of c.fields) {
      // Hidden fields carry the licensee's value (e.g. a campaign tag) and are not drawn.
      const value = f.kind == 'checkbox' ? data.has(f.key) : f.kind == 'hidden' ? f.value || '' : String(data.get(f.key) || '').trim();
      fields[f.key] = value;
      // A hidden field's problem is a configuration error the visitor can't fix: the server says.
      const problem = f.kind != 'hidden' && checkFieldValue(f, value);
      if (problem) problems[f.key] = problem;
    }
    if (!data.has(CONSENT)) problems[CONSENT] = 'consent';
    // The sending code and the problems' wording come with the first submit (submit-lead.ts and
    // problems.ts say why); a failed import is a failed send, and is said as one.
    const sending = await import('./submit-lead.js').catch(() => null);
    const errors: Record<string, string> = {};
    for (const k in problems) errors[k] = sending?.PROBLEMS[problems[k]!] || FAILED;
    // Keys keep insertion order, so this is the first invalid control on screen.
    const first = Object.keys(errors)[0];
    if (first) {
      this.busy = false;
      this.setState({ errors });
      form.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    this.setState({ errors, status: 'sending', message: '' });
    const lead = {
      site: ctx.site,
      widget: widget.id,
      fields,
      consent: true as const,
      marketingConsent: c.marketingConsent && widget.marketingText ? data.has(MARKETING) : undefined,
      // Not cut to the contract's 200: a bot that fills more is refused either way.
      hp: String(data.get(HONEYPOT) || ''),
      elapsedMs: Math.min(Math.round(performance.now() - this.shownAt), MAX_ELAPSED),
      // The contract caps both; a long tracking URL must not lose the lead.
      page: location.href.slice(0, LEAD_URL_MAX),
      referrer: document.referrer.slice(0, LEAD_URL_MAX),
      chat,
      // The A/B variant the visitor saw (absent outside a test).
      v: widget.v,
    };
    const message = sending ? await sending.submitLead(ctx, lead, (message) => this.setState({ message })) : '';
    this.busy = false;
    this.setState(message == null ? { status: 'success' } : { status: 'error', message: message || FAILED });
    message == null && notify(ctx, widget, 'submit');
  };

  override render({ widget, ctx, content: c, intro }: LeadFormProps, { status, errors, message }: FormState) {
    if (status == 'success') {
      return (
        <p class="wg-success" role="status" tabIndex={-1}>
          {c.successText}
        </p>
      );
    }
    const consentError = errors[CONSENT];
    const consentUrl = safeUrl(c.consentUrl);
    const privacyUrl = safeUrl(c.privacyUrl);
    const user = ctx.user;
    return (
      <>
        {intro}
        {/* noValidate: our messages (same rules as the server) instead of the browser's bubbles. */}
        <form class="wg-form" noValidate onSubmit={this.submit} onInput={this.clearError}>
          {c.fields.map((f) =>
            f.kind == 'hidden' ? null : (
              // widgetry('identify', …) values prefill fields of the same key, else the same kind.
              <Field key={f.key} field={f} error={errors[f.key]} initial={user[f.key] || user[f.kind]} />
            ),
          )}
          {/* Consent (152-FZ, since 1 Sept 2025): unticked, separate from the policy, with
              links to the licensee's consent document and privacy policy outside the label,
              so following a link never ticks the box. */}
          <div class="wg-check wg-consent">
            <label>
              <input type="checkbox" name={CONSENT} required aria-invalid={consentError ? true : undefined} aria-describedby={consentError ? 'wg-consent-e' : undefined} />
              <span>{widget.consentText}</span>
            </label>
            <span class="wg-links">
              {consentUrl && (
                <a href={consentUrl} target="_blank" rel="noopener">
                  {CONSENT_DOC}
                </a>
              )}
              {privacyUrl && (
                <a href={privacyUrl} target="_blank" rel="noopener">
                  {PRIVACY}
                </a>
              )}
            </span>
            {consentError && (
              <span class="wg-field-error" id="wg-consent-e">
                {consentError}
              </span>
            )}
          </div>
          {c.marketingConsent && widget.marketingText && (
            <div class="wg-check wg-marketing">
              <label>
                <input type="checkbox" name={MARKETING} />
                <span>{widget.marketingText}</span>
              </label>
            </div>
          )}
          {/* Off-screen rather than display:none (some bots skip hidden inputs); aria-hidden
              and tabindex -1 keep it away from screen readers and the keyboard. */}
          <div class="wg-hp" aria-hidden="true">
            <input type="text" name={HONEYPOT} tabIndex={-1} autocomplete="off" />
          </div>
          {/* The error; or, while sending, the countdown before a lead refused as too quick goes
              again: not the visitor's mistake, so a neutral notice, read out politely. */}
          {message && (
            <p class={status == 'error' ? 'wg-error' : 'wg-note'} role={status == 'error' ? 'alert' : 'status'}>
              {message}
            </p>
          )}
          <button type="submit" class="wg-btn wg-submit" disabled={status == 'sending'}>
            {status == 'sending' ? SENDING : c.submitText}
          </button>
        </form>
      </>
    );
  }
}

// 16px inputs: iOS Safari zooms the page when a focused input's text is smaller.
// Inputs keep a white background and dark text whatever the licensee's colours: always legible.
// Invalid controls get a red ring as box-shadow, so the outline stays free for the focus ring.
// Few font strikes (family, size, bold): in Chromium each new one is a synchronous round trip
// from the page's main thread to the browser process while the widget is laid out. Labels share
// the button's 600 (a 500 was a third face to look up), and the off-screen honeypot takes the
// card's font instead of the browser's input font (a second family, Arial, for an unseen box).
/** The form's stylesheet: rt/form.js mounts with it; lazy-lead-form.tsx adopts it for the others. */
export const formSheet = lazySheet(`
.wg-form,.wg-success{margin:0}
.wg-submit:disabled{opacity:.6;cursor:default}
.wg-field,.wg-error,.wg-note,.wg-check{margin:0 0 12px}
.wg-field>label{display:block;margin:0 0 4px;font-weight:600}
.wg-input{display:block;width:100%;margin:0;padding:9px 11px;border:1px solid rgba(0,0,0,.35);border-radius:8px;background:#fff;color:#111;font:inherit;font-size:16px}
textarea.wg-input{resize:vertical}
[aria-invalid=true]{box-shadow:0 0 0 2px #d32f2f}
.wg-req,.wg-field-error,.wg-error{color:#d32f2f}
.wg-field-error{display:block;margin:4px 0 0;font-size:13px}
.wg-check{font-size:13px}
.wg-check label{display:flex;gap:8px;align-items:flex-start;cursor:pointer}
.wg-check input{flex:none;width:18px;height:18px;margin:1px 0 0;accent-color:var(--wg-accent)}
.wg-links{display:block;margin:4px 0 0 26px}
.wg-links a{margin-right:12px}
.wg-hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}.wg-hp input{font:inherit}
.wg-success{white-space:pre-line}
`);
