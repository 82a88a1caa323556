import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';

export const sites = sqliteTable(
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
    domains: text('domains', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** Last time the loader fetched this site's config from one of its domains. */
    lastSeenAt: integer('last_seen_at'),
    /** IANA zone that widget schedules and timer end times are written in. */
    timezone: text('timezone').notNull().default('Europe/Moscow'),
    /** Push widget show/click/submit to window.dataLayer on the site's pages. */
    dataLayer: integer('data_layer', { mode: 'boolean' }).notNull().default(false),
    /** Yandex.Metrica counter for reachGoal on widget show/click/submit; null: none. */
    metrikaCounterId: integer('metrika_counter_id'),
  },
  (t) => [uniqueIndex('sites_key_uq').on(t.siteKey), index('sites_account_idx').on(t.accountId)],
);
