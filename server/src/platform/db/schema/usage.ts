import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';

/** Impressions an account used in one 30-day period: the counter the tariff cap guards. */
export const impressionPeriods = sqliteTable(
  'impression_periods',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    periodStart: integer('period_start').notNull(),
    impressions: integer('impressions').notNull().default(0),
    /** Highest usage notice sent this period (0, 80, 100), so each goes out once. */
    notifiedPercent: integer('notified_percent').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.periodStart] })],
);

/** Per widget per UTC day counters for statistics. */
export const widgetDailyStats = sqliteTable(
  'widget_daily_stats',
  {
    widgetId: text('widget_id').notNull(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    impressions: integer('impressions').notNull().default(0),
    clicks: integer('clicks').notNull().default(0),
    closes: integer('closes').notNull().default(0),
    leads: integer('leads').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.widgetId, t.day] })],
);
