// GET /api/stats: impressions, clicks and leads per day (the site's days, stats/daily.ts) for a widget, a site or the whole
// account; GET /api/stats/widgets: totals per widget over a range (the widget list's columns);
// GET /api/stats/refused: submissions the spam heuristics refused, per widget, day (its site's) and reason, in the same scopes;
// GET /api/stats/funnel and /breakdowns: one widget's funnel and breakdowns (funnel.ts).
import { ownedRow } from '../../platform/db/owned.js';
import { and, asc, between, desc, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { dayInZone } from '#contracts/core/timezone.js';
import { statsCompareQuerySchema, statsFunnelQuerySchema, statsQuerySchema, statsRangeSchema, statsWidgetQuerySchema } from '#contracts/schemas/stats.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { DAY } from '../../platform/lib/clock.js';
import { AppError, notFound } from '../../platform/lib/errors.js';
import { readQuery } from '../../platform/lib/json-body.js';
import { utcDay } from './daily.js';
import { breakdownsOf, funnelOf, funnelOfVariant } from './funnel.js';
import { prepareVariantIds } from '../ab/variant-ids.js';
import { accountStatsZone } from './zone.js';

/** A year and a day: "the same date last year" to today fits, a chart of more does not read. */
const MAX_RANGE_DAYS = 366;
const DEFAULT_RANGE_DAYS = 30;

/** The days from..to inclusive; by default the last 30 days up to today in `tz`. */
function daysOf(q: z.infer<typeof statsRangeSchema>, now: number, tz: string): string[] {
  const to = q.to ?? dayInZone(now, tz);
  const from = q.from ?? utcDay(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_RANGE_DAYS - 1) * DAY);
  const start = Date.parse(`${from}T00:00:00Z`);
  const span = Math.round((Date.parse(`${to}T00:00:00Z`) - start) / DAY) + 1;
  if (span < 1) throw new AppError(422, 'validation_failed', 'The range ends before it starts', { issues: [{ path: 'to', message: 'before from' }] });
  if (span > MAX_RANGE_DAYS) throw new AppError(422, 'validation_failed', `At most ${MAX_RANGE_DAYS} days at once`, { issues: [{ path: 'from', message: 'range too long' }] });
  return Array.from({ length: span }, (_, i) => utcDay(start + i * DAY));
}

/** Leads per impression; null when nothing was shown (0 % would claim a measurement). */
const conversion = (leads: number, impressions: number) => (impressions > 0 ? leads / impressions : null);

/** Relative change from `before` to `now`; null when there was nothing before to compare with. */
const changeOf = (now: number, before: number) => (before > 0 ? (now - before) / before : null);

/** The days of equal length just before `days`. */
const previousDays = (days: string[]) => {
  const start = Date.parse(`${days[0]}T00:00:00Z`);
  return days.map((_, i) => utcDay(start - (days.length - i) * DAY));
};

