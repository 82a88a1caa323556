// What a confirmed payment buys. The billing engine (payments, YooKassa, webhooks, invoices,
// operator confirmation) is shared; each product says what "paid" and "failed" mean for it.
// Widget tariffs: 30-day periods for the account, autopay allowed. Realtime projects register
// their own product (periods of 1/3/9/12 months, no autopay) with registerPaidProduct().
import type { TariffId } from '#contracts/core/tariffs.js';
import type { payments } from '../db/schema/index.js';
import type { Db } from '../db/store.js';
import { expirePaidPeriod, startPaidPeriod } from './periods.js';

/** The handle of the payment's transaction (what store.transaction hands its callback). */
export type Tx = Db;
export type Payment = typeof payments.$inferSelect;

/**
 * The payment's transaction holds the account's billing lock (apply-payment.ts) while these
 * run, so they may read and then write the account's paid state.
 */
export interface PaidProduct {
  /** Runs inside the payment's transaction when it succeeds; returns the end of the paid period. */
  onPaid(tx: Tx, payment: Payment, now: number): Promise<{ periodEnd: number }> | { periodEnd: number };
  /** Runs inside the transaction when an automatic (autopay) charge fails; returns widgets switched off or null. */
  onAutopayFailed?(tx: Tx, payment: Payment, now: number): Promise<number | null> | number | null;
}

const products = new Map<Payment['product'], PaidProduct>([
  [
    'widgets',
    {
      onPaid: (tx, payment, now) => startPaidPeriod(tx, payment.accountId, payment.tariffId as TariffId, now),
      onAutopayFailed: (tx, payment, now) => expirePaidPeriod(tx, payment.accountId, now),
    },
  ],
]);

export function registerPaidProduct(kind: Payment['product'], product: PaidProduct): void {
  products.set(kind, product);
}

export function paidProduct(kind: Payment['product']): PaidProduct {
  const product = products.get(kind);
  if (!product) throw new Error(`No paid product registered for "${kind}"`);
  return product;
}
