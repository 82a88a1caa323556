// Validation of the chat widget's requests: the visitor's endpoints (/v1/chat/*, sent as
// text/plain so no CORS preflight is needed) and the licensee's (/api/chats/*).
import { z } from 'zod';
import { CHAT_MESSAGE_MAX } from '../core/chat.js';
import { LANGS } from '../core/lang.js';
import { liveSocketIdSchema } from './live.js';

const messageText = z.string().trim().min(1).max(CHAT_MESSAGE_MAX);
/**
 * The language of the consent wording the visitor was shown (lead and chat start): the English
 * runtime says 'en', the Russian one says nothing. The server records that language's wording.
 */
export const consentLangSchema = z.enum(LANGS).default('ru');
/** The consent label the runtime showed, word for word (the English one says it; the server checks it is one of ours). */
export const consentLabelSchema = z.string().max(500).optional();
/** The visitor's conversation token: 32 random bytes, base64url (43 characters). */
export const chatTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a conversation token');

/** POST /v1/chat/status — is anyone answering right now? (decides chat or offline form). */
export const chatStatusSchema = z.object({
  site: z.string().min(1).max(64),
  widget: z.string().min(1).max(64),
});

/**
 * POST /v1/chat/start — the visitor's first message, sent with the ticked consent box. Name and
 * contact are optional unless the owner requires them (content.requireContact, checked by the route).
 */
export const chatStartSchema = z.object({
  site: z.string().min(1).max(64),
  widget: z.string().min(1).max(64),
  consent: z.literal(true, { error: 'consent to personal-data processing is required' }),
  name: z.string().trim().max(100).optional(),
  contact: z.string().trim().max(200).optional(),
  page: z.string().max(2000).optional(),
  /** The first message: the conversation starts with it (one request, not start + send). */
  text: messageText.optional(),
  lang: consentLangSchema,
  consentLabel: consentLabelSchema,
});
export type ChatStart = z.infer<typeof chatStartSchema>;

/** POST /v1/chat/send */
export const chatSendSchema = z.object({ token: chatTokenSchema, text: messageText });

/** POST /v1/chat/history — a POST so the token never lands in a URL (and so in access logs). */
export const chatHistorySchema = z.object({ token: chatTokenSchema, after: z.number().int().nonnegative().optional() });

/** POST /v1/chat/auth — signs the visitor's socket into its own conversation's channel only. */
export const chatAuthSchema = z.object({ token: chatTokenSchema, socket_id: liveSocketIdSchema, channel_name: z.string().min(1).max(200) });

/** POST /api/chats/{id}/messages — the licensee's answer. */
export const chatReplySchema = z.object({ text: messageText });
