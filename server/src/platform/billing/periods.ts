// Paid periods of widget tariffs: a payment starts (or extends) 30 days of the tariff; an
// unpaid end switches the account to Free and every widget off at once (offer 003 §5.14),
// deleting nothing; paying again switches the same widgets back on.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TariffId } from '#contracts/core/tariffs.js';
import type { Db } from '../db/store.js';
import { PERIOD_MS } from '../tariffs/catalogue.js';
import { assertCanActivateWidget } from '../tariffs/policy.js';

/**
 * A transaction's handle. Each function here reads the account's paid state and then writes it:
 * the caller's transaction holds the account's billing lock (apply-payment.ts, renewals.ts).
 */
type Tx = Db;

/**
 * Starts the paid period at `now`, or — for a renewal of the same tariff while it still runs —
 * appends 30 days to the current one, so paying early never loses days.
 */
export async function startPaidPeriod(tx: Tx, accountId: string, tariffId: TariffId, now: number): Promise<{ periodStart: number; periodEnd: number }> {
  const { accounts, subscriptions } = tx.tables;
  const [current] = await tx.select().from(subscriptions).where(eq(subscriptions.accountId, accountId));
  const renewing = current && current.status === 'active' && current.tariffId === tariffId && current.periodEnd > now;
  const periodStart = renewing ? current.periodStart : now;
  const periodEnd = renewing ? current.periodEnd + PERIOD_MS : now + PERIOD_MS;
  await tx
    .insert(subscriptions)
    .values({ accountId, tariffId, periodStart, periodEnd, status: 'active', updatedAt: now })
    .onConflictDoUpdate({ target: subscriptions.accountId, set: { tariffId, periodStart, periodEnd, status: 'active', updatedAt: now } });
  // Impression periods follow the paid period from its first moment.
  const anchor = renewing ? {} : { periodAnchorAt: now };
  await tx
    .update(accounts)
    .set({ tariffId, ...anchor })
    .where(eq(accounts.id, accountId));
  await restoreSuspendedWidgets(tx, accountId);
  return { periodStart, periodEnd };
}

/** Ends the period unpaid: Free, and all widgets off (remembered, to switch back on after payment). */
export async function expirePaidPeriod(tx: Tx, accountId: string, now: number): Promise<number> {
  const { accounts, subscriptions, widgetSuspensions, widgets } = tx.tables;
  await tx.update(subscriptions).set({ status: 'expired', updatedAt: now }).where(eq(subscriptions.accountId, accountId));
  await tx.update(accounts).set({ tariffId: 'free', periodAnchorAt: now }).where(eq(accounts.id, accountId));
  const active = await tx
    .select({ id: widgets.id })
    .from(widgets)
    .where(and(eq(widgets.accountId, accountId), eq(widgets.active, true)));
  if (active.length === 0) return 0;
  await tx
    .update(widgets)
    .set({ active: false, updatedAt: now })
    .where(
      inArray(
        widgets.id,
        active.map((w) => w.id),
      ),
    );
  await tx
    .insert(widgetSuspensions)
    .values(active.map((w) => ({ widgetId: w.id, accountId, suspendedAt: now })))
    .onConflictDoNothing();
  return active.length;
}

/** Switches suspended widgets back on, oldest first, as far as the (new) tariff allows. */
async function restoreSuspendedWidgets(tx: Tx, accountId: string): Promise<void> {
  const { accounts, widgetSuspensions, widgets } = tx.tables;
  const [account] = await tx.select().from(accounts).where(eq(accounts.id, accountId));
  if (!account) return;
  const suspended = await tx
    .select({ id: widgets.id, type: widgets.type })
    .from(widgetSuspensions)
    .innerJoin(widgets, eq(widgets.id, widgetSuspensions.widgetId))
    .where(eq(widgetSuspensions.accountId, accountId))
    .orderBy(asc(widgets.createdAt), asc(widgets.id));
  let activeCount = (
    await tx
      .select({ id: widgets.id })
      .from(widgets)
      .where(and(eq(widgets.accountId, accountId), eq(widgets.active, true)))
  ).length;
  for (const w of suspended) {
    try {
      assertCanActivateWidget(account, w.type, activeCount);
    } catch {
      continue; // over the new tariff's limits: stays off, the licensee chooses
    }
    await tx.update(widgets).set({ active: true }).where(eq(widgets.id, w.id));
    activeCount += 1;
  }
  await tx.delete(widgetSuspensions).where(eq(widgetSuspensions.accountId, accountId));
}
