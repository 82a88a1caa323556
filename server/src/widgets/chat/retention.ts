// Chat history is personal data kept like leads (SPEC §8): destroyed 1 year after receipt.
// A message older than that is deleted; a conversation whose last message is older than that
// goes whole (its visitor name, contact and metadata with it).
import { lte } from 'drizzle-orm';
import type { Store } from '../../platform/db/store.js';
import { LEAD_RETENTION_MS } from '../leads/destroy.js';

/** Counts are what each DELETE … RETURNING removed: exact, also with another process doing the same. */
export async function destroyExpiredChats(store: Store, now: number): Promise<{ conversations: number; messages: number }> {
  const cutoff = now - LEAD_RETENTION_MS;
  return await store.transaction(async (tx) => {
    const { chatConversations, chatMessages } = tx.tables;
    const messages = (await tx.delete(chatMessages).where(lte(chatMessages.createdAt, cutoff)).returning({ id: chatMessages.id })).length;
    const conversations = (await tx.delete(chatConversations).where(lte(chatConversations.lastMessageAt, cutoff)).returning({ id: chatConversations.id })).length;
    return { conversations, messages };
  });
}
