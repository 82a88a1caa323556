// A project's days as a uPlot chart (ui/day-plot.ts, as on the statistics page): messages
// accepted per day, and peak connections on their own axis (a few hundred sockets beside a
// million messages would otherwise be a flat line).
import { useRef } from 'preact/hooks';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { COUNT_STEPS, DAY_AXIS, dayX, useDayPlot } from '../ui/day-plot.js';
import type { RtStatsDay } from './types.js';

const COLORS = { messages: '#4f46e5', peak: '#0891b2' };

export function UsageChart({ days }: { days: RtStatsDay[] }) {
  const box = useRef<HTMLDivElement>(null);
  // The page polls: redraw only when a number changed, not on every fresh (equal) answer.
  const same = JSON.stringify(days);
  useDayPlot(
    box,
    240,
    () => ({
      options: {
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, max)] }, peak: { range: (_u, _min, max) => [0, Math.max(4, max)] } },
        axes: [
          DAY_AXIS,
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
      data: [days.map((d) => dayX(d.day)), days.map((d) => d.messages), days.map((d) => d.peakConnections)],
    }),
    [same],
  );
  // The canvas is a picture to screen readers; the table beside it carries the same numbers.
  return <div class="chart" ref={box} role="img" aria-label={t('rtp.chartLabel')} />;
}
