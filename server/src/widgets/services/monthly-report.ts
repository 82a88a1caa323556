// The all-inclusive tariffs' monthly report by e-mail: impressions, clicks, leads and
// conversion per widget; the extended report adds the daily series and UTM sources.
import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { accounts, leads, monthlyReports, widgetDailyStats, widgets } from '../../platform/db/schema/index.js';
import type { AppDeps } from '../../deps.js';
import { DAY } from '../../platform/lib/clock.js';
import { utcDay } from '../stats/daily.js';
import { TARIFFS } from '../../platform/tariffs/catalogue.js';
import { tariffOf } from '../../platform/tariffs/policy.js';

const REPORT_PERIOD_MS = 30 * DAY;

export interface WidgetReportRow {
  widgetId: string;
  name: string;
  impressions: number;
  clicks: number;
  leads: number;
  conversionPercent: number;
}

export interface Report {
  from: number;
  to: number;
  widgets: WidgetReportRow[];
  daily?: { day: string; impressions: number; clicks: number; leads: number }[];
  utmSources?: { source: string; leads: number }[];
}

const pct = (leadsN: number, impressions: number) => (impressions === 0 ? 0 : Math.round((leadsN / impressions) * 1000) / 10);

function buildReport(db: Db, accountId: string, from: number, to: number, extended: boolean): Report {
  const days = and(eq(widgetDailyStats.accountId, accountId), gte(widgetDailyStats.day, utcDay(from)), lt(widgetDailyStats.day, utcDay(to)));
  const perWidget = db
    .select({
      widgetId: widgetDailyStats.widgetId,
      impressions: sql<number>`sum(${widgetDailyStats.impressions})`,
      clicks: sql<number>`sum(${widgetDailyStats.clicks})`,
      leads: sql<number>`sum(${widgetDailyStats.leads})`,
    })
    .from(widgetDailyStats)
    .where(days)
    .groupBy(widgetDailyStats.widgetId)
    .all();
  const names = new Map(
    perWidget.length === 0 ? [] : db.select({ id: widgets.id, name: widgets.name }).from(widgets).where(inArray(widgets.id, perWidget.map((w) => w.widgetId))).all().map((w) => [w.id, w.name]),
  );
  const report: Report = {
    from,
    to,
    widgets: perWidget.map((w) => ({ ...w, name: names.get(w.widgetId) ?? '(удалён)', conversionPercent: pct(w.leads, w.impressions) })),
  };
  if (extended) {
    report.daily = db
      .select({ day: widgetDailyStats.day, impressions: sql<number>`sum(${widgetDailyStats.impressions})`, clicks: sql<number>`sum(${widgetDailyStats.clicks})`, leads: sql<number>`sum(${widgetDailyStats.leads})` })
      .from(widgetDailyStats)
      .where(days)
      .groupBy(widgetDailyStats.day)
      .orderBy(widgetDailyStats.day)
      .all();
    const source = sql<string>`coalesce(json_extract(${leads.utm}, '$.utm_source'), '(без метки)')`;
    report.utmSources = db
      .select({ source, leads: sql<number>`count(*)` })
      .from(leads)
      .where(and(eq(leads.accountId, accountId), gte(leads.createdAt, from), lt(leads.createdAt, to)))
      .groupBy(source)
      .orderBy(desc(sql`count(*)`))
      .all();
  }
  return report;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

function reportHtml(report: Report, brand: string): string {
  const rows = report.widgets.map((w) => `<tr><td>${esc(w.name)}</td><td>${w.impressions}</td><td>${w.clicks}</td><td>${w.leads}</td><td>${w.conversionPercent} %</td></tr>`).join('');
  const daily = report.daily?.map((d) => `<tr><td>${d.day}</td><td>${d.impressions}</td><td>${d.clicks}</td><td>${d.leads}</td></tr>`).join('');
  const utm = report.utmSources?.map((u) => `<tr><td>${esc(u.source)}</td><td>${u.leads}</td></tr>`).join('');
  return `<h1>${esc(brand)}: отчёт с ${utcDay(report.from)} по ${utcDay(report.to - 1)}</h1>
<table border="1" cellpadding="4"><tr><th>Виджет</th><th>Показы</th><th>Клики</th><th>Заявки</th><th>Конверсия</th></tr>${rows || '<tr><td colspan="5">Нет данных</td></tr>'}</table>
${daily !== undefined ? `<h2>По дням</h2><table border="1" cellpadding="4"><tr><th>День</th><th>Показы</th><th>Клики</th><th>Заявки</th></tr>${daily}</table>` : ''}
${utm !== undefined ? `<h2>Источники заявок (utm_source)</h2><table border="1" cellpadding="4"><tr><th>Источник</th><th>Заявки</th></tr>${utm}</table>` : ''}`;
}

function reportText(report: Report): string {
  return report.widgets.map((w) => `${w.name}: показы ${w.impressions}, клики ${w.clicks}, заявки ${w.leads}, конверсия ${w.conversionPercent} %`).join('\n') || 'Нет данных за период.';
}

/** Daily: each account on an all-inclusive tariff gets one report per 30 days. */
export async function runMonthlyReports(deps: AppDeps): Promise<void> {
  const { db, clock, env } = deps;
  const now = clock.now();
  const managed = Object.values(TARIFFS).filter((t) => t.managedService).map((t) => t.id);
  const due = db.select().from(accounts).where(inArray(accounts.tariffId, managed)).all();
  for (const account of due) {
    const last = db.select({ at: sql<number>`max(${monthlyReports.sentAt})` }).from(monthlyReports).where(eq(monthlyReports.accountId, account.id)).get()?.at;
    const since = last ?? account.periodAnchorAt;
    if (now - since < REPORT_PERIOD_MS) continue;
    const from = now - REPORT_PERIOD_MS;
    const claimed = db.insert(monthlyReports).values({ accountId: account.id, periodStart: from, sentAt: now }).onConflictDoNothing().returning().get();
    if (!claimed) continue;
    const report = buildReport(db, account.id, from, now, tariffOf(account).managedService?.report === 'extended');
    await deps.mailer
      .send({ to: account.email, subject: `${env.BRAND_NAME}: отчёт за 30 дней`, text: reportText(report), html: reportHtml(report, env.BRAND_NAME) })
      .catch((err) => deps.logger.error('report.mail_failed', { accountId: account.id, error: String(err) }));
  }
}
