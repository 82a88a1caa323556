// Chat conversations: start one (with the consent record), add messages, read them back, and
// push each message to whoever must see it live — the account's dashboards, and for an
// operator's answer the visitor's own channel.
import { and, asc, eq, gt } from 'drizzle-orm';
import type { ChatMessage, LiveChatMessage } from '#contracts/core/chat.js';
import type { ChatStart } from '#contracts/schemas/chat.js';
import type { ChatContent } from '#contracts/core/widget.js';
import type { Tables } from '../../platform/db/store.js';
import type { AppDeps } from '../../deps.js';
import { consentHash, consentRecordText } from '../leads/consent-text.js';
import { randomToken, sha256 } from '../../platform/lib/crypto.js';
import { newId } from '../../platform/lib/ids.js';

export type ConversationRow = Tables['chatConversations']['$inferSelect'];
type MessageRow = Tables['chatMessages']['$inferSelect'];

/** History a visitor or the dashboard gets in one answer; older messages are not paged (chats are short). */
const HISTORY_LIMIT = 500;

const messageView = (m: MessageRow): ChatMessage => ({ id: m.id, author: m.author, text: m.text, at: m.createdAt });

export interface StartMeta {
  accountId: string;
  siteId: string;
  widgetId: string;
  content: ChatContent;
  ip: string;
  userAgent: string | undefined;
}

/** Creates the conversation and returns it with the visitor's token (only its hash is stored). */
export async function startConversation(deps: AppDeps, start: ChatStart, meta: StartMeta): Promise<{ row: ConversationRow; token: string }> {
  const now = deps.clock.now();
  const token = randomToken(32);
  const text = consentRecordText(meta.content, start);
  const hash = consentHash(text);
  const row: ConversationRow = {
    id: newId('chat'),
    accountId: meta.accountId,
    siteId: meta.siteId,
    widgetId: meta.widgetId,
    tokenHash: sha256(token),
    visitorName: start.name || null,
    visitorContact: start.contact || null,
    consentHash: hash,
    consentAt: now,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
    pageUrl: start.page ?? null,
    createdAt: now,
    lastMessageAt: now,
    lastOperatorAt: null,
    operatorReadAt: 0,
  };
  await deps.store.transaction(async (tx) => {
    const { chatConversations, consentTexts } = tx.tables;
    await tx.insert(consentTexts).values({ hash, text, firstShownAt: now }).onConflictDoNothing();
    await tx.insert(chatConversations).values(row);
  });
  return { row, token };
}

export async function conversationByToken(deps: AppDeps, token: string): Promise<ConversationRow | undefined> {
  const { chatConversations } = deps.store.tables;
  const [row] = await deps.store.db
    .select()
    .from(chatConversations)
    .where(eq(chatConversations.tokenHash, sha256(token)));
  return row;
}

export async function conversationOfAccount(deps: AppDeps, accountId: string, id: string): Promise<ConversationRow | undefined> {
  const { chatConversations } = deps.store.tables;
  const [row] = await deps.store.db
    .select()
    .from(chatConversations)
    .where(and(eq(chatConversations.id, id), eq(chatConversations.accountId, accountId)));
  return row;
}

export async function messagesOf(deps: AppDeps, conversationId: string, after = 0): Promise<ChatMessage[]> {
  const { chatMessages } = deps.store.tables;
  const rows = await deps.store.db
    .select()
    .from(chatMessages)
    .where(and(eq(chatMessages.conversationId, conversationId), gt(chatMessages.id, after)))
    .orderBy(asc(chatMessages.id))
    .limit(HISTORY_LIMIT);
  return rows.map(messageView);
}

/** Stores a message and pushes it live; the visitor's channel gets only the operator's answers. */
export async function addMessage(deps: AppDeps, conv: ConversationRow, author: ChatMessage['author'], text: string): Promise<ChatMessage> {
  const now = deps.clock.now();
  const message = await deps.store.transaction(async (tx) => {
    const { chatConversations, chatMessages } = tx.tables;
    const [row] = await tx.insert(chatMessages).values({ conversationId: conv.id, author, text, createdAt: now }).returning();
    await tx
      .update(chatConversations)
      .set(author === 'operator' ? { lastMessageAt: now, lastOperatorAt: now, operatorReadAt: now } : { lastMessageAt: now })
      .where(eq(chatConversations.id, conv.id));
    return messageView(row!);
  });
  const live: LiveChatMessage = { conversationId: conv.id, message };
  // The text goes only to sockets our own endpoints authorized: the account's signed-in
  // dashboards and the visitor who holds the conversation's token.
  deps.live.toAccount(conv.accountId, 'chat.message', live);
  if (author === 'operator') deps.live.toChat(conv.id, 'chat.message', live);
  return message;
}

/** Longest transcript a lead carries; a longer conversation keeps its beginning (the question). */
const TRANSCRIPT_MAX = 16_000;

/**
 * The conversation behind a token, as the text a lead carries when the chat's offline form is
 * sent: one line per message with its time on the site's clock and who wrote it. Undefined when
 * the token is not a conversation of this widget (the lead is then refused: storing nothing).
 */
export async function chatTranscript(deps: AppDeps, token: string, widgetId: string, timeZone: string): Promise<string | undefined> {
  const conv = await conversationByToken(deps, token);
  if (!conv || conv.widgetId !== widgetId) return undefined;
  const time = new Intl.DateTimeFormat('ru-RU', { hour: '2-digit', minute: '2-digit', timeZone });
  const text = (await messagesOf(deps, conv.id)).map((m) => `[${time.format(m.at)}] ${m.author === 'operator' ? 'Оператор' : 'Посетитель'}: ${m.text}`).join('\n');
  return text.length > TRANSCRIPT_MAX ? `${text.slice(0, TRANSCRIPT_MAX)}…` : text;
}
