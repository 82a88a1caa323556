// The leads list's filters live in the URL (shareable, and Back restores them). Dates are
// whole days on the licensee's clock, sent to the API as an inclusive range of instants.
import type { AppLocation } from '../router/router.js';

export interface LeadFilters {
  q: string;
  /** A status of contracts/core/leads.ts, or '' for all. */
  status: string;
  site: string;
  widget: string;
  from: string;
  to: string;
  page: number;
}

export function filtersOf(loc: AppLocation): LeadFilters {
  const q = loc.query;
  return {
    q: q.get('q') ?? '',
    status: q.get('status') ?? '',
    site: q.get('site') ?? '',
    widget: q.get('widget') ?? '',
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
    page: Math.max(1, Number(q.get('page')) || 1),
  };
}

const dayStart = (d: string) => (d ? new Date(`${d}T00:00:00`).getTime() : undefined);
const dayEnd = (d: string) => (d ? new Date(`${d}T23:59:59.999`).getTime() : undefined);

/** The API's query for these filters (page and size added by the caller). */
export function apiQuery(f: LeadFilters) {
  return { q: f.q.trim() || undefined, status: f.status || undefined, siteId: f.site || undefined, widgetId: f.widget || undefined, from: dayStart(f.from), to: dayEnd(f.to) };
}

/** The filters as this page's query string (without the page when it is the first). */
export function queryString(f: LeadFilters): string {
  const p = new URLSearchParams();
  for (const k of ['q', 'status', 'site', 'widget', 'from', 'to'] as const) if (f[k]) p.set(k, f[k]);
  if (f.page > 1) p.set('page', String(f.page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const hasFilters = (f: LeadFilters) => !!(f.q || f.status || f.site || f.widget || f.from || f.to);

export const NO_FILTERS: LeadFilters = { q: '', status: '', site: '', widget: '', from: '', to: '', page: 1 };
