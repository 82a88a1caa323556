// Destruction of leads (152-FZ): a hard delete, leaving only a record of how many, when and why.
import { and, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { destructionRecords, leads } from '../../platform/db/schema/index.js';
import { DAY } from '../../platform/lib/clock.js';
import { newId } from '../../platform/lib/ids.js';

export const LEAD_RETENTION_MS = 365 * DAY;

type Basis = (typeof destructionRecords.$inferInsert)['basis'];

/** Deletes the account's leads matching `where` and records the destruction; returns the count. */
export function destroyLeads(db: Db, accountId: string, where: SQL | undefined, basis: Basis, now: number): number {
  return db.transaction((tx) => {
    const deleted = tx.delete(leads).where(and(eq(leads.accountId, accountId), where)).returning({ id: leads.id }).all().length;
    if (deleted > 0) tx.insert(destructionRecords).values({ id: newId('dstr'), accountId, count: deleted, basis, createdAt: now }).run();
    return deleted;
  });
}

export const leadsWithIds = (ids: string[]) => inArray(leads.id, ids);
export const leadsOfWidget = (widgetId: string) => eq(leads.widgetId, widgetId);

/** The retention rule: every lead older than 365 days is destroyed, one record per account. */
export function destroyExpiredLeads(db: Db, now: number): number {
  const cutoff = now - LEAD_RETENTION_MS;
  const owners = db
    .select({ accountId: leads.accountId, n: sql<number>`count(*)` })
    .from(leads)
    .where(lte(leads.createdAt, cutoff))
    .groupBy(leads.accountId)
    .all();
  let total = 0;
  for (const { accountId } of owners) total += destroyLeads(db, accountId, lte(leads.createdAt, cutoff), 'retention_365_days', now);
  return total;
}
