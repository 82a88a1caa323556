// Chat history is personal data kept like leads (SPEC §8): destroyed 1 year after receipt.
// A message older than that is deleted; a conversation whose last message is older than that
// goes whole (its visitor name, contact and metadata with it).
import { lte } from 'drizzle-orm';
import type { Store } from '../../platform/db/store.js';
import { journalErasures } from '../../platform/erasure/journal.js';
import { LEAD_RETENTION_MS } from '../leads/destroy.js';

/** Counts are what each DELETE … RETURNING removed: exact, also with another process doing the same. */
export async function destroyExpiredChats(store: Store, now: number): Promise<{ conversations: number; messages: number }> {
  const cutoff = now - LEAD_RETENTION_MS;
  const counts = await store.transaction(async (tx) => {
    const { chatConversations, chatMessages } = tx.tables;
    const messages = (await tx.delete(chatMessages).where(lte(chatMessages.createdAt, cutoff)).returning({ id: chatMessages.id })).map((r) => r.id);
    const conversations = (await tx.delete(chatConversations).where(lte(chatConversations.lastMessageAt, cutoff)).returning({ id: chatConversations.id })).map((r) => r.id);
    await journalErasures(tx, 'chat_message', messages, 'retention_365_days', now);
    await journalErasures(tx, 'chat_conversation', conversations, 'retention_365_days', now);
    return { conversations: conversations.length, messages: messages.length };
  });
  if (counts.conversations + counts.messages > 0) await store.forgetErased();
  return counts;
}
