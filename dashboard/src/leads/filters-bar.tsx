// The leads list's filter bar: search (debounced) on a line of its own, what it looks in said
// under it (a hint wraps where a placeholder was cut short on a phone, and stays while the person
// types); below it status, site, widget, the date range (the two dates as one item), reset.
import { useEffect, useState } from 'preact/hooks';
import type { Site, Widget } from '../api-types.js';
import { t } from '../i18n/i18n.js';
import { SelectField } from '../ui/fields.js';
import { Icon } from '../ui/icons.js';
import { hasFilters, NO_FILTERS, type LeadFilters } from './lead-filters.js';
import { LEAD_STATUSES, statusLabel } from './lead-status.js';

/** Search as the person types, but not a request per keystroke. */
const SEARCH_DEBOUNCE_MS = 350;

export function FiltersBar({ filters, sites, widgets, onChange }: { filters: LeadFilters; sites: Site[]; widgets: Widget[]; onChange: (f: LeadFilters) => void }) {
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);
  useEffect(() => {
    if (q === filters.q) return;
    const id = setTimeout(() => onChange({ ...filters, q, page: 1 }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(id);
  }, [q]);
  const set = (patch: Partial<LeadFilters>) => onChange({ ...filters, ...patch, page: 1 });
  const shownWidgets = widgets.filter((w) => !filters.site || w.siteId === filters.site);
  return (
    <form
      class="filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        set({ q });
      }}
    >
      <div class="field filter-search">
        <label for="lf-q">{t('leads.search')}</label>
        <div class="input-icon">
          <Icon name="search" />
          <input id="lf-q" class="input" type="search" aria-describedby="lf-q-h" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </div>
        <p class="hint" id="lf-q-h">
          {t('leads.searchHint')}
        </p>
      </div>
      <SelectField
        label={t('leads.status')}
        value={filters.status}
        onValue={(status) => set({ status })}
        options={[{ value: '', label: t('leads.allStatuses') }, ...LEAD_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))]}
      />
      <SelectField
        label={t('leads.colSite')}
        value={filters.site}
        onValue={(site) => set({ site, widget: '' })}
        options={[{ value: '', label: t('common.allSites') }, ...sites.map((s) => ({ value: s.id, label: s.name }))]}
      />
      <SelectField
        label={t('leads.colWidget')}
        value={filters.widget}
        onValue={(widget) => set({ widget })}
        options={[{ value: '', label: t('common.allWidgets') }, ...shownWidgets.map((w) => ({ value: w.id, label: w.name }))]}
      />
      {/* The two dates wrap together: "To" alone on a line of its own reads as a separate filter. */}
      <div class="filter-dates">
        <div class="field">
          <label for="lf-from">{t('leads.from')}</label>
          <input id="lf-from" class="input" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set({ from: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="lf-to">{t('leads.to')}</label>
          <input id="lf-to" class="input" type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => set({ to: e.currentTarget.value })} />
        </div>
      </div>
      {hasFilters(filters) && (
        <button type="button" class="btn btn-small filters-reset" onClick={() => onChange(NO_FILTERS)}>
          <Icon name="close" /> {t('leads.resetFilters')}
        </button>
      )}
    </form>
  );
}
