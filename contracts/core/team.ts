// A licensee's team: who may change what. The server enforces it on every dashboard request
// (platform/accounts/sessions.ts); the dashboard reads the same rule to hide what a role cannot do.

/** owner: everything; editor: widgets, leads and chats; viewer: reads only. */
export const TEAM_ROLES = ['owner', 'editor', 'viewer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
/** The owner is the account itself; invitations give the other two. */
export const INVITABLE_ROLES = ['editor', 'viewer'] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

/** What any signed-in person may do for themselves, whatever their role: sign out, keep the live channel, choose a team, answer an invitation (or leave a team), mark notifications read, choose the language of their mails. */
const ANYONE_CHANGES = ['/api/auth/logout', '/api/auth/logout-all', '/api/live/auth', '/api/team/switch', '/api/team/invitations', '/api/notifications', '/api/me/settings'];
/** An editor's work: the widgets, the leads (status, note, deletion) and the chats with visitors. */
const EDITOR_CHANGES = ['/api/widgets', '/api/leads', '/api/chats'];

const under = (path: string, prefixes: string[]) => prefixes.some((p) => path === p || path.startsWith(`${p}/`));

/** Whether a role may send a changing request (POST, PUT, PATCH, DELETE) to this /api path; reads are open to every role. */
export function roleMayChange(role: TeamRole, path: string): boolean {
  if (role === 'owner' || under(path, ANYONE_CHANGES)) return true;
  return role === 'editor' && under(path, EDITOR_CHANGES);
}
