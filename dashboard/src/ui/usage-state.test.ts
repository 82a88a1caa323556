// Usage bars warn where something is limiting, not where a small tariff is simply used as sold.
import { describe, expect, it } from 'vitest';
import { usageState } from './usage-state.js';

describe('usage state', () => {
  it('one widget of one on the free tariff is normal: said plainly, not in a warning colour', () => {
    expect(usageState(1, 1, 'capacity')).toEqual({ tone: 'ok', note: 'usage.full' });
    expect(usageState(0, 1, 'capacity')).toEqual({ tone: 'ok', note: null });
    expect(usageState(4, 5, 'capacity')).toEqual({ tone: 'ok', note: null });
  });

  it('more than the tariff allows (after a downgrade) warns', () => {
    expect(usageState(3, 1, 'capacity')).toEqual({ tone: 'warn', note: 'usage.over' });
  });

  it('impressions warn from 80 % and alarm when used up: widgets then stop', () => {
    expect(usageState(7_999, 10_000, 'consumable')).toEqual({ tone: 'ok', note: null });
    expect(usageState(8_000, 10_000, 'consumable')).toEqual({ tone: 'warn', note: 'usage.warn80' });
    expect(usageState(10_000, 10_000, 'consumable')).toEqual({ tone: 'danger', note: 'usage.warn100' });
  });

  it('an unlimited allowance never warns', () => {
    expect(usageState(1_000_000, null, 'consumable')).toEqual({ tone: 'ok', note: null });
    expect(usageState(40, null, 'capacity')).toEqual({ tone: 'ok', note: null });
  });
});
