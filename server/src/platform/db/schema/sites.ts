import { bigint, boolean, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';

export const sites = pgTable(
  'sites',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Public key in the snippet; not a secret, but unguessable so sites cannot be enumerated. */
    siteKey: text('site_key').notNull(),
    /** Host names the widgets may render on (subdomains included). */
    domains: jsonb('domains').$type<string[]>().notNull(),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
    /** Last time the loader fetched this site's config from one of its domains. */
    lastSeenAt: bigint('last_seen_at', { mode: 'number' }),
    /** IANA zone that widget schedules and timer end times are written in. */
    timezone: text('timezone').notNull().default('Europe/Moscow'),
    /** Push widget show/click/submit to window.dataLayer on the site's pages. */
    dataLayer: boolean('data_layer').notNull().default(false),
    /** Yandex.Metrica counter for reachGoal on widget show/click/submit; null: none. */
    metrikaCounterId: bigint('metrika_counter_id', { mode: 'number' }),
  },
  (t) => [uniqueIndex('sites_key_uq').on(t.siteKey), index('sites_account_idx').on(t.accountId)],
);
