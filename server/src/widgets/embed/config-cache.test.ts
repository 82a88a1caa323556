// The served-config cache on its own: lifetime on both clocks, and no entry kept that was read
// before a clear (a change that committed while the config was being read).
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/lib/clock.js';
import { createEmbedConfigCache, servedConfig } from './config-cache.js';

const entry = (n: number) => ({ siteId: `site_${n}`, domains: ['shop.example.ru'], lastSeenAt: null, onSite: servedConfig({ n }), offSite: servedConfig({}) });

describe('embed config cache', () => {
  it('keeps an entry for its lifetime on the injected clock', () => {
    const clock = createManualClock();
    const cache = createEmbedConfigCache(clock, 1000);
    cache.set('k', entry(1), cache.generation());
    expect(cache.get('k')?.siteId).toBe('site_1');
    clock.advance(999);
    expect(cache.get('k')?.siteId).toBe('site_1');
    clock.advance(1);
    expect(cache.get('k')).toBeUndefined();
  });

  it('serves but does not keep what was read before a clear', () => {
    const cache = createEmbedConfigCache(createManualClock());
    const readAt = cache.generation();
    cache.clear();
    const served = cache.set('k', entry(1), readAt);
    expect(served.onSite.body).toBe('{"n":1}');
    expect(cache.get('k')).toBeUndefined();
    cache.set('k', entry(2), cache.generation());
    expect(cache.get('k')?.siteId).toBe('site_2');
  });

  it('judges the page by Origin, else by Referer, subdomains included', () => {
    const cache = createEmbedConfigCache(createManualClock());
    const e = cache.set('k', entry(1), cache.generation());
    expect(e.fromSite('https://www.shop.example.ru', undefined)).toBe(true);
    expect(e.fromSite('https://evil.example', 'https://shop.example.ru/')).toBe(false);
    expect(e.fromSite('null', 'https://shop.example.ru/page')).toBe(true);
    expect(e.fromSite(undefined, undefined)).toBe(false);
  });
});
