// A project's last 30 UTC days: messages and peak connections as a chart, and as a table
// with the refused messages and connections beside them.
import { formatNumber, t } from '../i18n/i18n.js';
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
          <details class="more">
            <summary>{t('stats.table')}</summary>
            <div class="table-wrap">
              <table class="table">
                <caption class="sr-only">{t('rtp.statsTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('stats.day')}</th>
                    <th scope="col" class="num">{t('rtp.messages')}</th>
                    <th scope="col" class="num">{t('rtp.rejectedMessages')}</th>
                    <th scope="col" class="num">{t('rtp.peakConnections')}</th>
                    <th scope="col" class="num">{t('rtp.rejectedConnections')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...stats.days].reverse().map((d) => (
                    <tr key={d.day}>
                      <td>{d.day}</td>
                      <td class="num">{formatNumber(d.messages)}</td>
                      <td class="num">{formatNumber(d.rejectedMessages)}</td>
                      <td class="num">{formatNumber(d.peakConnections)}</td>
                      <td class="num">{formatNumber(d.rejectedConnections)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
