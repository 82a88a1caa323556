// The page a confirmation link opens (/app/confirm-email?token=…), readable without signing in:
// the person the address belongs to presses the button, which posts the token. Opening the link
// alone confirms nothing, so a mail scanner that follows links cannot confirm an address.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { t } from '../i18n/i18n.js';
import { useLocation } from '../router/router.js';
import { FormError, Notice } from '../ui/bits.js';
import { PublicPage, useSending } from '../ui/public-form.js';
import { SendActions } from '../ui/save-actions.js';

export default function ConfirmEmailPage() {
  const token = useLocation().query.get('token') ?? '';
  const [done, setDone] = useState(false);
  const { busy, failure, send } = useSending();

  const confirm = (e: Event) => {
    e.preventDefault();
    void send(async () => {
      await api('POST', '/email-confirmations', { token });
      setDone(true);
    });
  };

  return (
    <PublicPage title={t('confirmEmail.title')}>
      {done ? (
        <div role="status">
          <Notice tone="ok" icon="check">
            <p>{t('confirmEmail.done')}</p>
          </Notice>
        </div>
      ) : token ? (
        <form class="stack" onSubmit={confirm}>
          <p class="muted">{t('confirmEmail.lead')}</p>
          <FormError message={failure} />
          <SendActions label={t('confirmEmail.confirm')} busy={busy} />
        </form>
      ) : (
        <Notice tone="warn" icon="alert">
          <p>{t('confirmEmail.noToken')}</p>
        </Notice>
      )}
    </PublicPage>
  );
}
