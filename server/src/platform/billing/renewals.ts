// The billing clock: reminders 3 days before a period ends, autopay charges at its end, and
// switching widgets off when a period ends unpaid. Runs from the scheduler; every step is
// idempotent, so a restart or an overlapping run (here or on another process) repeats nothing.
import { randomUUID } from 'node:crypto';
import { and, eq, gte, lte, isNull, or, ne, type SQL } from 'drizzle-orm';
import type { Lang } from '#contracts/core/lang.js';
import type { TariffId } from '#contracts/core/tariffs.js';
import type { subscriptions } from '../db/schema/index.js';
import type { AppDeps } from '../../deps.js';
import type { Db } from '../db/store.js';
import { DAY } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { createNotification } from '../notifications/store.js';
import { applyPaymentState, billingLock } from './apply-payment.js';
import { periodEndedMail, periodEndingMail } from './billing-mails.js';
import { paymentDescription, receiptFor } from './checkout.js';
import { expirePaidPeriod } from './periods.js';
import { chargedKopecks, tariffPrice } from '../tariffs/prices.js';
import { kopecksToValue } from './yookassa-client.js';

const REMINDER_BEFORE_MS = 3 * DAY;
/** An autopay charge still pending this long after the period end counts as failed. */
const AUTOPAY_PENDING_LIMIT_MS = DAY;

export async function runBillingCycle(deps: AppDeps): Promise<void> {
  await sendReminders(deps);
  await endPeriods(deps);
}

/** Active subscriptions whose period end is within [from, to], each with its owner's e-mail and the language of their mails. */
function activeSubscriptionsEnding(db: Db, range: { from?: number; to: number }, ...more: (SQL | undefined)[]) {
  const { accounts, subscriptions } = db.tables;
  return db
    .select({ sub: subscriptions, email: accounts.email, lang: accounts.lang })
    .from(subscriptions)
    .innerJoin(accounts, eq(accounts.id, subscriptions.accountId))
    .where(and(eq(subscriptions.status, 'active'), lte(subscriptions.periodEnd, range.to), range.from === undefined ? undefined : gte(subscriptions.periodEnd, range.from), ...more));
}

async function sendReminders(deps: AppDeps): Promise<void> {
  const { clock } = deps;
  const { db } = deps.store;
  const { subscriptions } = db.tables;
  const now = clock.now();
  const due = await activeSubscriptionsEnding(
    db,
    { from: now, to: now + REMINDER_BEFORE_MS },
    or(isNull(subscriptions.remindedForPeriodEnd), ne(subscriptions.remindedForPeriodEnd, subscriptions.periodEnd)),
  );
  for (const { sub, email, lang } of due) {
    // Claim first: a second run finds the reminder taken and sends nothing.
    const [claimed] = await db
      .update(subscriptions)
      .set({ remindedForPeriodEnd: sub.periodEnd })
      .where(and(eq(subscriptions.accountId, sub.accountId), or(isNull(subscriptions.remindedForPeriodEnd), ne(subscriptions.remindedForPeriodEnd, sub.periodEnd))))
      .returning();
    if (!claimed) continue;
    const price = await tariffPrice(db, sub.tariffId as TariffId, sub.accountId);
    const autopay = !!(sub.autopay && sub.paymentMethodId);
    const mail = periodEndingMail(deps.env, lang, { periodEnd: sub.periodEnd, autopay: autopay ? { cardTitle: sub.paymentMethodTitle ?? '', amountKopecks: price?.priceKopecks ?? null } : null });
    await createNotification(
      db,
      { accountId: sub.accountId, kind: autopay ? 'autopay_coming' : 'period_ending', sourceKey: String(sub.periodEnd), params: { periodEnd: sub.periodEnd, amountKopecks: price?.priceKopecks ?? 0 } },
      now,
    );
    await deps.mail.send({ to: email, ...mail }).catch((err) => deps.logger.error('billing.mail_failed', { accountId: sub.accountId, error: String(err) }));
  }
}

async function endPeriods(deps: AppDeps): Promise<void> {
  const ended = await activeSubscriptionsEnding(deps.store.db, { to: deps.clock.now() });
  for (const { sub, email, lang } of ended) {
    if (sub.autopay && sub.paymentMethodId && deps.yookassa) {
      const handled = await chargeAutopay(deps, sub, email);
      if (handled) continue;
    }
    await expireWithNotice(deps, sub.accountId, { email, lang }, sub.periodEnd);
  }
}

/**
 * Charges the saved method once per period end. False when the period should end unpaid.
 *
 * Once is a key, not a check: the charge row carries the period end it renews, unique per account
 * (payments_renewal_uq), and is inserted or skipped on that key, so runs that meet at a period end
 * — on one process or several — all end up with the same row and its one idempotence key.
 */
