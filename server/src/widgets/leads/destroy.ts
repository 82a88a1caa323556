// Destruction of leads (152-FZ): a hard delete, leaving only a record of how many, when and why.
import { and, eq, inArray, lte, type SQL } from 'drizzle-orm';
import type { Store, Tables } from '../../platform/db/store.js';
import type { destructionRecords } from '../../platform/db/schema/index.js';
import { DAY } from '../../platform/lib/clock.js';
import { newId } from '../../platform/lib/ids.js';
import { inBatches, RETENTION_BATCH } from '../../platform/lib/batches.js';
import { journalErasures } from '../../platform/erasure/journal.js';

export const LEAD_RETENTION_MS = 365 * DAY;

type Basis = (typeof destructionRecords.$inferInsert)['basis'];

/**
 * Deletes the account's leads matching `where` and records the destruction; returns the count.
 * The count is what this DELETE … RETURNING removed, in the same transaction as its record: a
 * lead deleted at the same moment by another request (or process) is counted by that one only.
 */
export async function destroyLeads(store: Store, accountId: string, where: SQL | undefined, basis: Basis, now: number): Promise<number> {
  const destroyed = await store.transaction(async (tx) => {
    const { destructionRecords, leads } = tx.tables;
    const ids = (
      await tx
        .delete(leads)
        .where(and(eq(leads.accountId, accountId), where))
        .returning({ id: leads.id })
    ).map((r) => r.id);
    if (ids.length > 0) await tx.insert(destructionRecords).values({ id: newId('dstr'), accountId, count: ids.length, basis, createdAt: now });
    await journalErasures(tx, 'lead', ids, basis, now);
    return ids.length;
  });
  if (destroyed > 0) await store.forgetErased();
  return destroyed;
}

export const leadsWithIds = (tables: Pick<Tables, 'leads'>, ids: string[]) => inArray(tables.leads.id, ids);
export const leadsOfWidget = (tables: Pick<Tables, 'leads'>, widgetId: string) => eq(tables.leads.widgetId, widgetId);

/**
 * The retention rule: every lead older than 365 days is destroyed, oldest first, in batches that
 * let requests through between them (platform/lib/batches.ts); one record per account per batch.
 */
export async function destroyExpiredLeads(store: Store, now: number): Promise<number> {
  const { leads } = store.tables;
  const cutoff = now - LEAD_RETENTION_MS;
  let destroyed = 0;
  await inBatches(async () => {
    const due = await store.db.select({ id: leads.id, accountId: leads.accountId }).from(leads).where(lte(leads.createdAt, cutoff)).orderBy(leads.createdAt).limit(RETENTION_BATCH);
    const byAccount = new Map<string, string[]>();
    for (const l of due) {
      const ids = byAccount.get(l.accountId);
      if (ids) ids.push(l.id);
      else byAccount.set(l.accountId, [l.id]);
    }
    for (const [accountId, ids] of byAccount) destroyed += await destroyLeads(store, accountId, and(inArray(leads.id, ids), lte(leads.createdAt, cutoff)), 'retention_365_days', now);
    // The batch's size, not what was destroyed: a lead deleted meanwhile by its owner does not end the run early.
    return due.length;
  });
  return destroyed;
}
