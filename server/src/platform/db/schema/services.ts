import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';

/** All-inclusive tariffs: the licensee asks the operator to create or change a widget. */
export const serviceRequests = sqliteTable(
  'service_requests',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['create', 'change'] }).notNull(),
    widgetId: text('widget_id'),
    description: text('description').notNull(),
    status: text('status', { enum: ['new', 'in_progress', 'done', 'rejected'] }).notNull().default('new'),
    operatorComment: text('operator_comment'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('service_requests_account_idx').on(t.accountId, t.createdAt)],
);

/** Monthly reports sent, one per account per report period. */
export const monthlyReports = sqliteTable(
  'monthly_reports',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    periodStart: integer('period_start').notNull(),
    sentAt: integer('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.periodStart] })],
);

/** Operator announcements: maintenance (shown and mailed 24 h ahead), documents or tariff changes (14 days ahead). */
export const notices = sqliteTable('notices', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['maintenance', 'documents', 'tariffs'] }).notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  effectiveAt: integer('effective_at').notNull(),
  /** Set when the mail to every licensee was claimed, so it goes out once. */
  mailedAt: integer('mailed_at'),
  createdAt: integer('created_at').notNull(),
});
