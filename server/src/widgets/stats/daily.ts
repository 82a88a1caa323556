// Per-widget, per-day counters, the day being the site's calendar day (its `timezone`), so the
// statistics page, the CSV and the site's owner all mean the same day; rows written before this
// rule are UTC days and stay so. impressions, clicks, closes and the funnel's interactions,
// starts and submits come from the runtime's beacons (embed/events.ts); `leads` is the count of
// leads stored for every lead-collecting type (form, popup with a form, callback, quiz), bumped
// in the same transaction that stores the lead, so only accepted leads count and a page cannot
// inflate it (a "submit" beacon counts the visitor sending the form, the funnel's step before).
import { sql } from 'drizzle-orm';
import { dayInZone } from '#contracts/core/timezone.js';
import type { Db } from '../../platform/db/store.js';

export type DailyCounter = 'impressions' | 'clicks' | 'closes' | 'interactions' | 'starts' | 'submits' | 'leads' | 'refusedTooFast' | 'refusedHoneypot';

export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `tz` is the widget's site's time zone: the counter of the site's day that `now` falls on grows. */
export type BumpDaily = (accountId: string, widgetId: string, counter: DailyCounter, by: number, now: number, tz: string) => Promise<void>;

/**
 * Adds to a widget's counter of the day: one prepared upsert per counter, built on first use and
 * kept (embed events and leads run it on every request), since building the drizzle query costs
 * far more than running it (bench/src/analysis.ts). The statements run on the handle given: to
 * count inside a transaction, prepare them on the transaction's handle.
 */
export function prepareBumpDaily(db: Db): BumpDaily {
  const { widgetDailyStats } = db.tables;
  const by = sql.placeholder('by');
  const upsert = (counter: DailyCounter) =>
    db
      .insert(widgetDailyStats)
      .values({ widgetId: sql.placeholder('widgetId'), accountId: sql.placeholder('accountId'), day: sql.placeholder('day'), [counter]: by })
      .onConflictDoUpdate({ target: [widgetDailyStats.widgetId, widgetDailyStats.day], set: { [counter]: sql`${widgetDailyStats[counter]} + ${by}` } })
      .prepare(`stats_bump_daily_${counter}`);
  const upserts: Partial<Record<DailyCounter, ReturnType<typeof upsert>>> = {};
  return async (accountId, widgetId, counter, n, now, tz) => {
    if (n <= 0) return;
    const statement = upserts[counter] ?? upsert(counter);
    upserts[counter] = statement;
    await statement.execute({ widgetId, accountId, day: dayInZone(now, tz), by: n });
  };
}

/** The counters an A/B variant keeps per day (ab/: leads are counted from the leads themselves). */
export type VariantCounter = 'impressions' | 'clicks' | 'closes' | 'interactions' | 'starts' | 'submits';
export type BumpVariantDaily = (accountId: string, widgetId: string, variantId: string, counter: VariantCounter, by: number, now: number, tz: string) => Promise<void>;

/** As prepareBumpDaily, for a variant's row of variant_daily_stats. */
export function prepareBumpVariantDaily(db: Db): BumpVariantDaily {
  const { variantDailyStats: t } = db.tables;
  const by = sql.placeholder('by');
  const upsert = (counter: VariantCounter) =>
    db
      .insert(t)
      .values({ widgetId: sql.placeholder('widgetId'), variantId: sql.placeholder('variantId'), accountId: sql.placeholder('accountId'), day: sql.placeholder('day'), [counter]: by })
      .onConflictDoUpdate({ target: [t.widgetId, t.variantId, t.day], set: { [counter]: sql`${t[counter]} + ${by}` } })
      .prepare(`stats_bump_variant_daily_${counter}`);
  const upserts: Partial<Record<VariantCounter, ReturnType<typeof upsert>>> = {};
  return async (accountId, widgetId, variantId, counter, n, now, tz) => {
    if (n <= 0) return;
    const statement = upserts[counter] ?? upsert(counter);
    upserts[counter] = statement;
    await statement.execute({ widgetId, variantId, accountId, day: dayInZone(now, tz), by: n });
  };
}
