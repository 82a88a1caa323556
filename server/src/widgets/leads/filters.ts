// Which leads a list or export request means: one filter for both (GET /api/leads and its CSV export).
import { and, eq, gte, like, lte, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { leadListQuerySchema } from '#contracts/schemas/leads.js';
import { leads } from '../../platform/db/schema/index.js';

export type LeadFilters = Omit<z.infer<typeof leadListQuerySchema>, 'page' | 'pageSize'>;

// LIKE wildcards typed by the user are literal text.
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The account's leads matching the dashboard's filters (site, widget, dates, search text). */
export function leadsMatching(accountId: string, q: LeadFilters): SQL {
  return and(
    eq(leads.accountId, accountId),
    q.siteId ? eq(leads.siteId, q.siteId) : undefined,
    q.widgetId ? eq(leads.widgetId, q.widgetId) : undefined,
    q.from !== undefined ? gte(leads.createdAt, q.from) : undefined,
    q.to !== undefined ? lte(leads.createdAt, q.to) : undefined,
    q.q ? or(sql`${leads.fields} like ${`%${escapeLike(q.q)}%`} escape '\\'`, like(leads.pageUrl, `%${escapeLike(q.q)}%`)) : undefined,
  )!;
}
