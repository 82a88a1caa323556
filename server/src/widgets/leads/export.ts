// GET /api/leads/export.csv: the filtered leads as a CSV that Russian Excel opens as it is —
// UTF-8 with a BOM (without it Excel guesses cp1251), ";" between values (Excel in the Russian
// locale splits on it, "," being the decimal separator), CRLF line ends, and one rule for cells
// a spreadsheet would take for formulas (csvSafeCell): "=HYPERLINK(...)" gets a leading ', a
// phone "+79031112233" stays as it is, so it imports as a phone.
import { assertOwned } from '../../platform/db/owned.js';
import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { leadsMatching } from './filters.js';
import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { leadListQuerySchema } from '#contracts/schemas/leads.js';
import { leadFieldsOf } from '#contracts/core/widget.js';
import { csvSafeCell, type LeadStatus } from '#contracts/core/leads.js';
import type { Store } from '../../platform/db/store.js';
import type { AuthedEnv } from '../../deps.js';
import { readQuery } from '../../platform/lib/json-body.js';
import { variantLabels } from '../ab/variant-labels.js';

export const exportQuerySchema = leadListQuerySchema.omit({ page: true, pageSize: true }).extend({
  /** Language of the header row and of yes/no; the data stays as the visitor typed it. */
  lang: z.enum(['ru', 'en']).default('ru'),
});

const HEADERS = {
  ru: {
    date: 'Дата',
    tz: 'Часовой пояс',
    site: 'Сайт',
    widget: 'Виджет',
    status: 'Статус',
    note: 'Заметка',
    page: 'Страница',
    referrer: 'Откуда пришёл',
    marketing: 'Согласие на рассылку',
    variant: 'Вариант A/B-теста',
    id: 'ID заявки',
    yes: 'да',
    no: 'нет',
  },
  en: {
    date: 'Date',
    tz: 'Time zone',
    site: 'Site',
    widget: 'Widget',
    status: 'Status',
    note: 'Note',
    page: 'Page',
    referrer: 'Referrer',
    marketing: 'Marketing consent',
    variant: 'A/B test variant',
    id: 'Lead ID',
    yes: 'yes',
    no: 'no',
  },
} as const;
const STATUS_TEXT: Record<'ru' | 'en', Record<LeadStatus, string>> = {
  ru: { new: 'новая', in_progress: 'в работе', done: 'готово', spam: 'спам' },
  en: { new: 'new', in_progress: 'in progress', done: 'done', spam: 'spam' },
};
const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term'] as const;
/** Rows read and written per step: memory stays flat however many leads an account has. */
const BATCH = 1000;

// quote_record_delimiter: with a custom record delimiter csv-stringify stops quoting a lone
// "\n" by default, and a multi-line comment would then split its row in two. Formulas are
// neutralised by csvSafeCell on every cell, not by csv-stringify's escape_formulas, which
// would quote a phone's "+" as well and make it text.
const CSV_OPTIONS = { delimiter: ';', record_delimiter: 'windows', quote_record_delimiter: true } as const;
const safeRecords = (records: string[][]) => records.map((r) => r.map(csvSafeCell));

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
 * (oldest widget first), then keys only deleted widgets had (in the order they first came).
 */
async function fieldColumns(store: Store, accountId: string, where: SQL): Promise<{ key: string; label: string }[]> {
  const { db } = store;
  const { leads, widgets } = store.tables;
  const widgetIds = (await db.selectDistinct({ id: leads.widgetId }).from(leads).where(where)).map((r) => r.id);
  const columns = new Map<string, string>();
  if (widgetIds.length > 0) {
    const defs = await db
      .select({ type: widgets.type, definition: widgets.definition })
      .from(widgets)
      .where(and(eq(widgets.accountId, accountId), inArray(widgets.id, widgetIds)))
      .orderBy(asc(widgets.createdAt));
    for (const w of defs) {
      for (const f of leadFieldsOf({ type: w.type, content: w.definition.content })) if (!columns.has(f.key)) columns.set(f.key, f.label || f.key);
    }
  }
  const keys = await db.rows<{ key: string }>(sql`select j.key as key from ${leads}, ${store.sql.jsonKeys(leads.fields)} where ${where} group by j.key order by min(${leads.createdAt}), j.key`);
  for (const { key } of keys) if (!columns.has(key)) columns.set(key, key);
  return [...columns].map(([key, label]) => ({ key, label }));
}

export async function exportLeadsCsv(c: Context<AuthedEnv>, store: Store, today: string) {
  const { db } = store;
  const { leads, sites, widgets } = store.tables;
  const { lang, ...filters } = readQuery(c, exportQuerySchema);
  const h = HEADERS[lang];
  const accountId = c.get('account').id;
  // A filter naming another account's site or widget is "not found", as everywhere else.
  await assertOwned(db, sites, 'Site', accountId, filters.siteId);
  await assertOwned(db, widgets, 'Widget', accountId, filters.widgetId);
  const where = leadsMatching(store, accountId, filters);
  const columns = await fieldColumns(store, accountId, where);
  const siteRows = await db.select({ id: sites.id, name: sites.name, tz: sites.timezone }).from(sites).where(eq(sites.accountId, accountId));
  const siteById = new Map(siteRows.map((s) => [s.id, s]));
  const widgetNames = new Map((await db.select({ id: widgets.id, name: widgets.name }).from(widgets).where(eq(widgets.accountId, accountId))).map((w) => [w.id, w.name]));
  const labels = await variantLabels(db, accountId);
  const cell = (v: string | boolean | undefined) => (v === undefined ? '' : typeof v === 'boolean' ? (v ? h.yes : h.no) : v);

  const header = [h.date, h.tz, h.site, h.widget, h.status, ...columns.map((col) => col.label), h.note, h.page, h.referrer, ...UTM_KEYS, h.marketing, h.variant, h.id];
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="leads-${today}.csv"`);
  // Personal data: never kept by a shared cache or the browser's disk cache.
  c.header('Cache-Control', 'no-store');
  return stream(c, async (out) => {
    await out.write(stringify(safeRecords([header]), { ...CSV_OPTIONS, bom: true }));
    // Keyset paging (newest first, like the list): OFFSET would rescan every earlier row.
    let after: { createdAt: number; id: string } | undefined;
    for (;;) {
      const rows = await db
        .select()
        .from(leads)
        .where(and(where, after ? or(lt(leads.createdAt, after.createdAt), and(eq(leads.createdAt, after.createdAt), lt(leads.id, after.id))) : undefined))
        .orderBy(desc(leads.createdAt), desc(leads.id))
        .limit(BATCH);
      if (rows.length === 0) break;
      const records = rows.map((l) => {
        const site = siteById.get(l.siteId);
        const tz = site?.tz ?? 'Europe/Moscow';
        return [
          localTime(l.createdAt, tz),
          tz,
          site?.name ?? l.siteId,
          widgetNames.get(l.widgetId) ?? l.widgetId,
          STATUS_TEXT[lang][l.status],
          ...columns.map((col) => cell(l.fields[col.key])),
          l.note,
          l.pageUrl ?? '',
          l.referrer ?? '',
          ...UTM_KEYS.map((k) => l.utm[k] ?? ''),
          cell(l.marketingConsent),
          // The label while the test runs; an ended test's variant by its id.
          l.variantId ? (labels.get(l.variantId) ?? l.variantId) : '',
          l.id,
        ];
      });
      await out.write(stringify(safeRecords(records), CSV_OPTIONS));
      const last = rows.at(-1)!;
      after = { createdAt: last.createdAt, id: last.id };
      if (rows.length < BATCH) break;
    }
  });
}
