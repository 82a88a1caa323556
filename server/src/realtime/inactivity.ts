// Offer 000 §3.6.1 for accounts that use realtime: 12 calendar months without any activity
// (sign-in, creating a project, messages or connections) → an e-mail notice; no activity within
// 30 days of it → the realtime service of the account is blocked (only the operator restores it,
// on a written request); not restored within 90 days → registration data deleted. Logs are not
// touched here: they keep their own 149-FZ terms whatever happens to the account.
import { eq, max } from 'drizzle-orm';
import { localeOf } from '#contracts/core/lang.js';
import { deleteAccount } from '../platform/accounts/lifecycle.js';
import type { AppDeps } from '../deps.js';
import { DAY } from '../platform/lib/clock.js';
import { addCalendarMonths } from '../platform/tariffs/realtime-policy.js';
import { CODES } from './protocol.js';
import { dashboardUrl } from '../platform/mail/dashboard-url.js';

const INACTIVE_MONTHS = 12;
const BLOCK_AFTER_NOTICE_MS = 30 * DAY;
const DELETE_AFTER_BLOCK_MS = 90 * DAY;

export type InactivityStep = 'noticed' | 'resumed' | 'blocked' | 'account_deleted' | 'projects_deleted';

export async function runRealtimeInactivity(deps: AppDeps): Promise<{ accountId: string; step: InactivityStep }[]> {
  const { clock, env } = deps;
  const { db } = deps.store;
  const { accounts, realtimeAccountStates, realtimeProjects } = db.tables;
  const now = clock.now();
  const steps: { accountId: string; step: InactivityStep }[] = [];
  const rows = await db
    .select({
      accountId: accounts.id,
      email: accounts.email,
      lang: accounts.lang,
      role: accounts.role,
      createdAt: accounts.createdAt,
      lastLoginAt: accounts.lastLoginAt,
      projectActivity: max(realtimeProjects.lastActivityAt),
      projectCreated: max(realtimeProjects.createdAt),
      noticeAt: realtimeAccountStates.inactivityNoticeAt,
      blockedAt: realtimeAccountStates.blockedAt,
      restoredAt: realtimeAccountStates.restoredAt,
    })
    .from(realtimeProjects)
    .innerJoin(accounts, eq(accounts.id, realtimeProjects.accountId))
    .leftJoin(realtimeAccountStates, eq(realtimeAccountStates.accountId, accounts.id))
    // Both keys: PostgreSQL takes the other columns of each table as determined by its key.
    .groupBy(accounts.id, realtimeAccountStates.accountId);

  for (const a of rows) {
    const lastActive = Math.max(a.createdAt, a.lastLoginAt ?? 0, a.projectActivity ?? 0, a.projectCreated ?? 0, a.restoredAt ?? 0);
    const setState = async (set: { inactivityNoticeAt?: number | null; blockedAt?: number | null }) => {
      await db
        .insert(realtimeAccountStates)
        .values({ accountId: a.accountId, ...set, updatedAt: now })
        .onConflictDoUpdate({ target: realtimeAccountStates.accountId, set: { ...set, updatedAt: now } });
      // A block (or a notice) changes what the realtime project lookup returns: each node's cache forgets the account's projects.
      deps.invalidations.account(a.accountId);
    };
    // In the account's language (its dashboard's at the last sign-in or switch): [ru, en] each.
    const en = a.lang === 'en';
    const day = (at: number) => new Date(at).toLocaleDateString(localeOf(a.lang), { timeZone: 'UTC' });
    const mail = (subjects: [string, string], texts: [string, string]) => mailIn(subjects[+en]!, texts[+en]!);
    const mailIn = (subject: string, text: string) =>
      deps.mail
        .send({ to: a.email, subject: `${env.BRAND_NAME}: ${subject}`, text })
        .catch((err) => deps.logger.error('realtime.inactivity_mail_failed', { accountId: a.accountId, error: String(err) }));

    if (a.blockedAt !== null && a.blockedAt !== undefined) {
      if (now - a.blockedAt < DELETE_AFTER_BLOCK_MS) continue;
      // Someone who signs in after the block still uses the platform (widgets): only the realtime
      // registration goes; otherwise the account itself — its e-mail, name, password hash.
      if (a.role === 'licensee' && (a.lastLoginAt ?? 0) <= a.blockedAt) {
        await deleteAccount(deps.store, a.accountId, now, 'inactivity');
        deps.invalidations.account(a.accountId);
        steps.push({ accountId: a.accountId, step: 'account_deleted' });
      } else {
        await db.delete(realtimeProjects).where(eq(realtimeProjects.accountId, a.accountId));
        await db.delete(realtimeAccountStates).where(eq(realtimeAccountStates.accountId, a.accountId));
        deps.invalidations.account(a.accountId);
        steps.push({ accountId: a.accountId, step: 'projects_deleted' });
      }
      deps.logger.info('realtime.inactivity_deleted', { accountId: a.accountId });
      continue;
    }

    if (a.noticeAt !== null && a.noticeAt !== undefined) {
      if (lastActive > a.noticeAt) {
        await setState({ inactivityNoticeAt: null });
        steps.push({ accountId: a.accountId, step: 'resumed' });
      } else if (now - a.noticeAt >= BLOCK_AFTER_NOTICE_MS) {
        await setState({ blockedAt: now });
        const rt = deps.realtime;
        for (const p of await db.select({ id: realtimeProjects.id }).from(realtimeProjects).where(eq(realtimeProjects.accountId, a.accountId))) {
          rt.hub.closeEverywhere(p.id, null, CODES.APP_DISABLED, 'Application is disabled');
        }
        const deleteOn = day(now + DELETE_AFTER_BLOCK_MS);
        await mail(
          ['сервис реального времени заблокирован из-за неактивности', 'the realtime service is blocked for inactivity'],
          [
            `Активности в сервисе реального времени не было больше года, и за 30 дней после уведомления она не возобновилась. Ваши проекты заблокированы. Чтобы восстановить доступ, напишите в поддержку до ${deleteOn}; после этой даты регистрационные данные будут удалены.`,
            `There has been no activity in the realtime service for over a year, and none in the 30 days after the notice. Your projects are blocked. To get access back, write to support before ${deleteOn}; after that date the registration data will be deleted.`,
          ],
        );
        steps.push({ accountId: a.accountId, step: 'blocked' });
      }
      continue;
    }

    if (lastActive <= addCalendarMonths(now, -INACTIVE_MONTHS)) {
      await setState({ inactivityNoticeAt: now });
      const blockOn = day(now + BLOCK_AFTER_NOTICE_MS);
      await mail(
        ['нет активности в сервисе реального времени 12 месяцев', 'no activity in the realtime service for 12 months'],
        [
          `В ваших проектах реального времени не было активности 12 месяцев (входов в кабинет, сообщений, подключений, новых проектов). Если активность не возобновится до ${blockOn}, учётная запись сервиса будет заблокирована. Достаточно войти в кабинет: ${dashboardUrl(env, '', a.lang)}`,
          `There has been no activity in your realtime projects for 12 months (dashboard sign-ins, messages, connections, new projects). Unless there is some before ${blockOn}, the service's account will be blocked. Signing in to the dashboard is enough: ${dashboardUrl(env, '', a.lang)}`,
        ],
      );
      steps.push({ accountId: a.accountId, step: 'noticed' });
    }
  }
  return steps;
}

/** The operator restores a blocked account on its owner's written request; this counts as activity. */
export async function restoreRealtimeAccess(deps: AppDeps, accountId: string): Promise<void> {
  const { db } = deps.store;
  const now = deps.clock.now();
  const { realtimeAccountStates } = db.tables;
  await db
    .insert(realtimeAccountStates)
    .values({ accountId, restoredAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: realtimeAccountStates.accountId, set: { blockedAt: null, inactivityNoticeAt: null, restoredAt: now, updatedAt: now } });
  // Each node's realtime project cache forgets the account's projects: they connect again at once.
  deps.invalidations.account(accountId);
}
