// /team: the account's team. The owner invites people by e-mail as editors (widgets, leads,
// chats) or viewers (reads only), sees who has not answered yet, withdraws invitations and
// removes members; anyone answers the invitations addressed to them (the e-mail's link opens
// invitation-page.tsx), switches between the teams they joined and their own account, and
// leaves a team. The server decides every right; this page only hides what the role cannot do.
import { useState } from 'preact/hooks';
import type { InvitableRole, TeamRole } from '#contracts/core/team.js';
import { api, get } from '../api.js';
import { formatDate, formatDateTime, t, type Key } from '../i18n/i18n.js';
import { outboxHref } from '../ui/outbox-link.js';
import { Notice, Pill } from '../ui/bits.js';
import { DataTable } from '../ui/data-table.js';
import { useConfirm } from '../ui/dialog.js';
import { errorText } from '../ui/errors.js';
import { TextField } from '../ui/fields.js';
import { Loaded } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { useApi } from '../ui/use-api.js';
import { Card } from '../ui/section.js';
import { type FailedInvitation, InvitationMailFailed } from './invitation-mail-failed.js';

interface Team {
  role: TeamRole;
  person: string;
  accountId: string;
  ownerEmail: string;
  own: boolean;
  members: { id: string; email: string; role: InvitableRole; invitedAt: number; acceptedAt: number | null }[];
  teams: { id: string; accountId: string; ownerEmail: string; role: InvitableRole }[];
  invitations: { id: string; ownerEmail: string; role: InvitableRole; invitedAt: number }[];
}

/** Where the server put the invitation letter (POST /api/team/members); without SMTP it is in no inbox; `failed`: the SMTP server did not take it. */
type MailTransport = 'smtp' | 'dev_outbox' | 'not_sent' | 'failed';

const ROLE: Record<TeamRole, Key> = { owner: 'team.role.owner', editor: 'team.role.editor', viewer: 'team.role.viewer' };
export const roleLabel = (r: TeamRole) => t(ROLE[r]);

/** A switch changes which account every page shows: a fresh load rather than patching state. */
async function goTo(method: 'POST', path: string, body?: unknown) {
  try {
    await api(method, path, body);
    location.assign('/app/');
  } catch (err) {
    toast(errorText(err), 'error');
  }
}
const switchTo = (accountId: string | null) => goTo('POST', '/team/switch', { accountId });

