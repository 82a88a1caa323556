// Dashboard API of lead destinations: list, connect, test, disconnect, and the few repairs a
// licensee needs (relink Telegram, re-enable a 410 endpoint, retry everything that failed).
import { and, asc, count, eq, inArray, max, ne } from 'drizzle-orm';
import { Hono } from 'hono';
import { integrationInputSchema, integrationListQuerySchema, isWebhookKind, type DeliveryAttemptView, type IntegrationListItem } from '#contracts/schemas/integrations.js';
import { INTEGRATIONS } from '#contracts/core/tariffs.js';
import type { Db } from '../../platform/db/store.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { AppError } from '../../platform/lib/errors.js';
import { readJson, readQuery } from '../../platform/lib/json-body.js';
import { assertIntegrationAllowed, integrationAllowance, integrationAllowed } from '../../platform/tariffs/policy.js';
import { connectIntegration, telegramLink } from './connect.js';
import type { EmailConfig, WebhookConfig } from './destination-config.js';
import { activateConfirmed, confirmationLimiter, mailConfirmationLinks, unconfirmedAddresses } from './email-confirmation.js';
import { tooManyRequests } from '../../platform/lib/rate-limits.js';
import { KIND_NAMES } from './kind-names.js';
import { cancelPending, restartDelivery } from './outbox.js';
import { ownSite } from './ownership.js';
import { integrationView, openConfig, ownIntegration } from './store.js';
import { mailTransport } from '../../platform/mail/transport.js';
import { telegramConfigured } from './telegram-bot.js';
import { sendTestLead } from './test-send.js';

const PRESET_NOTE = 'Отправляется как подписанный вебхук (Standard Webhooks), а не через собственный API сервиса: укажите адрес приёма, который даёт сервис или ваш интегратор.';

