// Statistics per widget, per site or for the whole account: impressions, clicks, leads and
// conversion per day over a chosen range, as a chart and as a table.
import { DEFAULT_STATS_ZONE, dayInZone } from '#contracts/core/timezone.js';
import { get } from '../api.js';
import type { Site, Stats, StatsDay, Widget } from '../api-types.js';
import { formatNumber, formatPercent, t } from '../i18n/i18n.js';
import { setQuery, useLocation } from '../router/router.js';
import { Loaded } from '../ui/loaded.js';
import { Page } from '../ui/page.js';
import { useApi } from '../ui/use-api.js';
import { Card } from '../ui/section.js';
import { CountsChart, RatesChart } from './chart.js';
import { BreakdownsCard } from './breakdowns-card.js';
import { CompareTable } from './compare-table.js';
import { DayTable } from './day-table.js';
import { FunnelCard } from './funnel-card.js';
import { isEmptyRange } from './rates.js';
import { RefusedCard } from './refused-card.js';

const DAY = 86_400_000;
const PRESETS = [7, 30, 90] as const;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The range's figures, in order: the totals up top and the columns of the day table. */
const count = (n: number | null) => formatNumber(n ?? 0);
const FIGURES: readonly (readonly ['impressions' | 'clicks' | 'leads' | 'conversion', (n: number | null) => string])[] = [
  ['impressions', count],
  ['clicks', count],
  ['leads', count],
  ['conversion', formatPercent],
];

/** One kind of scope in the picker, the sites or the widgets; none when there are none. */
function ScopeGroup({ label, kind, items }: { label: string; kind: 'site' | 'widget'; items: readonly { id: string; name: string }[] | undefined }) {
  if (!items?.length) return null;
  return (
    <optgroup label={label}>
      {items.map((x) => (
        <option key={x.id} value={`${kind}:${x.id}`}>
          {x.name}
        </option>
      ))}
    </optgroup>
  );
}

/** The zone the server counts the chosen scope's days in (server/src/widgets/stats/routes.ts zoneOf). */
function zoneOfScope(kind: string, id: string | undefined, sites: Site[] | undefined, widgets: Widget[] | undefined): string {
  const siteId = kind === 'site' ? id : kind === 'widget' ? widgets?.find((w) => w.id === id)?.siteId : sites?.[0]?.id;
  return sites?.find((s) => s.id === siteId)?.timezone ?? DEFAULT_STATS_ZONE;
}

export default function StatsPage() {
  const loc = useLocation();
  const q = loc.query;
  const scope = q.get('scope') ?? '';
  const lists = useApi(async (signal) => {
    const [w, s] = await Promise.all([get<{ widgets: Widget[] }>('/widgets', undefined, { signal }), get<{ sites: Site[] }>('/sites', undefined, { signal })]);
    return { widgets: w.widgets, sites: s.sites };
  }, []);
  const [kind, id] = scope.split(':') as [string, string | undefined];
  const widget = kind === 'widget' ? lists.data?.widgets.find((w) => w.id === id) : undefined;
  // "Today" is today on the site's clock: after 21:00 UTC it is already tomorrow in Moscow.
  const todayInZone = () => dayInZone(Date.now(), zoneOfScope(kind, id, lists.data?.sites, lists.data?.widgets));
  const to = q.get('to') ?? todayInZone();
  const from = q.get('from') ?? utcDay(Date.parse(`${to}T00:00:00Z`) - 29 * DAY);
  const stats = useApi((signal) => get<Stats>('/stats', { from, to, widgetId: kind === 'widget' ? id : undefined, siteId: kind === 'site' ? id : undefined }, { signal }), [scope, from, to]);
  const set = (patch: Record<string, string>) => setQuery({ scope, from, to, ...patch });
  const preset = (n: number) => {
    const today = todayInZone();
    set({ to: today, from: utcDay(Date.parse(`${today}T00:00:00Z`) - (n - 1) * DAY) });
  };
  const span = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY) + 1;

  return (
    <Page title={t('stats.title')} lead={t('stats.lead')}>
      <div class="filters">
        <div class="field">
          <label for="st-scope">{t('stats.scope')}</label>
          <select id="st-scope" class="input" value={scope} onChange={(e) => set({ scope: e.currentTarget.value })}>
            <option value="">{t('stats.allWidgets')}</option>
            <ScopeGroup label={t('stats.sites')} kind="site" items={lists.data?.sites} />
            <ScopeGroup label={t('stats.widgets')} kind="widget" items={lists.data?.widgets} />
          </select>
        </div>
        <div class="field">
          <span class="label" id="st-presets">
            {t('stats.period')}
          </span>
          <div class="segmented" role="group" aria-labelledby="st-presets">
            {PRESETS.map((n) => (
              <button key={n} type="button" aria-pressed={span === n && to === todayInZone()} onClick={() => preset(n)}>
                {t('stats.days', { n })}
              </button>
            ))}
          </div>
        </div>
        <div class="field">
          <label for="st-from">{t('leads.from')}</label>
          <input id="st-from" class="input" type="date" value={from} max={to} onChange={(e) => e.currentTarget.value && set({ from: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="st-to">{t('leads.to')}</label>
          <input id="st-to" class="input" type="date" value={to} min={from} onChange={(e) => e.currentTarget.value && set({ to: e.currentTarget.value })} />
        </div>
      </div>
      <Loaded state={stats}>
        {(data) => (
          <>
            <p class="hint">{t(kind === 'site' || kind === 'widget' ? 'stats.zoneNote' : 'stats.zoneNoteAll', { zone: data.timezone })}</p>
            <section class="metrics" aria-label={t('stats.totals')}>
              {FIGURES.map(([figure, format]) => (
                <Total key={figure} label={t(`stats.${figure}`)} value={format(data.totals[figure])} />
              ))}
            </section>
            {isEmptyRange(data.totals) ? (
              <section class="card">
                <p>{t('stats.empty')}</p>
              </section>
            ) : (
              <>
                <Card id="chart-title" title={t('stats.byDay')}>
                  <CountsChart days={data.days} />
                </Card>
                <Card id="rates-title" title={t('stats.rates')}>
                  <RatesChart days={data.days} />
                </Card>
              </>
            )}
            <DayTable
              class="card more"
              days={data.days}
              caption={t('stats.table')}
              columns={FIGURES.map(([figure, format]) => ({ label: t(`stats.${figure}`), value: (d: StatsDay) => format(d[figure]) }))}
            />
          </>
        )}
      </Loaded>
      {widget ? (
        <>
          <FunnelCard widget={widget} from={from} to={to} />
          <BreakdownsCard widgetId={widget.id} from={from} to={to} />
        </>
      ) : (
        <p class="hint">{t('stats.funnel.pickWidget')}</p>
      )}
      <CompareTable siteId={kind === 'site' ? id : undefined} from={from} to={to} />
      <RefusedCard from={from} to={to} siteId={kind === 'site' ? id : undefined} widgetId={kind === 'widget' ? id : undefined} />
    </Page>
  );
}

const Total = ({ label, value }: { label: string; value: string }) => (
  <div class="metric">
    <span class="metric-label">{label}</span>
    <span class="metric-value">{value}</span>
  </div>
);
