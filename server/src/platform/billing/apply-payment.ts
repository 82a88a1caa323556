// Acts on a payment's confirmed state — from YooKassa's API (never from a webhook body or a
// redirect), or from the operator marking an invoice paid. Each (payment, status) is acted on
// once: the transition row is the guard, inserted in the same transaction as the effects.
import { eq } from 'drizzle-orm';
import { accounts, payments, paymentTransitions, subscriptions } from '../db/schema/index.js';
import type { AppDeps } from '../../deps.js';
import { createNotification } from '../notifications/store.js';
import { autopayConsentFor } from './autopay-consent.js';
import { cancellationText } from './cancellation-reasons.js';
import { paidProduct } from './products.js';
import { consumePromo } from './prices.js';
import type { YooPayment } from './yookassa-client.js';

export interface ConfirmedState {
  status: YooPayment['status'];
  paymentMethod?: YooPayment['payment_method'];
  cancellation?: YooPayment['cancellation_details'];
}

export type PaymentRow = typeof payments.$inferSelect;

const formatRub = (kopecks: number) => `${(kopecks / 100).toLocaleString('ru-RU', { minimumFractionDigits: 2 })} ₽`;

/** Returns true when this call changed something (a new status for this payment). */
export async function applyPaymentState(deps: AppDeps, payment: PaymentRow, state: ConfirmedState): Promise<boolean> {
  const { db, clock } = deps;
  const now = clock.now();
  const outcome = db.transaction(
    (tx) => {
      const fresh = tx.insert(paymentTransitions).values({ paymentId: payment.id, status: state.status, at: now }).onConflictDoNothing().returning().get();
      if (!fresh) return null;
      // A final status never goes back (a late "pending" after "succeeded" changes nothing).
      const current = tx.select({ status: payments.status }).from(payments).where(eq(payments.id, payment.id)).get();
      if (current && (current.status === 'succeeded' || current.status === 'canceled')) return null;
      tx.update(payments)
        .set({
          status: state.status,
          updatedAt: now,
          ...(state.status === 'succeeded' ? { paidAt: now } : {}),
          ...(state.cancellation ? { cancellationParty: state.cancellation.party, cancellationReason: state.cancellation.reason } : {}),
        })
        .where(eq(payments.id, payment.id))
        .run();
      if (state.status === 'succeeded') {
        const period = paidProduct(payment.product).onPaid(tx, payment, now);
        if (payment.promoCode) consumePromo(tx, payment.promoCode);
        const method = state.paymentMethod;
        if (payment.saveMethod && method?.saved) {
          tx.update(subscriptions)
            .set({
              paymentMethodId: method.id,
              paymentMethodTitle: method.title ?? method.type,
              autopay: true,
              // The checkout's "save the card for autopay" box carried this text: it is the consent.
              autopayConsentAt: now,
              autopayConsentText: autopayConsentFor(tx, payment.tariffId, payment.accountId),
              updatedAt: now,
            })
            .where(eq(subscriptions.accountId, payment.accountId))
            .run();
        }
        return { kind: 'succeeded' as const, periodEnd: period.periodEnd };
      }
      if (state.status === 'canceled') {
        if (state.cancellation?.reason === 'permission_revoked') {
          tx.update(subscriptions).set({ autopay: false, paymentMethodId: null, paymentMethodTitle: null, updatedAt: now }).where(eq(subscriptions.accountId, payment.accountId)).run();
        }
        // A failed autopay charge ends the period unpaid (offer 003 §5.14).
        const switchedOff = payment.purpose === 'autopay' ? (paidProduct(payment.product).onAutopayFailed?.(tx, payment, now) ?? null) : null;
        return { kind: 'canceled' as const, switchedOff };
      }
      return { kind: 'other' as const };
    },
    { behavior: 'immediate' },
  );
  if (!outcome) return false;
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
  const account = deps.db.select({ email: accounts.email }).from(accounts).where(eq(accounts.id, payment.accountId)).get();
  if (!account) return;
  const { BRAND_NAME, PUBLIC_URL } = deps.env;
  const mail =
    outcome.kind === 'succeeded'
      ? {
          subject: `${BRAND_NAME}: оплата получена`,
          text: `Оплата ${formatRub(payment.amountKopecks)} получена. Тариф оплачен до ${new Date(outcome.periodEnd).toLocaleDateString('ru-RU')}.${payment.method === 'yookassa' ? ' Чек придёт отдельным письмом от ЮKassa.' : ''}\n${PUBLIC_URL}/app/billing`,
        }
      : {
          subject: `${BRAND_NAME}: платёж не прошёл`,
          text: `Платёж ${formatRub(payment.amountKopecks)} не прошёл. ${cancellationText(state.cancellation?.reason) ?? ''}${
            outcome.switchedOff !== null ? ` Оплаченный период закончился, виджеты отключены (${outcome.switchedOff}). Оплатите тариф, чтобы включить их снова.` : ''
          }\n${PUBLIC_URL}/app/billing`,
        };
  // The same news in the dashboard, once per payment (the source key).
  createNotification(
    deps.db,
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
    await deps.mailer.send({ to: account.email, ...mail });
  } catch (err) {
    deps.logger.error('billing.mail_failed', { paymentId: payment.id, error: String(err) });
  }
}
