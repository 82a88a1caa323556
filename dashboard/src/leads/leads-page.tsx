// Leads as a work list: search, filters by status, site, widget and dates, server-side paging
// (10 000 leads read like 10), a row (or Enter on it) opens the lead, arrow keys move through
// the list, CSV export of the filtered set. Destruction of chosen or all leads sits in a
// secondary menu, behind a confirmation. New and changed leads are pushed over the live
// channel; the page polls only while it is down.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, get, qs } from '../api.js';
import type { LeadPage, Site, Widget } from '../api-types.js';
import { currentLang, t, tn } from '../i18n/i18n.js';
import type { PageProps } from '../router/lazy-page.js';
import { navigate, useLocation } from '../router/router.js';
import { Empty, Notice, Pager } from '../ui/bits.js';
import { DataTable } from '../ui/data-table.js';
import { useConfirm } from '../ui/dialog.js';
import { Icon } from '../ui/icons.js';
import { Loaded } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { errorText } from '../ui/errors.js';
import { toast } from '../ui/toast.js';
import { useApi, usePolling } from '../ui/use-api.js';
import { useLiveConnected, useLiveEvent } from '../live/live-client.js';
import type { LiveLeadCreated, LiveLeadsChanged } from '#contracts/core/live.js';
import { fieldLabelsOf } from '#contracts/core/widget.js';
import { FiltersBar } from './filters-bar.js';
import { LeadDetail } from './lead-detail.js';
import { leadColumns } from './lead-columns.js';
import { apiQuery, filtersOf, hasFilters, NO_FILTERS, queryString, type LeadFilters } from './lead-filters.js';
import { MoreMenu } from './more-menu.js';
import { moveRowFocus } from './row-keys.js';
import './leads.css';

const PAGE_SIZE = 50;
/** The fallback when the live channel is down: new leads still show up within seconds. */
const POLL_MS = 8000;

