// The letter inviting a person into a team's account. Its language: the invited person's own
// when they already have an account (accounts.lang); otherwise nobody knows it, so the letter
// deliberately carries both languages, led by the inviter's — the best guess for a colleague.
import type { Lang } from '#contracts/core/lang.js';
import type { InvitableRole } from '#contracts/core/team.js';
import type { AppDeps } from '../../deps.js';

type Env = Pick<AppDeps['env'], 'BRAND_NAME'>;
interface Invitation {
  ownerEmail: string;
  role: InvitableRole;
  link: string;
}

const PARTS = {
  ru: {
    subject: (i: Invitation) => `приглашение в команду ${i.ownerEmail}`,
    role: { editor: 'редактор (виджеты, заявки, чаты)', viewer: 'наблюдатель (только просмотр)' },
    text: (i: Invitation, brand: string, role: string) =>
      `${i.ownerEmail} приглашает вас в свой аккаунт ${brand}, роль: ${role}.\n` + `Откройте ссылку, войдите с этим адресом (аккаунта нет — он будет создан) и примите приглашение:\n${i.link}`,
  },
  en: {
    subject: (i: Invitation) => `invitation to the team of ${i.ownerEmail}`,
    role: { editor: 'editor (widgets, leads, chats)', viewer: 'viewer (view only)' },
    text: (i: Invitation, brand: string, role: string) =>
      `${i.ownerEmail} invites you to their ${brand} account as ${role}.\n` + `Open the link, sign in with this address (an account is created if you have none) and accept the invitation:\n${i.link}`,
  },
} as const;

/** `invitee`: the invited person's own language if they have an account, else null. */
export function invitationMail(env: Env, invitation: Invitation, invitee: Lang | null, inviter: Lang): { subject: string; text: string } {
  const langs: Lang[] = invitee ? [invitee] : inviter === 'en' ? ['en', 'ru'] : ['ru', 'en'];
  return {
    subject: `${env.BRAND_NAME}: ${langs.map((l) => PARTS[l].subject(invitation)).join(' / ')}`,
    text: langs.map((l) => PARTS[l].text(invitation, env.BRAND_NAME, PARTS[l].role[invitation.role])).join('\n\n'),
  };
}
