import { describe, expect, it } from 'vitest';
import { type FunnelStep, funnelView } from './funnel-view.js';

const steps = (...counts: number[]): FunnelStep[] => (['impressions', 'interactions', 'starts', 'submits', 'leads'] as const).map((step, i) => ({ step, count: counts[i]!, ofPrevious: null }));

describe('the funnel card’s figures', () => {
  it('gives each step its rate of the step before and a bar against the largest step', () => {
    const view = funnelView(steps(40, 20, 10, 5, 4), true);
    expect(view.rows.map((r) => [r.step, r.count, r.bar, r.ofPrevious])).toEqual([
      ['impressions', 40, 1, null],
      ['interactions', 20, 0.5, 0.5],
      ['starts', 10, 0.25, 0.5],
      ['submits', 5, 0.125, 0.5],
      ['leads', 4, 0.1, 0.8],
    ]);
    expect(view).toMatchObject({ empty: false, incomplete: false });
  });

  it('a widget without a form ends at the interaction', () => {
    expect(funnelView(steps(10, 3, 0, 0, 0), false).rows.map((r) => r.step)).toEqual(['impressions', 'interactions']);
  });

  it('shows no rate where the step before is zero, and calls a range with nothing counted empty', () => {
    const view = funnelView(steps(0, 0, 0, 0, 0), true);
    expect(view.empty).toBe(true);
    expect(view.rows.every((r) => r.ofPrevious === null && r.bar === 0)).toBe(true);
  });

  it('a step that counted more than the one before (older code on the page skipped it) gets no rate over 100 %, and the view says so', () => {
    // Impressions and leads only: code that sends no interact, start or submit.
    const view = funnelView(steps(45, 0, 0, 0, 4), true);
    expect(view.incomplete).toBe(true);
    expect(view.rows.map((r) => r.ofPrevious)).toEqual([null, 0, null, null, null]);
    expect(view.rows.at(-1)!.bar).toBeCloseTo(4 / 45);
  });
});
