// The leads list's filters: read from the URL, sent to the API as whole local days, written back.
import { describe, expect, it } from 'vitest';
import { apiQuery, filtersOf, hasFilters, queryString, type LeadFilters } from './lead-filters.js';

const at = (search: string) => filtersOf({ path: '/leads', query: new URLSearchParams(search) });
const none: LeadFilters = { q: '', status: '', site: '', widget: '', from: '', to: '', page: 1 };

describe('lead filters', () => {
  it('read every filter from the query, defaulting to none and page 1', () => {
    expect(at('')).toEqual(none);
    expect(at('q=Мария&status=new&site=site_1&widget=wdg_2&from=2026-11-01&to=2026-11-30&page=3')).toEqual({
      q: 'Мария',
      status: 'new',
      site: 'site_1',
      widget: 'wdg_2',
      from: '2026-11-01',
      to: '2026-11-30',
      page: 3,
    });
  });

  it('a page that is not a positive number reads as the first', () => {
    for (const page of ['0', '-2', 'abc', '']) expect(at(`page=${page}`).page).toBe(1);
  });

  it('ask the API for whole days on the licensee’s clock: from midnight to the last millisecond', () => {
    const q = apiQuery({ ...none, from: '2026-11-01', to: '2026-11-01' });
    expect(q.from).toBe(new Date(2026, 10, 1).getTime());
    expect(q.to).toBe(new Date(2026, 10, 2).getTime() - 1);
  });

  it('send no empty values, and a trimmed search', () => {
    expect(apiQuery(none)).toEqual({ q: undefined, status: undefined, siteId: undefined, widgetId: undefined, from: undefined, to: undefined });
    expect(apiQuery({ ...none, q: '  +7 916  ', site: 'site_1' })).toMatchObject({ q: '+7 916', siteId: 'site_1' });
    expect(apiQuery({ ...none, q: '   ' }).q).toBeUndefined();
  });

  it('write back a query string without empty filters and without page 1; it reads back the same', () => {
    expect(queryString(none)).toBe('');
    expect(queryString({ ...none, page: 1, site: 'site_1' })).toBe('?site=site_1');
    const all: LeadFilters = { q: 'Иван & Ко', status: 'in_progress', site: 's', widget: 'w', from: '2026-01-01', to: '2026-01-31', page: 2 };
    expect(at(queryString(all).slice(1))).toEqual(all);
  });

  it('know whether anything is filtered (the page is not)', () => {
    expect(hasFilters(none)).toBe(false);
    expect(hasFilters({ ...none, page: 4 })).toBe(false);
    for (const k of ['q', 'status', 'site', 'widget', 'from', 'to'] as const) expect(hasFilters({ ...none, [k]: 'x' })).toBe(true);
  });
});
