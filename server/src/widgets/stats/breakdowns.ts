// The statistics' breakdowns (widget_daily_breakdowns): which kind of page view a widget's
// impressions and submits came from — device, page path, traffic source, new or returning
// visitor — counted per widget, day (the site's, as daily.ts) and value. The values describe
// the page view, never the person: the path without its query or fragment, the source as a
// host name or a utm_source, the device as one of three words; no identifier is kept.
import { and, eq, sql } from 'drizzle-orm';
import type { EventsBatch } from '#contracts/core/embed.js';
import { hostBelongsTo } from '#contracts/core/domains.js';
import { BREAKDOWN_OTHER, BREAKDOWN_UNKNOWN, type BreakdownDimension } from '#contracts/schemas/stats.js';
import type { Db, Store } from '../../platform/db/store.js';

/** Distinct paths kept per widget and day; further ones count as "(other)", so a forged beacon cannot grow the table without bound. */
export const PATHS_PER_WIDGET_DAY = 100;
export const DIRECT = '(direct)';
/** A referrer on the site's own domains: the visit came from another page of the site, whose own source is not known here. */
export const INTERNAL = '(internal)';

export type BreakdownCounter = 'impressions' | 'submits';
export type Segment = Record<BreakdownDimension, string>;

/** Phones and tablets by the usual User-Agent markers; everything else is a desktop. */
export function deviceOf(userAgent: string | undefined): 'desktop' | 'mobile' | 'tablet' {
  const ua = userAgent ?? '';
  if (/iPad|Tablet|Android(?!.*Mobile)/i.test(ua)) return 'tablet';
  return /Mobi|iPhone|iPod|Android/i.test(ua) ? 'mobile' : 'desktop';
}

/** The page view's values of every dimension; what an older runtime did not send is "(unknown)". */
export function segmentOf(batch: Pick<EventsBatch, 'path' | 'source' | 'returning'>, userAgent: string | undefined, siteDomains: readonly string[]): Segment {
  const path = batch.path === undefined ? BREAKDOWN_UNKNOWN : `/${batch.path.split(/[?#]/)[0]!.replace(/^\/+/, '')}`;
  const source = batch.source === undefined ? BREAKDOWN_UNKNOWN : batch.source.trim().toLowerCase() || DIRECT;
  return {
    device: deviceOf(userAgent),
    path,
    source: source !== DIRECT && hostBelongsTo(source, siteDomains) ? INTERNAL : source,
    visitor: batch.returning === undefined ? BREAKDOWN_UNKNOWN : batch.returning ? 'returning' : 'new',
  };
}

export type BumpBreakdowns = (accountId: string, widgetId: string, day: string, segment: Segment, counter: BreakdownCounter, by: number) => Promise<void>;

/**
 * Adds to the rows of every dimension of one segment. Prepared once per handle, like
 * daily.ts's upserts; to count inside a transaction, prepare on the transaction's handle.
 * A path not yet counted that day takes a lock per widget before it counts the day's paths, so
 * concurrent batches cannot pass PATHS_PER_WIDGET_DAY together.
 */
export function prepareBumpBreakdowns(db: Db, store: Pick<Store, 'lock'>): BumpBreakdowns {
  const t = db.tables.widgetDailyBreakdowns;
  const by = sql.placeholder('by');
  const upsert = (counter: BreakdownCounter) =>
    db
      .insert(t)
      .values({
        widgetId: sql.placeholder('widgetId'),
        accountId: sql.placeholder('accountId'),
        day: sql.placeholder('day'),
        dimension: sql.placeholder('dimension'),
        value: sql.placeholder('value'),
        [counter]: by,
      })
      .onConflictDoUpdate({ target: [t.widgetId, t.day, t.dimension, t.value], set: { [counter]: sql`${t[counter]} + ${by}` } })
      .prepare(`stats_bump_breakdown_${counter}`);
  const upserts = { impressions: upsert('impressions'), submits: upsert('submits') };
  const pathsOfDay = db
    .select({ n: sql<number>`count(*)`, has: sql<number>`coalesce(sum(case when ${t.value} = ${sql.placeholder('value')} then 1 else 0 end), 0)` })
    .from(t)
    .where(and(eq(t.widgetId, sql.placeholder('widgetId')), eq(t.day, sql.placeholder('day')), eq(t.dimension, 'path')))
    .prepare('stats_breakdown_paths_of_day');
  return async (accountId, widgetId, day, segment, counter, n) => {
    if (n <= 0) return;
    for (const [dimension, wanted] of Object.entries(segment) as [BreakdownDimension, string][]) {
      let value = wanted;
      if (dimension === 'path' && value !== BREAKDOWN_UNKNOWN) {
        const seen = async () => (await pathsOfDay.execute({ widgetId, day, value }))[0]!;
        let paths = await seen();
        if (Number(paths.has) === 0) {
          await store.lock(db, `breakdown-paths:${widgetId}`);
          paths = await seen();
          if (Number(paths.has) === 0 && Number(paths.n) >= PATHS_PER_WIDGET_DAY) value = BREAKDOWN_OTHER;
        }
      }
      await upserts[counter].execute({ widgetId, accountId, day, dimension, value, by: n });
    }
  };
}
