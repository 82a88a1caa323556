// The durable outbox: delivery rows are written in the same transaction as the lead, so a lead
// is never stored without its deliveries (nor deliveries without their lead).
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/store.js';
import { integrationAllowed, type TariffHolder } from '../../platform/tariffs/policy.js';
import { newDeliveryId } from './store.js';

export interface QueuedLead {
  id: string;
  siteId: string;
  widgetId: string;
}

export type EnqueueDeliveries = (account: TariffHolder, lead: QueuedLead, now: number) => Promise<number>;

/**
 * One pending delivery per destination of the lead's site (or its widget) that the tariff
 * allows, due now. Broken or disabled channels get one too: the worker records it as refused,
 * and the licensee can retry it once the channel is fixed — the lead is not silently skipped.
 * Its two statements are prepared on the handle given, for the lead submission path (building a
 * drizzle query per request costs far more than running it, see bench/src/analysis.ts): give it
 * the lead's transaction handle and call it inside that transaction.
 */
export function prepareEnqueueDeliveries(db: Db): EnqueueDeliveries {
  const { deliveries, integrations } = db.tables;
  const destinations = db
    .select({ id: integrations.id, kind: integrations.kind })
    .from(integrations)
    .where(
      and(
        eq(integrations.siteId, sql.placeholder('siteId')),
        inArray(integrations.status, ['active', 'broken', 'disabled']),
        or(isNull(integrations.widgetId), eq(integrations.widgetId, sql.placeholder('widgetId'))),
      ),
    )
    .prepare('outbox_destinations');
  const insert = db
    .insert(deliveries)
    .values({
      id: sql.placeholder('id'),
      accountId: sql.placeholder('accountId'),
      leadId: sql.placeholder('leadId'),
      integrationId: sql.placeholder('integrationId'),
      status: 'pending',
      nextAttemptAt: sql.placeholder('now'),
      createdAt: sql.placeholder('now'),
      updatedAt: sql.placeholder('now'),
    })
    .prepare('outbox_insert_delivery');
  return async (account, lead, now) => {
    const targets = (await destinations.execute({ siteId: lead.siteId, widgetId: lead.widgetId })).filter((i) => integrationAllowed(account, i.kind));
    for (const i of targets) await insert.execute({ id: newDeliveryId(), accountId: account.id, leadId: lead.id, integrationId: i.id, now });
    return targets.length;
  };
}

/** A new round for a failed or cancelled delivery: due now, the whole schedule ahead of it again. */
export async function restartDelivery(db: Db, deliveryId: string, now: number): Promise<void> {
  const { deliveries } = db.tables;
  await db
    .update(deliveries)
    .set({ status: 'pending', attempts: 0, failures: 0, nextAttemptAt: now, leaseOwner: null, leaseUntil: null, updatedAt: now })
    .where(and(eq(deliveries.id, deliveryId), inArray(deliveries.status, ['failed', 'cancelled'])));
}

/** Pending deliveries of a disconnected integration will not be sent. */
export async function cancelPending(db: Db, integrationId: string, now: number): Promise<void> {
  const { deliveries } = db.tables;
  await db
    .update(deliveries)
    .set({ status: 'cancelled', lastError: 'integration disconnected', leaseOwner: null, leaseUntil: null, updatedAt: now })
    .where(and(eq(deliveries.integrationId, integrationId), eq(deliveries.status, 'pending')));
}
