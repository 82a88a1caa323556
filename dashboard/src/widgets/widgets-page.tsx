// Every widget with its type, site, state and last-30-days numbers; switch on/off,
// duplicate and delete right here.
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import type { Site, Widget, WidgetStats } from '../api-types.js';
import { formatNumber, formatPercent, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { setQuery, useLocation } from '../router/router.js';
import { useSession } from '../session.js';
import { Empty, Pill } from '../ui/bits.js';
import { DataTable } from '../ui/data-table.js';
import { useConfirm } from '../ui/dialog.js';
import { Icon } from '../ui/icons.js';
import { Loaded, shownData } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { useApi } from '../ui/use-api.js';
import { setActive } from './activation.js';
import { RefusalMessage } from './refusal-message.js';
import { SharedSlotsNotice } from './slot-notice.js';
import { widgetTypeName } from './type-names.js';
import { widgetState } from './widget-state.js';
import './widgets-page.css';

interface Data {
  widgets: Widget[];
  sites: Site[];
  stats: Map<string, WidgetStats>;
}

export default function WidgetsPage() {
  const { refresh } = useSession();
  const loc = useLocation();
  const siteFilter = loc.query.get('site') ?? '';
  const loaded = useApi<Data>(async (signal) => {
    const [w, s, st] = await Promise.all([
      get<{ widgets: Widget[] }>('/widgets', undefined, { signal }),
      get<{ sites: Site[] }>('/sites', undefined, { signal }),
      get<{ widgets: WidgetStats[] }>('/stats/widgets', undefined, { signal }),
    ]);
    return { widgets: w.widgets, sites: s.sites, stats: new Map(st.widgets.map((x) => [x.widgetId, x])) };
  }, []);
  const [rowError, setRowError] = useState<{ id: string; error: unknown } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, ask] = useConfirm();

  const create = (
    <Link href={siteFilter ? `/widgets/new?site=${siteFilter}` : '/widgets/new'} class="btn btn-primary">
      <Icon name="plus" /> {t('widgets.create')}
    </Link>
  );

  const toggle = async (w: Widget) => {
    setBusy(w.id);
    setRowError(null);
    try {
      const next = await setActive(w.id, !w.active);
      loaded.setData((d) => d && { ...d, widgets: d.widgets.map((x) => (x.id === w.id ? next : x)) });
      toast(next.active ? t('widgets.activated', { name: w.name }) : t('widgets.deactivated', { name: w.name }));
      void refresh();
    } catch (err) {
      setRowError({ id: w.id, error: err });
    } finally {
      setBusy(null);
    }
  };
  const duplicate = async (w: Widget) => {
    try {
      await api('POST', `/widgets/${w.id}/duplicate`);
      toast(t('widgets.duplicated', { name: w.name }));
      await loaded.reload();
    } catch (err) {
      setRowError({ id: w.id, error: err });
    }
  };
  const remove = async (w: Widget) => {
    const ok = await ask({ title: t('widgets.deleteTitle', { name: w.name }), body: <p>{t('widgets.deleteBody')}</p>, confirm: t('widgets.delete'), danger: true });
    if (!ok) return;
    try {
      await api('DELETE', `/widgets/${w.id}`);
      toast(t('widgets.deleted', { name: w.name }));
      await loaded.reload();
      void refresh();
    } catch (err) {
      setRowError({ id: w.id, error: err });
    }
  };

  const shown = shownData(loaded);
  return (
    <Page title={t('widgets.title')} lead={shown ? t('widgets.lead') : undefined} actions={shown && shown.widgets.length > 0 ? create : undefined}>
      <Loaded
        state={loaded}
        isEmpty={(d) => d.widgets.length === 0}
        empty={(d) => (
          <Empty icon="widgets" title={t('widgets.emptyTitle')}>
            <p>{d.sites.length === 0 ? t('widgets.emptyNoSite') : t('widgets.emptyText')}</p>
            {d.sites.length === 0 ? (
              <Link href="/sites" class="btn btn-primary">
                {t('sites.add')}
              </Link>
            ) : (
              create
            )}
          </Empty>
        )}
      >
        {(data) => {
          const siteName = new Map(data.sites.map((s) => [s.id, s.name]));
          return (
            <>
              {data.sites.length > 1 && (
                <div class="toolbar">
                  <label class="inline-field">
                    {t('widgets.filterSite')}{' '}
                    <select class="input" value={siteFilter} onChange={(e) => setQuery({ site: e.currentTarget.value })}>
                      <option value="">{t('common.allSites')}</option>
                      {data.sites.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
              )}
              <SharedSlotsNotice widgets={data.widgets.filter((w) => !siteFilter || w.siteId === siteFilter)} siteName={(id) => siteName.get(id) ?? '—'} />
              <DataTable
                rows={data.widgets.filter((w) => !siteFilter || w.siteId === siteFilter)}
                caption={t('widgets.tableCaption')}
                rowProps={(w) => ({ 'data-widget': w.id })}
                rowError={(w) => rowError?.id === w.id && <RefusalMessage error={rowError.error} editHref={`/widgets/${w.id}`} />}
                columns={[
                  {
                    label: t('widgets.colName'),
                    cell: (w) => (
                      <>
                        <Link href={`/widgets/${w.id}`} class="strong-link">
                          {w.name}
                        </Link>
                        <span class="sub">{widgetTypeName(w.type)}</span>
                      </>
                    ),
                  },
                  { label: t('widgets.colSite'), cell: (w) => siteName.get(w.siteId) ?? '—' },
                  {
                    label: t('widgets.colStatus'),
                    cell: (w) => {
                      const state = widgetState(w);
                      return (
                        <>
                          <div class="status-cell">
                            <button
                              type="button"
                              role="switch"
                              class="switch"
                              aria-checked={w.active}
                              aria-label={t('widgets.switchLabel', { name: w.name })}
                              disabled={busy === w.id || !!w.blocked}
                              onClick={() => void toggle(w)}
                            />
                            <Pill tone={state.tone}>{state.label}</Pill>
                          </div>
                          {state.hint && <span class="sub">{state.hint}</span>}
                          {state.wayOut && (
                            <Link href={state.wayOut.href} class="sub way-out">
                              {state.wayOut.label}
                            </Link>
                          )}
                        </>
                      );
                    },
                  },
                  { label: t('widgets.colImpressions'), class: 'num', cell: (w) => formatNumber(data.stats.get(w.id)?.impressions ?? 0) },
                  { label: t('widgets.colLeads'), class: 'num', cell: (w) => formatNumber(data.stats.get(w.id)?.leads ?? 0) },
                  { label: t('widgets.colConversion'), class: 'num', cell: (w) => formatPercent(data.stats.get(w.id)?.conversion ?? null) },
                  {
                    label: t('common.actions'),
                    actions: true,
                    cellClass: 'row-actions',
                    cell: (w) => (
                      <>
                        <Link href={`/widgets/${w.id}`} class="btn-icon" aria-label={t('widgets.editNamed', { name: w.name })} title={t('widgets.edit')}>
                          <Icon name="edit" />
                        </Link>
                        <button type="button" class="btn-icon" aria-label={t('widgets.duplicateNamed', { name: w.name })} title={t('widgets.duplicate')} onClick={() => void duplicate(w)}>
                          <Icon name="duplicate" />
                        </button>
                        <button type="button" class="btn-icon btn-icon-danger" aria-label={t('widgets.deleteNamed', { name: w.name })} title={t('widgets.delete')} onClick={() => void remove(w)}>
                          <Icon name="trash" />
                        </button>
                      </>
                    ),
                  },
                ]}
              />
              <p class="hint">{t('widgets.statsNote')}</p>
            </>
          );
        }}
      </Loaded>
      {shown && dialog}
    </Page>
  );
}
