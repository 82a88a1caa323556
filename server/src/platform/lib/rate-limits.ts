// Rate limits that every node of the app shares: rate-limiter-flexible on Redis when REDIS_URL is
// set (a memory limiter stands in while Redis is away, so requests go on being limited per node
// instead of failing), in memory on one node. A limit that must hold across processes even
// without Redis (sign-in) counts in the database instead (shared-rate-limit.ts).
//
// Windows are fixed and numbered by the app's clock (`floor(now / window)` is part of the key), not
// by the library's own timers: tests move the injected clock, and Retry-After is the time left in
// the window. The library gives the atomic count-and-expire in Redis and the memory store.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Db } from '../db/store.js';
import type { Clock } from './clock.js';
import { sha256 } from './crypto.js';
import type { ErrorCode } from '#contracts/core/errors.js';
import { AppError } from './errors.js';
import { RecentMap } from './recent-map.js';
import { createSharedRateLimiter } from './shared-rate-limit.js';

/**
 * Hashed keys remembered per limiter, least recently used out first: the same client hits again
 * and again (a realtime client reconnecting, a form's beacons), and a SHA-256 per hit was a
 * measurable share of a realtime connect (bench part 6).
 */
const MAX_HASHED_KEYS = 10_000;

export type RateVerdict = { ok: true } | { ok: false; retryAfterSec: number };

export interface Limiter {
  /** Counts one hit for key; refused (with the seconds until the window ends) when the key is over its limit. */
  hit(key: string): Promise<RateVerdict>;
  /** Counts one hit and throws 429 rate_limited with Retry-After when over the limit. */
  enforce(key: string, message: string): Promise<void>;
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
      const duration = Math.max(1, Math.ceil(windowMs / 1000));
      const memory = () => new RateLimiterMemory({ points: limit, duration });
      let store: RateLimiterAbstract | null = null;
      let database: ReturnType<typeof createSharedRateLimiter> | null = null;
      if (redis) store = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}rl:${name}`, points: limit, duration, insuranceLimiter: memory(), rejectIfRedisNotReady: true });
      else if (sharedWithoutRedis) database = createSharedRateLimiter(db, { name, limit, windowMs, clock });
      else store = memory();
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

      async function hit(key: string): Promise<RateVerdict> {
        const now = clock.now();
        const window = Math.floor(now / windowMs);
        const retryAfterSec = ((window + 1) * windowMs - now) / 1000;
        if (database) {
          const verdict = await database.check(key);
          return verdict.ok ? { ok: true } : { ok: false, retryAfterSec: (verdict.resetsAt - now) / 1000 };
        }
        try {
          await store!.consume(`${hashOf(key)}:${window}`);
          return { ok: true };
        } catch (err) {
          if (err instanceof RateLimiterRes) return { ok: false, retryAfterSec };
          throw err;
        }
      }
      return {
        hit,
        async enforce(key, message) {
          const verdict = await hit(key);
          if (!verdict.ok) throw tooManyRequests(message, verdict.retryAfterSec);
        },
      };
    },
  };
}
