// A Telegram Bot API fake: getMe, setWebhook and sendMessage as Telegram answers them — the
// token checked, HTML parse mode validated, 4096 characters at most, about one message a
// second per chat (429 with retry_after), 403 for a chat that blocked the bot.
import { startFakeServer, sendJson, type FakeServer } from './server.js';

export interface SentMessage {
  chatId: number | string;
  text: string;
  parseMode: string | undefined;
  at: number;
}

export interface FakeTelegram extends FakeServer {
  token: string;
  username: string;
  messages: SentMessage[];
  /** Chats that blocked the bot. */
  blocked: Set<number | string>;
  /** Answer the next n sendMessage calls with 429 retry_after. */
  throttleNext(n: number, retryAfterSeconds: number): void;
  webhooks: { url: string; secret_token?: string }[];
}

const ENTITY = /&(amp|lt|gt|quot|#\d+);/g;
const TAG = /<\/?(b|strong|i|em|u|ins|s|strike|del|code|pre|tg-spoiler|blockquote)>|<a href="[^"<>]*">|<\/a>/g;

/** Telegram refuses a message whose HTML has an unknown tag, a bare < or > or a bad entity. */
function parsesAsTelegramHtml(text: string): boolean {
  const rest = text.replace(TAG, '').replace(ENTITY, '');
  return !/[<>&]/.test(rest);
}

const visibleLength = (text: string) => text.replace(TAG, '').replace(ENTITY, 'x').length;

export async function startFakeTelegram(now: () => number, token = '123456:TEST-token_abc'): Promise<FakeTelegram> {
  const messages: SentMessage[] = [];
  const blocked = new Set<number | string>();
  const webhooks: { url: string; secret_token?: string }[] = [];
  const lastSent = new Map<string, number>();
  let throttle = { left: 0, retryAfter: 1 };

  const server = await startFakeServer((req, res) => {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.path);
    if (!m || m[1] !== token) return sendJson(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
    switch (m[2]) {
      case 'getMe':
        return sendJson(res, 200, { ok: true, result: { id: 123456, is_bot: true, first_name: 'Widgetry', username: 'widgetry_test_bot' } });
      case 'setWebhook':
        webhooks.push(body as { url: string; secret_token?: string });
        return sendJson(res, 200, { ok: true, result: true, description: 'Webhook was set' });
      case 'sendMessage': {
        const chatId = body.chat_id as number | string;
        const text = String(body.text ?? '');
        if (blocked.has(chatId)) return sendJson(res, 403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
        if (throttle.left > 0) {
          throttle.left--;
          return sendJson(res, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${throttle.retryAfter}`, parameters: { retry_after: throttle.retryAfter } });
        }
        const last = lastSent.get(String(chatId));
        if (last !== undefined && now() - last < 1000) {
          return sendJson(res, 429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
        }
        if (body.parse_mode === 'HTML' && !parsesAsTelegramHtml(text)) return sendJson(res, 400, { ok: false, error_code: 400, description: "Bad Request: can't parse entities: bad markup" });
        if (visibleLength(text) > 4096 || text.length === 0) return sendJson(res, 400, { ok: false, error_code: 400, description: 'Bad Request: message is too long' });
        lastSent.set(String(chatId), now());
        messages.push({ chatId, text, parseMode: body.parse_mode as string | undefined, at: now() });
        return sendJson(res, 200, { ok: true, result: { message_id: messages.length, chat: { id: chatId }, date: Math.floor(now() / 1000), text } });
      }
      default:
        return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    }
  });
  return {
    ...server,
    token,
    username: 'widgetry_test_bot',
    messages,
    blocked,
    webhooks,
    throttleNext: (n, retryAfter) => {
      throttle = { left: n, retryAfter };
    },
  };
}
