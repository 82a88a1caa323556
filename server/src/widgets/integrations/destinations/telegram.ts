// Telegram: sendMessage in HTML parse mode to the linked chat, one part per try so that parts
// keep Telegram's pace of about one message a second per chat; 429 waits `retry_after`, 403
// (bot blocked or removed) marks the channel broken.
import type { TelegramConfig } from '../destination-config.js';
import { HttpError } from '../http-client.js';
import { callBot } from '../telegram-bot.js';
import { telegramMessages } from '../telegram-format.js';
import { httpFailure, type Destination } from './outcome.js';

/** Telegram: "no more than one message per second" in a single chat. */
const TELEGRAM_CHAT_PACE_MS = 1100;

export const sendTelegram: Destination<TelegramConfig> = async ({ env, clock, doc, config, progress }) => {
  if (config.chatId === undefined) return { kind: 'broken', error: 'chat not linked', integrationStatus: 'broken' };
  const messages = telegramMessages(doc);
  const sent = Math.min(Number(progress ?? 0) || 0, messages.length - 1);
  let result;
  try {
    result = await callBot(env, 'sendMessage', {
      chat_id: config.chatId,
      text: messages[sent],
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    });
  } catch (err) {
    return { kind: 'failed', error: err instanceof HttpError ? err.message : 'request failed' };
  }
  const { status, reply } = result;
  const now = clock.now();
  if (reply.ok) {
    const pauseUntil = now + TELEGRAM_CHAT_PACE_MS;
    if (sent + 1 < messages.length) return { kind: 'partial', statusCode: status, progress: String(sent + 1), until: pauseUntil, pauseUntil };
    return { kind: 'delivered', statusCode: status, progress: String(messages.length), pauseUntil };
  }
  // "Bad Request: can't parse entities: <detail>": the detail may quote message text, so it is cut off.
  const reason = reply.description?.split(':').slice(0, 2).join(':').slice(0, 120);
  const error = `Telegram ${reply.error_code ?? status}${reason ? `: ${reason}` : ''}`;
  if (status === 429) {
    const until = now + Math.max(1, reply.parameters?.retry_after ?? 1) * 1000;
    return { kind: 'throttled', statusCode: status, error, until, pauseUntil: until };
  }
  // A group that became a supergroup has a new id; Telegram tells us which.
  if (reply.parameters?.migrate_to_chat_id) {
    return { kind: 'throttled', statusCode: status, error: 'chat moved to a supergroup', until: now, configPatch: { chatId: reply.parameters.migrate_to_chat_id } };
  }
  if (status === 403 || (status === 400 && /chat not found/i.test(reply.description ?? ''))) {
    return { kind: 'broken', statusCode: status, error, integrationStatus: 'broken' };
  }
  return { kind: 'failed', statusCode: status, error: reply.description ? error : httpFailure(status) };
};