export default function LeadsPage({ params }: PageProps) {
  const loc = useLocation();
  const filters = filtersOf(loc);
  const ctx = useApi(async (signal) => {
    const [w, s] = await Promise.all([get<{ widgets: Widget[] }>('/widgets', undefined, { signal }), get<{ sites: Site[] }>('/sites', undefined, { signal })]);
    return { widgets: w.widgets, sites: s.sites };
  }, []);
  const query = apiQuery(filters);
  const queryKey = JSON.stringify(query) + filters.page;
  const list = useApi((signal) => get<LeadPage>('/leads', { ...query, page: filters.page, pageSize: PAGE_SIZE }, { signal }), [queryKey]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [newer, setNewer] = useState(0);
  const [dialog, ask] = useConfirm();
  const known = useRef<Set<string>>(new Set());

  const widgets = ctx.data?.widgets ?? [];
  const sites = ctx.data?.sites ?? [];
  const labels = useMemo(() => new Map(widgets.map((w) => [w.id, fieldLabelsOf(w)])), [widgets]);
  const widgetName = useMemo(() => new Map(widgets.map((w) => [w.id, w.name])), [widgets]);
  const siteName = useMemo(() => new Map(sites.map((s) => [s.id, s.name])), [sites]);
  const go = (f: LeadFilters, push = false) => navigate(`/leads${queryString(f)}`, { replace: !push });

  useEffect(() => {
    setSelected(new Set());
    setNewer(0);
  }, [queryKey]);
  useEffect(() => {
    // Remember what was on screen, so a poll can tell the new rows apart.
    if (list.data) for (const l of list.data.leads) known.current.add(l.id);
  }, [list.data]);

  const live = useLiveConnected();
  const refresh = async () => {
    try {
      if (filters.page === 1) {
        const next = await get<LeadPage>('/leads', { ...query, page: 1, pageSize: PAGE_SIZE });
        const added = next.leads.filter((l) => !known.current.has(l.id)).map((l) => l.id);
        if (added.length > 0) {
          setFresh(new Set(added));
          toast(tn('leads.newArrived', added.length));
        }
        list.setData(next);
      } else {
        const head = await get<LeadPage>('/leads', { ...query, page: 1, pageSize: 1 });
        setNewer(Math.max(0, head.total - (list.data?.total ?? head.total)));
      }
    } catch {
      // A missed poll is harmless; the next one catches up.
    }
  };
  // The push carries ids only: the list itself is read through the API, with the page's filters.
  useLiveEvent<LiveLeadCreated>('lead.created', () => void refresh());
  // Another tab or a colleague moved a lead: the rows on screen take its new status.
  useLiveEvent<LiveLeadsChanged>('leads.changed', () => void refresh());
  usePolling(() => void refresh(), POLL_MS, !live);

  const destroy = async (body: { ids: string[] } | { widgetId: string } | { all: true }, count: number) => {
    const ok = await ask({
      title: tn('leads.deleteTitle', count),
      body: (
        <>
          <p>
            <strong>{t('leads.deleteWarn')}</strong>
          </p>
          <p>{'all' in body ? t('leads.deleteAllBody') : 'widgetId' in body ? t('leads.deleteWidgetBody', { name: widgetName.get(body.widgetId) ?? '' }) : t('leads.deleteSomeBody')}</p>
        </>
      ),
      confirm: t('leads.deleteConfirm'),
      danger: true,
    });
    if (!ok) return false;
    try {
      const { deleted } = await api<{ deleted: number }>('POST', '/leads/delete', body);
      toast(tn('leads.deleted', deleted));
      setSelected(new Set());
      await list.reload();
      return true;
    } catch (err) {
      toast(errorText(err), 'error');
      return false;
    }
  };

  const data = list.data;
  const allOnPage = data ? data.leads.map((l) => l.id) : [];
  const allChecked = allOnPage.length > 0 && allOnPage.every((id) => selected.has(id));
  const exportHref = `/api/leads/export.csv${qs({ ...query, lang: currentLang() })}`;
  const closeDetail = () => navigate(`/leads${queryString(filters)}`);
  const open = (id: string) => navigate(`/leads/${id}${queryString(filters)}`);

  return (
    <Page
      title={t('leads.title')}
      lead={data ? tn('leads.total', data.total) : undefined}
      actions={
        <a class="btn" href={exportHref} download>
          <Icon name="download" /> {t('leads.export')}
        </a>
      }
    >
      <FiltersBar filters={filters} sites={sites} widgets={widgets} onChange={(f) => go(f)} />
      {newer > 0 && (
        <Notice tone="info">
          {tn('leads.newerWaiting', newer)}{' '}
          <button type="button" class="link-button" onClick={() => go({ ...filters, page: 1 })}>
            {t('leads.showNew')}
          </button>
        </Notice>
      )}
      <Loaded
        state={list}
        isEmpty={(d) => d.total === 0}
        empty={
          hasFilters(filters) ? (
            <Empty icon="search" title={t('leads.noneFound')}>
              <button type="button" class="btn" onClick={() => go(NO_FILTERS)}>
                {t('leads.resetFilters')}
              </button>
            </Empty>
          ) : (
            <Empty icon="inbox" title={t('leads.emptyTitle')} text={t('leads.emptyText')} />
          )
        }
      >
        {(data) => (
          <>
            <div class="toolbar toolbar-between">
              <span class="muted small" aria-live="polite">
                {filters.status === 'spam' ? t('leads.spamHint') : t('leads.autoUpdate')}
              </span>
              <MoreMenu
                label={t('leads.more')}
                items={[
                  { label: t('leads.deleteSelectedMenu', { n: selected.size }), disabled: selected.size === 0, onSelect: () => void destroy({ ids: [...selected] }, selected.size) },
                  filters.widget
                    ? { label: t('leads.deleteWidgetMenu'), onSelect: () => void destroy({ widgetId: filters.widget }, data.total) }
                    : { label: t('leads.deleteAllMenu'), onSelect: () => void destroy({ all: true }, data.total) },
                ]}
              />
            </div>
            <p class="sr-only" id="leads-keys">
              {t('leads.keysHint')}
            </p>
            {/* Arrow keys move between the rows' open buttons; Enter (the button's own) opens. */}
            <div role="group" aria-describedby="leads-keys" onKeyDown={moveRowFocus}>
              <DataTable
                rows={data.leads}
                caption={t('leads.caption')}
                class="leads-table"
                rowProps={(l) => ({
                  class: fresh.has(l.id) ? 'row-fresh' : undefined,
                  'data-lead': l.id,
                  // The whole row opens the lead, except where a click means its own control.
                  onClick: (e) => {
                    if (!(e.target as Element).closest('a, button, input, label, select, textarea')) open(l.id);
                  },
                })}
                columns={leadColumns({
                  allChecked,
                  onCheckAll: (on) => setSelected(on ? new Set(allOnPage) : new Set()),
                  isChecked: (l) => selected.has(l.id),
                  onCheck: (l, on) => {
                    const next = new Set(selected);
                    if (on) next.add(l.id);
                    else next.delete(l.id);
                    setSelected(next);
                  },
                  widgetName: (l) => widgetName.get(l.widgetId) ?? t('leads.deletedWidget'),
                  siteName: (l) => siteName.get(l.siteId) ?? '—',
                  onOpen: (l) => open(l.id),
                })}
              />
            </div>
            <Pager page={filters.page} pageSize={PAGE_SIZE} total={data.total} onPage={(page) => go({ ...filters, page }, true)} />
          </>
        )}
      </Loaded>
      {params.id && (
        <LeadDetail
          id={params.id}
          widgets={widgets}
          sites={sites}
          labels={labels}
          onClose={closeDetail}
          onChanged={() => void refresh()}
          onDelete={async (lead) => {
            if (await destroy({ ids: [lead.id] }, 1)) closeDetail();
          }}
        />
      )}
      {dialog}
    </Page>
  );
}
