// A project's days as a uPlot chart, in the manner of stats/chart.tsx (same library and CSS,
// loaded with this chunk only): messages accepted per day, and peak connections on their own
// axis (a few hundred sockets beside a million messages would otherwise be a flat line).
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatAxisDay, formatDate, formatNumber, t } from '../i18n/i18n.js';
import type { RtStatsDay } from './types.js';

const COLORS = { messages: '#4f46e5', peak: '#0891b2' };
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7, 5e7];

export function UsageChart({ days }: { days: RtStatsDay[] }) {
  const box = useRef<HTMLDivElement>(null);
  // The page polls: redraw only when a number changed, not on every fresh (equal) answer.
  const same = JSON.stringify(days);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const data: uPlot.AlignedData = [days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000), days.map((d) => d.messages), days.map((d) => d.peakConnections)];
    const plot = new uPlot(
      {
        width: el.clientWidth,
        height: 240,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'UTC'),
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, max)] }, peak: { range: (_u, _min, max) => [0, Math.max(4, max)] } },
        axes: [
          { values: (_u, splits) => splits.map((s) => formatAxisDay(s * 1000)), space: 72, stroke: '#4b5563', grid: { stroke: '#eef0f4' } },
          { values: (_u, splits) => splits.map((v) => formatNumber(v)), incrs: COUNT_STEPS, stroke: '#4b5563', grid: { stroke: '#eef0f4' }, size: 64 },
          { scale: 'peak', side: 1, values: (_u, splits) => splits.map((v) => formatNumber(v)), incrs: COUNT_STEPS, stroke: COLORS.peak, grid: { show: false }, size: 48 },
        ],
        series: [
          { label: t('stats.day'), value: (_u, v) => (v == null ? '' : formatDate(v * 1000, 'UTC')) },
          { label: t('rtp.messages'), stroke: COLORS.messages, fill: 'rgba(79,70,229,.08)', width: 2, value: (_u, v) => formatNumber(v ?? 0) },
          { label: t('rtp.peakConnections'), stroke: COLORS.peak, width: 2, scale: 'peak', value: (_u, v) => formatNumber(v ?? 0) },
        ],
        cursor: { drag: { x: false, y: false } },
      },
      data,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: 240 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [same]);
  // The canvas is a picture to screen readers; the table beside it carries the same numbers.
  return <div class="chart" ref={box} role="img" aria-label={t('rtp.chartLabel')} />;
}
