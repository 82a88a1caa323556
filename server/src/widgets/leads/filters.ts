// Which leads a list or export request means: one filter for both (GET /api/leads and its CSV export).
import { and, eq, gte, lte, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { leadListQuerySchema } from '#contracts/schemas/leads.js';
import type { Store } from '../../platform/db/store.js';

export type LeadFilters = Omit<z.infer<typeof leadListQuerySchema>, 'page' | 'pageSize'>;

// LIKE wildcards typed by the user are literal text.
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * The account's leads matching the dashboard's filters (site, widget, status, dates, search text). The
 * search lowers both sides, since PostgreSQL's LIKE minds case where SQLite's does not for
 * ASCII; SQLite's lower() knows only ASCII, so there Cyrillic still has to match in case, as it
 * always did. It names its escape character, which SQLite has no default for.
 */
export function leadsMatching(store: Pick<Store, 'tables' | 'sql'>, accountId: string, q: LeadFilters): SQL {
  const { leads } = store.tables;
  const contains = (text: SQL) => sql`lower(${text}) like lower(${`%${escapeLike(q.q ?? '')}%`}) escape '\\'`;
  return and(
    eq(leads.accountId, accountId),
    q.siteId ? eq(leads.siteId, q.siteId) : undefined,
    q.widgetId ? eq(leads.widgetId, q.widgetId) : undefined,
    q.status ? eq(leads.status, q.status) : undefined,
    q.from !== undefined ? gte(leads.createdAt, q.from) : undefined,
    q.to !== undefined ? lte(leads.createdAt, q.to) : undefined,
    q.q ? or(contains(store.sql.jsonText(leads.fields)), contains(sql`${leads.pageUrl}`)) : undefined,
  )!;
}
