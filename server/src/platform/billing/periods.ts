// Paid periods of widget tariffs: a payment starts (or extends) 30 days of the tariff; an
// unpaid end switches the account to Free and every widget off at once (offer 003 §5.14),
// deleting nothing; paying again switches the same widgets back on.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TariffId } from '#contracts/core/tariffs.js';
import type { Db } from '../db/client.js';
import { accounts, subscriptions, widgetSuspensions, widgets } from '../db/schema/index.js';
import { PERIOD_MS } from '../tariffs/catalogue.js';
import { assertCanActivateWidget } from '../tariffs/policy.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Starts the paid period at `now`, or — for a renewal of the same tariff while it still runs —
 * appends 30 days to the current one, so paying early never loses days.
 */
export function startPaidPeriod(tx: Tx, accountId: string, tariffId: TariffId, now: number): { periodStart: number; periodEnd: number } {
  const current = tx.select().from(subscriptions).where(eq(subscriptions.accountId, accountId)).get();
  const renewing = current && current.status === 'active' && current.tariffId === tariffId && current.periodEnd > now;
  const periodStart = renewing ? current.periodStart : now;
  const periodEnd = renewing ? current.periodEnd + PERIOD_MS : now + PERIOD_MS;
  tx.insert(subscriptions)
    .values({ accountId, tariffId, periodStart, periodEnd, status: 'active', updatedAt: now })
    .onConflictDoUpdate({ target: subscriptions.accountId, set: { tariffId, periodStart, periodEnd, status: 'active', updatedAt: now } })
    .run();
  // Impression periods follow the paid period from its first moment.
  const anchor = renewing ? {} : { periodAnchorAt: now };
  tx.update(accounts).set({ tariffId, ...anchor }).where(eq(accounts.id, accountId)).run();
  restoreSuspendedWidgets(tx, accountId);
  return { periodStart, periodEnd };
}

/** Ends the period unpaid: Free, and all widgets off (remembered, to switch back on after payment). */
export function expirePaidPeriod(tx: Tx, accountId: string, now: number): number {
  tx.update(subscriptions).set({ status: 'expired', updatedAt: now }).where(eq(subscriptions.accountId, accountId)).run();
  tx.update(accounts).set({ tariffId: 'free', periodAnchorAt: now }).where(eq(accounts.id, accountId)).run();
  const active = tx.select({ id: widgets.id }).from(widgets).where(and(eq(widgets.accountId, accountId), eq(widgets.active, true))).all();
  if (active.length === 0) return 0;
  tx.update(widgets).set({ active: false, updatedAt: now }).where(inArray(widgets.id, active.map((w) => w.id))).run();
  tx.insert(widgetSuspensions)
    .values(active.map((w) => ({ widgetId: w.id, accountId, suspendedAt: now })))
    .onConflictDoNothing()
    .run();
  return active.length;
}

/** Switches suspended widgets back on, oldest first, as far as the (new) tariff allows. */
function restoreSuspendedWidgets(tx: Tx, accountId: string): void {
  const account = tx.select().from(accounts).where(eq(accounts.id, accountId)).get();
  if (!account) return;
  const suspended = tx
    .select({ id: widgets.id, type: widgets.type })
    .from(widgetSuspensions)
    .innerJoin(widgets, eq(widgets.id, widgetSuspensions.widgetId))
    .where(eq(widgetSuspensions.accountId, accountId))
    .orderBy(asc(widgets.createdAt))
    .all();
  let activeCount = tx.select({ id: widgets.id }).from(widgets).where(and(eq(widgets.accountId, accountId), eq(widgets.active, true))).all().length;
  for (const w of suspended) {
    try {
      assertCanActivateWidget(account, w.type, activeCount);
    } catch {
      continue; // over the new tariff's limits: stays off, the licensee chooses
    }
    tx.update(widgets).set({ active: true }).where(eq(widgets.id, w.id)).run();
    activeCount += 1;
  }
  tx.delete(widgetSuspensions).where(eq(widgetSuspensions.accountId, accountId)).run();
}
