// Submissions the spam heuristics turned away, per widget and day with the reason: counts only
// (a refused submission's fields are never stored). Seen here, a widget that refuses many may
// have a problem a person trips over; each refusal also shows the visitor a countdown after
// which the form goes again, so a refusal followed by a lead is a person who got through.
import { get } from '../api.js';
import type { RefusedList } from '../api-types.js';
import { formatDay, formatNumber, t } from '../i18n/i18n.js';
import { DataTable } from '../ui/data-table.js';
import { Loaded } from '../ui/loaded.js';
import { useApi } from '../ui/use-api.js';
import { Card } from '../ui/section.js';

/** The page's scope and days: each refusal is counted on its widget's site's day, as the page's figures. */
export function RefusedCard({ from, to, siteId, widgetId }: { from: string; to: string; siteId: string | undefined; widgetId: string | undefined }) {
  const refused = useApi((signal) => get<RefusedList>('/stats/refused', { from, to, siteId, widgetId }, { signal }), [from, to, siteId, widgetId]);
  return (
    <Card id="refused-title" title={t('stats.refused.title')}>
      <p class="hint">{t('stats.refused.about')}</p>
      <Loaded state={refused} isEmpty={(d) => d.refused.length === 0} empty={<p class="muted">{t('stats.refused.none')}</p>}>
        {(data) => (
          <DataTable
            rows={data.refused}
            rowKey={(r) => `${r.day}:${r.widgetId}`}
            caption={t('stats.refused.title')}
            stack={false}
            columns={[
              { label: t('stats.day'), cell: (r) => formatDay(r.day) },
              { label: t('stats.refused.widget'), cell: (r) => r.widgetName ?? t('stats.refused.deleted') },
              { label: t('stats.refused.tooFast'), class: 'num', cell: (r) => formatNumber(r.tooFast) },
              { label: t('stats.refused.honeypot'), class: 'num', cell: (r) => formatNumber(r.honeypot) },
            ]}
          />
        )}
      </Loaded>
    </Card>
  );
}
