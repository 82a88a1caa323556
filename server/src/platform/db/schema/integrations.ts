import { boolean, index, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { millis, int, counter, accountRef, cascadeRef, lease, owned, serialId, timestamps } from './columns.js';
import type { Integration } from '#contracts/core/tariffs.js';
import { leads } from './leads.js';
import { sites } from './sites.js';
import { widgets } from './widgets.js';

const INTEGRATION_STATUSES = ['pending', 'active', 'broken', 'disabled', 'disconnected'] as const;

/**
 * A destination leads of one site (or one widget of it) are delivered to. Addresses, URLs,
 * tokens, secrets and chat ids live only in `config`, sealed with AES-256-GCM.
 */
export const integrations = pgTable(
  'integrations',
  {
    ...owned(),
    siteId: cascadeRef('site_id', () => sites.id),
    /** Only this widget's leads; null: every widget of the site. */
    widgetId: text('widget_id').references(() => widgets.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<Integration>().notNull(),
    /** pending: Telegram chat not linked yet, or an e-mail address not confirmed yet; broken: bot blocked; disabled: endpoint answered 410. */
    status: text('status', { enum: INTEGRATION_STATUSES }).notNull(),
    /**
     * E-mail to the account's sign-in address (proven by the sign-in code): no address is stored,
     * it is read from the account when a lead is sent. Every new site gets one.
     */
    signInAddress: boolean('sign_in_address').notNull().default(false),
    statusReason: text('status_reason'),
    /** Sealed JSON of the destination's settings; erased on disconnect. */
    config: text('config'),
    /** Telegram: SHA-256 of the one-time /start token until the chat is linked. */
    linkTokenHash: text('link_token_hash'),
    linkExpiresAt: millis('link_expires_at'),
    /** Nothing is sent to this destination before this time (Telegram pace and 429, Bitrix24 QUERY_LIMIT_EXCEEDED). */
    pausedUntil: counter('paused_until'),
    ...timestamps(),
  },
  (t) => [index('integrations_site_idx').on(t.siteId, t.status), index('integrations_account_idx').on(t.accountId), uniqueIndex('integrations_link_token_uq').on(t.linkTokenHash)],
);

const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;

/**
 * The outbox: one row per lead per destination, written in the lead's own transaction.
 * Its id is the Standard Webhooks `webhook-id`, stable across retries. The row carries no
 * copy of the lead (the message is rendered from the lead when sent) and is destroyed with it.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    ...owned(),
    leadId: cascadeRef('lead_id', () => leads.id),
    integrationId: cascadeRef('integration_id', () => integrations.id),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull(),
    /** Tries in the current round (a manual retry starts a new round). */
    attempts: counter('attempts'),
    /** Tries that used up a step of the backoff schedule (throttling does not). */
    failures: counter('failures'),
    nextAttemptAt: millis('next_attempt_at').notNull(),
    ...lease(),
    /** Where a multi-step delivery resumes: Telegram parts sent, the amoCRM lead already created. */
    progress: text('progress'),
    lastStatusCode: int('last_status_code'),
    /** Our own short description of the last failure, never a response body (it may echo the lead). */
    lastError: text('last_error'),
    ...timestamps(),
    deliveredAt: millis('delivered_at'),
  },
  (t) => [index('deliveries_due_idx').on(t.status, t.nextAttemptAt), index('deliveries_lead_idx').on(t.leadId), index('deliveries_integration_idx').on(t.integrationId, t.status)],
);

export const ATTEMPT_OUTCOMES = ['delivered', 'failed', 'throttled', 'partial', 'refused'] as const;

/** The attempt log: times, outcomes, status codes. No personal data. */
export const deliveryAttempts = pgTable(
  'delivery_attempts',
  {
    id: serialId(),
    deliveryId: cascadeRef('delivery_id', () => deliveries.id),
    at: int('at').notNull(),
    durationMs: int('duration_ms').notNull(),
    outcome: text('outcome', { enum: ATTEMPT_OUTCOMES }).notNull(),
    statusCode: int('status_code'),
    error: text('error'),
  },
  (t) => [index('delivery_attempts_delivery_idx').on(t.deliveryId, t.at)],
);

/**
 * An e-mail address the account proved it may send leads to: its owner clicked the link mailed
 * to it. Only a hash of the lower-cased address is kept (the address itself lives sealed in the
 * destination's settings). The token is single-use: its hash is erased when it is redeemed.
 */
export const emailConfirmations = pgTable(
  'email_confirmations',
  {
    accountId: accountRef(),
    /** SHA-256 of the lower-cased address. */
    emailHash: text('email_hash').notNull(),
    /** SHA-256 of the link's token while a link is out; null once used. */
    tokenHash: text('token_hash'),
    expiresAt: millis('expires_at').notNull(),
    /** When the latest link was mailed: a new one waits a while (no flooding the address). */
    sentAt: millis('sent_at').notNull(),
    confirmedAt: millis('confirmed_at'),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.emailHash] }), uniqueIndex('email_confirmations_token_uq').on(t.tokenHash)],
);
