// A complainant's contacts are personal data kept for handling the complaint. Once it is closed
// they stay for the general limitation period of civil claims (3 years, Civil Code art. 196),
// in case the dispute goes on, and are then erased; the complaint itself (page, right, outcome)
// remains as the operator's record.
import { and, inArray, lte, ne } from 'drizzle-orm';
import type { Store } from '../db/store.js';
import { DAY } from '../lib/clock.js';
import { journalErasures } from '../erasure/journal.js';

export const COMPLAINT_CONTACTS_KEPT_MS = 3 * 365 * DAY;
export const ERASED = '[удалено]';

/** Returns how many complaints had their contacts erased. */
export async function eraseOldComplainantContacts(store: Store, now: number): Promise<number> {
  const erased = await store.transaction(async (tx) => {
    const { abuseComplaints } = tx.tables;
    const ids = (
      await tx
        .update(abuseComplaints)
        .set({ contacts: ERASED })
        .where(and(inArray(abuseComplaints.status, ['resolved', 'rejected']), lte(abuseComplaints.updatedAt, now - COMPLAINT_CONTACTS_KEPT_MS), ne(abuseComplaints.contacts, ERASED)))
        .returning({ id: abuseComplaints.id })
    ).map((r) => r.id);
    await journalErasures(tx, 'complaint_contacts', ids, 'retention_3_years', now);
    return ids.length;
  });
  if (erased > 0) await store.forgetErased();
  return erased;
}
