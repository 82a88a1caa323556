// A project's last 30 UTC days: messages and peak connections as a chart, and as a table
// with the refused messages and connections beside them.
import { formatNumber, t } from '../i18n/i18n.js';
import { DayTable } from '../stats/day-table.js';
import { Loaded, type LoadedProps } from '../ui/loaded.js';
import { Card } from '../ui/section.js';
import { UsageChart } from './usage-chart.js';
import type { RtStats } from './types.js';

export function StatsCard({ stats }: { stats: LoadedProps<RtStats>['state'] }) {
  return (
    <Card id="rt-stats-title" title={t('rtp.statsTitle')}>
      {/* Polled: a failed poll keeps the last figures. */}
      <Loaded state={stats} keepStale isEmpty={(s) => s.days.length === 0} empty={<p class="muted">{t('rtp.statsEmpty')}</p>}>
        {({ days }) => (
          <>
            <UsageChart days={days} />
            <p class="hint">{t('stats.utcNote')}</p>
            <DayTable
              days={days}
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
      </Loaded>
    </Card>
  );
}
