// Chat history is personal data kept like leads (SPEC §8): destroyed 1 year after receipt.
// A message older than that is deleted; a conversation whose last message is older than that
// goes whole (its visitor name, contact and metadata with it).
import { lte } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { chatConversations, chatMessages } from '../../platform/db/schema/index.js';
import { LEAD_RETENTION_MS } from '../leads/destroy.js';

export function destroyExpiredChats(db: Db, now: number): { conversations: number; messages: number } {
  const cutoff = now - LEAD_RETENTION_MS;
  return db.transaction((tx) => {
    const messages = tx.delete(chatMessages).where(lte(chatMessages.createdAt, cutoff)).returning({ id: chatMessages.id }).all().length;
    const conversations = tx.delete(chatConversations).where(lte(chatConversations.lastMessageAt, cutoff)).returning({ id: chatConversations.id }).all().length;
    return { conversations, messages };
  });
}
