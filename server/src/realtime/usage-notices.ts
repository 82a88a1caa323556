// Tells the licensee by e-mail and in the dashboard when a project has used 80 % and 100 % of
// its daily messages (offer 000 §4.5.1), once per threshold per project per UTC day.
import { and, eq, lt } from 'drizzle-orm';
import type { AppDeps } from '../deps.js';
import { createNotification } from '../platform/notifications/store.js';
import { realtimeNoticeDue, utcDay, type Consumed } from '../platform/tariffs/realtime-policy.js';
import type { ProjectRow } from './projects.js';
import type { Realtime } from './service.js';
import { dashboardUrl } from '../platform/mail/dashboard-url.js';

export async function noticeMessageUsage(deps: AppDeps, rt: Realtime, project: ProjectRow, consumed: Consumed, now: number): Promise<void> {
  const { db } = deps.store;
  const { accounts, realtimeUsageDaily } = db.tables;
  const day = utcDay(now);
  const known = rt.noticed.get(project.id);
  const already = known?.day === day ? known.percent : 0;
  const threshold = realtimeNoticeDue(consumed, already);
  if (threshold === 0) return;
  // The conditional UPDATE claims the notice, so parallel publishers (and other nodes) send it once.
  const [claimed] = await db
    .update(realtimeUsageDaily)
    .set({ notifiedPercent: threshold })
    .where(and(eq(realtimeUsageDaily.projectId, project.id), eq(realtimeUsageDaily.day, day), lt(realtimeUsageDaily.notifiedPercent, threshold)))
    .returning({ n: realtimeUsageDaily.notifiedPercent });
  // Publishers that ran meanwhile may have recorded a higher threshold: never lower it.
  const latest = rt.noticed.get(project.id);
  if (latest?.day !== day || latest.percent < threshold) rt.noticed.set(project.id, { day, percent: threshold });
  if (!claimed) return;
  const params = { projectId: project.id, projectName: project.name, day, used: consumed.used, limit: consumed.limit };
  await createNotification(db, { accountId: project.accountId, kind: threshold === 100 ? 'realtime_messages_100' : 'realtime_messages_80', sourceKey: `${project.id}:${day}`, params }, now);
  const [account] = await db.select({ email: accounts.email, lang: accounts.lang }).from(accounts).where(eq(accounts.id, project.accountId));
  if (!account) return;
  const { BRAND_NAME } = deps.env;
  const url = dashboardUrl(deps.env, `realtime/${project.id}`, account.lang);
  // In the account's language (its dashboard's at the last sign-in or switch).
  const mail =
    account.lang === 'en'
      ? {
          subject: `${BRAND_NAME}: project “${project.name}” — ${threshold} % of the day’s messages used`,
          text:
            threshold === 100
              ? `Project “${project.name}” has used up its daily message limit (${consumed.limit}). New messages are neither accepted nor delivered until 00:00 UTC. Increase the limits: ${url}`
              : `Project “${project.name}” has used ${consumed.used} of ${consumed.limit} messages today (80 %). Once the limit runs out, messages are not accepted until 00:00 UTC: ${url}`,
        }
      : {
          subject: `${BRAND_NAME}: проект «${project.name}» — использовано ${threshold} % сообщений за сутки`,
          text:
            threshold === 100
              ? `Проект «${project.name}» исчерпал суточный лимит сообщений (${consumed.limit}). Новые сообщения не принимаются и не доставляются до 00:00 UTC. Увеличьте лимиты: ${url}`
              : `Проект «${project.name}» использовал ${consumed.used} из ${consumed.limit} сообщений за сутки (80 %). Когда лимит закончится, сообщения перестанут приниматься до 00:00 UTC: ${url}`,
        };
  // Not awaited: the publish that crossed the threshold waits for the notice's rows, not for a mail server.
  deps.mail.send({ to: account.email, ...mail }).catch((err: unknown) => deps.logger.error('realtime.usage_notice_mail_failed', { projectId: project.id, threshold, error: String(err) }));
}
