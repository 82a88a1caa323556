import { boolean, index, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { millis, int, counter, cascadeRef, owned, timestamps } from './columns.js';

export const sites = pgTable(
  'sites',
  {
    ...owned(),
    name: text('name').notNull(),
    /** Public key in the snippet; not a secret, but unguessable so sites cannot be enumerated. */
    siteKey: text('site_key').notNull(),
    /** Host names the widgets may render on (subdomains included). */
    domains: jsonb('domains').$type<string[]>().notNull(),
    ...timestamps(),
    /** Last time the loader fetched this site's config from one of its domains. */
    lastSeenAt: millis('last_seen_at'),
    /** The host name of that page (the installation check says where). */
    lastSeenHost: text('last_seen_host'),
    /** IANA zone that widget schedules and timer end times are written in. */
    timezone: text('timezone').notNull().default('Europe/Moscow'),
    /** Push widget show/click/submit to window.dataLayer on the site's pages. */
    dataLayer: boolean('data_layer').notNull().default(false),
    /** Yandex.Metrica counter for reachGoal on widget show/click/submit; null: none. */
    metrikaCounterId: int('metrika_counter_id'),
  },
  (t) => [uniqueIndex('sites_key_uq').on(t.siteKey), index('sites_account_idx').on(t.accountId)],
);

/**
 * Config requests from pages whose host is not one of the site's domains, per site, host and UTC
 * day: the host name only, nothing about the visitor. The site page offers to add the host.
 */
export const siteForeignHosts = pgTable(
  'site_foreign_hosts',
  {
    siteId: cascadeRef('site_id', () => sites.id),
    host: text('host').notNull(),
    /** Start of the UTC day, ms. */
    day: millis('day').notNull(),
    requests: counter('requests'),
    lastSeenAt: millis('last_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.host, t.day] })],
);