export default function TeamPage() {
  const team = useApi((signal) => get<Team>('/team', undefined, { signal }), []);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InvitableRole>('editor');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  /** The last invitation that reached no inbox: where it is stays on screen, a toast would be gone. */
  const [unsent, setUnsent] = useState<{ email: string; mail: Exclude<MailTransport, 'smtp' | 'failed'> } | null>(null);
  /** The last invitation whose letter the SMTP server did not take: its link, and a second try. */
  const [failed, setFailed] = useState<FailedInvitation | null>(null);
  const [dialog, ask] = useConfirm();

  const invite = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const sent = await api<{ id: string; link: string; mail?: MailTransport }>('POST', '/team/members', { email, role });
      const mail = sent.mail ?? 'smtp';
      // A failed letter is told by its notice, which stays; the others by a toast as well.
      if (mail !== 'failed') toast(t(mail === 'smtp' ? 'team.invited' : 'team.invitedNoMail', { email }));
      setUnsent(mail === 'smtp' || mail === 'failed' ? null : { email, mail });
      setFailed(mail === 'failed' ? { id: sent.id, email, link: sent.link } : null);
      setEmail('');
      await team.reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  /** Asks, then deletes and re-reads: the owner's revoke or removal, the person's decline or leaving. */
  const confirmed = async (question: { title: string; body: string; confirm: string }, path: string, after: () => unknown = team.reload) => {
    if (!(await ask({ title: question.title, body: <p>{question.body}</p>, confirm: question.confirm, danger: true }))) return;
    try {
      await api('DELETE', path);
      await after();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const remove = (m: Team['members'][number]) =>
    confirmed(
      m.acceptedAt === null
        ? { title: t('team.revokeTitle', { email: m.email }), body: t('team.revokeBody'), confirm: t('team.revoke') }
        : { title: t('team.removeTitle', { email: m.email }), body: t('team.removeBody'), confirm: t('team.remove') },
      `/team/members/${encodeURIComponent(m.id)}`,
    );
  const decline = (x: Team['invitations'][number]) =>
    confirmed({ title: t('team.declineTitle', { owner: x.ownerEmail }), body: t('team.declineBody'), confirm: t('team.decline') }, `/team/invitations/${encodeURIComponent(x.id)}`);
  // Leaving the team one works in now lands in one's own account: a fresh load, as a switch.
  const leave = (x: Team['teams'][number], current: boolean) =>
    confirmed(
      { title: t('team.leaveTitle', { owner: x.ownerEmail }), body: t('team.leaveBody'), confirm: t('team.leaveConfirm') },
      `/team/invitations/${encodeURIComponent(x.id)}`,
      current ? () => location.assign('/app/') : team.reload,
    );

  return (
    <Page title={t('team.title')} lead={t('team.lead')}>
      <Loaded state={team}>
        {(d) => (
          <>
            {!d.own && (
              <section class="card">
                <p>{t('team.workingIn', { owner: d.ownerEmail, role: roleLabel(d.role) })}</p>
                <button type="button" class="btn" onClick={() => void switchTo(null)}>
                  {t('team.backToOwn')}
                </button>
              </section>
            )}
            {d.invitations.length > 0 && (
              <Card id="team-invitations" title={t('team.invitationsForYou')}>
                <ul class="plain-list">
                  {d.invitations.map((x) => (
                    <li key={x.id} class="stack">
                      <p>{t('team.invitationFrom', { owner: x.ownerEmail, role: roleLabel(x.role) })}</p>
                      <div class="form-actions">
                        <button
                          type="button"
                          class="btn btn-primary"
                          aria-label={t('team.acceptFrom', { owner: x.ownerEmail })}
                          onClick={() => void goTo('POST', `/team/invitations/${encodeURIComponent(x.id)}/accept`)}
                        >
                          {t('team.accept')}
                        </button>
                        <button type="button" class="btn" aria-label={t('team.declineFrom', { owner: x.ownerEmail })} onClick={() => void decline(x)}>
                          {t('team.decline')}
                        </button>
                      </div>
                    </li>
                  ))}
                </ul>
              </Card>
            )}
            <Card id="team-members" title={t('team.members')}>
              <DataTable
                rows={[{ id: 'owner', email: d.ownerEmail, role: 'owner' as TeamRole, invitedAt: 0, acceptedAt: 0 as number | null }, ...d.members]}
                label={t('team.members')}
                columns={[
                  { label: t('team.email'), cellClass: 'break', cell: (m) => m.email },
                  { label: t('team.roleCol'), cell: (m) => roleLabel(m.role) },
                  { label: t('team.invitedAt'), cell: (m) => (m.invitedAt ? formatDateTime(m.invitedAt) : '—') },
                  {
                    label: t('team.status'),
                    cell: (m) => (m.acceptedAt === null ? <Pill tone="warn">{t('team.pending')}</Pill> : m.acceptedAt ? t('team.joined', { date: formatDate(m.acceptedAt) }) : '—'),
                  },
                  {
                    label: t('common.actions'),
                    actions: true,
                    cell: (m) =>
                      d.role === 'owner' && m.role !== 'owner' ? (
                        // One word on the button, the address in its name: with the address in the
                        // text the button ran past the card on a phone.
                        <button
                          type="button"
                          class="btn btn-small btn-danger-outline"
                          aria-label={m.acceptedAt === null ? t('team.revokeOne', { email: m.email }) : t('team.removeOne', { email: m.email })}
                          onClick={() => void remove(m as Team['members'][number])}
                        >
                          {m.acceptedAt === null ? t('team.revoke') : t('team.remove')}
                        </button>
                      ) : null,
                  },
                ]}
              />
            </Card>
            {d.role === 'owner' && (
              <Card id="team-invite" title={t('team.invite')}>
                <form onSubmit={invite} class="stack">
                  <TextField label={t('team.email')} type="email" required autoComplete="off" value={email} onValue={setEmail} error={error} />
                  <div class="field">
                    <label for="team-role">{t('team.roleCol')}</label>
                    <select id="team-role" class="input" value={role} onChange={(e) => setRole(e.currentTarget.value as InvitableRole)}>
                      <option value="editor">{t('team.role.editorLong')}</option>
                      <option value="viewer">{t('team.role.viewerLong')}</option>
                    </select>
                  </div>
                  <div>
                    <button type="submit" class="btn btn-primary" disabled={busy}>
                      {t('team.send')}
                    </button>
                  </div>
                </form>
                {failed && <InvitationMailFailed invitation={failed} onSent={() => setFailed(null)} />}
                {unsent && (
                  <Notice tone="warn">
                    <p>{t(unsent.mail === 'dev_outbox' ? 'team.invitedDevOutbox' : 'team.invitedNotSent', { email: unsent.email })}</p>
                    {unsent.mail === 'dev_outbox' && (
                      <p>
                        <a href={outboxHref()} target="_blank" rel="noopener">
                          {t('auth.openOutbox')}
                        </a>
                      </p>
                    )}
                  </Notice>
                )}
              </Card>
            )}
            {d.teams.length > 0 && (
              <Card id="team-mine" title={t('team.yourTeams')}>
                <ul class="plain-list">
                  {d.teams.map((x) => (
                    <li key={x.accountId}>
                      {x.ownerEmail} — {roleLabel(x.role)}{' '}
                      {x.accountId !== d.accountId && (
                        <button type="button" class="btn btn-small" onClick={() => void switchTo(x.accountId)}>
                          {t('team.switch', { owner: x.ownerEmail })}
                        </button>
                      )}{' '}
                      <button type="button" class="btn btn-small btn-danger-outline" onClick={() => void leave(x, x.accountId === d.accountId)}>
                        {t('team.leave', { owner: x.ownerEmail })}
                      </button>
                    </li>
                  ))}
                </ul>
              </Card>
            )}
          </>
        )}
      </Loaded>
      {dialog}
    </Page>
  );
}
