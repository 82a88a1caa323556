// Fixed-window counters in memory: each process counts on its own. Limits that must hold across
// processes (sign-in) count in the database instead (shared-rate-limit.ts).
import type { Clock } from './clock.js';

export interface RateLimiter {
  /** Counts one hit for key; false when the key is over its limit in this window. */
  hit(key: string): boolean;
}

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  clock: Clock;
}

export function createRateLimiter({ limit, windowMs, clock }: RateLimitOptions): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = clock.now();
  return {
    hit(key) {
      const now = clock.now();
      if (now - lastSweep > windowMs) {
        // Drop finished windows so the map cannot grow without bound.
        for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
        lastSweep = now;
      }
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      return w.count <= limit;
    },
  };
}
