// The licensee's work on a lead: its status and note, each change kept with its author and
// time. A lead marked as spam leaves the day's lead count, so conversion figures skip it.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { LeadStatus } from '#contracts/core/leads.js';
import type { Db, Store } from '../../platform/db/store.js';
import { AppError, notFound } from '../../platform/lib/errors.js';
import { newId } from '../../platform/lib/ids.js';
import { dayInZone } from '#contracts/core/timezone.js';

export interface LeadAuthor {
  id: string;
  email: string;
}

export interface LeadChange {
  status?: LeadStatus;
  note?: string;
}

/** The widget's daily lead count, moved when a lead goes into spam (-1) or comes out of it (+1). */
async function moveDailyLeads(tx: Db, widgetId: string, createdAt: number, tz: string, by: number) {
  const { widgetDailyStats } = tx.tables;
  await tx
    .update(widgetDailyStats)
    .set({ leads: sql`${widgetDailyStats.leads} + ${by}` })
    .where(and(eq(widgetDailyStats.widgetId, widgetId), eq(widgetDailyStats.day, dayInZone(createdAt, tz))));
}

/**
 * Applies the change and records what it changed; returns the lead's status before and after.
 * The UPDATE is conditional on the status read, so of two people moving the same lead at once
 * the second is refused (409) rather than counting a spam lead out of the figures twice.
 */
export async function changeLead(store: Store, accountId: string, leadId: string, change: LeadChange, author: LeadAuthor, now: number) {
  return await store.transaction(async (tx) => {
    const { leads, leadEvents, sites } = tx.tables;
    const [lead] = await tx
      .select({ status: leads.status, note: leads.note, widgetId: leads.widgetId, createdAt: leads.createdAt, timezone: sites.timezone })
      .from(leads)
      // The site's zone decides which day's counter the lead went into (stats/daily.ts).
      .innerJoin(sites, eq(sites.id, leads.siteId))
      .where(and(eq(leads.id, leadId), eq(leads.accountId, accountId)));
    if (!lead) throw notFound('Lead');
    const status = change.status ?? lead.status;
    const note = change.note ?? lead.note;
    const events: (typeof leadEvents.$inferInsert)[] = [];
    const event = (kind: 'status' | 'note', fromValue: string, toValue: string) =>
      events.push({ id: newId('lev'), leadId, accountId, authorId: author.id, authorEmail: author.email, kind, fromValue, toValue, createdAt: now });
    if (status !== lead.status) event('status', lead.status, status);
    if (note !== lead.note) event('note', lead.note, note);
    if (events.length === 0) return { before: lead.status, after: lead.status };
    const updated = await tx
      .update(leads)
      .set({ status, note })
      .where(and(eq(leads.id, leadId), eq(leads.status, lead.status)))
      .returning({ id: leads.id });
    if (updated.length === 0) throw new AppError(409, 'conflict', 'The lead was changed by someone else just now; reload it');
    await tx.insert(leadEvents).values(events);
    if ((lead.status === 'spam') !== (status === 'spam')) await moveDailyLeads(tx, lead.widgetId, lead.createdAt, lead.timezone, status === 'spam' ? -1 : 1);
    return { before: lead.status, after: status };
  });
}

/** A lead's history, oldest first. */
export async function leadHistory(store: Store, leadId: string) {
  const { leadEvents } = store.tables;
  return await store.db
    .select({
      kind: leadEvents.kind,
      from: leadEvents.fromValue,
      to: leadEvents.toValue,
      author: leadEvents.authorEmail,
      at: leadEvents.createdAt,
    })
    .from(leadEvents)
    .where(eq(leadEvents.leadId, leadId))
    // One change may record both: the status first, as it reads in the dashboard.
    .orderBy(asc(leadEvents.createdAt), desc(leadEvents.kind));
}

/** How many of the account's leads are new: the count in the dashboard's navigation. */
export async function countNewLeads(store: Store, accountId: string): Promise<number> {
  const { leads } = store.tables;
  const [row] = await store.db
    .select({ n: sql<number>`count(*)` })
    .from(leads)
    .where(and(eq(leads.accountId, accountId), eq(leads.status, 'new')));
  return Number(row?.n ?? 0);
}
