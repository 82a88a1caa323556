// Replays the erasure journal onto a database restored from a backup: every record erased after
// the backup was taken is erased again, and the entries join the restored journal. Idempotent:
// replaying twice, or replaying entries the backup already honoured, erases nothing more.
import { inArray } from 'drizzle-orm';
import { ERASED } from '../abuse/retention.js';
import type { Store } from '../db/store.js';
import type { erasures } from '../db/schema/erasures.js';
import type { ErasureKind } from './journal.js';

export type ErasureEntry = typeof erasures.$inferSelect;

const CHUNK = 500;

/** Erases what `entries` name in `store`; returns how many records were still there. */
export async function replayErasures(store: Store, entries: readonly ErasureEntry[]): Promise<number> {
  let erased = 0;
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    erased += await store.transaction(async (tx) => {
      const { abuseComplaints, accounts, chatConversations, chatMessages, erasures, leads, loginCodes, teamMembers } = tx.tables;
      const ids = (kind: ErasureKind) => chunk.filter((e) => e.kind === kind).map((e) => e.subjectId);
      let n = 0;
      const count = async (rows: Promise<unknown[]>) => {
        n += (await rows).length;
      };
      const lead = ids('lead');
      if (lead.length) await count(tx.delete(leads).where(inArray(leads.id, lead)).returning({ id: leads.id }));
      const conv = ids('chat_conversation');
      if (conv.length) await count(tx.delete(chatConversations).where(inArray(chatConversations.id, conv)).returning({ id: chatConversations.id }));
      const msg = ids('chat_message').map(Number);
      if (msg.length) await count(tx.delete(chatMessages).where(inArray(chatMessages.id, msg)).returning({ id: chatMessages.id }));
      const complaint = ids('complaint_contacts');
      if (complaint.length) await count(tx.update(abuseComplaints).set({ contacts: ERASED }).where(inArray(abuseComplaints.id, complaint)).returning({ id: abuseComplaints.id }));
      const member = ids('team_member');
      if (member.length) await count(tx.delete(teamMembers).where(inArray(teamMembers.id, member)).returning({ id: teamMembers.id }));
      const account = ids('account');
      if (account.length) {
        const emails = (await tx.select({ email: accounts.email }).from(accounts).where(inArray(accounts.id, account))).map((a) => a.email);
        if (emails.length) await tx.delete(loginCodes).where(inArray(loginCodes.email, emails));
        // Everything the account owned goes by its foreign keys' cascade, leads and chats included.
        await count(tx.delete(accounts).where(inArray(accounts.id, account)).returning({ id: accounts.id }));
      }
      await tx
        .insert(erasures)
        .values(chunk.map((e) => ({ ...e })))
        .onConflictDoNothing();
      return n;
    });
  }
  if (erased > 0) await store.forgetErased();
  return erased;
}
