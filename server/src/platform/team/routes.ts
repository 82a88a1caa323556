// The licensee's team (GET|POST /api/team/members, DELETE /api/team/members/{id}, GET /api/team,
// POST /api/team/members/{id}/invitation (the letter again), POST /api/team/switch, GET|DELETE /api/team/invitations/{id}, POST …/{id}/accept): the owner
// invites people by e-mail as editors or viewers; the invited person opens the mailed link, signs
// in (or up) with that e-mail, accepts, and from then on switches between their own account and
// the team's. The owner revokes an invitation or a membership; the person declines or leaves.
// Who may change what is decided for every route in requireSession (contracts/core/team.ts).
import { and, asc, eq, getTableColumns, isNotNull, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Lang } from '#contracts/core/lang.js';
import type { InvitableRole } from '#contracts/core/team.js';
import { teamInviteSchema, teamSwitchSchema } from '#contracts/schemas/team.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { HOUR } from '../lib/clock.js';
import { AppError, notFound } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { readJson } from '../lib/json-body.js';
import { accountLangOf } from '../mail/address-lang.js';
import { MailSendError } from '../mail/mailer.js';
import { mailTransport } from '../mail/transport.js';
import { invitationMail } from './invitation-mail.js';
import { deleteMemberships } from './members.js';
import { dashboardUrl } from '../mail/dashboard-url.js';

/** `a***@shop.example`: enough to recognise one's other address, not enough to harvest it. */
const masked = (email: string) => `${email.slice(0, 1)}***${email.slice(email.indexOf('@'))}`;

/** Letters sent again for one invitation: enough to ride out an outage a minute at a time, too few to flood an inbox. */
const LETTERS_AGAIN_PER_HOUR = 10;

const invitationMailUnavailable = () =>
  new AppError(503, 'mail_unavailable', 'Письмо с приглашением не отправлено: почтовый сервер не отвечает. Попробуйте через минуту или передайте ссылку сами.', undefined, {
    'retry-after': '60',
  });

