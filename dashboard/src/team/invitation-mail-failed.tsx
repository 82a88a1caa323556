// The invitation exists but its letter did not go: the SMTP server did not answer
// (POST /api/team/members answered mail "failed"). The owner can pass the link on by hand (it works
// for whoever signs in with the invited address) or send the letter again once the server is back.
import { useState } from 'preact/hooks';
import { api, ApiRequestError } from '../api.js';
import { t } from '../i18n/i18n.js';
import { Notice } from '../ui/bits.js';
import { errorText } from '../ui/errors.js';
import { Icon } from '../ui/icons.js';
import { toast } from '../ui/toast.js';

export interface FailedInvitation {
  id: string;
  email: string;
  link: string;
}

const LINK_INPUT = 'team-invite-link';

export function InvitationMailFailed({ invitation, onSent }: { invitation: FailedInvitation; onSent: () => void }) {
  const [busy, setBusy] = useState(false);
  const selectLink = () => (document.getElementById(LINK_INPUT) as HTMLInputElement | null)?.select();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(invitation.link);
      toast(t('common.copied'));
    } catch {
      selectLink();
      toast(t('team.copyLinkManually'), 'error');
    }
  };
  const sendAgain = async () => {
    setBusy(true);
    try {
      await api('POST', `/team/members/${encodeURIComponent(invitation.id)}/invitation`);
      toast(t('team.invited', { email: invitation.email }));
      onSent();
    } catch (err) {
      // The generic text of mail_unavailable speaks of a sign-in code.
      toast(err instanceof ApiRequestError && err.code === 'mail_unavailable' ? t('team.resendFailed') : errorText(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div role="alert">
      <Notice tone="warn" icon="alert">
        <p>{t('team.invitedMailFailed', { email: invitation.email })}</p>
        <div class="field">
          <label for={LINK_INPUT}>{t('team.inviteLink')}</label>
          <input id={LINK_INPUT} class="input mono" readOnly value={invitation.link} onFocus={(e) => e.currentTarget.select()} />
        </div>
        <div class="form-actions">
          <button type="button" class="btn btn-small" onClick={() => void copy()}>
            <Icon name="copy" /> {t('team.copyLink')}
          </button>
          <button type="button" class="btn btn-small" disabled={busy} onClick={() => void sendAgain()}>
            <Icon name="send" /> {t('team.resend')}
          </button>
        </div>
      </Notice>
    </div>
  );
}
