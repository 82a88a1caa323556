import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { millis, int, accountRef, owned, timestamps, createdAt } from './columns.js';

/** All-inclusive tariffs: the licensee asks the operator to create or change a widget. */
export const serviceRequests = pgTable(
  'service_requests',
  {
    ...owned(),
    kind: text('kind', { enum: ['create', 'change'] }).notNull(),
    widgetId: text('widget_id'),
    description: text('description').notNull(),
    status: text('status', { enum: ['new', 'in_progress', 'done', 'rejected'] })
      .notNull()
      .default('new'),
    operatorComment: text('operator_comment'),
    ...timestamps(),
  },
  (t) => [index('service_requests_account_idx').on(t.accountId, t.createdAt)],
);

/** Monthly reports sent, one per account per report period. */
export const monthlyReports = pgTable(
  'monthly_reports',
  {
    accountId: accountRef(),
    periodStart: int('period_start').notNull(),
    sentAt: millis('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.periodStart] })],
);

/** Operator announcements: maintenance (shown and mailed 24 h ahead), documents or tariff changes (14 days ahead). */
export const notices = pgTable('notices', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['maintenance', 'documents', 'tariffs'] }).notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  /** The same in English, for accounts whose dashboard and mails are in English; null when the operator wrote none. */
  titleEn: text('title_en'),
  bodyEn: text('body_en'),
  effectiveAt: millis('effective_at').notNull(),
  /** Set when the mail to every licensee was claimed, so it goes out once. */
  mailedAt: millis('mailed_at'),
  createdAt: createdAt(),
});
