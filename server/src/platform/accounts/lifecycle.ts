// Account lifecycle (offer 003 §7.4): 365 days without a sign-in → deleted with all data,
// after a warning 30 days ahead; and deletion at the licensee's own request.
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { accounts, destructionRecords, leads, loginCodes, realtimeProjects } from '../db/schema/index.js';
import type { AppDeps } from '../../deps.js';
import { DAY } from '../lib/clock.js';
import { newId } from '../lib/ids.js';

const INACTIVITY_DELETE_MS = 365 * DAY;
const INACTIVITY_WARN_AHEAD_MS = 30 * DAY;

const lastActive = sql<number>`coalesce(${accounts.lastLoginAt}, ${accounts.createdAt})`;
/**
 * Accounts with realtime projects follow offer 000 §3.6.1 instead (realtime/inactivity.ts: its
 * activity includes messages and connections; notice, block after 30 days, deletion of the
 * account 90 days later). Running both would delete such an account under offer 003 before
 * offer 000's notice and block had run their course.
 */
const withoutRealtimeProjects = sql`not exists (select 1 from ${realtimeProjects} where ${realtimeProjects.accountId} = ${accounts.id})`;

/** Deletes the account and everything it owns (foreign keys cascade); leads get a destruction record. */
export function deleteAccount(db: Db, accountId: string, now: number): void {
  db.transaction((tx) => {
    const n = tx.select({ n: sql<number>`count(*)` }).from(leads).where(eq(leads.accountId, accountId)).get()?.n ?? 0;
    if (n > 0) tx.insert(destructionRecords).values({ id: newId('dstr'), accountId, count: n, basis: 'account_deleted', createdAt: now }).run();
    const email = tx.select({ email: accounts.email }).from(accounts).where(eq(accounts.id, accountId)).get()?.email;
    // Login codes are keyed by e-mail, not by account: they go too (registration data).
    if (email) tx.delete(loginCodes).where(eq(loginCodes.email, email)).run();
    tx.delete(accounts).where(eq(accounts.id, accountId)).run();
  });
}

export async function runInactivityCycle(deps: AppDeps): Promise<void> {
  const { db, clock, env } = deps;
  const now = clock.now();
  const toWarn = db
    .select({ id: accounts.id, email: accounts.email, last: lastActive })
    .from(accounts)
    .where(and(isNull(accounts.inactivityWarnedAt), lte(lastActive, now - INACTIVITY_DELETE_MS + INACTIVITY_WARN_AHEAD_MS), withoutRealtimeProjects))
    .all();
  for (const a of toWarn) {
    db.update(accounts).set({ inactivityWarnedAt: now }).where(eq(accounts.id, a.id)).run();
    const deleteOn = new Date(Math.max(a.last + INACTIVITY_DELETE_MS, now + INACTIVITY_WARN_AHEAD_MS)).toLocaleDateString('ru-RU');
    await deps.mailer
      .send({
        to: a.email,
        subject: `${env.BRAND_NAME}: аккаунт будет удалён из-за неактивности`,
        text: `Вы не входили в кабинет почти год. ${deleteOn} аккаунт будет удалён вместе со всеми данными (сайты, виджеты, заявки). Чтобы сохранить его, просто войдите: ${env.PUBLIC_URL}/app/`,
      })
      .catch((err) => deps.logger.error('lifecycle.mail_failed', { accountId: a.id, error: String(err) }));
  }
  // A sign-in after the warning moves lastLoginAt forward, so such accounts drop out here.
  const toDelete = db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(lte(lastActive, now - INACTIVITY_DELETE_MS), lte(accounts.inactivityWarnedAt, now - INACTIVITY_WARN_AHEAD_MS), eq(accounts.role, 'licensee'), withoutRealtimeProjects))
    .all();
  for (const a of toDelete) {
    deleteAccount(db, a.id, now);
    deps.logger.info('lifecycle.account_deleted', { accountId: a.id, basis: 'inactivity_365_days' });
  }
}
