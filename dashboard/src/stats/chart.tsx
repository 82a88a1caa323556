// Daily figures as uPlot charts (ui/day-plot.ts). Like with like: counts (impressions, clicks, leads) on
// one chart and one axis, rates (conversion, CTR) on their own in percent — a second axis would
// draw 4 leads as high as 45 impressions. The legend is ours: it names the hovered day and its
// figures, and says "hover a day" when nothing is hovered ("tap a day" on a touch screen, where a
// tap moves the cursor: the browser follows it with mouse events, which uPlot reads).
import { useMemo, useRef, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import type { StatsDay } from '../api-types.js';
import { formatDay, formatNumber, formatPercent, t } from '../i18n/i18n.js';
import { COUNT_STEPS, DAY_AXIS, dayX, useDayPlot } from '../ui/day-plot.js';
import { dailyRates } from './rates.js';

/** A finger, not a mouse: nothing hovers, a tap picks the day. */
const touchScreen = () => typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;

interface Line {
  label: string;
  color: string;
  values: (number | null)[];
  format: (v: number | null) => string;
}

function SeriesChart({ days, lines, percent, label }: { days: StatsDay[]; lines: Line[]; percent: boolean; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  useDayPlot(
    box,
    260,
    () => ({
      options: {
        legend: { show: false },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, percent ? Math.max(0.05, max) : Math.max(4, max)] } },
        axes: [
          DAY_AXIS,
          percent
            ? { values: (_u, splits) => splits.map((v) => formatPercent(v)), stroke: '#4b5563', grid: { stroke: '#eef0f4' }, size: 56 }
            : { values: (_u, splits) => splits.map((v) => formatNumber(v)), incrs: COUNT_STEPS, stroke: '#4b5563', grid: { stroke: '#eef0f4' }, size: 56 },
        ],
        series: [{}, ...lines.map((l) => ({ label: l.label, stroke: l.color, width: 2 }))],
        cursor: { drag: { x: false, y: false } },
        hooks: { setCursor: [(u) => setHovered(u.cursor.idx ?? null)] },
      },
      data: [days.map((d) => dayX(d.day)), ...lines.map((l) => l.values)] as uPlot.AlignedData,
    }),
    [days, lines, percent],
  );
  const day = hovered === null ? undefined : days[hovered];
  return (
    <figure class="stats-chart" style={{ margin: 0 }}>
      {/* The canvas is a picture to screen readers; the table below carries the same numbers. */}
      <div class="chart" ref={box} role="img" aria-label={label} />
      <figcaption class="chart-legend" style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 16px', marginTop: 8 }}>
        <span class="legend-day" style={{ fontWeight: 600 }}>
          {day ? formatDay(day.day) : t(touchScreen() ? 'stats.tapHint' : 'stats.hoverHint')}
        </span>
        {lines.map((l) => (
          <span key={l.label} class="legend-item">
            <span class="legend-swatch" style={{ display: 'inline-block', width: 12, height: 3, marginRight: 6, verticalAlign: 'middle', background: l.color }} aria-hidden="true" />
            {l.label}
            {hovered !== null && `: ${l.format(l.values[hovered] ?? null)}`}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

export function CountsChart({ days }: { days: StatsDay[] }) {
  // Kept per `days`: a new array each render would rebuild the plot on every hover.
  const lines = useMemo<Line[]>(
    () => [
      { label: t('stats.impressions'), color: '#4f46e5', values: days.map((d) => d.impressions), format: (v) => formatNumber(v ?? 0) },
      { label: t('stats.clicks'), color: '#0891b2', values: days.map((d) => d.clicks), format: (v) => formatNumber(v ?? 0) },
      { label: t('stats.leads'), color: '#16a34a', values: days.map((d) => d.leads), format: (v) => formatNumber(v ?? 0) },
    ],
    [days],
  );
  return <SeriesChart days={days} lines={lines} percent={false} label={t('stats.chartLabel')} />;
}

export function RatesChart({ days }: { days: StatsDay[] }) {
  const lines = useMemo<Line[]>(() => {
    const rates = dailyRates(days);
    return [
      { label: t('stats.conversion'), color: '#16a34a', values: rates.map((r) => r.conversion), format: formatPercent },
      { label: t('stats.ctr'), color: '#0891b2', values: rates.map((r) => r.ctr), format: formatPercent },
    ];
  }, [days]);
  return <SeriesChart days={days} lines={lines} percent label={t('stats.ratesLabel')} />;
}