async function chargeAutopay(deps: AppDeps, sub: typeof subscriptions.$inferSelect, email: string): Promise<boolean> {
  const { clock, env } = deps;
  const { db } = deps.store;
  const { payments } = db.tables;
  const now = clock.now();
  const renewalOf = and(eq(payments.accountId, sub.accountId), eq(payments.renewsPeriodEnd, sub.periodEnd));
  // Charges created before the renewal key existed are found by their time, as they were then.
  const legacy = and(eq(payments.accountId, sub.accountId), eq(payments.purpose, 'autopay'), isNull(payments.renewsPeriodEnd), gte(payments.createdAt, sub.periodEnd));
  let [charge] = await db.select().from(payments).where(or(renewalOf, legacy)).limit(1);
  if (!charge) {
    const price = await tariffPrice(db, sub.tariffId as TariffId, sub.accountId);
    if (!price) return false;
    const amountKopecks = chargedKopecks(price);
    [charge] = await db
      .insert(payments)
      .values({
        id: newId('pay'),
        accountId: sub.accountId,
        tariffId: sub.tariffId,
        amountKopecks,
        method: 'yookassa',
        purpose: 'autopay',
        status: 'created',
        idempotenceKey: randomUUID(),
        renewsPeriodEnd: sub.periodEnd,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: [payments.accountId, payments.renewsPeriodEnd] })
      .returning();
    // Another run inserted the charge for this period first: go on with that one.
    if (!charge) [charge] = await db.select().from(payments).where(renewalOf);
    if (!charge) return true; // gone meanwhile (the account was deleted): nothing to charge
  }
  if (charge.status === 'created') {
    const description = `${paymentDescription(sub.tariffId as TariffId, env.BRAND_NAME)} (автоплатёж)`;
    try {
      const created = await deps.yookassa!.createPayment(
        {
          amount: { value: kopecksToValue(charge.amountKopecks), currency: 'RUB' },
          capture: true,
          payment_method_id: sub.paymentMethodId!,
          description,
          metadata: { paymentId: charge.id, accountId: charge.accountId },
          receipt: receiptFor(email, description, charge.amountKopecks),
        },
        charge.idempotenceKey,
      );
      // Only from 'created': a run that got here first may already have applied the final status,
      // which this must not turn back into 'pending'.
      const [sent] = await db
        .update(payments)
        .set({ providerPaymentId: created.id, status: created.status === 'succeeded' || created.status === 'canceled' ? 'pending' : created.status, updatedAt: now })
        .where(and(eq(payments.id, charge.id), eq(payments.status, 'created')))
        .returning();
      charge = sent ?? charge;
      // Each (payment, status) is acted on once (apply-payment.ts), whichever run reports it.
      await applyPaymentState(deps, charge, { status: created.status, paymentMethod: created.payment_method, cancellation: created.cancellation_details });
    } catch (err) {
      deps.logger.warn('billing.autopay_create_failed', { paymentId: charge.id, error: String(err) });
      // Retried on the next run with the same key, until the pending limit passes.
      return now - sub.periodEnd < AUTOPAY_PENDING_LIMIT_MS;
    }
    return true;
  }
  if (charge.status === 'pending' || charge.status === 'waiting_for_capture') {
    if (now - sub.periodEnd < AUTOPAY_PENDING_LIMIT_MS) return true;
    return false;
  }
  // succeeded moved the period on; canceled already ended it.
  return true;
}

async function expireWithNotice(deps: AppDeps, accountId: string, to: { email: string; lang: Lang }, periodEnd: number): Promise<void> {
  const { store, clock } = deps;
  const switchedOff = await store.transaction(async (tx) => {
    const { subscriptions } = tx.tables;
    // Checks the status, then ends the period: under the account's billing lock no payment or
    // other run for it (on any process) changes the subscription in between.
    await store.lock(tx, billingLock(accountId));
    const [sub] = await tx.select({ status: subscriptions.status, periodEnd: subscriptions.periodEnd }).from(subscriptions).where(eq(subscriptions.accountId, accountId));
    // A payment that came in meanwhile moved the period on: it has not ended any more.
    if (sub?.status !== 'active' || sub.periodEnd !== periodEnd) return null;
    return expirePaidPeriod(tx, accountId, clock.now());
  });
  if (switchedOff === null) return;
  deps.invalidations.account(accountId);
  deps.logger.info('billing.period_expired', { accountId, widgetsSwitchedOff: switchedOff });
  await createNotification(store.db, { accountId, kind: 'period_ended', sourceKey: String(periodEnd), params: { switchedOff } }, clock.now());
  await deps.mail.send({ to: to.email, ...periodEndedMail(deps.env, to.lang, switchedOff) }).catch((err) => deps.logger.error('billing.mail_failed', { accountId, error: String(err) }));
}
