import { boolean, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { millis, int, cascadeRef, consent, owned, createdAt } from './columns.js';
import { LEAD_STATUSES } from '#contracts/core/leads.js';

/**
 * A visitor's submission: personal data the licensee operates and we process (152-FZ).
 * widget/site ids are plain columns, not foreign keys: deleting a widget must not delete the
 * leads it collected (they are destroyed on their own schedule or on request).
 */
export const leads = pgTable(
  'leads',
  {
    ...owned(),
    siteId: text('site_id').notNull(),
    widgetId: text('widget_id').notNull(),
    fields: jsonb('fields').$type<Record<string, string | boolean>>().notNull(),
    /** Values as the visitor typed them, for the fields stored otherwise (phones, in E.164). */
    rawFields: jsonb('raw_fields').$type<Record<string, string>>().notNull().default({}),
    /** Where the licensee's work on the lead stands (contracts/core/leads.ts). */
    status: text('status', { enum: LEAD_STATUSES }).notNull().default('new'),
    /** The licensee's free-text note: personal data too, destroyed with the lead. */
    note: text('note').notNull().default(''),
    pageUrl: text('page_url'),
    referrer: text('referrer'),
    utm: jsonb('utm').$type<Record<string, string>>().notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    ...consent(),
    marketingConsent: boolean('marketing_consent').notNull().default(false),
    /** The A/B variant the visitor saw (widget_variants id, or the test's id for A); null outside a test. */
    variantId: text('variant_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('leads_account_created_idx').on(t.accountId, t.createdAt),
    index('leads_created_idx').on(t.createdAt),
    index('leads_account_status_idx').on(t.accountId, t.status),
    // The A/B results count a test's leads per variant.
    index('leads_widget_variant_idx').on(t.widgetId, t.variantId),
  ],
);

/**
 * Who changed a lead's status or note, when, from what to what. Deleted with its lead (a
 * note's text is the lead's data); the author is kept by e-mail as well, so a history still
 * names a team member who has left.
 */
export const leadEvents = pgTable(
  'lead_events',
  {
    id: text('id').primaryKey(),
    leadId: cascadeRef('lead_id', () => leads.id),
    accountId: text('account_id').notNull(),
    authorId: text('author_id'),
    authorEmail: text('author_email').notNull(),
    kind: text('kind', { enum: ['status', 'note'] }).notNull(),
    fromValue: text('from_value').notNull(),
    toValue: text('to_value').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('lead_events_lead_idx').on(t.leadId, t.createdAt)],
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
    createdAt: createdAt(),
  },
  (t) => [index('destruction_account_idx').on(t.accountId)],
);
