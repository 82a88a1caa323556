// Connecting a destination: tariff check, ownership, URL check, and the sealed settings.
// Telegram starts "pending" with a one-time deep link; the chat is linked when the bot gets /start.
// E-mail to an address the account has not proven starts "pending" too: a link is mailed to each
// such address, and until they are confirmed the site's leads go to the sign-in address.
import { isWebhookKind, type IntegrationInput } from '#contracts/schemas/integrations.js';
import type { Account, AppDeps } from '../../deps.js';
import { DAY } from '../../platform/lib/clock.js';
import { randomToken, sha256 } from '../../platform/lib/crypto.js';
import { AppError } from '../../platform/lib/errors.js';
import { assertIntegrationAllowed } from '../../platform/tariffs/policy.js';
import type { Limiter } from '../../platform/lib/rate-limits.js';
import { ensureSignInDestination } from './default-destination.js';
import type { DestinationConfig } from './destination-config.js';
import { mailConfirmationLinks, unconfirmedAddresses } from './email-confirmation.js';
import { assertDestinationUrl } from './destination-url.js';
import { ownSite, ownWidgetOnSite } from './ownership.js';
import { newIntegrationId, sealConfig, type IntegrationRow } from './store.js';
import { botUsername, telegramConfigured } from './telegram-bot.js';
import { newWebhookSecret } from './webhook-signature.js';

const TELEGRAM_LINK_TTL_MS = DAY;

export interface TelegramLink {
  /** Opens the bot in a private chat; the bot links that chat. */
  url: string;
  /** Adds the bot to a group of the licensee's choosing and links the group. */
  groupUrl: string;
  expiresAt: number;
}

export interface Connected {
  row: IntegrationRow;
  /** The webhook signing secret, shown once at connect (also readable later by its owner). */
  secret?: string;
  link?: TelegramLink;
  /** E-mail: confirmation links mailed (addresses not proven yet). */
  confirmationsSent?: number;
}

/** A fresh one-time /start token for a Telegram integration: its hash is stored, the link returned. */
export async function telegramLink(deps: Pick<AppDeps, 'env' | 'clock'>): Promise<{ tokenHash: string; link: TelegramLink }> {
  if (!telegramConfigured(deps.env)) throw new AppError(409, 'integration_not_configured', 'Telegram-бот не настроен оператором платформы');
  let username: string;
  try {
    username = await botUsername(deps.env);
  } catch {
    throw new AppError(502, 'integration_unavailable', 'Telegram сейчас недоступен, попробуйте позже');
  }
  const token = randomToken(24);
  const expiresAt = deps.clock.now() + TELEGRAM_LINK_TTL_MS;
  return { tokenHash: sha256(token), link: { url: `https://t.me/${username}?start=${token}`, groupUrl: `https://t.me/${username}?startgroup=${token}`, expiresAt } };
}

/** confirmations: the account's budget of confirmation links, counted before any is mailed. */
export async function connectIntegration(deps: AppDeps, account: Account, input: IntegrationInput, confirmations: Limiter): Promise<Connected> {
  const { env, clock, sealer } = deps;
  const { db } = deps.store;
  const { integrations } = db.tables;
  assertIntegrationAllowed(account, input.kind);
  const site = await ownSite(db, account.id, input.siteId);
  if (input.widgetId) await ownWidgetOnSite(db, account.id, input.siteId, input.widgetId);

  const id = newIntegrationId();
  const now = clock.now();
  let config: DestinationConfig;
  let secret: string | undefined;
  let link: { tokenHash: string; link: TelegramLink } | undefined;
  let unconfirmed: string[] = [];
  if (input.kind === 'email') {
    config = { emails: [...new Set(input.emails)] };
    unconfirmed = await unconfirmedAddresses(db, account, config.emails);
    if (unconfirmed.length > 0) await confirmations.enforce(account.id, 'Слишком много писем с подтверждением адреса. Попробуйте позже.');
  } else if (input.kind === 'telegram') {
    link = await telegramLink(deps);
    config = {};
  } else if (input.kind === 'amocrm') {
    await assertDestinationUrl(env, input.baseUrl);
    config = { baseUrl: input.baseUrl, token: input.token, ...(input.pipelineId ? { pipelineId: input.pipelineId } : {}) };
  } else if (input.kind === 'bitrix24') {
    await assertDestinationUrl(env, input.webhookUrl);
    config = { webhookUrl: input.webhookUrl };
  } else if (isWebhookKind(input.kind)) {
    await assertDestinationUrl(env, input.url);
    secret = input.secret ?? newWebhookSecret();
    config = { url: input.url, secret };
  } else {
    throw new AppError(422, 'validation_failed', 'Unknown integration kind');
  }

  const [row] = await db
    .insert(integrations)
    .values({
      id,
      accountId: account.id,
      siteId: input.siteId,
      widgetId: input.widgetId ?? null,
      kind: input.kind,
      status: link || unconfirmed.length > 0 ? 'pending' : 'active',
      config: sealConfig(sealer, id, config),
      linkTokenHash: link?.tokenHash ?? null,
      linkExpiresAt: link?.link.expiresAt ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (unconfirmed.length === 0) return { row: row!, secret, link: link?.link };
  await ensureSignInDestination(deps.store, account.id, input.siteId, now);
  const { sent } = await mailConfirmationLinks(deps, account.id, site.name, unconfirmed);
  return { row: row!, confirmationsSent: sent };
}
