import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';

/** RUB price of a 30-day period per tariff, set by the operator; applies to new periods. */
export const tariffPrices = sqliteTable('tariff_prices', {
  tariffId: text('tariff_id').primaryKey(),
  /** Kopecks: money is never a float. */
  priceKopecks: integer('price_kopecks').notNull(),
  /** Percentage discount the operator runs for this tariff (0 = none). */
  discountPercent: integer('discount_percent').notNull().default(0),
  updatedAt: integer('updated_at').notNull(),
});

export const promoCodes = sqliteTable('promo_codes', {
  /** Upper-cased code as the licensee types it. */
  code: text('code').primaryKey(),
  percent: integer('percent').notNull(),
  validFrom: integer('valid_from'),
  validTo: integer('valid_to'),
  maxUses: integer('max_uses'),
  uses: integer('uses').notNull().default(0),
  createdAt: integer('created_at').notNull(),
});

/** The paid state of an account's widget tariff. One row per account that ever paid. */
export const subscriptions = sqliteTable('subscriptions', {
  accountId: text('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  tariffId: text('tariff_id').notNull(),
  periodStart: integer('period_start').notNull(),
  periodEnd: integer('period_end').notNull(),
  /** 'active' until the period ends unpaid ('expired'). */
  status: text('status', { enum: ['active', 'expired'] }).notNull(),
  autopay: integer('autopay', { mode: 'boolean' }).notNull().default(false),
  /** YooKassa's saved payment method (a token id, not card data). */
  paymentMethodId: text('payment_method_id'),
  paymentMethodTitle: text('payment_method_title'),
  autopayConsentAt: integer('autopay_consent_at'),
  autopayConsentText: text('autopay_consent_text'),
  /** periodEnd for which the 3-day reminder went out, so it goes out once. */
  remindedForPeriodEnd: integer('reminded_for_period_end'),
  updatedAt: integer('updated_at').notNull(),
});

export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** What is being bought: a widget tariff for the account, or a realtime project's tariff. */
    product: text('product', { enum: ['widgets', 'realtime'] }).notNull().default('widgets'),
    /** The realtime project paid for (product 'realtime'). */
    productRef: text('product_ref'),
    /** Length of the paid period in months (realtime: 1, 3, 9 or 12); widget tariffs are 30 days. */
    months: integer('months'),
    tariffId: text('tariff_id').notNull(),
    amountKopecks: integer('amount_kopecks').notNull(),
    method: text('method', { enum: ['yookassa', 'invoice', 'manual'] }).notNull(),
    /** 'autopay' charges a saved method at period end; 'checkout' is a person paying. */
    purpose: text('purpose', { enum: ['checkout', 'autopay'] }).notNull(),
    status: text('status', { enum: ['created', 'pending', 'waiting_for_capture', 'succeeded', 'canceled'] }).notNull(),
    /** Saved before the API call and reused on every retry, so a retry never pays twice. */
    idempotenceKey: text('idempotence_key').notNull(),
    providerPaymentId: text('provider_payment_id'),
    confirmationUrl: text('confirmation_url'),
    saveMethod: integer('save_method', { mode: 'boolean' }).notNull().default(false),
    promoCode: text('promo_code'),
    cancellationParty: text('cancellation_party'),
    cancellationReason: text('cancellation_reason'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    paidAt: integer('paid_at'),
  },
  (t) => [uniqueIndex('payments_provider_uq').on(t.providerPaymentId), index('payments_account_idx').on(t.accountId, t.createdAt)],
);

/** Statuses already acted on, per payment: a webhook repeated or replayed changes nothing. */
export const paymentTransitions = sqliteTable(
  'payment_transitions',
  {
    paymentId: text('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.paymentId, t.status] })],
);

/** Widgets switched off because a paid period ended unpaid; paying again switches them back on. */
export const widgetSuspensions = sqliteTable(
  'widget_suspensions',
  {
    widgetId: text('widget_id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    suspendedAt: integer('suspended_at').notNull(),
  },
  (t) => [index('widget_suspensions_account_idx').on(t.accountId)],
);
