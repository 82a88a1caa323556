// Starting a payment for a widget tariff: the attempt (with its idempotence key) is stored
// before YooKassa is called, so a crash or a 5xx can be retried without paying twice.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TariffId } from '#contracts/core/tariffs.js';
import type { Account, AppDeps } from '../../deps.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { TARIFFS } from '../tariffs/catalogue.js';
import { realtimePaymentDescription } from '../tariffs/realtime-catalogue.js';
import { quote } from './prices.js';
import { kopecksToValue, type CreatePaymentRequest } from './yookassa-client.js';
import type { PaymentRow } from './apply-payment.js';
import type { payments as paymentsTable } from '../db/schema/index.js';

export interface CheckoutOptions {
  tariffId: TariffId;
  /** The licensee opts into autopay: YooKassa saves the card for later charges. */
  autopay: boolean;
  promoCode?: string;
}

export function paymentDescription(tariffId: TariffId, brand: string): string {
  return `${brand}: тариф «${TARIFFS[tariffId].name.ru}», доступ на 30 дней`;
}

export function receiptFor(email: string, description: string, amountKopecks: number): CreatePaymentRequest['receipt'] {
  const amount = { value: kopecksToValue(amountKopecks), currency: 'RUB' as const };
  return { customer: { email }, items: [{ description: description.slice(0, 128), quantity: '1.00', amount, vat_code: 1, payment_mode: 'full_prepayment', payment_subject: 'service' }] };
}

export async function startCheckout(deps: AppDeps, account: Account, options: CheckoutOptions): Promise<PaymentRow> {
  const now = deps.clock.now();
  const q = await quote(deps.store.db, account.id, options.tariffId, now, options.promoCode);
  const row = await storeAttempt(deps, account, now, {
    tariffId: options.tariffId,
    amountKopecks: q.totalKopecks,
    saveMethod: options.autopay && !!deps.yookassa,
    promoCode: q.promoCode,
  });
  return submitUnlessManual(deps, account, row);
}

/** What differs between a widget tariff's attempt and another product's; the rest is the same for both. */
type AttemptFields = Pick<typeof paymentsTable.$inferInsert, 'tariffId' | 'amountKopecks' | 'saveMethod' | 'promoCode' | 'product' | 'productRef' | 'months'>;

/** Stores a new checkout attempt: YooKassa's when it is configured, else a manual one the operator marks paid. */
async function storeAttempt(deps: AppDeps, account: Account, now: number, fields: AttemptFields): Promise<PaymentRow> {
  const { payments } = deps.store.tables;
  const [row] = await deps.store.db
    .insert(payments)
    .values({
      id: newId('pay'),
      accountId: account.id,
      ...fields,
      method: deps.yookassa ? 'yookassa' : 'manual',
      purpose: 'checkout',
      status: deps.yookassa ? 'created' : 'pending',
      idempotenceKey: randomUUID(),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

function submitUnlessManual(deps: AppDeps, account: Account, row: PaymentRow): Promise<PaymentRow> {
  if (!deps.yookassa) return Promise.resolve(row); // manual: the operator marks it paid
  return submitToYooKassa(deps, account.email, row);
}

export interface ProductCheckoutOptions {
  product: PaymentRow['product'];
  /** The thing paid for (a realtime project's id). */
  productRef: string;
  tariffId: string;
  /** Period length in months, or null when the payment is not a new period (e.g. raising limits). */
  months: number | null;
  amountKopecks: number;
  /** Runs (and is awaited) right after the attempt is stored and before YooKassa is called (to attach product details). */
  onCreated?: (row: PaymentRow) => void | Promise<void>;
}

/** A one-off payment for another product (no promo codes, no autopay); the product prices it. */
export async function startProductCheckout(deps: AppDeps, account: Account, options: ProductCheckoutOptions): Promise<PaymentRow> {
  const row = await storeAttempt(deps, account, deps.clock.now(), {
    product: options.product,
    productRef: options.productRef,
    months: options.months,
    tariffId: options.tariffId,
    amountKopecks: options.amountKopecks,
    saveMethod: false,
  });
  await options.onCreated?.(row);
  return submitUnlessManual(deps, account, row);
}

/** (Re)sends a stored attempt with its own idempotence key; YooKassa answers a repeat with the same payment. */
export async function submitToYooKassa(deps: AppDeps, email: string, row: PaymentRow): Promise<PaymentRow> {
  const { env, clock } = deps;
  const { db } = deps.store;
  const { payments } = db.tables;
  const description = row.product === 'realtime' ? realtimePaymentDescription(env.BRAND_NAME, row.tariffId, row.months) : paymentDescription(row.tariffId as TariffId, env.BRAND_NAME);
  let created;
  try {
    created = await deps.yookassa!.createPayment(
      {
        amount: { value: kopecksToValue(row.amountKopecks), currency: 'RUB' },
        capture: true,
        confirmation: { type: 'redirect', return_url: `${env.PUBLIC_URL}/app/billing/return?payment=${row.id}` },
        description,
        metadata: { paymentId: row.id, accountId: row.accountId },
        receipt: receiptFor(email, description, row.amountKopecks),
        ...(row.saveMethod ? { save_payment_method: true } : {}),
      },
      row.idempotenceKey,
    );
  } catch (err) {
    deps.logger.warn('billing.yookassa_create_failed', { paymentId: row.id, error: String(err) });
    throw new AppError(502, 'payment_provider_error', 'Платёжный сервис временно недоступен. Попробуйте ещё раз через минуту.', { paymentId: row.id });
  }
  const [updated] = await db
    .update(payments)
    .set({ providerPaymentId: created.id, status: created.status, confirmationUrl: created.confirmation?.confirmation_url ?? null, updatedAt: clock.now() })
    .where(eq(payments.id, row.id))
    .returning();
  return updated!;
}
