import { bigint, boolean, index, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';

/** RUB price of a 30-day period per tariff, set by the operator; applies to new periods. */
export const tariffPrices = pgTable('tariff_prices', {
  tariffId: text('tariff_id').primaryKey(),
  /** Kopecks: money is never a float. */
  priceKopecks: bigint('price_kopecks', { mode: 'number' }).notNull(),
  /** Percentage discount the operator runs for this tariff (0 = none). */
  discountPercent: bigint('discount_percent', { mode: 'number' }).notNull().default(0),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

export const promoCodes = pgTable('promo_codes', {
  /** Upper-cased code as the licensee types it. */
  code: text('code').primaryKey(),
  percent: bigint('percent', { mode: 'number' }).notNull(),
  validFrom: bigint('valid_from', { mode: 'number' }),
  validTo: bigint('valid_to', { mode: 'number' }),
  maxUses: bigint('max_uses', { mode: 'number' }),
  uses: bigint('uses', { mode: 'number' }).notNull().default(0),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
});

/** The paid state of an account's widget tariff. One row per account that ever paid. */
export const subscriptions = pgTable('subscriptions', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  tariffId: text('tariff_id').notNull(),
  periodStart: bigint('period_start', { mode: 'number' }).notNull(),
  periodEnd: bigint('period_end', { mode: 'number' }).notNull(),
  /** 'active' until the period ends unpaid ('expired'). */
  status: text('status', { enum: ['active', 'expired'] }).notNull(),
  autopay: boolean('autopay').notNull().default(false),
  /** YooKassa's saved payment method (a token id, not card data). */
  paymentMethodId: text('payment_method_id'),
  paymentMethodTitle: text('payment_method_title'),
  autopayConsentAt: bigint('autopay_consent_at', { mode: 'number' }),
  autopayConsentText: text('autopay_consent_text'),
  /** periodEnd for which the 3-day reminder went out, so it goes out once. */
  remindedForPeriodEnd: bigint('reminded_for_period_end', { mode: 'number' }),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

export const payments = pgTable(
  'payments',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** What is being bought: a widget tariff for the account, or a realtime project's tariff. */
    product: text('product', { enum: ['widgets', 'realtime'] })
      .notNull()
      .default('widgets'),
    /** The realtime project paid for (product 'realtime'). */
    productRef: text('product_ref'),
    /** Length of the paid period in months (realtime: 1, 3, 9 or 12); widget tariffs are 30 days. */
    months: bigint('months', { mode: 'number' }),
    tariffId: text('tariff_id').notNull(),
    amountKopecks: bigint('amount_kopecks', { mode: 'number' }).notNull(),
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
    renewsPeriodEnd: bigint('renews_period_end', { mode: 'number' }),
    providerPaymentId: text('provider_payment_id'),
    confirmationUrl: text('confirmation_url'),
    saveMethod: boolean('save_method').notNull().default(false),
    promoCode: text('promo_code'),
    cancellationParty: text('cancellation_party'),
    cancellationReason: text('cancellation_reason'),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
    paidAt: bigint('paid_at', { mode: 'number' }),
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
    paymentId: text('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    at: bigint('at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.paymentId, t.status] })],
);

/** Widgets switched off because a paid period ended unpaid; paying again switches them back on. */
export const widgetSuspensions = pgTable(
  'widget_suspensions',
  {
    widgetId: text('widget_id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    suspendedAt: bigint('suspended_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('widget_suspensions_account_idx').on(t.accountId)],
);
