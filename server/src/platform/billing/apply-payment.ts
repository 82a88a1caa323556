// Acts on a payment's confirmed state — from YooKassa's API (never from a webhook body or a
// redirect), or from the operator marking an invoice paid. Each (payment, status) is acted on
// once: the transition row is the guard, inserted in the same transaction as the effects.
import { eq } from 'drizzle-orm';
import type { payments } from '../db/schema/index.js';
import type { AppDeps } from '../../deps.js';
import { createNotification } from '../notifications/store.js';
import { autopayConsentFor } from './autopay-consent.js';
import { paymentFailedMail, paymentReceivedMail } from './billing-mails.js';
import { paidProduct } from './products.js';
import { consumePromo } from './prices.js';
import type { YooPayment } from './yookassa-client.js';

export interface ConfirmedState {
  status: YooPayment['status'];
  paymentMethod?: YooPayment['payment_method'];
  cancellation?: YooPayment['cancellation_details'];
}

export type PaymentRow = typeof payments.$inferSelect;

/** The lock every transaction that reads and then changes an account's paid state takes first. */
export const billingLock = (accountId: string) => `billing:${accountId}`;

/** Returns true when this call changed something (a new status for this payment). */
export async function applyPaymentState(deps: AppDeps, payment: PaymentRow, state: ConfirmedState): Promise<boolean> {
  const { store, clock } = deps;
  const now = clock.now();
  const outcome = await store.transaction(async (tx) => {
    const { payments, paymentTransitions, subscriptions } = tx.tables;
    // The checks below read the payment's and the subscription's state and then change them: on
    // PostgreSQL another process's webhook or billing run for this account waits here until
    // commit, as SQLite's single writer made it wait before.
    await store.lock(tx, billingLock(payment.accountId));
    const [fresh] = await tx.insert(paymentTransitions).values({ paymentId: payment.id, status: state.status, at: now }).onConflictDoNothing().returning();
    if (!fresh) return null;
    // A final status never goes back (a late "pending" after "succeeded" changes nothing).
    const [current] = await tx.select({ status: payments.status }).from(payments).where(eq(payments.id, payment.id));
    if (current && (current.status === 'succeeded' || current.status === 'canceled')) return null;
    await tx
      .update(payments)
      .set({
        status: state.status,
        updatedAt: now,
        ...(state.status === 'succeeded' ? { paidAt: now } : {}),
        ...(state.cancellation ? { cancellationParty: state.cancellation.party, cancellationReason: state.cancellation.reason } : {}),
      })
      .where(eq(payments.id, payment.id));
    if (state.status === 'succeeded') {
      const period = await paidProduct(payment.product).onPaid(tx, payment, now);
      if (payment.promoCode) await consumePromo(tx, payment.promoCode);
      const method = state.paymentMethod;
      if (payment.saveMethod && method?.saved) {
        await tx
          .update(subscriptions)
          .set({
            paymentMethodId: method.id,
            paymentMethodTitle: method.title ?? method.type,
            autopay: true,
            // The checkout's "save the card for autopay" box carried this text: it is the consent.
            autopayConsentAt: now,
            autopayConsentText: await autopayConsentFor(tx, payment.tariffId, payment.accountId),
            updatedAt: now,
          })
          .where(eq(subscriptions.accountId, payment.accountId));
      }
      return { kind: 'succeeded' as const, periodEnd: period.periodEnd };
    }
    if (state.status === 'canceled') {
      if (state.cancellation?.reason === 'permission_revoked') {
        await tx.update(subscriptions).set({ autopay: false, paymentMethodId: null, paymentMethodTitle: null, updatedAt: now }).where(eq(subscriptions.accountId, payment.accountId));
      }
      // A failed autopay charge ends the period unpaid (offer 003 §5.14).
      const switchedOff = payment.purpose === 'autopay' ? ((await paidProduct(payment.product).onAutopayFailed?.(tx, payment, now)) ?? null) : null;
      return { kind: 'canceled' as const, switchedOff };
    }
    return { kind: 'other' as const };
  });
  if (!outcome) return false;
  // A period started or ended: the tariff, and with it what every site serves, may have changed.
  if (outcome.kind !== 'other') deps.invalidations.account(payment.accountId);
  await notifyPayment(deps, payment, outcome, state);
  return true;
}

async function notifyPayment(
  deps: AppDeps,
  payment: PaymentRow,
  outcome: { kind: 'succeeded'; periodEnd: number } | { kind: 'canceled'; switchedOff: number | null } | { kind: 'other' },
  state: ConfirmedState,
): Promise<void> {
  if (outcome.kind === 'other') return;
  const { accounts } = deps.store.tables;
  const [account] = await deps.store.db.select({ email: accounts.email, lang: accounts.lang }).from(accounts).where(eq(accounts.id, payment.accountId));
  if (!account) return;
  // In the account's language (its dashboard's at the last sign-in or switch).
  const mail =
    outcome.kind === 'succeeded'
      ? paymentReceivedMail(deps.env, account.lang, { amountKopecks: payment.amountKopecks, paidUntil: outcome.periodEnd, receiptByYooKassa: payment.method === 'yookassa' })
      : paymentFailedMail(deps.env, account.lang, { amountKopecks: payment.amountKopecks, reason: state.cancellation?.reason, switchedOff: outcome.switchedOff });
  // The same news in the dashboard, once per payment (the source key).
  await createNotification(
    deps.store.db,
    {
      accountId: payment.accountId,
      kind: outcome.kind === 'succeeded' ? 'payment_succeeded' : 'payment_failed',
      sourceKey: payment.id,
      params:
        outcome.kind === 'succeeded'
          ? { amountKopecks: payment.amountKopecks, product: payment.product, periodEnd: outcome.periodEnd }
          : { amountKopecks: payment.amountKopecks, product: payment.product, reason: state.cancellation?.reason ?? '', switchedOff: outcome.switchedOff ?? -1 },
    },
    deps.clock.now(),
  );
  try {
    await deps.mail.send({ to: account.email, ...mail });
  } catch (err) {
    deps.logger.error('billing.mail_failed', { paymentId: payment.id, error: String(err) });
  }
}
