// Tells the licensee by e-mail and in the dashboard when impressions reach 80 % and 100 % of
// the tariff's cap, once per threshold per period.
import { and, eq, lt } from 'drizzle-orm';
import type { Account, AppDeps } from '../../deps.js';
import { createNotification } from '../../platform/notifications/store.js';
import { periodStartAt, usageThresholdCrossed } from '../../platform/tariffs/policy.js';
import { dashboardUrl } from '../../platform/mail/dashboard-url.js';

export async function noticeImpressionUsage(deps: AppDeps, account: Account, used: number, cap: number | null, now: number): Promise<void> {
  const threshold = usageThresholdCrossed(used, cap, 0);
  if (threshold === 0) return;
  const periodStart = periodStartAt(account, now);
  const { db } = deps.store;
  const { impressionPeriods } = db.tables;
  // The conditional UPDATE claims the notice, so parallel requests send it once.
  const [claimed] = await db
    .update(impressionPeriods)
    .set({ notifiedPercent: threshold })
    .where(and(eq(impressionPeriods.accountId, account.id), eq(impressionPeriods.periodStart, periodStart), lt(impressionPeriods.notifiedPercent, threshold)))
    .returning({ n: impressionPeriods.notifiedPercent });
  if (!claimed) return;
  await createNotification(
    db,
    { accountId: account.id, kind: threshold === 100 ? 'impressions_100' : 'impressions_80', sourceKey: String(periodStart), params: { used, cap: cap ?? 0, periodStart } },
    now,
  );
  const { BRAND_NAME } = deps.env;
  // In the account's language (its dashboard's at the last sign-in or switch).
  const en = account.lang === 'en';
  const dashboard = dashboardUrl(deps.env, '', account.lang);
  const text =
    threshold === 100
      ? en
        ? `The widget impressions of your tariff have run out (${used} of ${cap}). Widgets are not shown until the next period starts. Move to a tariff without an impression limit: ${dashboard}`
        : `Показы виджетов на вашем тарифе закончились (${used} из ${cap}). Виджеты не показываются до начала следующего периода. Перейдите на тариф без ограничения показов: ${dashboard}`
      : en
        ? `${used} of ${cap} impressions (80 %) used in the current period. Once the limit runs out, widgets stop being shown: ${dashboard}`
        : `Использовано ${used} из ${cap} показов (80 %) в текущем периоде. Когда лимит закончится, виджеты перестанут показываться: ${dashboard}`;
  const subject = en ? `${BRAND_NAME}: ${threshold} % of impressions used` : `${BRAND_NAME}: использовано ${threshold} % показов`;
  try {
    await deps.mail.send({ to: account.email, subject, text });
  } catch (err) {
    deps.logger.error('usage_notice.mail_failed', { accountId: account.id, threshold, error: String(err) });
  }
}
