// Realtime projects as a product of the shared billing engine: prepaid periods of 1/3/9/12
// calendar months per project (no autopay, offer 000 §4.3.1) and "increase limits" — a higher
// tariff for the rest of the paid period. Access starts when the payment is confirmed.
import { eq, sql } from 'drizzle-orm';
import { registerPaidProduct, type Payment } from '../platform/billing/products.js';
import { startProductCheckout } from '../platform/billing/checkout.js';
import type { PaidRealtimeTariffId, RealtimePeriodMonths } from '#contracts/schemas/realtime.js';
import type { Db } from '../platform/db/store.js';
import type { Account, AppDeps } from '../deps.js';
import { realtimePeriodPriceKopecks } from '../platform/tariffs/prices.js';
import { addCalendarMonths, planPeriod, planUpgrade } from '../platform/tariffs/realtime-policy.js';
import type { ProjectRow } from './projects.js';

/** Applies a confirmed payment inside the billing transaction (`tx`). Never throws: the money is in. */
async function onRealtimePaid(tx: Db, payment: Payment, now: number): Promise<{ periodEnd: number }> {
  const { realtimeLimitUpgrades, realtimeProjects } = tx.tables;
  // The new period is computed from the one read here, so the row is read by an UPDATE that
  // changes nothing: it locks the row until the commit, and a second payment for the same project
  // confirmed at the same time (PostgreSQL runs both) waits, then reads the period this one wrote.
  const [project] = payment.productRef
    ? await tx
        .update(realtimeProjects)
        .set({ updatedAt: sql`${realtimeProjects.updatedAt}` })
        .where(eq(realtimeProjects.id, payment.productRef))
        .returning()
    : [];
  if (!project) return { periodEnd: now }; // deleted before the payment came through: the operator refunds by hand
  const [upgrade] = await tx.select().from(realtimeLimitUpgrades).where(eq(realtimeLimitUpgrades.paymentId, payment.id));
  let next: { tariffId: string; periodStart: number; periodEnd: number };
  if (upgrade) {
    const running = project.periodEnd !== null && project.periodEnd > now;
    // Confirmed after the period ran out: the higher tariff for as long as was paid for, from now.
    next = running
      ? { tariffId: upgrade.toTariffId, periodStart: project.periodStart ?? now, periodEnd: project.periodEnd! }
      : { tariffId: upgrade.toTariffId, periodStart: now, periodEnd: now + Math.max(0, upgrade.periodEnd - upgrade.createdAt) };
  } else {
    const months = payment.months ?? 1;
    const running = project.periodEnd !== null && project.periodEnd > now;
    // Renewing early appends; a different tariff paid while another runs takes over at once and
    // keeps the days left, so no payment ever loses time.
    const start = running ? project.periodEnd! : now;
    next = { tariffId: payment.tariffId, periodStart: running ? (project.periodStart ?? now) : now, periodEnd: addCalendarMonths(start, months) };
  }
  await tx
    .update(realtimeProjects)
    .set({ ...next, lastActivityAt: now, updatedAt: now })
    .where(eq(realtimeProjects.id, project.id));
  return { periodEnd: next.periodEnd };
}

registerPaidProduct('realtime', { onPaid: onRealtimePaid });

/** A new prepaid period (or an early renewal of the running tariff). */
export async function checkoutPeriod(deps: AppDeps, account: Account, project: ProjectRow, tariffId: PaidRealtimeTariffId, months: RealtimePeriodMonths) {
  planPeriod(project, tariffId, months, deps.clock.now()); // refuses a different tariff while a period runs
  return startProductCheckout(deps, account, {
    product: 'realtime',
    productRef: project.id,
    tariffId,
    months,
    amountKopecks: await realtimePeriodPriceKopecks(deps.store.db, tariffId, months),
  });
}

/** "Increase limits": the price difference for the days left; the period end stays. */
export async function checkoutUpgrade(deps: AppDeps, account: Account, project: ProjectRow, tariffId: PaidRealtimeTariffId) {
  const now = deps.clock.now();
  const { db } = deps.store;
  const plan = await planUpgrade(db, project, tariffId, now);
  return startProductCheckout(deps, account, {
    product: 'realtime',
    productRef: project.id,
    tariffId,
    months: null,
    amountKopecks: plan.amountKopecks,
    onCreated: async (row) => {
      await db
        .insert(db.tables.realtimeLimitUpgrades)
        .values({ paymentId: row.id, projectId: project.id, fromTariffId: project.tariffId, toTariffId: tariffId, periodEnd: plan.periodEnd, createdAt: now });
    },
  });
}
