// Tells the licensee by e-mail when a lead could not be delivered or a channel stopped working.
// Ids, the site's name and our own error text only: the mail carries no visitor data.
import { eq } from 'drizzle-orm';
import type { Integration } from '#contracts/core/tariffs.js';
import type { AppDeps } from '../../deps.js';
import { KIND_NAMES, KIND_NAMES_EN } from './kind-names.js';
import { dashboardUrl } from '../../platform/mail/dashboard-url.js';

export interface FailureNotice {
  accountId: string;
  siteId: string;
  kind: Integration;
  leadId: string;
  attempts: number;
  error: string | null;
  /** The channel itself stopped working (bot blocked, 410 Gone), not just this lead. */
  channelBroken: boolean;
}

export async function notifyDeliveryFailed(deps: Pick<AppDeps, 'store' | 'env' | 'mail' | 'logger'>, notice: FailureNotice): Promise<void> {
  const { env } = deps;
  const { db } = deps.store;
  const { accounts, sites } = db.tables;
  const [account] = await db.select({ email: accounts.email, lang: accounts.lang }).from(accounts).where(eq(accounts.id, notice.accountId));
  if (!account) return;
  const [site] = await db.select({ name: sites.name }).from(sites).where(eq(sites.id, notice.siteId));
  const dashboard = dashboardUrl(env, '', account.lang);
  const mail = account.lang === 'en' ? englishMail(notice, site?.name, dashboard) : russianMail(notice, site?.name, dashboard);
  try {
    await deps.mail.send({ to: account.email, subject: `${env.BRAND_NAME}: ${mail.subject}`, text: mail.text });
  } catch (err) {
    deps.logger.warn('delivery.notify_failed', { accountId: notice.accountId, error: String((err as { code?: string }).code ?? 'send failed') });
  }
}

function russianMail(notice: FailureNotice, siteName: string | undefined, dashboard: string) {
  const where = `${KIND_NAMES[notice.kind]}${siteName ? ` (сайт «${siteName}»)` : ''}`;
  const text = notice.channelBroken
    ? [
        `Канал ${where} перестал принимать заявки: ${notice.error ?? 'ошибка'}.`,
        notice.kind === 'telegram'
          ? 'Бот заблокирован или удалён из чата. Подключите чат заново в панели.'
          : 'Адрес ответил, что больше не принимает вебхуки. Проверьте его и включите интеграцию снова в панели.',
        `Недоставленные заявки можно отправить повторно: ${dashboard}`,
      ].join('\n\n')
    : [
        `Заявку ${notice.leadId} не удалось доставить в ${where} после ${notice.attempts} попыток.`,
        `Последняя ошибка: ${notice.error ?? 'неизвестна'}.`,
        `Заявка сохранена; отправить её повторно можно в панели: ${dashboard}`,
      ].join('\n\n');
  return { subject: `${notice.channelBroken ? 'канал заявок отключён' : 'заявка не доставлена'} — ${KIND_NAMES[notice.kind]}`, text };
}

function englishMail(notice: FailureNotice, siteName: string | undefined, dashboard: string) {
  const where = `${KIND_NAMES_EN[notice.kind]}${siteName ? ` (site “${siteName}”)` : ''}`;
  const text = notice.channelBroken
    ? [
        `The channel ${where} stopped taking leads: ${notice.error ?? 'error'}.`,
        notice.kind === 'telegram'
          ? 'The bot was blocked or removed from the chat. Connect the chat again in the dashboard.'
          : 'The address answered that it no longer takes webhooks. Check it and switch the integration on again in the dashboard.',
        `Leads that were not delivered can be sent again: ${dashboard}`,
      ].join('\n\n')
    : [
        `Lead ${notice.leadId} could not be delivered to ${where} after ${notice.attempts} attempts.`,
        `Last error: ${notice.error ?? 'unknown'}.`,
        `The lead is kept; it can be sent again from the dashboard: ${dashboard}`,
      ].join('\n\n');
  return { subject: `${notice.channelBroken ? 'lead channel switched off' : 'lead not delivered'} — ${KIND_NAMES_EN[notice.kind]}`, text };
}
