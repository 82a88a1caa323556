// /team/invitations/:id, the link in the invitation e-mail: the person signed in (or signed up)
// with the invited address — the app shows the sign-in form on this very address first — and
// accepts, which takes them straight into the team's account, or declines. Signed in with
// another address, they are told which one the invitation is for and can sign out to switch.
import type { InvitableRole } from '#contracts/core/team.js';
import { api, ApiRequestError, get } from '../api.js';
import { t } from '../i18n/i18n.js';
import { navigate } from '../router/router.js';
import type { PageProps } from '../router/lazy-page.js';
import { Notice } from '../ui/bits.js';
import { useConfirm } from '../ui/dialog.js';
import { errorText } from '../ui/errors.js';
import { Loaded } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { useApi } from '../ui/use-api.js';
import { useSession } from '../session.js';
import { roleLabel } from './team-page.js';

interface Invitation {
  id: string;
  ownerEmail: string;
  role: InvitableRole;
  invitedAt: number;
  acceptedAt: number | null;
}

/** Signing out brings the sign-in form back on this address, for the invited e-mail. */
async function signOutHere() {
  await api('POST', '/auth/logout').catch(() => undefined);
  location.reload();
}

/** Why the invitation cannot be answered here, and the way out. */
function Unavailable({ error }: { error: unknown }) {
  const { me } = useSession();
  if (error instanceof ApiRequestError && error.code === 'invitation_other_email') {
    const email = (error.body.details as { email?: string } | undefined)?.email ?? '';
    return (
      <section class="card stack">
        <Notice tone="warn">{t('invite.otherEmail', { email, me: me.person })}</Notice>
        <div>
          <button type="button" class="btn btn-primary" onClick={() => void signOutHere()}>
            {t('invite.signOut')}
          </button>
        </div>
      </section>
    );
  }
  const gone = error instanceof ApiRequestError && error.code === 'not_found';
  return (
    <section class="card stack">
      <Notice tone={gone ? 'muted' : 'danger'}>{gone ? t('invite.gone') : errorText(error)}</Notice>
    </section>
  );
}

export default function InvitationPage({ params }: PageProps) {
  const id = params.id ?? '';
  const invitation = useApi((signal) => get<Invitation>(`/team/invitations/${encodeURIComponent(id)}`, undefined, { signal }), [id]);
  const [dialog, ask] = useConfirm();

  const accept = async () => {
    try {
      await api('POST', `/team/invitations/${encodeURIComponent(id)}/accept`);
      // Every page now shows the team's account: a fresh load rather than patching state.
      location.assign('/app/');
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const decline = async (owner: string) => {
    if (!(await ask({ title: t('team.declineTitle', { owner }), body: <p>{t('team.declineBody')}</p>, confirm: t('team.decline'), danger: true }))) return;
    try {
      await api('DELETE', `/team/invitations/${encodeURIComponent(id)}`);
      toast(t('team.declined'));
      navigate('/team');
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };

  return (
    <Page title={t('invite.title')}>
      <Loaded state={invitation} frame={(body, waiting) => (waiting === 'error' ? <Unavailable error={invitation.error} /> : body)}>
        {(inv) => (
          <section class="card stack">
            <p>{t('team.invitationFrom', { owner: inv.ownerEmail, role: roleLabel(inv.role) })}</p>
            {inv.acceptedAt !== null && <p>{t('invite.already')}</p>}
            <div class="form-actions">
              <button type="button" class="btn btn-primary" onClick={() => void accept()}>
                {inv.acceptedAt === null ? t('team.accept') : t('team.switch', { owner: inv.ownerEmail })}
              </button>
              {inv.acceptedAt === null && (
                <button type="button" class="btn" onClick={() => void decline(inv.ownerEmail)}>
                  {t('team.decline')}
                </button>
              )}
            </div>
          </section>
        )}
      </Loaded>
      {dialog}
    </Page>
  );
}
