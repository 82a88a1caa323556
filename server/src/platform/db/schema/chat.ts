import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { millis, counter, cascadeRef, consent, owned, serialId, createdAt } from './columns.js';

/**
 * A visitor's chat with the licensee (chat widget): personal data like a lead, so it is kept
 * under the same rule — destroyed 1 year after its last message (chat/retention.ts). The
 * visitor holds a random token; only its SHA-256 is stored, so a database read cannot be
 * turned into access to someone's conversation. widget/site ids are plain columns, as in leads.
 */
export const chatConversations = pgTable(
  'chat_conversations',
  {
    ...owned(),
    siteId: text('site_id').notNull(),
    widgetId: text('widget_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** What the visitor chose to tell, after consenting; both optional. */
    visitorName: text('visitor_name'),
    visitorContact: text('visitor_contact'),
    /** The consent record, as for leads: which text, when, from where. */
    ...consent(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    pageUrl: text('page_url'),
    createdAt: createdAt(),
    lastMessageAt: millis('last_message_at').notNull(),
    /** The operator's last reply (null: never answered) — drives the offline form. */
    lastOperatorAt: millis('last_operator_at'),
    /** Messages up to this time have been seen in the dashboard (unread counters). */
    operatorReadAt: counter('operator_read_at'),
  },
  (t) => [
    uniqueIndex('chat_conversations_token_uq').on(t.tokenHash),
    index('chat_conversations_account_idx').on(t.accountId, t.lastMessageAt),
    index('chat_conversations_last_idx').on(t.lastMessageAt),
  ],
);

export const chatMessages = pgTable(
  'chat_messages',
  {
    id: serialId(),
    conversationId: cascadeRef('conversation_id', () => chatConversations.id),
    author: text('author', { enum: ['visitor', 'operator'] }).notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('chat_messages_conversation_idx').on(t.conversationId, t.id), index('chat_messages_created_idx').on(t.createdAt)],
);
