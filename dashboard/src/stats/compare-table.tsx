// The site's widgets side by side over the chosen range, against the range of equal length
// before it (GET /api/stats/compare): which widget earns leads.
import { get, qs } from '../api.js';
import type { StatsCompare } from '../api-types.js';
import { formatDay, formatNumber, formatPercent, t } from '../i18n/i18n.js';
import { Link } from '../router/link.js';
import { DataTable } from '../ui/data-table.js';
import { Loaded } from '../ui/loaded.js';
import { useApi } from '../ui/use-api.js';
import { Card } from '../ui/section.js';

type Row = StatsCompare['widgets'][number];

/** "+12 %" / "−3 %", or a dash when there was nothing before to compare with. */
const change = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${formatPercent(x)}`);
/** Conversion moves in percentage points: "+1,5 п. п." reads right where "+100 %" would not. */
const points = (x: number | null) => (x === null ? '—' : t('stats.compare.points', { n: `${x > 0 ? '+' : ''}${formatNumber(Math.round(x * 1000) / 10)}` }));

export function CompareTable({ siteId, from, to }: { siteId: string | undefined; from: string; to: string }) {
  const state = useApi((signal) => get<StatsCompare>('/stats/compare', { siteId, from, to }, { signal }), [siteId, from, to]);
  return (
    <Card id="compare-title" title={t('stats.compare.title')}>
      <Loaded state={state} isEmpty={(d) => d.widgets.length === 0} empty={<p class="hint">{t('stats.compare.empty')}</p>}>
        {(data) => (
          <>
            <p class="hint">{t('stats.compare.against', { from: formatDay(data.previousFrom), to: formatDay(data.previousTo) })}</p>
            <DataTable
              rows={data.widgets}
              caption={t('stats.compare.title')}
              columns={[
                // The name opens the widget's own figures: its funnel and breakdowns over the same days.
                { label: t('stats.compare.widget'), cell: (w: Row) => <Link href={`/stats${qs({ scope: `widget:${w.id}`, from, to })}`}>{w.name}</Link> },
                { label: t('stats.impressions'), class: 'num', cell: (w: Row) => `${formatNumber(w.impressions)} (${change(w.change.impressions)})` },
                { label: t('stats.leads'), class: 'num', cell: (w: Row) => `${formatNumber(w.leads)} (${change(w.change.leads)})` },
                { label: t('stats.conversion'), class: 'num', cell: (w: Row) => `${formatPercent(w.conversion)} (${points(w.change.conversionPoints)})` },
              ]}
            />
          </>
        )}
      </Loaded>
    </Card>
  );
}
