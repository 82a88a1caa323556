// The lead form: licensee fields, the 152-FZ consent block, a honeypot, submit states.
// A class component rather than hooks: preact/hooks would add ~1 KB gzipped to rt/form.js for
// three pieces of state (size budget, tests/size).
import { Component, createRef, type JSX } from 'preact';
import type { EmbedFormWidget } from '../../../server/src/contracts/embed.js';
import { Card } from '../shell/card.js';
import { tr } from '../shell/i18n.js';
import type { ViewProps } from '../shell/mount-widget.js';
import { safeUrl } from '../shell/safe-url.js';
import { checkFieldValue } from '../validate.js';
import { Field } from './field.js';
import { CONSENT_DOC, CONSENT_REQUIRED, PRIVACY, PROBLEMS, SENDING } from './strings.js';
import { submitLead } from './submit-lead.js';

// Names of our own inputs contain "-", which field keys ([a-z][a-z0-9_]*) never do: no clash.
const CONSENT = 'wg-consent';
const MARKETING = 'wg-marketing';
/** Honeypot: a tempting name for form-filling bots; people never see or reach it. */
const HONEYPOT = 'wg-website';
/** The contract's ceiling for elapsedMs (a day); a tab left open longer must still submit. */
const MAX_ELAPSED = 86_400_000;

interface FormState {
  status: 'idle' | 'sending' | 'success' | 'error';
  /** Error text per input name ('' = fixed). */
  errors: Record<string, string>;
  /** The form-level error shown in status 'error'. */
  message?: string;
}

export class FormView extends Component<ViewProps<EmbedFormWidget>, FormState> {
  override state: FormState = { status: 'idle', errors: {} };
  // performance.now() is monotonic: a clock change can't make elapsedMs negative.
  shownAt = performance.now();
  success = createRef<HTMLParagraphElement>();
  /** Set synchronously: state updates render later, and a double Enter must not send twice. */
  busy = false;

  // The form (and the focused button) disappears on success: move focus to the message so
  // keyboard and screen-reader users land on it.
  override componentDidUpdate(): void {
    this.success.current?.focus();
  }

  /** Typing into (or ticking) a control clears its error. */
  clearError = (e: Event) => {
    const { errors } = this.state;
    const name = (e.target as HTMLInputElement).name;
    if (errors[name]) this.setState({ errors: { ...errors, [name]: '' } });
  };

  submit = async (e: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (this.busy) return;
    const { widget, ctx } = this.props;
    const c = widget.content;
    const form = e.currentTarget;
    const data = new FormData(form);
    const fields: Record<string, string | boolean> = {};
    const errors: Record<string, string> = {};
    for (const f of c.fields) {
      // Hidden fields carry the licensee's value (e.g. a campaign tag) and are not drawn.
      const value =
        f.kind == 'checkbox' ? data.has(f.key) : f.kind == 'hidden' ? f.value || '' : String(data.get(f.key) || '').trim();
      fields[f.key] = value;
      // A hidden field's problem is a configuration error the visitor can't fix: the server says.
      const problem = f.kind != 'hidden' && checkFieldValue(f, value);
      if (problem) errors[f.key] = tr(PROBLEMS[problem]);
    }
    if (!data.has(CONSENT)) errors[CONSENT] = tr(CONSENT_REQUIRED);
    // Keys keep insertion order, so this is the first invalid control on screen.
    const first = Object.keys(errors)[0];
    if (first) {
      this.setState({ errors });
      form.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    this.busy = true;
    this.setState({ errors, status: 'sending' });
    const message = await submitLead(ctx, {
      site: ctx.site,
      widget: widget.id,
      fields,
      consent: true,
      marketingConsent: c.marketingConsent && widget.marketingText ? data.has(MARKETING) : undefined,
      hp: String(data.get(HONEYPOT) || '').slice(0, 200),
      elapsedMs: Math.min(Math.round(performance.now() - this.shownAt), MAX_ELAPSED),
      // The contract caps both at 2000 characters; a long tracking URL must not lose the lead.
      page: location.href.slice(0, 2000),
      referrer: document.referrer.slice(0, 2000),
    });
    this.busy = false;
    this.setState(message ? { status: 'error', message } : { status: 'success' });
  };

  override render({ widget, ctx, close }: ViewProps<EmbedFormWidget>, { status, errors, message }: FormState) {
    const c = widget.content;
    if (status == 'success') {
      return (
        <Card ctx={ctx} title={c.title} onClose={close}>
          <p class="wg-success" role="status" tabIndex={-1} ref={this.success}>
            {c.successText}
          </p>
        </Card>
      );
    }
    const consentError = errors[CONSENT];
    const consentUrl = safeUrl(c.consentUrl);
    const privacyUrl = safeUrl(c.privacyUrl);
    return (
      <Card ctx={ctx} title={c.title} onClose={close}>
        {c.text && <p class="wg-text">{c.text}</p>}
        {/* noValidate: our messages (same rules as the server) instead of the browser's bubbles. */}
        <form class="wg-form" noValidate onSubmit={this.submit} onInput={this.clearError} onChange={this.clearError}>
          {c.fields.map((f) => (f.kind == 'hidden' ? null : <Field key={f.key} field={f} error={errors[f.key]} />))}
          {/* Consent (152-FZ, since 1 Sept 2025): unticked, separate from the policy, with
              links to the licensee's consent document and privacy policy outside the label,
              so following a link never ticks the box. */}
          <div class="wg-check wg-consent">
            <label>
              <input
                type="checkbox"
                name={CONSENT}
                required
                aria-invalid={consentError ? true : undefined}
                aria-describedby={consentError ? 'wg-consent-e' : undefined}
              />
              <span>{widget.consentText}</span>
            </label>
            <span class="wg-links">
              {consentUrl && (
                <a href={consentUrl} target="_blank" rel="noopener">
                  {tr(CONSENT_DOC)}
                </a>
              )}
              {privacyUrl && (
                <a href={privacyUrl} target="_blank" rel="noopener">
                  {tr(PRIVACY)}
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
          {status == 'error' && (
            <p class="wg-error" role="alert">
              {message}
            </p>
          )}
          <button type="submit" class="wg-btn wg-submit" disabled={status == 'sending'}>
            {status == 'sending' ? tr(SENDING) : c.submitText}
          </button>
        </form>
      </Card>
    );
  }
}
