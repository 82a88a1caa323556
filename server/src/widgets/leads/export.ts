// GET /api/leads/export.csv: the filtered leads as a CSV that Russian Excel opens as it is —
// UTF-8 with a BOM (without it Excel guesses cp1251), ";" between values (Excel in the Russian
// locale splits on it, "," being the decimal separator), CRLF line ends, and cells that start
// with = + - @ prefixed with ' so a visitor's "=HYPERLINK(...)" is text, not a formula.
import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { leadsMatching } from './filters.js';
import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { leadListQuerySchema } from '#contracts/schemas/leads.js';
import { leadFieldsOf } from '#contracts/core/widget.js';
import type { Db } from '../../platform/db/client.js';
import { leads, sites, widgets } from '../../platform/db/schema/index.js';
import type { AuthedEnv } from '../../deps.js';
import { notFound } from '../../platform/lib/errors.js';
import { readQuery } from '../../platform/lib/json-body.js';

const exportQuerySchema = leadListQuerySchema.omit({ page: true, pageSize: true }).extend({
  /** Language of the header row and of yes/no; the data stays as the visitor typed it. */
  lang: z.enum(['ru', 'en']).default('ru'),
});

const HEADERS = {
  ru: { date: 'Дата', tz: 'Часовой пояс', site: 'Сайт', widget: 'Виджет', page: 'Страница', referrer: 'Откуда пришёл', marketing: 'Согласие на рассылку', id: 'ID заявки', yes: 'да', no: 'нет' },
  en: { date: 'Date', tz: 'Time zone', site: 'Site', widget: 'Widget', page: 'Page', referrer: 'Referrer', marketing: 'Marketing consent', id: 'Lead ID', yes: 'yes', no: 'no' },
} as const;
const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term'] as const;
/** Rows read and written per step: memory stays flat however many leads an account has. */
const BATCH = 1000;

// quote_record_delimiter: with a custom record delimiter csv-stringify stops quoting a lone
// "\n" by default, and a multi-line comment would then split its row in two.
const CSV_OPTIONS = { delimiter: ';', record_delimiter: 'windows', quote_record_delimiter: true, escape_formulas: true } as const;

/** "22.11.2026 14:05" on the site's clock: the form Russian Excel reads as a date. */
function localTime(ms: number, tz: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('ru-RU', { timeZone: tz, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(ms)
      .map((x) => [x.type, x.value]),
  );
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`;
}

/**
 * Field columns in the order visitors met them: the fields of each widget that has leads here
 * (oldest widget first), then keys only deleted widgets had.
 */
function fieldColumns(db: Db, accountId: string, where: SQL): { key: string; label: string }[] {
  const widgetIds = db.selectDistinct({ id: leads.widgetId }).from(leads).where(where).all().map((r) => r.id);
  const columns = new Map<string, string>();
  if (widgetIds.length > 0) {
    const defs = db
      .select({ type: widgets.type, definition: widgets.definition })
      .from(widgets)
      .where(and(eq(widgets.accountId, accountId), inArray(widgets.id, widgetIds)))
      .orderBy(asc(widgets.createdAt))
      .all();
    for (const w of defs) {
      for (const f of leadFieldsOf({ type: w.type, content: w.definition.content })) if (!columns.has(f.key)) columns.set(f.key, f.label || f.key);
    }
  }
  const keys = db.all<{ key: string }>(sql`select distinct j.key as key from ${leads}, json_each(${leads.fields}) as j where ${where}`);
  for (const { key } of keys) if (!columns.has(key)) columns.set(key, key);
  return [...columns].map(([key, label]) => ({ key, label }));
}

export function exportLeadsCsv(c: Context<AuthedEnv>, db: Db, today: string) {
  const { lang, ...filters } = readQuery(c, exportQuerySchema);
  const h = HEADERS[lang];
  const accountId = c.get('account').id;
  // A filter naming another account's site or widget is "not found", as everywhere else.
  if (filters.siteId && !db.select({ id: sites.id }).from(sites).where(and(eq(sites.id, filters.siteId), eq(sites.accountId, accountId))).get()) throw notFound('Site');
  if (filters.widgetId && !db.select({ id: widgets.id }).from(widgets).where(and(eq(widgets.id, filters.widgetId), eq(widgets.accountId, accountId))).get()) throw notFound('Widget');
  const where = leadsMatching(accountId, filters);
  const columns = fieldColumns(db, accountId, where);
  const siteRows = db.select({ id: sites.id, name: sites.name, tz: sites.timezone }).from(sites).where(eq(sites.accountId, accountId)).all();
  const siteById = new Map(siteRows.map((s) => [s.id, s]));
  const widgetNames = new Map(db.select({ id: widgets.id, name: widgets.name }).from(widgets).where(eq(widgets.accountId, accountId)).all().map((w) => [w.id, w.name]));
  const cell = (v: string | boolean | undefined) => (v === undefined ? '' : typeof v === 'boolean' ? (v ? h.yes : h.no) : v);

  const header = [h.date, h.tz, h.site, h.widget, ...columns.map((col) => col.label), h.page, h.referrer, ...UTM_KEYS, h.marketing, h.id];
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="leads-${today}.csv"`);
  // Personal data: never kept by a shared cache or the browser's disk cache.
  c.header('Cache-Control', 'no-store');
  return stream(c, async (out) => {
    await out.write(stringify([header], { ...CSV_OPTIONS, bom: true }));
    // Keyset paging (newest first, like the list): OFFSET would rescan every earlier row.
    let after: { createdAt: number; id: string } | undefined;
    for (;;) {
      const rows = db
        .select()
        .from(leads)
        .where(and(where, after ? or(lt(leads.createdAt, after.createdAt), and(eq(leads.createdAt, after.createdAt), lt(leads.id, after.id))) : undefined))
        .orderBy(desc(leads.createdAt), desc(leads.id))
        .limit(BATCH)
        .all();
      if (rows.length === 0) break;
      const records = rows.map((l) => {
        const site = siteById.get(l.siteId);
        const tz = site?.tz ?? 'Europe/Moscow';
        return [
          localTime(l.createdAt, tz),
          tz,
          site?.name ?? l.siteId,
          widgetNames.get(l.widgetId) ?? l.widgetId,
          ...columns.map((col) => cell(l.fields[col.key])),
          l.pageUrl ?? '',
          l.referrer ?? '',
          ...UTM_KEYS.map((k) => l.utm[k] ?? ''),
          cell(l.marketingConsent),
          l.id,
        ];
      });
      await out.write(stringify(records, CSV_OPTIONS));
      const last = rows.at(-1)!;
      after = { createdAt: last.createdAt, id: last.id };
      if (rows.length < BATCH) break;
    }
  });
}
