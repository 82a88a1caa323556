// The in-memory limiter (one node, no Redis): fixed windows on the injected clock, each key counted
// on its own, also over more keys than any bounded map here holds (10,000); and the verdict at hand.
import { describe, expect, it } from 'vitest';
import { createManualClock, MINUTE } from './clock.js';
import { createRateLimits } from './rate-limits.js';
import type { Db } from '../db/store.js';

const limits = (clock = createManualClock()) => ({ clock, rateLimits: createRateLimits({ prefix: 'test:', clock, db: undefined as unknown as Db }) });

describe('in-memory rate limits', () => {
  it('counts each key on its own within a window, and again in the next', async () => {
    const { clock, rateLimits } = limits();
    const limiter = rateLimits.limiter({ name: 'test', limit: 2, windowMs: MINUTE });
    expect((await limiter.hit('203.0.113.7')).ok).toBe(true);
    expect((await limiter.hit('203.0.113.7')).ok).toBe(true);
    expect(await limiter.hit('203.0.113.7')).toEqual({ ok: false, retryAfterSec: 60 });
    expect((await limiter.hit('203.0.113.8')).ok).toBe(true);
    clock.advance(MINUTE);
    expect((await limiter.hit('203.0.113.7')).ok).toBe(true);
  });

  it('keeps counting each of 10,050 keys: no bounded map forgets one', async () => {
    const { rateLimits } = limits();
    const limiter = rateLimits.limiter({ name: 'test', limit: 1, windowMs: MINUTE });
    const keys = Array.from({ length: 10_050 }, (_, i) => `app|10.0.${i >> 8}.${i & 255}`);
    for (const key of keys) expect((await limiter.hit(key)).ok).toBe(true);
    expect((await limiter.hit(keys[0]!)).ok).toBe(false);
    expect((await limiter.hit(keys.at(-1)!)).ok).toBe(false);
  });
});

describe('the in-memory verdict at hand (hitNow)', () => {
  it('counts together with hit(): one count per key and window, whichever is called', async () => {
    const { clock, rateLimits } = limits();
    const limiter = rateLimits.limiter({ name: 'test', limit: 2, windowMs: MINUTE });
    expect(limiter.hitNow?.('app|203.0.113.7')).toEqual({ ok: true });
    expect((await limiter.hit('app|203.0.113.7')).ok).toBe(true);
    clock.advance(15_000);
    expect(limiter.hitNow?.('app|203.0.113.7')).toEqual({ ok: false, retryAfterSec: 45 });
    clock.advance(45_000);
    expect(limiter.hitNow?.('app|203.0.113.7')).toEqual({ ok: true });
  });

  it('still finds the previous window when the clock is moved back into it', () => {
    const { clock, rateLimits } = limits();
    const limiter = rateLimits.limiter({ name: 'test', limit: 1, windowMs: MINUTE });
    expect(limiter.hitNow?.('k').ok).toBe(true);
    clock.advance(MINUTE);
    expect(limiter.hitNow?.('k').ok).toBe(true);
    clock.set(clock.now() - MINUTE);
    expect(limiter.hitNow?.('k').ok).toBe(false);
    clock.advance(2 * MINUTE);
    expect(limiter.hitNow?.('k').ok).toBe(true);
  });
});
