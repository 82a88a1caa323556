// /team: the account's team. The owner invites people by e-mail as editors (widgets, leads,
// chats) or viewers (reads only) and removes them; anyone sees the teams they were invited to
// and switches between them and their own account. The server decides every right; this page
// only hides what the role cannot do.
import { useState } from 'preact/hooks';
import type { InvitableRole, TeamRole } from '#contracts/core/team.js';
import { api, get } from '../api.js';
import { formatDateTime, t, type Key } from '../i18n/i18n.js';
import { DataTable } from '../ui/data-table.js';
import { useConfirm } from '../ui/dialog.js';
import { errorText } from '../ui/errors.js';
import { TextField } from '../ui/fields.js';
import { Loaded } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { useApi } from '../ui/use-api.js';

interface Team {
  role: TeamRole;
  person: string;
  accountId: string;
  ownerEmail: string;
  own: boolean;
  members: { id: string; email: string; role: InvitableRole; invitedAt: number }[];
  teams: { accountId: string; ownerEmail: string; role: InvitableRole }[];
}

const ROLE: Record<TeamRole, Key> = { owner: 'team.role.owner', editor: 'team.role.editor', viewer: 'team.role.viewer' };
export const roleLabel = (r: TeamRole) => t(ROLE[r]);

/** A switch changes which account every page shows: a fresh load rather than patching state. */
async function switchTo(accountId: string | null) {
  try {
    await api('POST', '/team/switch', { accountId });
    location.assign('/app/');
  } catch (err) {
    toast(errorText(err), 'error');
  }
}

export default function TeamPage() {
  const team = useApi((signal) => get<Team>('/team', undefined, { signal }), []);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InvitableRole>('editor');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [dialog, ask] = useConfirm();

  const invite = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', '/team/members', { email, role });
      toast(t('team.invited', { email }));
      setEmail('');
      await team.reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (m: Team['members'][number]) => {
    if (!(await ask({ title: t('team.removeTitle', { email: m.email }), body: <p>{t('team.removeBody')}</p>, confirm: t('team.remove'), danger: true }))) return;
    try {
      await api('DELETE', `/team/members/${encodeURIComponent(m.id)}`);
      await team.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };

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
            <section class="card" aria-labelledby="team-members">
              <h2 id="team-members">{t('team.members')}</h2>
              <DataTable
                rows={[{ id: 'owner', email: d.ownerEmail, role: 'owner' as TeamRole, invitedAt: 0 }, ...d.members]}
                rowKey={(m) => m.id}
                label={t('team.members')}
                columns={[
                  { label: t('team.email'), cellClass: 'break', cell: (m) => m.email },
                  { label: t('team.roleCol'), cell: (m) => roleLabel(m.role) },
                  { label: t('team.invitedAt'), cell: (m) => (m.invitedAt ? formatDateTime(m.invitedAt) : '—') },
                  {
                    label: t('common.actions'),
                    actions: true,
                    cell: (m) =>
                      d.role === 'owner' && m.role !== 'owner' ? (
                        <button type="button" class="btn btn-small btn-danger-outline" onClick={() => void remove(m as Team['members'][number])}>
                          {t('team.removeOne', { email: m.email })}
                        </button>
                      ) : null,
                  },
                ]}
              />
            </section>
            {d.role === 'owner' && (
              <section class="card" aria-labelledby="team-invite">
                <h2 id="team-invite">{t('team.invite')}</h2>
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
              </section>
            )}
            {d.teams.length > 0 && (
              <section class="card" aria-labelledby="team-mine">
                <h2 id="team-mine">{t('team.yourTeams')}</h2>
                <ul class="plain-list">
                  {d.teams.map((x) => (
                    <li key={x.accountId}>
                      {x.ownerEmail} — {roleLabel(x.role)}{' '}
                      {x.accountId !== d.accountId && (
                        <button type="button" class="btn btn-small" onClick={() => void switchTo(x.accountId)}>
                          {t('team.switch', { owner: x.ownerEmail })}
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </Loaded>
      {dialog}
    </Page>
  );
}
