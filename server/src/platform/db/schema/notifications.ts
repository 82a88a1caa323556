import { index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { millis, owned, createdAt } from './columns.js';

/**
 * What the dashboard's bell shows one licensee: limit warnings (impressions at 80 % / 100 %)
 * and copies of the operator's notices, so each account has its own read mark. Texts are
 * rendered by the dashboard from `kind` + `params` in the reader's language.
 */
export const notifications = pgTable(
  'notifications',
  {
    ...owned(),
    kind: text('kind', {
      enum: ['impressions_80', 'impressions_100', 'notice', 'realtime_messages_80', 'realtime_messages_100', 'period_ending', 'autopay_coming', 'period_ended', 'payment_succeeded', 'payment_failed'],
    }).notNull(),
    /** Makes each notification happen once: "{periodStart}" for usage, the notice id for notices. */
    sourceKey: text('source_key').notNull(),
    params: jsonb('params').$type<Record<string, string | number>>().notNull(),
    createdAt: createdAt(),
    readAt: millis('read_at'),
  },
  (t) => [uniqueIndex('notifications_source_uq').on(t.accountId, t.kind, t.sourceKey), index('notifications_account_idx').on(t.accountId, t.createdAt)],
);
