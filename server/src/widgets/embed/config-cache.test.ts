// The served-config cache on its own: lifetime on both clocks, least-recently-used eviction,
// invalidation by site and by account through the app's invalidations (others' entries stay),
// and no entry kept that was read before an invalidation of its site or account.
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/lib/clock.js';
import { createInvalidations } from '../../platform/lib/invalidations.js';
import { createEmbedConfigCache, servedConfig } from './config-cache.js';

const entry = (n: number, accountId = 'acc_1', expiresAt: number | null = null) => ({
  siteId: `site_${n}`,
  accountId,
  domains: ['shop.example.ru'],
  lastSeenAt: null,
  onSite: servedConfig({ n }),
  offSite: servedConfig({}),
  expiresAt,
});

describe('embed config cache', () => {
  it('keeps an entry for its lifetime on the injected clock, and not past its own expiry', () => {
    const clock = createManualClock();
    const cache = createEmbedConfigCache(clock, { ttlMs: 1000 });
    cache.set('k', entry(1), cache.epoch());
    cache.set('t', entry(2, 'acc_1', clock.now() + 500), cache.epoch());
    expect(cache.get('k')?.siteId).toBe('site_1');
    clock.advance(499);
    expect(cache.get('t')?.siteId).toBe('site_2');
    clock.advance(1);
    expect(cache.get('t')).toBeUndefined();
    clock.advance(499);
    expect(cache.get('k')?.siteId).toBe('site_1');
    clock.advance(1);
    expect(cache.get('k')).toBeUndefined();
  });

  it('evicts the least recently served entry when full', () => {
    const cache = createEmbedConfigCache(createManualClock(), { maxEntries: 2 });
    cache.set('a', entry(1), cache.epoch());
    cache.set('b', entry(2), cache.epoch());
    expect(cache.get('a')?.siteId).toBe('site_1'); // b is now the least recently served
    cache.set('c', entry(3), cache.epoch());
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.siteId).toBe('site_1');
    expect(cache.get('c')?.siteId).toBe('site_3');
  });

  it('forgets one site, or all sites of one account, and keeps the others', () => {
    const invalidations = createInvalidations();
    const cache = createEmbedConfigCache(createManualClock(), { invalidations });
    cache.set('a1', entry(1, 'acc_a'), cache.epoch());
    cache.set('a2', entry(2, 'acc_a'), cache.epoch());
    cache.set('b1', entry(3, 'acc_b'), cache.epoch());
    invalidations.site('site_1');
    expect(cache.get('a1')).toBeUndefined();
    expect(cache.get('a2')?.siteId).toBe('site_2');
    cache.set('a1', entry(1, 'acc_a'), cache.epoch());
    invalidations.account('acc_a');
    expect(cache.get('a1')).toBeUndefined();
    expect(cache.get('a2')).toBeUndefined();
    expect(cache.get('b1')?.siteId).toBe('site_3');
    // Another node's invalidation, applied here, reaches the cache the same way.
    invalidations.apply({ scope: 'account', id: 'acc_b' });
    expect(cache.get('b1')).toBeUndefined();
  });

  it('relays only the invalidations made on this node', () => {
    const invalidations = createInvalidations();
    const relayed: string[] = [];
    invalidations.onLocal((i) => relayed.push(`${i.scope}:${i.id}`));
    invalidations.site('s');
    invalidations.apply({ scope: 'account', id: 'remote' });
    invalidations.account('a');
    expect(relayed).toEqual(['site:s', 'account:a']);
  });

  it('serves but does not keep what was read before an invalidation of its site or account', () => {
    const invalidations = createInvalidations();
    const cache = createEmbedConfigCache(createManualClock(), { invalidations });
    const readAt = cache.epoch();
    invalidations.account('acc_1');
    const served = cache.set('k', entry(1), readAt);
    expect(served.onSite.body).toBe('{"n":1}');
    expect(cache.get('k')).toBeUndefined();
    // A read that another account's invalidation overtook is still good to keep.
    const other = cache.epoch();
    invalidations.account('acc_2');
    cache.set('k', entry(2), other);
    expect(cache.get('k')?.siteId).toBe('site_2');
  });

  it('joins one read per site key, and none begun before an invalidation', async () => {
    const invalidations = createInvalidations();
    const cache = createEmbedConfigCache(createManualClock(), { invalidations });
    let reads = 0;
    const read = async (readAt: number) => {
      const n = ++reads;
      await new Promise((r) => setTimeout(r, 5));
      // Both reads find the site as site_1 (the first one before the change, the second after).
      return cache.set('k', { ...entry(1), onSite: servedConfig({ n }) }, readAt);
    };
    const first = cache.load('k', read);
    const joined = cache.load('k', read);
    expect(joined).toBe(first);
    invalidations.site('site_1');
    const after = cache.load('k', read);
    expect(after).not.toBe(first);
    await Promise.all([first, after]);
    expect(reads).toBe(2);
    expect(cache.get('k')?.onSite.body).toBe('{"n":2}');
  });

  it('judges the page by Origin, else by Referer, subdomains included', () => {
    const cache = createEmbedConfigCache(createManualClock());
    const e = cache.set('k', entry(1), cache.epoch());
    expect(e.fromSite('https://www.shop.example.ru', undefined)).toBe(true);
    expect(e.fromSite('https://evil.example', 'https://shop.example.ru/')).toBe(false);
    expect(e.fromSite('null', 'https://shop.example.ru/page')).toBe(true);
    expect(e.fromSite(undefined, undefined)).toBe(false);
  });
});
