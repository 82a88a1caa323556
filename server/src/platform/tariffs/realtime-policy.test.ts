import { describe, expect, it } from 'vitest';
import { DAY } from '../lib/clock.js';
import { addCalendarMonths, mayOpenConnection, planPeriod, projectAccess, realtimeNoticeDue, realtimeOffers } from './realtime-policy.js';
import { REALTIME_TARIFFS } from './realtime-catalogue.js';

const at = (iso: string) => Date.parse(iso);

describe('realtime policy', () => {
  it('adds calendar months in UTC, clamping to the end of shorter months', () => {
    expect(new Date(addCalendarMonths(at('2026-01-31T10:00:00Z'), 1)).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(new Date(addCalendarMonths(at('2028-01-31T00:00:00Z'), 1)).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(new Date(addCalendarMonths(at('2026-11-22T00:00:00Z'), 12)).toISOString()).toBe('2027-11-22T00:00:00.000Z');
    expect(new Date(addCalendarMonths(at('2026-08-31T00:00:00Z'), -6)).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });

  it('gives access: Free always, paid only inside the period, never when blocked', () => {
    const now = at('2026-11-22T00:00:00Z');
    expect(projectAccess({ tariffId: 'rt_free', periodEnd: null, blockedAt: null }, now, false)).toBe('active');
    expect(projectAccess({ tariffId: 'rt_start', periodEnd: null, blockedAt: null }, now, false)).toBe('pending_payment');
    expect(projectAccess({ tariffId: 'rt_start', periodEnd: now + 1, blockedAt: null }, now, false)).toBe('active');
    expect(projectAccess({ tariffId: 'rt_start', periodEnd: now, blockedAt: null }, now, false)).toBe('expired');
    expect(projectAccess({ tariffId: 'rt_free', periodEnd: null, blockedAt: now }, now, false)).toBe('blocked');
    expect(projectAccess({ tariffId: 'rt_free', periodEnd: null, blockedAt: null }, now, true)).toBe('blocked');
  });

  it('admits a connection below the tariff limit only', () => {
    const limit = REALTIME_TARIFFS.rt_free.limits.connections;
    expect(mayOpenConnection({ tariffId: 'rt_free' }, limit - 1)).toBe(true);
    expect(mayOpenConnection({ tariffId: 'rt_free' }, limit)).toBe(false);
    expect(mayOpenConnection({ tariffId: 'rt_start' }, limit)).toBe(true);
  });

  it('offers what may be bought: any paid period, or inside a running one its renewal and higher tariffs; nothing when blocked', () => {
    const now = at('2026-11-22T00:00:00Z');
    expect(realtimeOffers({ tariffId: 'rt_free', periodEnd: null, blockedAt: null }, 'active', now)).toEqual({
      running: false,
      periodTariffs: ['rt_start', 'rt_business', 'rt_pro'],
      upgradeTo: [],
      mayReturnToFree: false,
    });
    const running = { tariffId: 'rt_business', periodEnd: now + 1, blockedAt: null };
    expect(realtimeOffers(running, 'active', now)).toEqual({ running: true, periodTariffs: ['rt_business'], upgradeTo: ['rt_pro'], mayReturnToFree: false });
    expect(realtimeOffers({ ...running, periodEnd: now }, 'expired', now)).toEqual({
      running: false,
      periodTariffs: ['rt_start', 'rt_business', 'rt_pro'],
      upgradeTo: [],
      mayReturnToFree: true,
    });
    expect(realtimeOffers({ ...running, blockedAt: now }, 'blocked', now)).toEqual({ running: true, periodTariffs: [], upgradeTo: [], mayReturnToFree: false });
  });

  it('notices 80 % and 100 % once each, and 100 % on any refusal', () => {
    const c = (used: number, ok = true) => ({ ok, used, limit: 100, firstOfDay: false });
    expect(realtimeNoticeDue(c(79), 0)).toBe(0);
    expect(realtimeNoticeDue(c(80), 0)).toBe(80);
    expect(realtimeNoticeDue(c(90), 80)).toBe(0);
    expect(realtimeNoticeDue(c(100), 80)).toBe(100);
    expect(realtimeNoticeDue(c(97, false), 80)).toBe(100);
    expect(realtimeNoticeDue(c(100, false), 100)).toBe(0);
  });

  it('renews the running tariff at its end and refuses another tariff mid-period', () => {
    const now = at('2026-11-22T00:00:00Z');
    const running = { tariffId: 'rt_start', periodEnd: now + 10 * DAY, blockedAt: null };
    expect(planPeriod(running, 'rt_start', 1, now)).toEqual({ start: now + 10 * DAY, end: addCalendarMonths(now + 10 * DAY, 1) });
    expect(() => planPeriod(running, 'rt_pro', 1, now)).toThrow(/Увеличить лимиты/);
    expect(planPeriod({ tariffId: 'rt_free', periodEnd: null, blockedAt: null }, 'rt_pro', 3, now)).toEqual({ start: now, end: addCalendarMonths(now, 3) });
  });
});