export function createStatsRoutes(deps: AppDeps) {
  const { store, clock } = deps;
  const { db } = store;
  const { sites, widgetDailyStats, widgets } = db.tables;
  const variantIdsOf = prepareVariantIds(db);
  const sums = {
    impressions: sql<number>`coalesce(sum(${widgetDailyStats.impressions}), 0)`,
    clicks: sql<number>`coalesce(sum(${widgetDailyStats.clicks}), 0)`,
    leads: sql<number>`coalesce(sum(${widgetDailyStats.leads}), 0)`,
  };
  /**
   * The zone the answer's days are in: the chosen site's; with no site chosen, the account's
   * first site's (most accounts have one), else Moscow. The answer names it.
   */
  const zoneOf = async (accountId: string, siteId?: string) => {
    if (siteId) return (await ownedRow(db, sites, 'Site', accountId, siteId)).timezone;
    return accountStatsZone(db, accountId);
  };
  /**
   * What a statistics query covers — one widget, one site's widgets, or the whole account (no
   * condition) — and the zone its days are in.
   */
  const scopeOf = async (accountId: string, q: z.infer<typeof statsQuerySchema>): Promise<{ scope: SQL | undefined; timezone: string }> => {
    if (q.widgetId) {
      const own = await ownedRow(db, widgets, 'Widget', accountId, q.widgetId);
      return { scope: eq(widgetDailyStats.widgetId, own.id), timezone: await zoneOf(accountId, own.siteId) };
    }
    if (q.siteId) {
      const own = await ownedRow(db, sites, 'Site', accountId, q.siteId);
      // Counters are kept per widget: a site's are those of its widgets (deleted ones are gone).
      return { scope: inArray(widgetDailyStats.widgetId, db.select({ id: widgets.id }).from(widgets).where(eq(widgets.siteId, own.id))), timezone: own.timezone };
    }
    return { scope: undefined, timezone: await zoneOf(accountId) };
  };
  /** Per widget: impressions and leads over the days (spam is out: work.ts takes it off the counter). */
  const perWidget = async (accountId: string, days: string[]) => {
    const rows = await db
      .select({ widgetId: widgetDailyStats.widgetId, impressions: sums.impressions, leads: sums.leads })
      .from(widgetDailyStats)
      .where(and(eq(widgetDailyStats.accountId, accountId), between(widgetDailyStats.day, days[0]!, days.at(-1)!)))
      .groupBy(widgetDailyStats.widgetId);
    return new Map(rows.map((r) => [r.widgetId, { impressions: Number(r.impressions), leads: Number(r.leads) }]));
  };
  /** One widget of the account and its range of days, in its site's zone. */
  const ofOneWidget = async (c: Context<AuthedEnv>) => {
    const q = readQuery(c, statsWidgetQuerySchema);
    const accountId = c.get('account').id;
    const own = await ownedRow(db, widgets, 'Widget', accountId, q.widgetId);
    const timezone = await zoneOf(accountId, own.siteId);
    const days = daysOf(q, clock.now(), timezone);
    return { widgetId: own.id, from: days[0]!, to: days.at(-1)!, timezone, days };
  };
  return (
    new Hono<AuthedEnv>()
      .get('/', async (c) => {
        const q = readQuery(c, statsQuerySchema);
        const accountId = c.get('account').id;
        const { scope, timezone } = await scopeOf(accountId, q);
        const days = daysOf(q, clock.now(), timezone);
        const rows = await db
          .select({ day: widgetDailyStats.day, ...sums })
          .from(widgetDailyStats)
          .where(and(eq(widgetDailyStats.accountId, accountId), between(widgetDailyStats.day, days[0]!, days.at(-1)!), scope))
          .groupBy(widgetDailyStats.day);
        const byDay = new Map(rows.map((r) => [r.day, r]));
        const series = days.map((day) => {
          const r = byDay.get(day);
          const impressions = r?.impressions ?? 0;
          const leads = r?.leads ?? 0;
          return { day, impressions, clicks: r?.clicks ?? 0, leads, conversion: conversion(leads, impressions) };
        });
        const total = (k: 'impressions' | 'clicks' | 'leads') => series.reduce((a, d) => a + d[k], 0);
        const totals = { impressions: total('impressions'), clicks: total('clicks'), leads: total('leads') };
        return c.json({ from: days[0]!, to: days.at(-1)!, timezone, days: series, totals: { ...totals, conversion: conversion(totals.leads, totals.impressions) } });
      })
      // Counts only: a refused submission's fields were never stored.
      // The same scope and days as GET /: each refusal is counted on its widget's site's day.
      .get('/refused', async (c) => {
        const q = readQuery(c, statsQuerySchema);
        const { scope, timezone } = await scopeOf(c.get('account').id, q);
        const days = daysOf(q, clock.now(), timezone);
        const rows = await db
          .select({ day: widgetDailyStats.day, widgetId: widgetDailyStats.widgetId, widgetName: widgets.name, tooFast: widgetDailyStats.refusedTooFast, honeypot: widgetDailyStats.refusedHoneypot })
          .from(widgetDailyStats)
          .leftJoin(widgets, eq(widgets.id, widgetDailyStats.widgetId))
          .where(
            and(
              eq(widgetDailyStats.accountId, c.get('account').id),
              between(widgetDailyStats.day, days[0]!, days.at(-1)!),
              or(gt(widgetDailyStats.refusedTooFast, 0), gt(widgetDailyStats.refusedHoneypot, 0)),
              scope,
            ),
          )
          .orderBy(desc(widgetDailyStats.day), widgetDailyStats.widgetId);
        return c.json({ from: days[0]!, to: days.at(-1)!, timezone, refused: rows });
      })
      .get('/widgets', async (c) => {
        const days = daysOf(readQuery(c, statsRangeSchema), clock.now(), await zoneOf(c.get('account').id));
        const rows = await db
          .select({ widgetId: widgetDailyStats.widgetId, ...sums })
          .from(widgetDailyStats)
          .where(and(eq(widgetDailyStats.accountId, c.get('account').id), between(widgetDailyStats.day, days[0]!, days.at(-1)!)))
          .groupBy(widgetDailyStats.widgetId)
          // Groups come out in no particular order on PostgreSQL: the order SQLite gave, on both.
          .orderBy(widgetDailyStats.widgetId);
        return c.json({
          from: days[0]!,
          to: days.at(-1)!,
          widgets: rows.map((r) => ({ ...r, conversion: conversion(r.leads, r.impressions) })),
        });
      })
      .get('/funnel', async (c) => {
        const { variant } = readQuery(c, statsFunnelQuerySchema);
        const { widgetId, days, ...range } = await ofOneWidget(c);
        if (variant === undefined) return c.json({ ...range, widgetId, variant: null, ...(await funnelOf(db, widgetId, days)) });
        // A variant of the test the widget runs now; an ended test's ids are no longer known here.
        if (!(await variantIdsOf(widgetId)).has(variant)) throw notFound('Variant');
        return c.json({ ...range, widgetId, variant, ...(await funnelOfVariant(db, widgetId, variant, days, range.timezone)) });
      })
      .get('/breakdowns', async (c) => {
        const { widgetId, days, ...range } = await ofOneWidget(c);
        return c.json({ ...range, widgetId, dimensions: await breakdownsOf(db, widgetId, days) });
      })
      // The site's widgets side by side: this range and the one of equal length before it.
      .get('/compare', async (c) => {
        const q = readQuery(c, statsCompareQuerySchema);
        const accountId = c.get('account').id;
        const timezone = await zoneOf(accountId, q.siteId);
        const days = daysOf(q, clock.now(), timezone);
        const before = previousDays(days);
        const list = await db
          .select({ id: widgets.id, name: widgets.name, type: widgets.type, siteId: widgets.siteId })
          .from(widgets)
          .where(and(eq(widgets.accountId, accountId), q.siteId ? eq(widgets.siteId, q.siteId) : undefined))
          .orderBy(asc(widgets.createdAt), asc(widgets.id));
        const [current, previous] = [await perWidget(accountId, days), await perWidget(accountId, before)];
        const zero = { impressions: 0, leads: 0 };
        return c.json({
          from: days[0]!,
          to: days.at(-1)!,
          previousFrom: before[0]!,
          previousTo: before.at(-1)!,
          timezone,
          widgets: list.map((w) => {
            const now = current.get(w.id) ?? zero;
            const was = previous.get(w.id) ?? zero;
            const conv = conversion(now.leads, now.impressions);
            const convBefore = conversion(was.leads, was.impressions);
            return {
              ...w,
              impressions: now.impressions,
              leads: now.leads,
              conversion: conv,
              previous: { impressions: was.impressions, leads: was.leads, conversion: convBefore },
              change: {
                impressions: changeOf(now.impressions, was.impressions),
                leads: changeOf(now.leads, was.leads),
                // In percentage points: a relative change of a rate reads as nonsense (0.5 % → 1 % is "+100 %").
                conversionPoints: conv !== null && convBefore !== null ? conv - convBefore : null,
              },
            };
          }),
        });
      })
  );
}
