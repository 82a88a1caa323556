// Updates from the operator's Telegram bot (setWebhook points here). Only "/start <token>"
// matters: it links the chat to the integration whose deep link carried the token. Answers go
// back in the webhook response itself, so linking needs no outgoing call.
import { and, eq, gt, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { limitBody } from '../../platform/lib/body-limit.js';
import { safeEqual, sha256 } from '../../platform/lib/crypto.js';
import { AppError, notFound } from '../../platform/lib/errors.js';
import { readJson } from '../../platform/lib/json-body.js';
import type { TelegramConfig } from './destination-config.js';
import { sealConfig } from './store.js';
import { telegramWebhookSecret } from './telegram-bot.js';

const updateSchema = z.looseObject({
  message: z
    .looseObject({
      chat: z.looseObject({ id: z.union([z.number(), z.string()]), type: z.string(), title: z.string().optional(), username: z.string().optional() }),
      text: z.string().optional(),
    })
    .optional(),
});

/** "/start TOKEN", or "/start@bot TOKEN" in groups; deep-link tokens are base64url. */
const START = /^\/start(?:@\w+)?\s+([A-Za-z0-9_-]{16,64})\s*$/;

export function createTelegramHookRoutes(deps: AppDeps) {
  const { env, clock, logger, sealer } = deps;
  const { db } = deps.store;
  const { integrations, sites } = db.tables;
  return new Hono().post('/telegram', limitBody(64 * 1024), async (c) => {
    const token = env.TELEGRAM_BOT_TOKEN;
    if (!token) throw notFound('Endpoint');
    if (!safeEqual(c.req.header('x-telegram-bot-api-secret-token') ?? '', telegramWebhookSecret(token))) {
      throw new AppError(401, 'unauthorized', 'Wrong secret token');
    }
    const { message } = await readJson(c, updateSchema);
    const startToken = message?.text ? START.exec(message.text.trim())?.[1] : undefined;
    // Anything else is acknowledged and ignored: a non-2xx answer makes Telegram resend it.
    if (!message || !startToken) return c.json({});
    const chat = message.chat;
    const reply = (text: string) => c.json({ method: 'sendMessage', chat_id: chat.id, text });

    const now = clock.now();
    const tokenHash = sha256(startToken);
    const [row] = await db
      .select({ id: integrations.id, siteId: integrations.siteId, accountId: integrations.accountId })
      .from(integrations)
      .where(and(eq(integrations.linkTokenHash, tokenHash), eq(integrations.kind, 'telegram'), inArray(integrations.status, ['pending', 'broken', 'active']), gt(integrations.linkExpiresAt, now)));
    const stale = () => reply('Ссылка устарела или уже использована. Получите новую в разделе «Интеграции» панели.');
    if (!row) return stale();

    const config: TelegramConfig = { chatId: chat.id, chatTitle: chat.title ?? (chat.username ? `@${chat.username}` : 'личный чат') };
    // The token is used up by the write that clears it: of two /start with the same token (a resend
    // by Telegram, a second tap), only one links.
    const linked = await db
      .update(integrations)
      .set({ status: 'active', statusReason: null, config: sealConfig(sealer, row.id, config), linkTokenHash: null, linkExpiresAt: null, pausedUntil: 0, updatedAt: now })
      .where(and(eq(integrations.id, row.id), eq(integrations.linkTokenHash, tokenHash)))
      .returning({ id: integrations.id });
    if (linked.length === 0) return stale();
    logger.info('integration.telegram_linked', { accountId: row.accountId, integrationId: row.id });
    const [site] = await db.select({ name: sites.name }).from(sites).where(eq(sites.id, row.siteId));
    return reply(`Готово! Заявки с сайта «${site?.name ?? ''}» будут приходить в этот чат.`);
  });
}
