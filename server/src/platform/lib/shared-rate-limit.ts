// Fixed-window rate limits that every process of the app shares: a window is a row of
// rate_limits, counted by one upsert, so two processes on one database enforce one limit.
// rate-limit.ts keeps counters in memory where a limit per process is enough.
import { lte, sql } from 'drizzle-orm';
import type { Db } from '../db/store.js';
import type { Clock } from './clock.js';
import { sha256 } from './crypto.js';

export interface SharedRateLimiter {
  /** Counts one hit for key; false when the key is over its limit in this window. */
  hit(key: string): Promise<boolean>;
  /** The same, with the time the key's window ends (for Retry-After). */
  check(key: string): Promise<{ ok: boolean; resetsAt: number }>;
}

export interface SharedRateLimitOptions {
  /** Tells this limit's windows from other limits' for the same key. */
  name: string;
  limit: number;
  windowMs: number;
  clock: Clock;
}

/**
 * A window starts at a key's first hit and lasts `windowMs`; the first hit after it starts the
 * next. The statement is prepared once per limiter (call this once per app) on the store's handle.
 */
export function createSharedRateLimiter(db: Db, { name, limit, windowMs, clock }: SharedRateLimitOptions): SharedRateLimiter {
  const { rateLimits } = db.tables;
  const resetsAt = sql.placeholder('resetsAt');
  // Both branches of the update read the row as it was: SET sees the old values on either engine.
  const over = sql`${rateLimits.resetsAt} <= ${sql.placeholder('now')}`;
  const count = db
    .insert(rateLimits)
    .values({ key: sql.placeholder('key'), hits: 1, resetsAt })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`case when ${over} then 1 else ${rateLimits.hits} + 1 end`,
        resetsAt: sql`case when ${over} then ${resetsAt} else ${rateLimits.resetsAt} end`,
      },
    })
    .returning({ hits: rateLimits.hits, resetsAt: rateLimits.resetsAt })
    .prepare('shared_rate_limit_hit');
  async function check(key: string) {
    const now = clock.now();
    // The key is often a client's IP address: only a hash of it is stored.
    const [row] = await count.execute({ key: sha256(`${name}:${key}`), now, resetsAt: now + windowMs });
    return { ok: row!.hits <= limit, resetsAt: Number(row!.resetsAt) };
  }
  return {
    check,
    hit: async (key) => (await check(key)).ok,
  };
}

/** Deletes windows that are over (a later hit starts afresh anyway). Returns how many. */
export async function purgeOverRateLimits(db: Db, now: number): Promise<number> {
  const { rateLimits } = db.tables;
  return (await db.delete(rateLimits).where(lte(rateLimits.resetsAt, now)).returning({ key: rateLimits.key })).length;
}
