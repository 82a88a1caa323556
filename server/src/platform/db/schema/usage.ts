import { bigint, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';

/** Impressions an account used in one 30-day period: the counter the tariff cap guards. */
export const impressionPeriods = pgTable(
  'impression_periods',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    periodStart: bigint('period_start', { mode: 'number' }).notNull(),
    impressions: bigint('impressions', { mode: 'number' }).notNull().default(0),
    /** Highest usage notice sent this period (0, 80, 100), so each goes out once. */
    notifiedPercent: bigint('notified_percent', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.periodStart] })],
);

/** Per widget per UTC day counters for statistics. */
export const widgetDailyStats = pgTable(
  'widget_daily_stats',
  {
    widgetId: text('widget_id').notNull(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    impressions: bigint('impressions', { mode: 'number' }).notNull().default(0),
    clicks: bigint('clicks', { mode: 'number' }).notNull().default(0),
    closes: bigint('closes', { mode: 'number' }).notNull().default(0),
    leads: bigint('leads', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.widgetId, t.day] })],
);
