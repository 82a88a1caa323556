// Rate limits that every node of the app shares: rate-limiter-flexible on Redis when REDIS_URL is
// set (a memory limiter stands in while Redis is away, so requests go on being limited per node
// instead of failing), in memory on one node (window-counts.ts: the verdict at hand, no promise). A
// limit that must hold across processes even without Redis (sign-in) counts in the database
// instead (shared-rate-limit.ts).
//
// Windows are fixed and numbered by the app's clock (`floor(now / window)` is part of the key), not
// by the library's own timers: tests move the injected clock, and Retry-After is the time left in
// the window. The library gives the atomic count-and-expire in Redis and its insurance store.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../db/store.js';
import type { Clock } from './clock.js';
import { sha256 } from './crypto.js';
import type { ErrorCode } from '#contracts/core/errors.js';
import { AppError } from './errors.js';
import { RecentMap } from './recent-map.js';
import { createSharedRateLimiter } from './shared-rate-limit.js';
import { WindowCounts } from './window-counts.js';

/**
 * Hashed keys remembered per limiter, least recently used out first: the same client hits again
 * and again (a realtime client reconnecting, a form's beacons), and a SHA-256 per hit was a
 * measurable share of a realtime connect (bench part 6).
 */
const MAX_HASHED_KEYS = 10_000;

export type RateVerdict = { ok: true } | { ok: false; retryAfterSec: number };

/** One shared answer for every allowed hit: nothing to allocate on the common path. */
const ALLOWED: RateVerdict = Object.freeze({ ok: true });

export interface Limiter {
  /** Counts one hit for key; refused (with the seconds until the window ends) when the key is over its limit. */
  hit(key: string): Promise<RateVerdict>;
  /** Counts one hit and throws 429 rate_limited with Retry-After when over the limit. */
  enforce(key: string, message: string): Promise<void>;
  /**
   * Present when the counts are kept in this process (one node, no Redis): hit() with the verdict
   * at once. The realtime connect answers within one turn of the event loop with it (attach.ts).
   */
  hitNow?(key: string): RateVerdict;
}

export interface LimiterOptions {
  /** Tells this limit's counters from other limits' for the same key. */
  name: string;
  limit: number;
  windowMs: number;
  /** Without Redis, count in the database so that several processes on one database still share it. */
  sharedWithoutRedis?: boolean;
}

export interface RateLimits {
  limiter(options: LimiterOptions): Limiter;
}

/** Every 429 of the API is built here, so each carries Retry-After (platform/lib/rate-limited.test.ts). */
export const tooManyRequests = (message: string, retryAfterSec: number, code: ErrorCode = 'rate_limited') =>
  new AppError(429, code, message, undefined, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSec))) });

export function createRateLimits({ redis, prefix, clock, db }: { redis?: Redis; prefix: string; clock: Clock; db: Db }): RateLimits {
  return {
    limiter({ name, limit, windowMs, sharedWithoutRedis = false }) {
      const verdictAt = (hits: number, now: number): RateVerdict => (hits <= limit ? ALLOWED : { ok: false, retryAfterSec: ((Math.floor(now / windowMs) + 1) * windowMs - now) / 1000 });
      const enforceWith = (hit: (key: string) => Promise<RateVerdict>) => async (key: string, message: string) => {
        const verdict = await hit(key);
        if (!verdict.ok) throw tooManyRequests(message, verdict.retryAfterSec);
      };
      if (!redis && !sharedWithoutRedis) {
        // Counted in the process, so nothing leaves it to be hidden; only keys too long to hold as they
        // are (a client may choose them) are kept as a hash (window-counts.ts).
        const counts = new WindowCounts();
        const hitNow = (key: string): RateVerdict => {
          const now = clock.now();
          return verdictAt(counts.hit(key, Math.floor(now / windowMs)), now);
        };
        const hit = (key: string) => Promise.resolve(hitNow(key));
        return { hit, hitNow, enforce: enforceWith(hit) };
      }
      if (!redis) {
        const database = createSharedRateLimiter(db, { name, limit, windowMs, clock });
        const hit = async (key: string): Promise<RateVerdict> => {
          const now = clock.now();
          const verdict = await database.check(key);
          return verdict.ok ? ALLOWED : { ok: false, retryAfterSec: (verdict.resetsAt - now) / 1000 };
        };
        return { hit, enforce: enforceWith(hit) };
      }
      const duration = Math.max(1, Math.ceil(windowMs / 1000));
      const store = new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}rl:${name}`,
        points: limit,
        duration,
        insuranceLimiter: new RateLimiterMemory({ points: limit, duration }),
        rejectIfRedisNotReady: true,
      });
      const hashed = new RecentMap<string, string>(MAX_HASHED_KEYS);
      /** Keys are often client addresses: Redis holds only a hash of them. */
      const hashOf = (key: string): string => {
        let h = hashed.get(key);
        if (h === undefined) {
          h = sha256(key).slice(0, 32);
          hashed.set(key, h);
        }
        return h;
      };
      const hit = async (key: string): Promise<RateVerdict> => {
        const now = clock.now();
        try {
          await store.consume(`${hashOf(key)}:${Math.floor(now / windowMs)}`);
          return ALLOWED;
        } catch (err) {
          if (err instanceof RateLimiterRes) return verdictAt(limit + 1, now);
          throw err;
        }
      };
      return { hit, enforce: enforceWith(hit) };
    },
  };
}
