import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { int, counter, accountRef } from './columns.js';

/** How often the widget was shown, clicked and closed (the first of core/embed.ts EVENT_TYPES). */
function viewCounters() {
  return { impressions: counter('impressions'), clicks: counter('clicks'), closes: counter('closes') };
}

/** The funnel's steps between an impression and a lead, from the runtime's beacons (the rest of EVENT_TYPES). */
function funnelSteps() {
  return { interactions: counter('interactions'), starts: counter('starts'), submits: counter('submits') };
}

/** Impressions an account used in one 30-day period: the counter the tariff cap guards. */
export const impressionPeriods = pgTable(
  'impression_periods',
  {
    accountId: accountRef(),
    periodStart: int('period_start').notNull(),
    impressions: counter('impressions'),
    /** Highest usage notice sent this period (0, 80, 100), so each goes out once. */
    notifiedPercent: counter('notified_percent'),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.periodStart] })],
);

/** Per widget per day (the site's day, stats/daily.ts) counters for statistics. */
export const widgetDailyStats = pgTable(
  'widget_daily_stats',
  {
    widgetId: text('widget_id').notNull(),
    accountId: accountRef(),
    day: text('day').notNull(),
    ...viewCounters(),
    leads: counter('leads'),
    ...funnelSteps(),
    /**
     * Submissions the spam heuristics refused, by reason, so the owner sees what was turned away
     * (counts only: a refused submission's fields are never stored). too fast: sent sooner after
     * the widget appeared than LEAD_MIN_FILL_MS; honeypot: the hidden field was filled.
     */
    refusedTooFast: counter('refused_too_fast'),
    refusedHoneypot: counter('refused_honeypot'),
  },
  (t) => [primaryKey({ columns: [t.widgetId, t.day] })],
);

/**
 * Per A/B variant per day (the site's day, as widget_daily_stats) counters: the events that
 * named a variant of the widget's test (`variantId`: a widget_variants id or the test's id for A).
 * The widget's own row counts the same events too; leads per variant are counted from the
 * leads themselves (leads.variant_id), so spam moves need no bookkeeping here.
 */
export const variantDailyStats = pgTable(
  'variant_daily_stats',
  {
    widgetId: text('widget_id').notNull(),
    variantId: text('variant_id').notNull(),
    accountId: accountRef(),
    day: text('day').notNull(),
    ...viewCounters(),
    ...funnelSteps(),
  },
  (t) => [primaryKey({ columns: [t.widgetId, t.variantId, t.day] })],
);

/**
 * Visits the "made with" badge brought, per account and UTC day: a counter only — no address, no
 * page, no visitor (widgets/embed/badge.ts). The owner sees it on the tariff page, the operator
 * on the account and the overview.
 */
export const badgeVisits = pgTable(
  'badge_visits',
  {
    accountId: accountRef(),
    day: text('day').notNull(),
    visits: counter('visits'),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.day] })],
);

/**
 * The statistics' breakdowns: per widget, day and one value of one dimension — `device`
 * (desktop, mobile, tablet: from the User-Agent), `path` (the page's path), `source` (utm_source,
 * else the referrer's host, else direct), `visitor` (new, returning) — how many impressions and
 * submits. Counts only: no identifier, and the dimensions' values describe pages, not people.
 */
export const widgetDailyBreakdowns = pgTable(
  'widget_daily_breakdowns',
  {
    widgetId: text('widget_id').notNull(),
    accountId: accountRef(),
    day: text('day').notNull(),
    dimension: text('dimension').notNull(),
    value: text('value').notNull(),
    impressions: counter('impressions'),
    submits: counter('submits'),
  },
  (t) => [primaryKey({ columns: [t.widgetId, t.day, t.dimension, t.value] })],
);