export function createIntegrationRoutes(deps: AppDeps) {
  const { store, env, clock, logger, sealer } = deps;
  const { db } = store;
  const { deliveries, integrations, sites } = store.tables;
  const confirmations = confirmationLimiter(deps);

  return (
    new Hono<AuthedEnv>()
      .get('/', async (c) => {
        const { siteId } = readQuery(c, integrationListQuerySchema);
        const account = c.get('account');
        if (siteId) await ownSite(db, account.id, siteId);
        const rows = await db
          .select()
          .from(integrations)
          .where(and(eq(integrations.accountId, account.id), ne(integrations.status, 'disconnected'), siteId ? eq(integrations.siteId, siteId) : undefined))
          .orderBy(asc(integrations.createdAt));
        const kinds = INTEGRATIONS.map((kind) => ({
          kind,
          name: KIND_NAMES[kind],
          allowedByTariff: integrationAllowed(account, kind),
          /** The cheapest tariff that has this kind, when the account's does not. */
          upgradeTo: integrationAllowance(account, kind).upgradeTo,
          available: kind !== 'telegram' || telegramConfigured(env),
          preset: isWebhookKind(kind) && kind !== 'webhook',
          note: isWebhookKind(kind) && kind !== 'webhook' ? PRESET_NOTE : null,
          /** Telegram always; the others depend on the address, shown per integration. */
          crossBorder: kind === 'telegram' ? true : null,
        }));
        const { lastAttempt, failed } = await deliveryHealth(
          db,
          rows.map((r) => r.id),
        );
        return c.json({
          integrations: rows.map((r): IntegrationListItem => ({ ...integrationView(sealer, account, r), lastAttempt: lastAttempt.get(r.id) ?? null, failedDeliveries: failed.get(r.id) ?? 0 })),
          kinds,
          /** Where e-mail really goes: an SMTP server, or (none configured) only this server's dev outbox. */
          mail: mailTransport(deps),
        });
      })
      .post('/', async (c) => {
        const input = await readJson(c, integrationInputSchema);
        const account = c.get('account');
        const { row, secret, link, confirmationsSent } = await connectIntegration(deps, account, input, confirmations);
        logger.info('integration.connected', { accountId: account.id, integrationId: row.id, kind: row.kind });
        return c.json(
          { integration: integrationView(sealer, account, row), ...(secret ? { secret } : {}), ...(link ? { link } : {}), ...(confirmationsSent === undefined ? {} : { confirmationsSent }) },
          201,
        );
      })
      .get('/:id', async (c) => {
        const account = c.get('account');
        return c.json(integrationView(sealer, account, await ownIntegration(db, account.id, c.req.param('id'))));
      })
      .delete('/:id', async (c) => {
        const account = c.get('account');
        const row = await ownIntegration(db, account.id, c.req.param('id'));
        const now = clock.now();
        // Kept as a row (deliveries refer to it) but with its secrets erased.
        await store.transaction(async (tx) => {
          await tx.update(integrations).set({ status: 'disconnected', config: null, linkTokenHash: null, linkExpiresAt: null, updatedAt: now }).where(eq(integrations.id, row.id));
          await cancelPending(tx, row.id, now);
        });
        logger.info('integration.disconnected', { accountId: account.id, integrationId: row.id, kind: row.kind });
        return c.body(null, 204);
      })
      .post('/:id/test', async (c) => {
        const account = c.get('account');
        const row = await ownIntegration(db, account.id, c.req.param('id'));
        assertIntegrationAllowed(account, row.kind);
        if (row.status !== 'active')
          throw new AppError(
            409,
            row.status === 'pending' ? 'integration_not_linked' : 'integration_inactive',
            row.status !== 'pending' ? 'Канал отключён: исправьте его и включите снова' : row.kind === 'email' ? 'Сначала подтвердите адрес по ссылке из письма' : 'Сначала подключите чат по ссылке',
          );
        return c.json(await sendTestLead(deps, row, account));
      })
      .get('/:id/secret', async (c) => {
        const row = await ownIntegration(db, c.get('account').id, c.req.param('id'));
        if (!isWebhookKind(row.kind)) throw new AppError(409, 'conflict', 'Only webhooks have a signing secret');
        return c.json({ secret: openConfig<WebhookConfig>(sealer, row)?.secret ?? null });
      })
      .post('/:id/link', async (c) => {
        const account = c.get('account');
        const row = await ownIntegration(db, account.id, c.req.param('id'));
        if (row.kind !== 'telegram') throw new AppError(409, 'conflict', 'Only Telegram is linked by a link');
        assertIntegrationAllowed(account, row.kind);
        const { tokenHash, link } = await telegramLink(deps);
        await db.update(integrations).set({ linkTokenHash: tokenHash, linkExpiresAt: link.expiresAt, updatedAt: clock.now() }).where(eq(integrations.id, row.id));
        return c.json({ link });
      })
      // "Send the link again": to each address of a pending e-mail destination not confirmed yet.
      .post('/:id/confirmation', async (c) => {
        const account = c.get('account');
        const row = await ownIntegration(db, account.id, c.req.param('id'));
        if (row.kind !== 'email' || row.status !== 'pending') throw new AppError(409, 'conflict', 'Only an e-mail destination awaiting confirmation gets a link');
        const unconfirmed = await unconfirmedAddresses(db, account, openConfig<EmailConfig>(sealer, row)?.emails ?? []);
        // Confirmed meanwhile (through another destination's link): nothing to mail.
        if (unconfirmed.length === 0) return c.json({ sent: 0, activated: await activateConfirmed(deps, account.id, clock.now()) });
        await confirmations.enforce(account.id, 'Слишком много писем с подтверждением адреса. Попробуйте позже.');
        const [site] = await db.select({ name: sites.name }).from(sites).where(eq(sites.id, row.siteId));
        const { sent, retryAfterMs } = await mailConfirmationLinks(deps, account.id, site?.name ?? '', unconfirmed);
        if (sent === 0 && retryAfterMs !== null) throw tooManyRequests('Ссылка только что отправлена: подождите минуту', retryAfterMs / 1000);
        return c.json({ sent, activated: 0 });
      })
      .post('/:id/enable', async (c) => {
        const account = c.get('account');
        const row = await ownIntegration(db, account.id, c.req.param('id'));
        const notDisabled = () => new AppError(409, 'conflict', row.kind === 'telegram' ? 'Telegram is re-enabled by linking the chat again' : 'The integration is not disabled');
        if (row.status !== 'disabled') throw notDisabled();
        // Conditional: a disconnect or relink that lands between the read and this write wins.
        const [updated] = await db
          .update(integrations)
          .set({ status: 'active', statusReason: null, updatedAt: clock.now() })
          .where(and(eq(integrations.id, row.id), eq(integrations.status, 'disabled')))
          .returning();
        if (!updated) throw notDisabled();
        return c.json(integrationView(sealer, account, updated));
      })
      .post('/:id/retry-failed', async (c) => {
        const account = c.get('account');
        const row = await ownIntegration(db, account.id, c.req.param('id'));
        if (row.status !== 'active' || !integrationAllowed(account, row.kind)) throw new AppError(409, 'integration_inactive', 'The integration is not active');
        const now = clock.now();
        const failed = await db
          .select({ id: deliveries.id })
          .from(deliveries)
          .where(and(eq(deliveries.integrationId, row.id), eq(deliveries.status, 'failed')));
        await store.transaction(async (tx) => {
          for (const d of failed) await restartDelivery(tx, d.id, now);
        });
        return c.json({ retried: failed.length });
      })
  );
}

/** For the list: each destination's latest real attempt (test sends are not logged) and its failed deliveries. */
async function deliveryHealth(db: Db, ids: string[]) {
  const { deliveries, deliveryAttempts } = db.tables;
  const lastAttempt = new Map<string, DeliveryAttemptView>();
  const failed = new Map<string, number>();
  if (ids.length === 0) return { lastAttempt, failed };
  const latest = db
    .select({ id: max(deliveryAttempts.id) })
    .from(deliveryAttempts)
    .innerJoin(deliveries, eq(deliveries.id, deliveryAttempts.deliveryId))
    .where(inArray(deliveries.integrationId, ids))
    .groupBy(deliveries.integrationId);
  const attempts = await db
    .select({
      integrationId: deliveries.integrationId,
      at: deliveryAttempts.at,
      durationMs: deliveryAttempts.durationMs,
      outcome: deliveryAttempts.outcome,
      statusCode: deliveryAttempts.statusCode,
      error: deliveryAttempts.error,
    })
    .from(deliveryAttempts)
    .innerJoin(deliveries, eq(deliveries.id, deliveryAttempts.deliveryId))
    .where(inArray(deliveryAttempts.id, latest));
  for (const { integrationId, ...a } of attempts) if (!lastAttempt.has(integrationId)) lastAttempt.set(integrationId, a);
  const counts = await db
    .select({ integrationId: deliveries.integrationId, n: count() })
    .from(deliveries)
    .where(and(inArray(deliveries.integrationId, ids), eq(deliveries.status, 'failed')))
    .groupBy(deliveries.integrationId);
  for (const r of counts) failed.set(r.integrationId, r.n);
  return { lastAttempt, failed };
}
