import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { INVITABLE_ROLES } from '#contracts/core/team.js';
import { accountRef, millis } from './columns.js';

/**
 * The people an account's owner invited, by e-mail, with their role. A person signs in with
 * that e-mail as usual and then works in the team's account (sessions.team_account_id); the
 * membership is checked on every request, so removing it takes effect at once.
 */
export const teamMembers = pgTable(
  'team_members',
  {
    id: text('id').primaryKey(),
    accountId: accountRef(),
    /** Lower-cased, as accounts.email. */
    email: text('email').notNull(),
    role: text('role', { enum: INVITABLE_ROLES }).notNull(),
    invitedBy: text('invited_by').notNull(),
    invitedAt: millis('invited_at').notNull(),
  },
  (t) => [uniqueIndex('team_members_account_email_uq').on(t.accountId, t.email), index('team_members_email_idx').on(t.email)],
);
