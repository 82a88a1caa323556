// Deleting team memberships (and invitations, the same rows before they are accepted): each row
// holds a person's e-mail address, so it is journaled as erased in the deleting transaction, and
// a backup restored later loses it again (platform/erasure/replay.ts).
import type { SQL } from 'drizzle-orm';
import type { Db } from '../db/store.js';
import { type ErasureBasis, journalErasures } from '../erasure/journal.js';

/** Deletes the memberships `where` selects and journals them; resolves with their ids. Call it inside a transaction. */
export async function deleteMemberships(tx: Db, where: SQL | undefined, basis: ErasureBasis, now: number): Promise<string[]> {
  const { teamMembers } = tx.tables;
  const gone = (await tx.delete(teamMembers).where(where).returning({ id: teamMembers.id })).map((m) => m.id);
  await journalErasures(tx, 'team_member', gone, basis, now);
  return gone;
}
