// The all-inclusive tariffs' monthly report by e-mail: impressions, clicks, leads and
// conversion per widget; the extended report adds the daily series and UTM sources.
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/store.js';
import type { AppDeps } from '../../deps.js';
import { DAY } from '../../platform/lib/clock.js';
import { dayInZone } from '#contracts/core/timezone.js';
import { accountStatsZone } from '../stats/zone.js';
import { utcDay } from '../stats/daily.js';
import { TARIFFS } from '../../platform/tariffs/catalogue.js';
import { tariffOf } from '../../platform/tariffs/policy.js';
import { reportMail } from './report-mail.js';

const REPORT_PERIOD_MS = 30 * DAY;

export interface WidgetReportRow {
  widgetId: string;
  /** Null for a widget deleted since: the mail names it in its own language. */
  name: string | null;
  impressions: number;
  clicks: number;
  leads: number;
  conversionPercent: number;
}

export interface Report {
  from: number;
  to: number;
  /** The zone of the report's days: the statistics page's (stats/zone.ts), so both show the same figures. */
  timezone: string;
  /** The first and last day counted, in that zone (the day `to` falls on is the next report's). */
  firstDay: string;
  lastDay: string;
  widgets: WidgetReportRow[];
  daily?: { day: string; impressions: number; clicks: number; leads: number }[];
  /** `source` null: leads with no utm_source. */
  utmSources?: { source: string | null; leads: number }[];
}

const pct = (leadsN: number, impressions: number) => (impressions === 0 ? 0 : Math.round((leadsN / impressions) * 1000) / 10);

async function buildReport(db: Db, accountId: string, from: number, to: number, extended: boolean): Promise<Report> {
  const { leads, widgetDailyStats, widgets } = db.tables;
  // The daily counters are kept by the site's day (stats/daily.ts): the period is cut on those days.
  const timezone = await accountStatsZone(db, accountId);
  const [firstDay, endDay] = [dayInZone(from, timezone), dayInZone(to, timezone)];
  const days = and(eq(widgetDailyStats.accountId, accountId), gte(widgetDailyStats.day, firstDay), lt(widgetDailyStats.day, endDay));
  // The report's three figures, summed over whatever the rows are grouped by (widget, day).
  const totals = {
    impressions: sql<number>`sum(${widgetDailyStats.impressions})`,
    clicks: sql<number>`sum(${widgetDailyStats.clicks})`,
    leads: sql<number>`sum(${widgetDailyStats.leads})`,
  };
  const perWidget = await db
    .select({ widgetId: widgetDailyStats.widgetId, ...totals })
    .from(widgetDailyStats)
    .where(days)
    .groupBy(widgetDailyStats.widgetId);
  const names = new Map(
    perWidget.length === 0
      ? []
      : (
          await db
            .select({ id: widgets.id, name: widgets.name })
            .from(widgets)
            .where(
              inArray(
                widgets.id,
                perWidget.map((w) => w.widgetId),
              ),
            )
        ).map((w) => [w.id, w.name]),
  );
  const report: Report = {
    from,
    to,
    timezone,
    firstDay,
    lastDay: utcDay(Date.parse(`${endDay}T00:00:00Z`) - DAY),
    widgets: perWidget.map((w) => ({ ...w, name: names.get(w.widgetId) ?? null, conversionPercent: pct(w.leads, w.impressions) })),
  };
  if (extended) {
    report.daily = await db
      .select({ day: widgetDailyStats.day, ...totals })
      .from(widgetDailyStats)
      .where(days)
      .groupBy(widgetDailyStats.day)
      .orderBy(widgetDailyStats.day);
    // Grouped by the whole UTM object in SQL (few distinct ones), then by utm_source here: reading
    // one key out of JSON is spelt differently on each engine.
    const byUtm = await db
      .select({ utm: leads.utm, n: sql<number>`count(*)` })
      .from(leads)
      .where(and(eq(leads.accountId, accountId), gte(leads.createdAt, from), lt(leads.createdAt, to)))
      .groupBy(leads.utm);
    const sources = new Map<string | null, number>();
    for (const { utm, n } of byUtm) {
      const source = utm.utm_source ?? null;
      sources.set(source, (sources.get(source) ?? 0) + n);
    }
    report.utmSources = [...sources].map(([source, n]) => ({ source, leads: n })).sort((a, b) => b.leads - a.leads || (a.source ?? '').localeCompare(b.source ?? ''));
  }
  return report;
}

/** Daily: each account on an all-inclusive tariff gets one report per 30 days. */
export async function runMonthlyReports(deps: AppDeps): Promise<void> {
  const { store, clock, env } = deps;
  const { db } = store;
  const { accounts, monthlyReports } = store.tables;
  const now = clock.now();
  const managed = Object.values(TARIFFS)
    .filter((t) => t.managedService)
    .map((t) => t.id);
  const due = await db.select().from(accounts).where(inArray(accounts.tariffId, managed));
  for (const account of due) {
    const lastSent = async (handle: Db) =>
      (
        await handle
          .select({ at: sql<number | null>`max(${monthlyReports.sentAt})` })
          .from(monthlyReports)
          .where(eq(monthlyReports.accountId, account.id))
      )[0]?.at ?? null;
    const isDue = (last: number | null) => now - (last ?? account.periodAnchorAt) >= REPORT_PERIOD_MS;
    if (!isDue(await lastSent(db))) continue;
    const from = now - REPORT_PERIOD_MS;
    // Every process runs this job, each with its own `now`, so the key (account, period start)
    // alone would let two of them claim the same month: the claim re-reads the last report
    // under a lock and writes only if it is still due.
    const claimed = await store.transaction(async (tx) => {
      await store.lock(tx, `monthly_reports:${account.id}`);
      if (!isDue(await lastSent(tx))) return false;
      return (await tx.insert(monthlyReports).values({ accountId: account.id, periodStart: from, sentAt: now }).onConflictDoNothing().returning()).length > 0;
    });
    if (!claimed) continue;
    const report = await buildReport(db, account.id, from, now, tariffOf(account).managedService?.report === 'extended');
    // In the account's language (its dashboard's at the last sign-in or switch).
    await deps.mail
      .send({ to: account.email, ...reportMail(report, env.BRAND_NAME, account.lang) })
      .catch((err) => deps.logger.error('report.mail_failed', { accountId: account.id, error: String(err) }));
  }
}
