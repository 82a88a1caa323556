// A project's last 30 UTC days: messages and peak connections as a chart, and as a table
// with the refused messages and connections beside them.
import { formatNumber, t } from '../i18n/i18n.js';
import { DayTable } from '../stats/day-table.js';
import { UsageChart } from './usage-chart.js';
import type { RtStats } from './types.js';

export function StatsCard({ stats }: { stats: RtStats | undefined }) {
  return (
    <section class="card" aria-labelledby="rt-stats-title">
      <h2 id="rt-stats-title">{t('rtp.statsTitle')}</h2>
      {!stats ? (
        <div class="page-loading" aria-busy="true" />
      ) : stats.days.length === 0 ? (
        <p class="muted">{t('rtp.statsEmpty')}</p>
      ) : (
        <>
          <UsageChart days={stats.days} />
          <p class="hint">{t('stats.utcNote')}</p>
          <DayTable
            days={stats.days}
            caption={t('rtp.statsTitle')}
            columns={[
              { label: t('rtp.messages'), value: (d) => formatNumber(d.messages) },
              { label: t('rtp.rejectedMessages'), value: (d) => formatNumber(d.rejectedMessages) },
              { label: t('rtp.peakConnections'), value: (d) => formatNumber(d.peakConnections) },
              { label: t('rtp.rejectedConnections'), value: (d) => formatNumber(d.rejectedConnections) },
            ]}
          />
        </>
      )}
    </section>
  );
}
