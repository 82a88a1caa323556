import { boolean, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { millis, int, accountRef } from './columns.js';

/**
 * A visitor's submission: personal data the licensee operates and we process (152-FZ).
 * widget/site ids are plain columns, not foreign keys: deleting a widget must not delete the
 * leads it collected (they are destroyed on their own schedule or on request).
 */
export const leads = pgTable(
  'leads',
  {
    id: text('id').primaryKey(),
    accountId: accountRef(),
    siteId: text('site_id').notNull(),
    widgetId: text('widget_id').notNull(),
    fields: jsonb('fields').$type<Record<string, string | boolean>>().notNull(),
    pageUrl: text('page_url'),
    referrer: text('referrer'),
    utm: jsonb('utm').$type<Record<string, string>>().notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** SHA-256 of the consent text shown; the text itself is in consent_texts. */
    consentHash: text('consent_hash').notNull(),
    consentAt: millis('consent_at').notNull(),
    marketingConsent: boolean('marketing_consent').notNull().default(false),
    createdAt: millis('created_at').notNull(),
  },
  (t) => [index('leads_account_created_idx').on(t.accountId, t.createdAt), index('leads_created_idx').on(t.createdAt)],
);

/** Every consent wording ever shown, by hash, so each lead's consent record is provable. */
export const consentTexts = pgTable('consent_texts', {
  hash: text('hash').primaryKey(),
  text: text('text').notNull(),
  firstShownAt: millis('first_shown_at').notNull(),
});

/** What remains after destruction: how many, when, why — never the data. */
export const destructionRecords = pgTable(
  'destruction_records',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id'),
    count: int('count').notNull(),
    basis: text('basis', { enum: ['retention_365_days', 'licensee_request', 'account_deleted'] }).notNull(),
    createdAt: millis('created_at').notNull(),
  },
  (t) => [index('destruction_account_idx').on(t.accountId)],
);
