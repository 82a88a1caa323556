// Platform totals for the operator: accounts, widgets served, impressions, leads, the visits the
// "made with" badge brought in 30 days, revenue.
import { get } from '../api.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { Loaded } from '../ui/loaded.js';
import { useApi } from '../ui/use-api.js';
import { formatKopecks } from '../billing/billing-text.js';
import { AdminPage } from './admin-frame.js';
import type { PlatformTotals } from './admin-types.js';

export default function OverviewPage() {
  const totals = useApi((signal) => get<PlatformTotals>('/admin/stats', undefined, { signal }), []);
  const metric = (label: string, value: string) => (
    <div class="metric">
      <span class="metric-label">{label}</span>
      <span class="metric-value">{value}</span>
    </div>
  );
  return (
    <AdminPage title={t('admin.title')} lead={t('admin.lead')}>
      <Loaded state={totals}>
        {(data) => (
          <section class="metrics" aria-label={t('admin.totals')}>
            {metric(t('admin.totals.accounts'), formatNumber(data.accounts))}
            {metric(t('admin.totals.activeWidgets'), formatNumber(data.activeWidgets))}
            {metric(t('admin.totals.impressions'), formatNumber(data.impressions))}
            {metric(t('admin.totals.leads'), formatNumber(data.leads))}
            {metric(t('admin.totals.badgeVisits'), formatNumber(data.badgeVisits))}
            {metric(t('admin.totals.revenue'), formatKopecks(data.revenueKopecks))}
          </section>
        )}
      </Loaded>
    </AdminPage>
  );
}
