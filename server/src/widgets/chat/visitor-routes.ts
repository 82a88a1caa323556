// The chat widget's public endpoints (/v1/chat/*). Bodies are JSON sent as text/plain (no CORS
// preflight), validated and size-capped; every call after /start carries the conversation's
// unguessable token, which is the only way to a conversation — a visitor reads their own only.
import { and, eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { CHAT_BODY_LIMIT_BYTES, type ChatSession } from '#contracts/core/chat.js';
import { chatAuthSchema, chatHistorySchema, chatSendSchema, chatStartSchema, chatStatusSchema } from '#contracts/schemas/chat.js';
import type { ChatContent } from '#contracts/core/widget.js';
import type { AppDeps } from '../../deps.js';
import { requestFromSite } from '../embed/origin.js';
import { createSiteLookup } from '../embed/site-lookup.js';
import { limitBody } from '../../platform/lib/body-limit.js';
import { clientIp } from '../../platform/lib/client-ip.js';
import { MINUTE } from '../../platform/lib/clock.js';
import { AppError, notFound } from '../../platform/lib/errors.js';
import { readJson } from '../../platform/lib/json-body.js';
import { widgetTypeAllowed } from '../../platform/tariffs/policy.js';
import { addMessage, conversationByToken, messagesOf, startConversation, type ConversationRow } from './conversations.js';
import { shownConsentLabel } from '../leads/consent-text.js';

/** Per minute: new conversations per address, messages per conversation and per address, other calls per address. */
const STARTS_PER_IP = 10;
const MESSAGES_PER_CONVERSATION = 30;
const MESSAGES_PER_IP = 60;
const CALLS_PER_IP = 240;

export function createChatVisitorRoutes(deps: AppDeps) {
  const { env } = deps;
  const { db } = deps.store;
  const { widgets } = db.tables;
  const siteByKey = createSiteLookup(db);
  const limiter = (name: string, limit: number) => deps.rateLimits.limiter({ name, limit, windowMs: MINUTE });
  const starts = limiter('chat-starts-per-ip', STARTS_PER_IP);
  const perConversation = limiter('chat-messages-per-conversation', MESSAGES_PER_CONVERSATION);
  const messagesPerIp = limiter('chat-messages-per-ip', MESSAGES_PER_IP);
  const calls = limiter('chat-calls-per-ip', CALLS_PER_IP);
  const TOO_MANY = 'Слишком много сообщений. Подождите минуту.';

  /** The active chat widget of a site, from one of its domains, on a tariff that has chat. */
  async function chatWidget(c: Context, siteKey: string, widgetId: string) {
    const { site, account } = await siteByKey(siteKey);
    const [widget] = await db
      .select()
      .from(widgets)
      .where(and(eq(widgets.id, widgetId), eq(widgets.siteId, site.id), eq(widgets.active, true)));
    if (widget?.type !== 'chat' || widget.blockedAt !== null) throw notFound('Widget');
    if (!requestFromSite(c, site.domains)) throw new AppError(403, 'origin_not_allowed', 'This page is not on one of the site’s domains');
    if (!widgetTypeAllowed(account, 'chat')) throw new AppError(403, 'type_not_in_tariff', 'Чат недоступен на тарифе владельца сайта');
    return { site, account, widget, content: widget.definition.content as ChatContent };
  }

  /** The token's conversation, or a 404 that says nothing about whether it ever existed. */
  async function byToken(token: string): Promise<ConversationRow> {
    const conv = await conversationByToken(deps, token);
    if (!conv) throw notFound('Conversation');
    return conv;
  }

  const session = async (conv: ConversationRow, after?: number): Promise<ChatSession> => ({
    key: deps.live.appKey,
    channel: deps.live.chatChannel(conv.id),
    messages: await messagesOf(deps, conv.id, after),
    online: await deps.live.operatorsOnline(conv.accountId),
  });

  return new Hono()
    .use('*', cors({ origin: '*', allowMethods: ['POST'], allowHeaders: ['Content-Type'], maxAge: 86400 }))
    .use('*', limitBody(CHAT_BODY_LIMIT_BYTES))
    .use('*', async (c, next) => {
      await calls.enforce(clientIp(c, env.TRUST_PROXY), TOO_MANY);
      await next();
    })
    .post('/status', async (c) => {
      const body = await readJson(c, chatStatusSchema, { allowTextPlain: true });
      const { account } = await chatWidget(c, body.site, body.widget);
      return c.json({ online: await deps.live.operatorsOnline(account.id) });
    })
    .post('/start', async (c) => {
      const body = await readJson(c, chatStartSchema, { allowTextPlain: true });
      // A consent label none of our runtimes showed is refused before anything is counted or stored.
      shownConsentLabel(body);
      const { account, site, widget, content } = await chatWidget(c, body.site, body.widget);
      // Off by default: the visitor types at once. The owner may ask for both before the first message.
      if (content.requireContact && (!body.name || !body.contact)) throw new AppError(422, 'validation_failed', 'Укажите имя и телефон или e-mail');
      const ip = clientIp(c, env.TRUST_PROXY);
      await starts.enforce(ip, TOO_MANY);
      if (body.text) await messagesPerIp.enforce(ip, TOO_MANY);
      const { row, token } = await startConversation(deps, body, { accountId: account.id, siteId: site.id, widgetId: widget.id, content, ip, userAgent: c.req.header('user-agent') });
      if (body.text) await addMessage(deps, row, 'visitor', body.text);
      return c.json({ ...(await session(row)), token } satisfies ChatSession, 201);
    })
    .post('/send', async (c) => {
      const body = await readJson(c, chatSendSchema, { allowTextPlain: true });
      const conv = await byToken(body.token);
      await perConversation.enforce(conv.id, TOO_MANY);
      await messagesPerIp.enforce(clientIp(c, env.TRUST_PROXY), TOO_MANY);
      const message = await addMessage(deps, conv, 'visitor', body.text);
      return c.json({ message, online: await deps.live.operatorsOnline(conv.accountId) }, 201);
    })
    .post('/history', async (c) => {
      const body = await readJson(c, chatHistorySchema, { allowTextPlain: true });
      return c.json(await session(await byToken(body.token), body.after));
    })
    .post('/auth', async (c) => {
      const body = await readJson(c, chatAuthSchema, { allowTextPlain: true });
      const conv = await byToken(body.token);
      if (body.channel_name !== deps.live.chatChannel(conv.id)) throw new AppError(403, 'forbidden', 'Not this conversation’s channel');
      return c.json({ auth: deps.live.sign(body.socket_id, body.channel_name) });
    });
}
