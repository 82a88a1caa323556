// The navigation: one icon per section, and the service requests only where the tariff has them.
import { describe, expect, it } from 'vitest';
import { TARIFF_IDS } from '#contracts/core/tariffs.js';
import { NAV, navFor } from './nav-items.js';

describe('navigation', () => {
  it('gives every section its own icon and its own label', () => {
    expect(new Set(NAV.map((i) => i.icon)).size).toBe(NAV.length);
    expect(new Set(NAV.map((i) => i.label)).size).toBe(NAV.length);
  });

  it('offers service requests to the all-inclusive tariffs only', () => {
    const offered = TARIFF_IDS.filter((id) => navFor(id).some((i) => i.href === '/services'));
    expect(offered).toEqual(['single', 'multi', 'network']);
    expect(navFor('free').map((i) => i.href)).toEqual(NAV.map((i) => i.href).filter((h) => h !== '/services'));
  });
});
