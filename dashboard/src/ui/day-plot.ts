// What the dashboard's per-day charts share (uPlot, small and canvas-drawn; it and its CSS load
// with the chart's chunk only): calendar days placed at UTC midnight and labelled as dates, the
// day axis, whole-number steps for counts, and a plot as wide as its box that follows its width.
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatAxisDay } from '../i18n/i18n.js';

/** A calendar day (YYYY-MM-DD) as the plot's x: its UTC midnight, in seconds. */
export const dayX = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

export const DAY_AXIS: uPlot.Axis = { values: (_u, splits) => splits.map((s) => formatAxisDay(s * 1000)), space: 72, stroke: '#4b5563', grid: { stroke: '#eef0f4' } };

/** Counts are whole: axis steps of 1, 2, 5, 10 … never 0.2. */
export const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7, 5e7];

type PlotOptions = Omit<uPlot.Options, 'width' | 'height' | 'tzDate'>;

/** Draws `plot()` into the box at `height` px, and draws it afresh when one of `deps` changes. */
export function useDayPlot(box: RefObject<HTMLDivElement>, height: number, plot: () => { options: PlotOptions; data: uPlot.AlignedData }, deps: unknown[]) {
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const { options, data } = plot();
    const drawn = new uPlot({ ...options, width: el.clientWidth, height, tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'UTC') }, data, el);
    const resize = new ResizeObserver(() => drawn.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      drawn.destroy();
    };
  }, deps);
}
