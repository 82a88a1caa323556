import { describe, expect, it } from 'vitest';
import { DAY } from '../lib/clock.js';
import { TARIFFS, UPGRADE_ORDER } from './catalogue.js';
import {
  assertCanActivateWidget,
  assertCanAddSite,
  integrationAllowance,
  limitsOf,
  periodStartAt,
  servableWidgetIds,
  showsBadge,
  usageThresholdCrossed,
  usedPercent,
  widgetTypeAllowance,
} from './policy.js';

const account = (tariffId: string) => ({ id: 'acc_x', tariffId, individualLimits: null, periodAnchorAt: Date.UTC(2026, 0, 1) });

describe('tariff policy', () => {
  it('holds the contents of SPEC §4', () => {
    const rows = UPGRADE_ORDER.map((id) => {
      const l = TARIFFS[id].limits;
      return [id, l.activeWidgets, l.widgetTypes === 'all' ? 'all' : l.widgetTypes.join(','), l.impressionsPerPeriod, l.sites, l.badge];
    });
    expect(rows).toEqual([
      ['free', 1, 'banner,form', 10_000, 1, true],
      ['start', 5, 'all', null, null, false],
      ['advanced', 10, 'all', null, null, false],
      ['single', 5, 'all', null, 1, false],
      ['multi', 10, 'all', null, null, false],
      ['network', 40, 'all', null, null, false],
    ]);
    expect(TARIFFS.multi.limits.integrations).toEqual(['email', 'telegram', 'webhook', 'amocrm', 'bitrix24']);
    expect(TARIFFS.network.limits.integrations).toContain('1c');
  });

  it('names the cheapest tariff that lifts a refused limit', () => {
    const refusal = (fn: () => void) => {
      try {
        fn();
      } catch (err: any) {
        return [err.code, err.details.upgradeTo];
      }
      return null;
    };
    expect(refusal(() => assertCanActivateWidget(account('free'), 'banner', 1))).toEqual(['limit_widgets', 'start']);
    expect(refusal(() => assertCanActivateWidget(account('start'), 'banner', 5))).toEqual(['limit_widgets', 'advanced']);
    expect(refusal(() => assertCanActivateWidget(account('advanced'), 'banner', 10))).toEqual(['limit_widgets', 'network']);
    expect(refusal(() => assertCanActivateWidget(account('network'), 'banner', 40))).toEqual(['limit_widgets', null]);
    expect(refusal(() => assertCanActivateWidget(account('free'), 'timer', 0))).toEqual(['type_not_in_tariff', 'start']);
    expect(refusal(() => assertCanAddSite(account('single'), 1))).toEqual(['limit_sites', 'start']);
    expect(refusal(() => assertCanAddSite(account('start'), 1000))).toBeNull();
  });

  it('uses an Individual account’s own limits', () => {
    const individual = { ...account('individual'), individualLimits: { activeWidgets: 3, widgetTypes: 'all' as const, impressionsPerPeriod: null, sites: 2, badge: false, integrations: [] } };
    expect(limitsOf(individual).activeWidgets).toBe(3);
    expect(showsBadge(individual)).toBe(false);
  });

  it('serves the oldest allowed widgets after a downgrade', () => {
    const ids = servableWidgetIds(account('free'), [
      { id: 'a', type: 'popup' },
      { id: 'b', type: 'form' },
      { id: 'c', type: 'banner' },
    ]);
    expect([...ids]).toEqual(['b']);
  });

  it('counts 30-day periods from the anchor', () => {
    const a = account('free');
    expect(periodStartAt(a, a.periodAnchorAt + 29 * DAY)).toBe(a.periodAnchorAt);
    expect(periodStartAt(a, a.periodAnchorAt + 30 * DAY)).toBe(a.periodAnchorAt + 30 * DAY);
    expect(periodStartAt(a, a.periodAnchorAt + 95 * DAY)).toBe(a.periodAnchorAt + 90 * DAY);
  });

  it('answers what a tariff allows with the cheapest tariff that has it', () => {
    expect(widgetTypeAllowance(account('free'), 'banner')).toEqual({ allowed: true, upgradeTo: null });
    expect(widgetTypeAllowance(account('free'), 'quiz')).toEqual({ allowed: false, upgradeTo: { id: 'start', name: TARIFFS.start.name } });
    expect(integrationAllowance(account('start'), 'webhook')).toEqual({ allowed: true, upgradeTo: null });
    expect(integrationAllowance(account('start'), 'amocrm')).toEqual({ allowed: false, upgradeTo: { id: 'multi', name: TARIFFS.multi.name } });
    expect(integrationAllowance(account('multi'), 'calltouch').upgradeTo?.id).toBe('network');
    const individual = { ...account('individual'), individualLimits: { ...TARIFFS.free.limits, integrations: ['email', '1c'] as const } };
    expect(integrationAllowance(individual, '1c').allowed).toBe(true);
  });

  it('gives the share of a limit used in whole percent, capped at 100', () => {
    expect(usedPercent(0, 100)).toBe(0);
    expect(usedPercent(799, 1000)).toBe(79);
    expect(usedPercent(1500, 1000)).toBe(100);
    expect(usedPercent(5, null)).toBe(0);
  });

  it('crosses 80 % and 100 % once each', () => {
    expect(usageThresholdCrossed(7_999, 10_000, 0)).toBe(0);
    expect(usageThresholdCrossed(8_000, 10_000, 0)).toBe(80);
    expect(usageThresholdCrossed(9_000, 10_000, 80)).toBe(0);
    expect(usageThresholdCrossed(10_000, 10_000, 80)).toBe(100);
    expect(usageThresholdCrossed(10_000, 10_000, 100)).toBe(0);
    expect(usageThresholdCrossed(10, null, 0)).toBe(0);
  });
});
