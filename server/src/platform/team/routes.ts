// The licensee's team (GET|POST /api/team/members, DELETE /api/team/members/{id}, GET /api/team,
// POST /api/team/switch): the owner invites people by e-mail as editors or viewers; an invited
// person signs in with that e-mail as usual and switches into the team's account. Who may change
// what is decided for every route in requireSession (contracts/core/team.ts), not here.
import { and, asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { teamInviteSchema, teamSwitchSchema } from '#contracts/schemas/team.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { AppError, notFound } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { readJson } from '../lib/json-body.js';

const ROLE_TEXT = { editor: 'редактор (виджеты, заявки, чаты)', viewer: 'наблюдатель (только просмотр)' } as const;

export function createTeamRoutes(deps: AppDeps) {
  const { db } = deps.store;
  const { accounts, sessions, teamMembers } = deps.store.tables;
  return new Hono<AuthedEnv>()
    .get('/', async (c) => {
      const person = c.get('person');
      const account = c.get('account');
      const members = await db
        .select({ id: teamMembers.id, email: teamMembers.email, role: teamMembers.role, invitedAt: teamMembers.invitedAt })
        .from(teamMembers)
        .where(eq(teamMembers.accountId, account.id))
        .orderBy(asc(teamMembers.invitedAt));
      // The teams this person was invited to, to switch into from the account menu.
      const teams = await db
        .select({ accountId: accounts.id, ownerEmail: accounts.email, role: teamMembers.role })
        .from(teamMembers)
        .innerJoin(accounts, eq(accounts.id, teamMembers.accountId))
        .where(eq(teamMembers.email, person.email))
        .orderBy(asc(accounts.email));
      return c.json({ role: c.get('teamRole'), person: person.email, accountId: account.id, ownerEmail: account.email, own: account.id === person.id, members, teams });
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
      const { BRAND_NAME, PUBLIC_URL } = deps.env;
      await deps.mailer.send({
        to: body.email,
        subject: `${BRAND_NAME}: приглашение в команду ${account.email}`,
        text:
          `${account.email} приглашает вас в свой аккаунт ${BRAND_NAME}, роль: ${ROLE_TEXT[body.role]}.\n` +
          `Войдите с этим адресом: ${PUBLIC_URL}/app/ — и выберите команду в меню аккаунта.\n\n` +
          `${account.email} invites you to their ${BRAND_NAME} account as ${body.role}. Sign in with this address at ${PUBLIC_URL}/app/ and choose the team in the account menu.`,
      });
      return c.json({ id, email: body.email, role: body.role }, 201);
    })
    .delete('/members/:id', async (c) => {
      const deleted = await db
        .delete(teamMembers)
        .where(and(eq(teamMembers.id, c.req.param('id')), eq(teamMembers.accountId, c.get('account').id)))
        .returning({ id: teamMembers.id });
      if (deleted.length === 0) throw notFound('Member');
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
          .where(and(eq(teamMembers.accountId, accountId), eq(teamMembers.email, person.email)));
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
