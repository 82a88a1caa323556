// A widget's funnel and breakdowns over a range of days (GET /api/stats/funnel, /breakdowns).
// The funnel's steps, in order: shown (impressions), interacted, started the form, submitted —
// from the runtime's beacons, each at most once per page view — and accepted as a lead (stored,
// spam taken off). Each step's rate is of the step before it, null when that one is zero. A
// widget under an A/B test has the same funnel per variant (GET /api/stats/funnel?variant=).
import { and, between, eq, gte, lt, ne, sql } from 'drizzle-orm';
import { dayInZone } from '#contracts/core/timezone.js';
import { DAY } from '../../platform/lib/clock.js';
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from '#contracts/schemas/stats.js';
import type { Db } from '../../platform/db/store.js';

export const FUNNEL_STEPS = ['impressions', 'interactions', 'starts', 'submits', 'leads'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];
/** Paths and sources listed per range; the rest is summed into `rest`. */
export const BREAKDOWN_TOP = 10;

const rate = (n: number, of: number) => (of > 0 ? n / of : null);

export async function funnelOf(db: Db, widgetId: string, days: string[]) {
  const t = db.tables.widgetDailyStats;
  const sums = Object.fromEntries(FUNNEL_STEPS.map((k) => [k, sql<number>`coalesce(sum(${t[k]}), 0)`])) as Record<FunnelStep, ReturnType<typeof sql<number>>>;
  const rows = await db
    .select({ day: t.day, ...sums })
    .from(t)
    .where(and(eq(t.widgetId, widgetId), between(t.day, days[0]!, days.at(-1)!)))
    .groupBy(t.day);
  return stepsOf(days, new Map(rows.map((r) => [r.day, r])));
}

/**
 * One A/B variant's funnel: its page views' steps from variant_daily_stats, and its leads from
 * the leads that name it (spam left out, as the results count them), by the site's day.
 */
export async function funnelOfVariant(db: Db, widgetId: string, variantId: string, days: string[], tz: string) {
  const t = db.tables.variantDailyStats;
  const steps = FUNNEL_STEPS.filter((k) => k !== 'leads');
  const sums = Object.fromEntries(steps.map((k) => [k, sql<number>`coalesce(sum(${t[k as Exclude<FunnelStep, 'leads'>]}), 0)`]));
  const rows = await db
    .select({ day: t.day, ...sums })
    .from(t)
    .where(and(eq(t.widgetId, widgetId), eq(t.variantId, variantId), between(t.day, days[0]!, days.at(-1)!)))
    .groupBy(t.day);
  const byDay = new Map<string, Partial<Record<FunnelStep, unknown>>>(rows.map((r) => [r.day, r as Partial<Record<FunnelStep, unknown>>]));
  const { leads } = db.tables;
  // The range's instants with a day's margin either side; each lead then falls on its site day.
  const start = Date.parse(`${days[0]}T00:00:00Z`) - DAY;
  const end = Date.parse(`${days.at(-1)}T00:00:00Z`) + 2 * DAY;
  const leadTimes = await db
    .select({ at: leads.createdAt })
    .from(leads)
    .where(and(eq(leads.widgetId, widgetId), eq(leads.variantId, variantId), ne(leads.status, 'spam'), gte(leads.createdAt, start), lt(leads.createdAt, end)));
  for (const { at } of leadTimes) {
    const day = dayInZone(at, tz);
    const row = byDay.get(day);
    if (row) row.leads = Number(row.leads ?? 0) + 1;
    else if (day >= days[0]! && day <= days.at(-1)!) byDay.set(day, { leads: 1 });
  }
  return stepsOf(days, byDay);
}

/** Each day's counts, and each step's total with its rate of the step before and of shown. */
function stepsOf(days: string[], byDay: Map<string, Partial<Record<FunnelStep, unknown>>>) {
  const series = days.map((day) => {
    const r = byDay.get(day);
    return { day, ...(Object.fromEntries(FUNNEL_STEPS.map((k) => [k, Number(r?.[k] ?? 0)])) as Record<FunnelStep, number>) };
  });
  const steps = FUNNEL_STEPS.map((step) => ({ step, count: series.reduce((a, d) => a + d[step], 0) })).map((s, i, all) => ({
    ...s,
    ofPrevious: i === 0 ? null : rate(s.count, all[i - 1]!.count),
    ofShown: i === 0 ? null : rate(s.count, all[0]!.count),
  }));
  return { days: series, steps };
}

export async function breakdownsOf(db: Db, widgetId: string, days: string[]) {
  const t = db.tables.widgetDailyBreakdowns;
  const impressions = sql<number>`coalesce(sum(${t.impressions}), 0)`;
  const rows = await db
    .select({ dimension: t.dimension, value: t.value, impressions, submits: sql<number>`coalesce(sum(${t.submits}), 0)` })
    .from(t)
    .where(and(eq(t.widgetId, widgetId), between(t.day, days[0]!, days.at(-1)!)))
    .groupBy(t.dimension, t.value);
  // Sorted here, not in SQL: PostgreSQL's collation may order "(other)" and "/" unlike SQLite.
  rows.sort((a, b) => Number(b.impressions) - Number(a.impressions) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const out = {} as Record<
    BreakdownDimension,
    { values: { value: string; impressions: number; submits: number; conversion: number | null }[]; rest: { values: number; impressions: number; submits: number } }
  >;
  for (const d of BREAKDOWN_DIMENSIONS) out[d] = { values: [], rest: { values: 0, impressions: 0, submits: 0 } };
  for (const r of rows) {
    const entry = out[r.dimension as BreakdownDimension];
    if (!entry) continue;
    const row = { value: r.value, impressions: Number(r.impressions), submits: Number(r.submits) };
    if (entry.values.length < BREAKDOWN_TOP) entry.values.push({ ...row, conversion: rate(row.submits, row.impressions) });
    else {
      entry.rest.values += 1;
      entry.rest.impressions += row.impressions;
      entry.rest.submits += row.submits;
    }
  }
  return out;
}
