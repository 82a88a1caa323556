import { boolean, index, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { millis, int, counter, accountRef, cascadeKey, cascadeRef, owned, timestamps, createdAt } from './columns.js';
import { accounts } from './accounts.js';

/** RUB price of a 30-day period per tariff, set by the operator; applies to new periods. */
export const tariffPrices = pgTable('tariff_prices', {
  tariffId: text('tariff_id').primaryKey(),
  /** Kopecks: money is never a float. */
  priceKopecks: int('price_kopecks').notNull(),
  /** Percentage discount the operator runs for this tariff (0 = none). */
  discountPercent: counter('discount_percent'),
  updatedAt: millis('updated_at').notNull(),
});

export const promoCodes = pgTable('promo_codes', {
  /** Upper-cased code as the licensee types it. */
  code: text('code').primaryKey(),
  percent: int('percent').notNull(),
  validFrom: int('valid_from'),
  validTo: int('valid_to'),
  maxUses: int('max_uses'),
  uses: counter('uses'),
  createdAt: createdAt(),
});

/** The paid state of an account's widget tariff. One row per account that ever paid. */
export const subscriptions = pgTable('subscriptions', {
  accountId: cascadeKey('account_id', () => accounts.id),
  tariffId: text('tariff_id').notNull(),
  periodStart: int('period_start').notNull(),
  periodEnd: int('period_end').notNull(),
  /** 'active' until the period ends unpaid ('expired'). */
  status: text('status', { enum: ['active', 'expired'] }).notNull(),
  autopay: boolean('autopay').notNull().default(false),
  /** YooKassa's saved payment method (a token id, not card data). */
  paymentMethodId: text('payment_method_id'),
  paymentMethodTitle: text('payment_method_title'),
  autopayConsentAt: millis('autopay_consent_at'),
  autopayConsentText: text('autopay_consent_text'),
  /** periodEnd for which the 3-day reminder went out, so it goes out once. */
  remindedForPeriodEnd: int('reminded_for_period_end'),
  updatedAt: millis('updated_at').notNull(),
});

export const payments = pgTable(
  'payments',
  {
    ...owned(),
    /** What is being bought: a widget tariff for the account, or a realtime project's tariff. */
    product: text('product', { enum: ['widgets', 'realtime'] })
      .notNull()
      .default('widgets'),
    /** The realtime project paid for (product 'realtime'). */
    productRef: text('product_ref'),
    /** Length of the paid period in months (realtime: 1, 3, 9 or 12); widget tariffs are 30 days. */
    months: int('months'),
    tariffId: text('tariff_id').notNull(),
    amountKopecks: int('amount_kopecks').notNull(),
    method: text('method', { enum: ['yookassa', 'invoice', 'manual'] }).notNull(),
    /** 'autopay' charges a saved method at period end; 'checkout' is a person paying. */
    purpose: text('purpose', { enum: ['checkout', 'autopay'] }).notNull(),
    status: text('status', { enum: ['created', 'pending', 'waiting_for_capture', 'succeeded', 'canceled'] }).notNull(),
    /** Saved before the API call and reused on every retry, so a retry never pays twice. */
    idempotenceKey: text('idempotence_key').notNull(),
    /**
     * An autopay charge: the end of the paid period it renews. Unique per account (index below),
     * so however many billing runs meet at a period end, one charge is created for it.
     */
    renewsPeriodEnd: int('renews_period_end'),
    providerPaymentId: text('provider_payment_id'),
    confirmationUrl: text('confirmation_url'),
    saveMethod: boolean('save_method').notNull().default(false),
    promoCode: text('promo_code'),
    cancellationParty: text('cancellation_party'),
    cancellationReason: text('cancellation_reason'),
    ...timestamps(),
    paidAt: millis('paid_at'),
  },
  (t) => [
    uniqueIndex('payments_provider_uq').on(t.providerPaymentId),
    index('payments_account_idx').on(t.accountId, t.createdAt),
    // NULLs are distinct on both engines: payments that renew nothing never collide here.
    uniqueIndex('payments_renewal_uq').on(t.accountId, t.renewsPeriodEnd),
  ],
);

/** Statuses already acted on, per payment: a webhook repeated or replayed changes nothing. */
export const paymentTransitions = pgTable(
  'payment_transitions',
  {
    paymentId: cascadeRef('payment_id', () => payments.id),
    status: text('status').notNull(),
    at: int('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.paymentId, t.status] })],
);

/** Widgets switched off because a paid period ended unpaid; paying again switches them back on. */
export const widgetSuspensions = pgTable(
  'widget_suspensions',
  {
    widgetId: text('widget_id').primaryKey(),
    accountId: accountRef(),
    suspendedAt: millis('suspended_at').notNull(),
  },
  (t) => [index('widget_suspensions_account_idx').on(t.accountId)],
);
