// /account: the e-mail the account signs in with, and deleting the account (leads destroyed at
// once, registration data gone within 7 days), confirmed by typing the e-mail. A team member
// working in the owner's account sees their own address and the way back to their own account.
import { markAccountDeleted } from '../auth/sign-in.js';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { inTeamAccount, useSession } from '../session.js';
import { Dialog } from '../ui/dialog.js';
import { errorText } from '../ui/errors.js';
import { TextField } from '../ui/fields.js';
import { Page } from '../ui/page.js';
import { tariffName } from '../tariff/tariff-names.js';
import { SendActions } from '../ui/save-actions.js';
import { Card } from '../ui/section.js';

export default function AccountPage() {
  const { me } = useSession();
  const inTeam = inTeamAccount(me);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const remove = async (e: Event) => {
    e.preventDefault();
    if (typed.trim().toLowerCase() !== me.email.toLowerCase()) {
      setError(t('acct.emailMismatch'));
      return;
    }
    setBusy(true);
    try {
      await api('DELETE', '/me', { confirmEmail: me.email });
      // The session is gone with the account: a fresh load shows the sign-in form, which says it is done.
      markAccountDeleted();
      location.assign('/app/');
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <Page title={t('acct.title')}>
      {/* A member's own address signs them in, but the account's letters (leads, billing) go to the owner's. */}
      <Card id="acct-main" title={t(inTeam ? 'acct.emailMember' : 'acct.email')}>
        <p>
          <strong>{me.person}</strong>
        </p>
        {inTeam ? (
          <p class="muted">{t('nav.teamOf', { owner: me.email })}</p>
        ) : (
          <p class="muted">
            {t('acct.tariff')}: <Link href="/billing">{tariffName(me.tariff.id, me.tariff.name)}</Link>
          </p>
        )}
      </Card>
      <section class="card card-danger" aria-labelledby="acct-delete">
        <h2 id="acct-delete">{t('acct.delete')}</h2>
        {inTeam ? (
          // A member cannot delete the team's account (the server refuses: role_forbidden), and their own is not the one open.
          <>
            <p>{t('acct.inTeam', { owner: me.email })}</p>
            <Link href="/team" class="btn">
              {t('nav.team')}
            </Link>
          </>
        ) : (
          <>
            <p>{t('acct.deleteLead')}</p>
            <p>{t('acct.deleteWarn')}</p>
            <button type="button" class="btn btn-danger-outline" onClick={() => setOpen(true)}>
              {t('acct.delete')}
            </button>
          </>
        )}
      </section>
      <Dialog
        open={open}
        title={t('acct.delete')}
        onClose={() => {
          setOpen(false);
          setTyped('');
          setError(undefined);
        }}
      >
        <form onSubmit={remove} class="stack">
          <p>{t('acct.deleteLead')}</p>
          <p>
            <strong>{t('acct.deleteWarn')}</strong>
          </p>
          <p>{t('acct.deleteLost')}</p>
          <TextField
            label={t('acct.confirmEmail')}
            value={typed}
            onValue={(v) => {
              setTyped(v);
              setError(undefined);
            }}
            error={error}
            type="email"
            autoComplete="off"
          />
          <SendActions label={t('acct.deleteForever')} busy={busy} danger />
        </form>
      </Dialog>
    </Page>
  );
}
