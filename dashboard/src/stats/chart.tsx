// Daily impressions, clicks and leads as a uPlot chart (small and fast, canvas-drawn; its CSS
// comes with this chunk, so only the statistics page loads either). Leads sit on their own
// axis: a few leads beside thousands of impressions would otherwise be a flat line.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { StatsDay } from '../api-types.js';
import { formatAxisDay, formatDate, formatNumber, t } from '../i18n/i18n.js';

const COLORS = { impressions: '#4f46e5', clicks: '#0891b2', leads: '#16a34a' };
/** Counts are whole: axis steps of 1, 2, 5, 10 … never 0.2. */
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7];

export function StatsChart({ days }: { days: StatsDay[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000);
    const data: uPlot.AlignedData = [xs, days.map((d) => d.impressions), days.map((d) => d.clicks), days.map((d) => d.leads)];
    const plot = new uPlot(
      {
        width: el.clientWidth,
        height: 300,
        // The days are UTC days (server/src/stats/daily.ts): label them as such.
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'UTC'),
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, max)] }, leads: { range: (_u, _min, max) => [0, Math.max(4, max)] } },
        axes: [
          { values: (_u, splits) => splits.map((s) => formatAxisDay(s * 1000)), space: 72, stroke: '#4b5563', grid: { stroke: '#eef0f4' } },
          { values: (_u, splits) => splits.map((v) => formatNumber(v)), incrs: COUNT_STEPS, stroke: '#4b5563', grid: { stroke: '#eef0f4' }, size: 56 },
          { scale: 'leads', side: 1, values: (_u, splits) => splits.map((v) => formatNumber(v)), incrs: COUNT_STEPS, stroke: COLORS.leads, grid: { show: false }, size: 44 },
        ],
        series: [
          { label: t('stats.day'), value: (_u, v) => (v == null ? '' : formatDate(v * 1000, 'UTC')) },
          { label: t('stats.impressions'), stroke: COLORS.impressions, fill: 'rgba(79,70,229,.08)', width: 2, value: (_u, v) => formatNumber(v ?? 0) },
          { label: t('stats.clicks'), stroke: COLORS.clicks, width: 2, value: (_u, v) => formatNumber(v ?? 0) },
          { label: t('stats.leads'), stroke: COLORS.leads, width: 2, scale: 'leads', value: (_u, v) => formatNumber(v ?? 0) },
        ],
        cursor: { drag: { x: false, y: false } },
      },
      data,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: 300 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [days]);
  // The canvas is a picture to screen readers; the table below carries the same numbers.
  return <div class="chart" ref={box} role="img" aria-label={t('stats.chartLabel')} />;
}
