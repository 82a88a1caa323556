import { describe, expect, it } from 'vitest';
import { dailyRates, isEmptyRange, rate } from './rates.js';

describe('statistics rates', () => {
  it('divides a part by its whole, and gives null (not 0 %) when nothing was shown', () => {
    expect(rate(4, 45)).toBeCloseTo(0.0889, 4);
    expect(rate(0, 10)).toBe(0);
    expect(rate(3, 0)).toBeNull();
  });

  it('gives each day its conversion and CTR from that day’s counts', () => {
    expect(
      dailyRates([
        { impressions: 200, clicks: 10, leads: 4 },
        { impressions: 0, clicks: 0, leads: 0 },
      ]),
    ).toEqual([
      { conversion: 0.02, ctr: 0.05 },
      { conversion: null, ctr: null },
    ]);
  });

  it('calls a range empty only when nothing at all was counted', () => {
    expect(isEmptyRange({ impressions: 0, clicks: 0, leads: 0 })).toBe(true);
    expect(isEmptyRange({ impressions: 0, clicks: 0, leads: 1 })).toBe(false);
  });
});
