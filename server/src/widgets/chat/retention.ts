// Chat history is personal data kept like leads (SPEC §8): destroyed 1 year after receipt.
// A message older than that is deleted; a conversation whose last message is older than that
// goes whole (its visitor name, contact and metadata with it).
import { and, inArray, lte } from 'drizzle-orm';
import type { Store } from '../../platform/db/store.js';
import { journalErasures } from '../../platform/erasure/journal.js';
import { inBatches, RETENTION_BATCH } from '../../platform/lib/batches.js';
import { LEAD_RETENTION_MS } from '../leads/destroy.js';

/**
 * Counts are what each DELETE … RETURNING removed: exact, also with another process doing the
 * same. In batches, each its own transaction, with a turn of the event loop between them.
 */
export async function destroyExpiredChats(store: Store, now: number): Promise<{ conversations: number; messages: number }> {
  const cutoff = now - LEAD_RETENTION_MS;
  const { chatConversations, chatMessages } = store.tables;
  const counts = { conversations: 0, messages: 0 };
  await inBatches(async () => {
    const due = (await store.db.select({ id: chatMessages.id }).from(chatMessages).where(lte(chatMessages.createdAt, cutoff)).orderBy(chatMessages.id).limit(RETENTION_BATCH)).map((r) => r.id);
    if (due.length === 0) return 0;
    counts.messages += await store.transaction(async (tx) => {
      const ids = (await tx.delete(chatMessages).where(inArray(chatMessages.id, due)).returning({ id: chatMessages.id })).map((r) => r.id);
      await journalErasures(tx, 'chat_message', ids, 'retention_365_days', now);
      return ids.length;
    });
    return due.length;
  });
  await inBatches(async () => {
    const due = (await store.db.select({ id: chatConversations.id }).from(chatConversations).where(lte(chatConversations.lastMessageAt, cutoff)).limit(RETENTION_BATCH)).map((r) => r.id);
    if (due.length === 0) return 0;
    counts.conversations += await store.transaction(async (tx) => {
      // Re-checked: a message that arrived since the select keeps its conversation.
      const ids = (
        await tx
          .delete(chatConversations)
          .where(and(inArray(chatConversations.id, due), lte(chatConversations.lastMessageAt, cutoff)))
          .returning({ id: chatConversations.id })
      ).map((r) => r.id);
      await journalErasures(tx, 'chat_conversation', ids, 'retention_365_days', now);
      return ids.length;
    });
    return due.length;
  });
  if (counts.conversations + counts.messages > 0) await store.forgetErased();
  return counts;
}
