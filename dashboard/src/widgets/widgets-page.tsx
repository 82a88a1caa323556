// Every widget with its type, site, state and last-30-days numbers; switch on/off,
// duplicate and delete right here.
import { useState } from 'preact/hooks';
import { api, get } from '../api.js';
import type { Site, Widget, WidgetStats } from '../api-types.js';
import { formatNumber, formatPercent, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { setQuery, useLocation } from '../router/router.js';
import { useSession } from '../session.js';
import { Empty, ErrorBox, Pill } from '../ui/bits.js';
import { useConfirm } from '../ui/dialog.js';
import { Icon } from '../ui/icons.js';
import { Page } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { useApi } from '../ui/use-api.js';
import { setActive } from './activation.js';
import { RefusalMessage } from './refusal-message.js';
import { SharedSlotsNotice } from './slot-notice.js';
import { widgetTypeName } from './type-names.js';
import { widgetState } from './widget-state.js';

interface Data {
  widgets: Widget[];
  sites: Site[];
  stats: Map<string, WidgetStats>;
}

export default function WidgetsPage() {
  const { refresh } = useSession();
  const loc = useLocation();
  const siteFilter = loc.query.get('site') ?? '';
  const { data, error, reload, setData } = useApi<Data>(async (signal) => {
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

  if (error) return <Page title={t('widgets.title')}><ErrorBox error={error} retry={reload} /></Page>;
  if (!data) return <Page title={t('widgets.title')}><div class="page-loading" aria-busy="true" /></Page>;

  const siteName = new Map(data.sites.map((s) => [s.id, s.name]));
  const shown = data.widgets.filter((w) => !siteFilter || w.siteId === siteFilter);

  const toggle = async (w: Widget) => {
    setBusy(w.id);
    setRowError(null);
    try {
      const next = await setActive(w.id, !w.active);
      setData((d) => d && { ...d, widgets: d.widgets.map((x) => (x.id === w.id ? next : x)) });
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
      await reload();
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
      await reload();
      void refresh();
    } catch (err) {
      setRowError({ id: w.id, error: err });
    }
  };

  return (
    <Page title={t('widgets.title')} lead={t('widgets.lead')} actions={data.widgets.length > 0 ? create : undefined}>
      {data.widgets.length === 0 ? (
        <Empty icon="widgets" title={t('widgets.emptyTitle')}>
          <p>{data.sites.length === 0 ? t('widgets.emptyNoSite') : t('widgets.emptyText')}</p>
          {data.sites.length === 0 ? (
            <Link href="/sites" class="btn btn-primary">
              {t('sites.add')}
            </Link>
          ) : (
            create
          )}
        </Empty>
      ) : (
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
          <SharedSlotsNotice widgets={shown} siteName={(id) => siteName.get(id) ?? '—'} />
          <div class="table-wrap">
            <table class="table responsive">
              <caption class="sr-only">{t('widgets.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('widgets.colName')}</th>
                  <th scope="col">{t('widgets.colSite')}</th>
                  <th scope="col">{t('widgets.colStatus')}</th>
                  <th scope="col" class="num">{t('widgets.colImpressions')}</th>
                  <th scope="col" class="num">{t('widgets.colLeads')}</th>
                  <th scope="col" class="num">{t('widgets.colConversion')}</th>
                  <th scope="col"><span class="sr-only">{t('common.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {shown.map((w) => {
                  const st = data.stats.get(w.id);
                  const state = widgetState(w);
                  return [
                    <tr key={w.id} data-widget={w.id}>
                      <td data-label={t('widgets.colName')}>
                        <Link href={`/widgets/${w.id}`} class="strong-link">
                          {w.name}
                        </Link>
                        <span class="sub">{widgetTypeName(w.type)}</span>
                      </td>
                      <td data-label={t('widgets.colSite')}>{siteName.get(w.siteId) ?? '—'}</td>
                      <td data-label={t('widgets.colStatus')}>
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
                      </td>
                      <td data-label={t('widgets.colImpressions')} class="num">{formatNumber(st?.impressions ?? 0)}</td>
                      <td data-label={t('widgets.colLeads')} class="num">{formatNumber(st?.leads ?? 0)}</td>
                      <td data-label={t('widgets.colConversion')} class="num">{formatPercent(st?.conversion ?? null)}</td>
                      <td class="row-actions">
                        <Link href={`/widgets/${w.id}`} class="btn-icon" aria-label={t('widgets.editNamed', { name: w.name })} title={t('widgets.edit')}>
                          <Icon name="edit" />
                        </Link>
                        <button type="button" class="btn-icon" aria-label={t('widgets.duplicateNamed', { name: w.name })} title={t('widgets.duplicate')} onClick={() => void duplicate(w)}>
                          <Icon name="duplicate" />
                        </button>
                        <button type="button" class="btn-icon btn-icon-danger" aria-label={t('widgets.deleteNamed', { name: w.name })} title={t('widgets.delete')} onClick={() => void remove(w)}>
                          <Icon name="trash" />
                        </button>
                      </td>
                    </tr>,
                    rowError?.id === w.id && (
                      <tr key={`${w.id}-error`} class="row-error">
                        <td colSpan={7}>
                          <RefusalMessage error={rowError.error} editHref={`/widgets/${w.id}`} />
                        </td>
                      </tr>
                    ),
                  ];
                })}
              </tbody>
            </table>
          </div>
          <p class="hint">{t('widgets.statsNote')}</p>
        </>
      )}
      {dialog}
    </Page>
  );
}
