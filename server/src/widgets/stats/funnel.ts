// A widget's funnel and breakdowns over a range of days (GET /api/stats/funnel, /breakdowns).
// The funnel's steps, in order: shown (impressions), interacted, started the form, submitted —
// from the runtime's beacons, each at most once per page view — and accepted as a lead (stored,
// spam taken off). Each step's rate is of the step before it, null when that one is zero.
import { and, between, eq, sql } from 'drizzle-orm';
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
  const byDay = new Map(rows.map((r) => [r.day, r]));
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
