import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { INVITABLE_ROLES } from '#contracts/core/team.js';
import { millis, owned } from './columns.js';

/**
 * The people an account's owner invited, by e-mail, with their role. The invited person opens
 * the mailed link, signs in (or up) with that e-mail and accepts; only then may they work in the
 * team's account (sessions.team_account_id). The membership is checked on every request, so
 * revoking it takes effect at once. A deleted row is journaled (erasures, kind team_member):
 * it holds an e-mail address.
 */
export const teamMembers = pgTable(
  'team_members',
  {
    ...owned(),
    /** Lower-cased, as accounts.email. */
    email: text('email').notNull(),
    role: text('role', { enum: INVITABLE_ROLES }).notNull(),
    invitedBy: text('invited_by').notNull(),
    invitedAt: millis('invited_at').notNull(),
    /** null: invited, not yet accepted (the person cannot work in the account yet). */
    acceptedAt: millis('accepted_at'),
  },
  (t) => [uniqueIndex('team_members_account_email_uq').on(t.accountId, t.email), index('team_members_email_idx').on(t.email)],
);
