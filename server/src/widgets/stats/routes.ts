// GET /api/stats: impressions, clicks and leads per UTC day for a widget, a site or the whole
// account; GET /api/stats/widgets: totals per widget over a range (the widget list's columns);
// GET /api/stats/refused: submissions the spam heuristics refused, per widget, day and reason.
import { ownedRow } from '../../platform/db/owned.js';
import { and, between, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { DAY } from '../../platform/lib/clock.js';
import { AppError } from '../../platform/lib/errors.js';
import { readQuery } from '../../platform/lib/json-body.js';
import { utcDay } from './daily.js';

/** A year and a day: "the same date last year" to today fits, a chart of more does not read. */
const MAX_RANGE_DAYS = 366;
const DEFAULT_RANGE_DAYS = 30;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'no such date');

export const rangeSchema = z.object({ from: isoDay.optional(), to: isoDay.optional() });

export const statsQuerySchema = rangeSchema
  .extend({ widgetId: z.string().min(1).max(64).optional(), siteId: z.string().min(1).max(64).optional() })
  .refine((q) => !(q.widgetId && q.siteId), { message: 'give widgetId or siteId, not both', path: ['siteId'] });

/** The days from..to inclusive; by default the last 30 days up to today (UTC). */
function daysOf(q: z.infer<typeof rangeSchema>, now: number): string[] {
  const to = q.to ?? utcDay(now);
  const from = q.from ?? utcDay(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_RANGE_DAYS - 1) * DAY);
  const start = Date.parse(`${from}T00:00:00Z`);
  const span = Math.round((Date.parse(`${to}T00:00:00Z`) - start) / DAY) + 1;
  if (span < 1) throw new AppError(422, 'validation_failed', 'The range ends before it starts', { issues: [{ path: 'to', message: 'before from' }] });
  if (span > MAX_RANGE_DAYS) throw new AppError(422, 'validation_failed', `At most ${MAX_RANGE_DAYS} days at once`, { issues: [{ path: 'from', message: 'range too long' }] });
  return Array.from({ length: span }, (_, i) => utcDay(start + i * DAY));
}

/** Leads per impression; null when nothing was shown (0 % would claim a measurement). */
const conversion = (leads: number, impressions: number) => (impressions > 0 ? leads / impressions : null);

export function createStatsRoutes(deps: AppDeps) {
  const { store, clock } = deps;
  const { db } = store;
  const { sites, widgetDailyStats, widgets } = db.tables;
  const sums = {
    impressions: sql<number>`coalesce(sum(${widgetDailyStats.impressions}), 0)`,
    clicks: sql<number>`coalesce(sum(${widgetDailyStats.clicks}), 0)`,
    leads: sql<number>`coalesce(sum(${widgetDailyStats.leads}), 0)`,
  };
  return (
    new Hono<AuthedEnv>()
      .get('/', async (c) => {
        const q = readQuery(c, statsQuerySchema);
        const accountId = c.get('account').id;
        const days = daysOf(q, clock.now());
        let scope;
        if (q.widgetId) {
          const own = await ownedRow(db, widgets, 'Widget', accountId, q.widgetId);
          scope = eq(widgetDailyStats.widgetId, own.id);
        } else if (q.siteId) {
          const own = await ownedRow(db, sites, 'Site', accountId, q.siteId);
          // Counters are kept per widget: a site's are those of its widgets (deleted ones are gone).
          scope = inArray(widgetDailyStats.widgetId, db.select({ id: widgets.id }).from(widgets).where(eq(widgets.siteId, own.id)));
        }
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
        return c.json({ from: days[0]!, to: days.at(-1)!, days: series, totals: { ...totals, conversion: conversion(totals.leads, totals.impressions) } });
      })
      // Counts only: a refused submission's fields were never stored.
      .get('/refused', async (c) => {
        const days = daysOf(readQuery(c, rangeSchema), clock.now());
        const rows = await db
          .select({ day: widgetDailyStats.day, widgetId: widgetDailyStats.widgetId, widgetName: widgets.name, tooFast: widgetDailyStats.refusedTooFast, honeypot: widgetDailyStats.refusedHoneypot })
          .from(widgetDailyStats)
          .leftJoin(widgets, eq(widgets.id, widgetDailyStats.widgetId))
          .where(
            and(
              eq(widgetDailyStats.accountId, c.get('account').id),
              between(widgetDailyStats.day, days[0]!, days.at(-1)!),
              or(gt(widgetDailyStats.refusedTooFast, 0), gt(widgetDailyStats.refusedHoneypot, 0)),
            ),
          )
          .orderBy(desc(widgetDailyStats.day), widgetDailyStats.widgetId);
        return c.json({ from: days[0]!, to: days.at(-1)!, refused: rows });
      })
      .get('/widgets', async (c) => {
        const days = daysOf(readQuery(c, rangeSchema), clock.now());
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
  );
}
