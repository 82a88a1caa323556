// Sign-up and sign-in are one flow: an e-mail, consent to the documents, a six-digit code
// from the letter. The server tells wrong, expired and too-many-tries apart; so do we.
import { FormError, Notice } from '../ui/bits.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { currentLang, langChosen, t } from '../i18n/i18n.js';
import { outboxHref } from '../ui/outbox-link.js';
import { LangSwitch } from '../layout/lang-switch.js';
import { BASE } from '../router/router.js';
import { brandName } from '../ui/brand.js';
import { errorText } from '../ui/errors.js';
import { Icon } from '../ui/icons.js';
import './auth.css';

/** The letter can take a moment; a second code before then only confuses. */
const RESEND_AFTER_S = 60;

/**
 * The tab's sessionStorage key the account page sets just before it leaves, having deleted the
 * account, so the sign-in form can say it is done. Not a query in the address: a link anyone
 * can send would then tell a signed-out person their account is gone.
 */
const ACCOUNT_DELETED = 'account-deleted';

export function markAccountDeleted(): void {
  try {
    sessionStorage.setItem(ACCOUNT_DELETED, '1');
  } catch {
    // Storage refused (a private window's quota): the form just does not say it.
  }
}

/** Read once and removed: a reload or a later sign-in in this tab does not say it again. */
function takeDeletedFlag(): boolean {
  try {
    const set = sessionStorage.getItem(ACCOUNT_DELETED) !== null;
    sessionStorage.removeItem(ACCOUNT_DELETED);
    return set;
  } catch {
    return false;
  }
}

/** Where the server put the letter (POST /api/auth/code); without SMTP it is not in any inbox. */
type MailTransport = 'smtp' | 'dev_outbox' | 'not_sent';

export function SignIn({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [step, setStep] = useState<'email' | 'code'>('email');
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [wait, setWait] = useState(0);
  const [mail, setMail] = useState<MailTransport>('smtp');
  const [deleted] = useState(takeDeletedFlag);
  const codeInput = useRef<HTMLInputElement>(null);
  const emailInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${t('auth.title')} — ${brandName()}`;
  });
  useEffect(() => {
    if (wait <= 0) return;
    const id = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(id);
  }, [wait]);
  useEffect(() => {
    (step === 'code' ? codeInput : emailInput).current?.focus();
  }, [step]);

  const run = async (fn: () => Promise<void>) => {
    setError('');
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const requestCode = () =>
    run(async () => {
      const sent = await api<{ mail?: MailTransport }>('POST', '/auth/code', { email, consent, lang: currentLang() });
      setMail(sent.mail ?? 'smtp');
      setStep('code');
      setCode('');
      setWait(RESEND_AFTER_S);
    });

  const verify = () =>
    run(async () => {
      // A language chosen on this device becomes the one the account's mails are written in; a
      // mere default is not sent, so a new device keeps the account's (and then takes it up).
      await api('POST', '/auth/verify', { email, code: code.replace(/\D/g, ''), ...(langChosen() ? { lang: currentLang() } : {}) });
      await onSignedIn();
    });

  // The documents are Russian only: the English names say so, hreflang tells the browser.
  const docs = (
    <p class="auth-docs">
      <a href={`${BASE}/legal/offer`} hreflang="ru" target="_blank" rel="noopener">
        {t('auth.docOffer')}
      </a>
      <a href={`${BASE}/legal/consent`} hreflang="ru" target="_blank" rel="noopener">
        {t('auth.docConsent')}
      </a>
      <a href={`${BASE}/legal/privacy`} hreflang="ru" target="_blank" rel="noopener">
        {t('auth.docPrivacy')}
      </a>
    </p>
  );

  return (
    <div class="auth">
      <aside class="auth-side">
        <p class="brand brand-auth">
          <span class="brand-mark" aria-hidden="true" />
          {brandName()}
        </p>
        <p class="auth-pitch">{t('auth.pitch')}</p>
        <ul class="auth-points stacked-list">
          {(['auth.point1', 'auth.point2', 'auth.point3'] as const).map((k) => (
            <li key={k}>
              <Icon name="check" /> {t(k)}
            </li>
          ))}
        </ul>
      </aside>
      <main id="main" class="auth-main">
        <div class="auth-lang">
          <LangSwitch />
        </div>
        <div class="auth-card">
          <h1>{t('auth.title')}</h1>
          {deleted && (
            <div role="status">
              <Notice tone="ok" icon="check">
                {t('acct.deleted')}
              </Notice>
            </div>
          )}
          {step === 'email' ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (!consent) return setError(t('err.consent_required'));
                void requestCode();
              }}
            >
              <p class="muted">{t('auth.lead')}</p>
              <div class="field">
                <label for="auth-email">E-mail</label>
                <input id="auth-email" ref={emailInput} class="input" type="email" autoComplete="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
              </div>
              <div class="check">
                <input id="auth-consent" type="checkbox" checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} aria-describedby="auth-docs" />
                <div>
                  <label for="auth-consent">{t('auth.consent')}</label>
                  <div id="auth-docs">{docs}</div>
                </div>
              </div>
              <FormError message={error} />
              <button class="btn btn-primary btn-block" disabled={busy}>
                {t('auth.getCode')}
              </button>
            </form>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void verify();
              }}
            >
              <p class="muted">{t('auth.codeSent', { email })}</p>
              <div class="field">
                <label for="auth-code">{t('auth.code')}</label>
                <input
                  id="auth-code"
                  ref={codeInput}
                  class="input input-code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  required
                  value={code}
                  aria-describedby="auth-code-hint"
                  onInput={(e) => setCode(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
                />
                <p class="hint" id="auth-code-hint">
                  {mail === 'dev_outbox' ? t('auth.codeDevOutbox') : mail === 'not_sent' ? t('auth.codeNotSent') : t('auth.codeHint')}
                </p>
                {mail === 'dev_outbox' && (
                  <p class="hint">
                    <a href={outboxHref()} target="_blank" rel="noopener">
                      {t('auth.openOutbox')}
                    </a>
                  </p>
                )}
              </div>
              <FormError message={error} />
              <button class="btn btn-primary btn-block" disabled={busy || code.length !== 6}>
                {t('auth.signIn')}
              </button>
              <div class="auth-links">
                <button type="button" class="link-button" disabled={busy || wait > 0} onClick={() => void requestCode()}>
                  {wait > 0 ? t('auth.resendIn', { s: wait }) : t('auth.resend')}
                </button>
                <button
                  type="button"
                  class="link-button"
                  onClick={() => {
                    setStep('email');
                    setError('');
                  }}
                >
                  {t('auth.changeEmail')}
                </button>
              </div>
            </form>
          )}
        </div>
      </main>
    </div>
  );
}