export function createTeamRoutes(deps: AppDeps) {
  const { db } = deps.store;
  const { accounts, sessions, teamMembers } = deps.store.tables;
  const lettersAgain = deps.rateLimits.limiter({ name: 'team-invitation-letters-again', limit: LETTERS_AGAIN_PER_HOUR, windowMs: HOUR, sharedWithoutRedis: true });

  /** The invitation `id`, if it is addressed to the signed-in person: the e-mail they proved by signing in is the proof. */
  const invitationFor = async (id: string, email: string) => {
    const [row] = await db
      .select({ ...getTableColumns(teamMembers), ownerEmail: accounts.email })
      .from(teamMembers)
      .innerJoin(accounts, eq(accounts.id, teamMembers.accountId))
      .where(eq(teamMembers.id, id));
    if (!row) throw new AppError(404, 'not_found', 'Приглашение отозвано или не найдено');
    if (row.email !== email) {
      throw new AppError(403, 'invitation_other_email', `Приглашение отправлено на ${masked(row.email)}: войдите с этим адресом`, { email: masked(row.email) });
    }
    return row;
  };

  /**
   * Mails the invitation; `sent` is false when the SMTP server failed. The owner waits on the
   * answer, so the send is interactive (given up on after 10 s, not nodemailer's 30 s).
   */
  const mailInvitation = async (member: { id: string; email: string; role: InvitableRole }, ownerEmail: string, inviterLang: Lang) => {
    // The invited person's own language if they have an account; else both, the inviter's first.
    const inviteeLang = await accountLangOf(db, member.email);
    // The link opens the dashboard (its sign-in form first, for someone signed out) in the
    // letter's leading language.
    const link = dashboardUrl(deps.env, `team/invitations/${member.id}`, inviteeLang ?? inviterLang);
    try {
      await deps.mailer.send({ to: member.email, ...invitationMail(deps.env, { ownerEmail, role: member.role, link }, inviteeLang, inviterLang) }, { interactive: true });
      return { link, sent: true };
    } catch (err) {
      if (!(err instanceof MailSendError)) throw err;
      // An outage, not a bug: no stack, and MailSendError's message carries no address.
      deps.logger.warn('team.invitation_mail_failed', { memberId: member.id, error: err.message });
      return { link, sent: false };
    }
  };

  return new Hono<AuthedEnv>()
    .get('/', async (c) => {
      const person = c.get('person');
      const account = c.get('account');
      const members = await db
        .select({ id: teamMembers.id, email: teamMembers.email, role: teamMembers.role, invitedAt: teamMembers.invitedAt, acceptedAt: teamMembers.acceptedAt })
        .from(teamMembers)
        .where(eq(teamMembers.accountId, account.id))
        .orderBy(asc(teamMembers.invitedAt));
      const mine = (accepted: boolean) =>
        db
          .select({ id: teamMembers.id, accountId: accounts.id, ownerEmail: accounts.email, role: teamMembers.role, invitedAt: teamMembers.invitedAt })
          .from(teamMembers)
          .innerJoin(accounts, eq(accounts.id, teamMembers.accountId))
          .where(and(eq(teamMembers.email, person.email), accepted ? isNotNull(teamMembers.acceptedAt) : isNull(teamMembers.acceptedAt)))
          .orderBy(asc(accounts.email));
      // The teams this person accepted, to switch into; the invitations still waiting for an answer.
      const [teams, invitations] = await Promise.all([mine(true), mine(false)]);
      return c.json({
        role: c.get('teamRole'),
        person: person.email,
        accountId: account.id,
        ownerEmail: account.email,
        own: account.id === person.id,
        members,
        teams: teams.map(({ id, accountId, ownerEmail, role }) => ({ id, accountId, ownerEmail, role })),
        invitations: invitations.map(({ id, ownerEmail, role, invitedAt }) => ({ id, ownerEmail, role, invitedAt })),
      });
    })
    .post('/members', async (c) => {
      const body = await readJson(c, teamInviteSchema);
      const account = c.get('account');
      if (body.email === account.email) throw new AppError(422, 'validation_failed', 'Владелец уже в команде');
      const id = newId('mem');
      const inserted = await db
        .insert(teamMembers)
        .values({ id, accountId: account.id, email: body.email, role: body.role, invitedBy: c.get('person').email, invitedAt: deps.clock.now() })
        .onConflictDoNothing()
        .returning({ id: teamMembers.id });
      if (inserted.length === 0) throw new AppError(409, 'conflict', 'Этот e-mail уже в команде');
      // The invitation stays when its letter fails: it is real, its link works once the person signs
      // in with that address, and the owner can pass the link on or send the letter again.
      const { link, sent } = await mailInvitation({ id, email: body.email, role: body.role }, account.email, c.get('person').lang);
      // Where the letter went: without SMTP the owner must hear it is in the dev outbox (or nowhere),
      // not that it was sent; with SMTP down, that it was not sent.
      return c.json({ id, email: body.email, role: body.role, mail: sent ? mailTransport(deps) : 'failed', link }, 201);
    })
    .post('/members/:id/invitation', async (c) => {
      // The owner sends the letter again (it failed, or the person lost it): only while unanswered.
      const account = c.get('account');
      const [member] = await db
        .select({ id: teamMembers.id, email: teamMembers.email, role: teamMembers.role })
        .from(teamMembers)
        .where(and(eq(teamMembers.id, c.req.param('id')), eq(teamMembers.accountId, account.id), isNull(teamMembers.acceptedAt)));
      if (!member) throw notFound('Invitation');
      // Counted per invitation, failed tries too: each one may have reached the inbox.
      await lettersAgain.enforce(member.id, 'Письмо с этим приглашением отправляли слишком часто. Попробуйте через час или передайте ссылку сами.');
      const { sent } = await mailInvitation(member, account.email, c.get('person').lang);
      if (!sent) throw invitationMailUnavailable();
      return c.json({ mail: mailTransport(deps) });
    })
    .delete('/members/:id', async (c) => {
      const account = c.get('account');
      const where = and(eq(teamMembers.id, c.req.param('id')), eq(teamMembers.accountId, account.id));
      const gone = await deps.store.transaction((tx) => deleteMemberships(tx, where, 'licensee_request', deps.clock.now()));
      if (gone.length === 0) throw notFound('Member');
      return c.body(null, 204);
    })
    .get('/invitations/:id', async (c) => {
      const { id, ownerEmail, role, invitedAt, acceptedAt } = await invitationFor(c.req.param('id'), c.get('person').email);
      return c.json({ id, ownerEmail, role, invitedAt, acceptedAt });
    })
    .post('/invitations/:id/accept', async (c) => {
      const invitation = await invitationFor(c.req.param('id'), c.get('person').email);
      // The first acceptance counts; accepting again only switches into the team.
      await db
        .update(teamMembers)
        .set({ acceptedAt: deps.clock.now() })
        .where(and(eq(teamMembers.id, invitation.id), isNull(teamMembers.acceptedAt)));
      await db
        .update(sessions)
        .set({ teamAccountId: invitation.accountId })
        .where(eq(sessions.id, c.get('sessionId')));
      return c.json({ accountId: invitation.accountId });
    })
    .delete('/invitations/:id', async (c) => {
      // The invited person declines, or a member leaves: the row goes, as when the owner revokes it.
      const invitation = await invitationFor(c.req.param('id'), c.get('person').email);
      await deps.store.transaction((tx) => deleteMemberships(tx, eq(teamMembers.id, invitation.id), 'licensee_request', deps.clock.now()));
      return c.body(null, 204);
    })
    .post('/switch', async (c) => {
      const { accountId } = await readJson(c, teamSwitchSchema);
      const person = c.get('person');
      let target: string | null = null;
      if (accountId !== null && accountId !== person.id) {
        const [member] = await db
          .select({ id: teamMembers.id })
          .from(teamMembers)
          .where(and(eq(teamMembers.accountId, accountId), eq(teamMembers.email, person.email), isNotNull(teamMembers.acceptedAt)));
        if (!member) throw notFound('Team');
        target = accountId;
      }
      await db
        .update(sessions)
        .set({ teamAccountId: target })
        .where(eq(sessions.id, c.get('sessionId')));
      return c.json({ accountId: target ?? person.id });
    });
}
