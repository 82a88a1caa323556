// One widget's impressions and submissions split by device, page (top 10 and the rest), traffic
// source and new or returning visitor (GET /api/stats/breakdowns): a table per dimension.
import { get } from '../api.js';
import type { StatsBreakdowns } from '../api-types.js';
import { formatNumber, formatPercent, type Key, t } from '../i18n/i18n.js';
import { DataTable } from '../ui/data-table.js';
import { Loaded } from '../ui/loaded.js';
import { useApi } from '../ui/use-api.js';
import { Card } from '../ui/section.js';
import { type BreakdownRow, breakdownRows, type Dimension } from './breakdown-view.js';

const DIMENSIONS: [Dimension, Key][] = [
  ['device', 'stats.bd.device'],
  ['path', 'stats.bd.path'],
  ['source', 'stats.bd.source'],
  ['visitor', 'stats.bd.visitor'],
];

export function BreakdownsCard({ widgetId, from, to }: { widgetId: string; from: string; to: string }) {
  const state = useApi((signal) => get<StatsBreakdowns>('/stats/breakdowns', { widgetId, from, to }, { signal }), [widgetId, from, to]);
  const nothing = (d: StatsBreakdowns) => Object.values(d.dimensions).every((x) => x.values.length === 0);
  return (
    <Card id="bd-title" title={t('stats.bd.title')}>
      <Loaded state={state} isEmpty={nothing} empty={<p>{t('stats.bd.empty')}</p>}>
        {(data) => (
          <>
            <p class="hint">{t('stats.bd.about')}</p>
            <div class="breakdowns">
              {DIMENSIONS.map(([dimension, title]) => {
                const rows = breakdownRows(dimension, data.dimensions[dimension]);
                return (
                  <section key={dimension} class="breakdown" aria-labelledby={`bd-${dimension}`}>
                    <h3 id={`bd-${dimension}`}>{t(title)}</h3>
                    {rows.length === 0 ? (
                      <p class="muted">{t('stats.bd.none')}</p>
                    ) : (
                      <DataTable
                        rows={rows}
                        rowKey={(r: BreakdownRow) => r.key}
                        caption={t(title)}
                        columns={[
                          { label: t(title), cell: (r: BreakdownRow) => r.label, cellClass: 'break' },
                          { label: t('stats.impressions'), class: 'num', cell: (r: BreakdownRow) => formatNumber(r.impressions) },
                          { label: t('stats.bd.share'), class: 'num', cell: (r: BreakdownRow) => formatPercent(r.share) },
                          { label: t('stats.bd.submits'), class: 'num', cell: (r: BreakdownRow) => formatNumber(r.submits) },
                          { label: t('stats.bd.conversion'), class: 'num', cell: (r: BreakdownRow) => formatPercent(r.conversion) },
                        ]}
                      />
                    )}
                  </section>
                );
              })}
            </div>
          </>
        )}
      </Loaded>
    </Card>
  );
}
