// Account lifecycle (offer 003 §7.4): 365 days without a sign-in → deleted with all data,
// after a warning 30 days ahead; and deletion at the licensee's own request.
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { localeOf } from '#contracts/core/lang.js';
import type { Store, Tables } from '../db/store.js';
import type { AppDeps } from '../../deps.js';
import { DAY } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { journalErasures } from '../erasure/journal.js';
import { deleteMemberships } from '../team/members.js';
import { dashboardUrl } from '../mail/dashboard-url.js';

const INACTIVITY_DELETE_MS = 365 * DAY;
const INACTIVITY_WARN_AHEAD_MS = 30 * DAY;

const lastActive = ({ accounts }: Tables) => sql<number>`coalesce(${accounts.lastLoginAt}, ${accounts.createdAt})`;
/**
 * Accounts with realtime projects follow offer 000 §3.6.1 instead (realtime/inactivity.ts: its
 * activity includes messages and connections; notice, block after 30 days, deletion of the
 * account 90 days later). Running both would delete such an account under offer 003 before
 * offer 000's notice and block had run their course.
 */
const withoutRealtimeProjects = ({ accounts, realtimeProjects }: Tables) => sql`not exists (select 1 from ${realtimeProjects} where ${realtimeProjects.accountId} = ${accounts.id})`;

/**
 * Deletes the account and everything it owns (foreign keys cascade); leads get a destruction
 * record. Takes the store: it is one transaction.
 */
export async function deleteAccount(store: Store, accountId: string, now: number, basis: 'licensee_request' | 'inactivity'): Promise<void> {
  await store.transaction(async (tx) => {
    const { accounts, destructionRecords, leads, loginCodes } = tx.tables;
    // Deleted here rather than by the account's cascade, so the record counts exactly the leads
    // this statement destroyed.
    const destroyed = (await tx.delete(leads).where(eq(leads.accountId, accountId)).returning({ id: leads.id })).length;
    if (destroyed > 0) await tx.insert(destructionRecords).values({ id: newId('dstr'), accountId, count: destroyed, basis: 'account_deleted', createdAt: now });
    const [account] = await tx.select({ email: accounts.email }).from(accounts).where(eq(accounts.id, accountId));
    // Login codes are keyed by e-mail, not by account: they go too (registration data).
    if (account) await tx.delete(loginCodes).where(eq(loginCodes.email, account.email));
    // The person's memberships in other accounts' teams hold their address too; the account's own
    // team goes by the cascade below.
    if (account) await deleteMemberships(tx, eq(tx.tables.teamMembers.email, account.email), basis, now);
    const gone = await tx.delete(accounts).where(eq(accounts.id, accountId)).returning({ id: accounts.id });
    // The account is journaled, not each row its cascade took: replaying it takes them all again.
    await journalErasures(
      tx,
      'account',
      gone.map((a) => a.id),
      basis,
      now,
    );
  });
  await store.forgetErased();
}

export async function runInactivityCycle(deps: AppDeps): Promise<void> {
  const { store, clock, env } = deps;
  const { db } = store;
  const { accounts } = db.tables;
  const now = clock.now();
  const toWarn = await db
    .select({ id: accounts.id, email: accounts.email, lang: accounts.lang, last: lastActive(db.tables) })
    .from(accounts)
    .where(and(isNull(accounts.inactivityWarnedAt), lte(lastActive(db.tables), now - INACTIVITY_DELETE_MS + INACTIVITY_WARN_AHEAD_MS), withoutRealtimeProjects(db.tables)));
  for (const a of toWarn) {
    // Claim first: a run elsewhere that warns the same account finds it taken and mails nothing.
    const [claimed] = await db
      .update(accounts)
      .set({ inactivityWarnedAt: now })
      .where(and(eq(accounts.id, a.id), isNull(accounts.inactivityWarnedAt)))
      .returning({ id: accounts.id });
    if (!claimed) continue;
    // In the account's language (its dashboard's at the last sign-in or switch).
    const en = a.lang === 'en';
    const deleteOn = new Date(Math.max(a.last + INACTIVITY_DELETE_MS, now + INACTIVITY_WARN_AHEAD_MS)).toLocaleDateString(localeOf(a.lang), { timeZone: 'Europe/Moscow' });
    await deps.mail
      .send(
        en
          ? {
              to: a.email,
              subject: `${env.BRAND_NAME}: your account will be deleted for inactivity`,
              text: `You have not signed in to your dashboard for almost a year. On ${deleteOn} the account will be deleted with all its data (sites, widgets, leads). To keep it, just sign in: ${dashboardUrl(env, '', a.lang)}`,
            }
          : {
              to: a.email,
              subject: `${env.BRAND_NAME}: аккаунт будет удалён из-за неактивности`,
              text: `Вы не входили в кабинет почти год. ${deleteOn} аккаунт будет удалён вместе со всеми данными (сайты, виджеты, заявки). Чтобы сохранить его, просто войдите: ${dashboardUrl(env, '', a.lang)}`,
            },
      )
      .catch((err) => deps.logger.error('lifecycle.mail_failed', { accountId: a.id, error: String(err) }));
  }
  // A sign-in after the warning moves lastLoginAt forward, so such accounts drop out here.
  const toDelete = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(lte(lastActive(db.tables), now - INACTIVITY_DELETE_MS), lte(accounts.inactivityWarnedAt, now - INACTIVITY_WARN_AHEAD_MS), eq(accounts.role, 'licensee'), withoutRealtimeProjects(db.tables)),
    );
  for (const a of toDelete) {
    await deleteAccount(store, a.id, now, 'inactivity');
    deps.invalidations.account(a.id);
    deps.logger.info('lifecycle.account_deleted', { accountId: a.id, basis: 'inactivity_365_days' });
  }
}
