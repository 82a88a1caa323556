// The in-memory limiter (one node, no Redis): fixed windows on the injected clock, each key counted
// on its own, also once more keys have been hit than the limiter remembers hashes of.
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

  it('keeps counting a key whose remembered hash was pushed out by 10,000 others', async () => {
    const { rateLimits } = limits();
    const limiter = rateLimits.limiter({ name: 'test', limit: 1, windowMs: MINUTE });
    const keys = Array.from({ length: 10_050 }, (_, i) => `app|10.0.${i >> 8}.${i & 255}`);
    for (const key of keys) expect((await limiter.hit(key)).ok).toBe(true);
    expect((await limiter.hit(keys[0]!)).ok).toBe(false);
    expect((await limiter.hit(keys.at(-1)!)).ok).toBe(false);
  });
});
