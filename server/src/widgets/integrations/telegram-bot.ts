// The operator's Telegram bot: Bot API calls over HTTP to TELEGRAM_API_BASE (a local fake in
// tests). The token is part of the URL, so URLs are never logged.
import type { Env } from '../../env.js';
import { hmacSha256 } from '../../platform/lib/crypto.js';
import { httpRequest, jsonBody } from './http-client.js';

export interface BotReply {
  ok: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export const telegramConfigured = (env: Env) => Boolean(env.TELEGRAM_BOT_TOKEN);

export async function callBot(env: Env, method: string, payload: Record<string, unknown>): Promise<{ status: number; reply: BotReply }> {
  if (!env.TELEGRAM_BOT_TOKEN) throw new Error('TELEGRAM_BOT_TOKEN is not set');
  const res = await httpRequest({
    url: `${env.TELEGRAM_API_BASE}/bot${env.TELEGRAM_BOT_TOKEN}/${method}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    // The operator chose this host; the private-address rule guards licensee-supplied URLs.
    allowPrivate: true,
  });
  const reply = (jsonBody(res) as BotReply | undefined) ?? { ok: false, description: 'not JSON' };
  return { status: res.status, reply };
}

const usernames = new Map<string, string>();

/** The bot's @username for t.me deep links, asked once per token. */
export async function botUsername(env: Env): Promise<string> {
  const token = env.TELEGRAM_BOT_TOKEN ?? '';
  const known = usernames.get(token);
  if (known) return known;
  const { reply } = await callBot(env, 'getMe', {});
  const username = (reply.result as { username?: string } | undefined)?.username;
  if (!reply.ok || !username) throw new Error(`getMe failed: ${reply.error_code ?? 'no username'}`);
  usernames.set(token, username);
  return username;
}

/** The X-Telegram-Bot-Api-Secret-Token we register with setWebhook: derived, so there is nothing more to configure. */
export const telegramWebhookSecret = (token: string) => hmacSha256('widgetry-telegram-webhook', token);

const TELEGRAM_HOOK_PATH = '/hooks/telegram';

/** Points the bot's updates at us. Telegram only calls HTTPS URLs, so plain-HTTP installs skip it. */
export async function registerTelegramWebhook(env: Env): Promise<'registered' | 'skipped'> {
  if (!env.TELEGRAM_BOT_TOKEN || !env.PUBLIC_URL.startsWith('https://')) return 'skipped';
  const { reply } = await callBot(env, 'setWebhook', {
    url: `${env.PUBLIC_URL}${TELEGRAM_HOOK_PATH}`,
    secret_token: telegramWebhookSecret(env.TELEGRAM_BOT_TOKEN),
    allowed_updates: ['message'],
  });
  if (!reply.ok) throw new Error(`setWebhook failed: ${reply.error_code ?? ''} ${reply.description ?? ''}`.trim());
  return 'registered';
}
