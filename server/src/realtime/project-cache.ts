// Realtime projects as the lookup reads them (the row and whether its account is blocked), kept
// per node: every connect, publish, private subscription and client event asks, and the prepared
// join was the largest share of a connect beyond what a bare `ws` server does (bench part 6).
//
// Why this is safe: every write that changes what the lookup returns — the project's origins,
// secret, tariff, period (a payment), its block or deletion, the account's block or deletion, the
// realtime inactivity block and its lifting — calls `deps.invalidations.account()` for the
// project's account once committed, and this cache drops every entry of that account; other
// nodes' writes arrive the same way through the invalidation relay (a few milliseconds later).
// Only the row is kept, never a verdict: whether a paid period has ended is decided against the
// clock at each use (projects.ts). A write by a process with no relay is bounded by the lifetime
// below, on the wall clock and on the injected one. The one column written without an
// invalidation, `lastActivityAt` (by the batched logs and the first publish of a day), is read by
// none of the lookup's callers.
//
// A read that an invalidation overtook (it began before, ends after) is answered but not kept.
// Unknown keys are not kept either: a project created later is found at once. Bounded and least
// recently used, as the embed config cache (a Map keeps insertion order).
import type { Clock } from '../platform/lib/clock.js';
import type { Invalidations } from '../platform/lib/invalidations.js';
import type { ProjectRow } from './projects.js';

/** How stale a project can get when no write of ours said it changed (see above). */
export const REALTIME_PROJECT_TTL_MS = 60_000;
/** A row is well under 1 KB; three keys (app id, key, id) per project in use. */
const MAX_ENTRIES = 30_000;

export type ProjectLookupBy = 'appId' | 'key' | 'id';

/** What the lookup reads: the project and whether its account (or its realtime service) is blocked or gone. */
export interface StoredProject {
  project: ProjectRow;
  accountBlocked: boolean;
}

export type ProjectReader = (by: ProjectLookupBy, value: string) => Promise<StoredProject | undefined>;

interface Entry {
  stored: StoredProject;
  wallAt: number;
  clockAt: number;
  /** `inserted` when it last went to the end of the order (see `cached`). */
  stamp: number;
}

export interface ProjectCacheOptions {
  ttlMs?: number;
  maxEntries?: number;
}

export interface ProjectCache {
  read: ProjectReader;
  /** What read() would answer without the database, if this node holds it; undefined otherwise (unknown keys are never held). */
  peek(by: ProjectLookupBy, value: string): StoredProject | undefined;
  readonly size: number;
}

export function createProjectCache(read: ProjectReader, clock: Clock, invalidations: Invalidations, options: ProjectCacheOptions = {}): ProjectCache {
  const ttlMs = options.ttlMs ?? REALTIME_PROJECT_TTL_MS;
  const maxEntries = options.maxEntries ?? MAX_ENTRIES;
  const entries = new Map<string, Entry>();
  const keysOfAccount = new Map<string, Set<string>>();
  /** Changes on every account invalidation: a read that saw it change keeps nothing. */
  let epoch = 0;
  /** Entries put at the end of the order so far (new ones and moved ones). */
  let inserted = 0;

  const forget = (key: string, entry: Entry) => {
    entries.delete(key);
    const accountId = entry.stored.project.accountId;
    const keys = keysOfAccount.get(accountId);
    keys?.delete(key);
    if (keys?.size === 0) keysOfAccount.delete(accountId);
  };

  invalidations.onApply(({ scope, id }) => {
    if (scope !== 'account') return;
    epoch += 1;
    const keys = keysOfAccount.get(id);
    if (!keys) return;
    for (const key of [...keys]) {
      const entry = entries.get(key);
      if (entry) forget(key, entry);
    }
  });

  const cached = (key: string): StoredProject | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    const clockAge = clock.now() - entry.clockAt;
    if (Date.now() - entry.wallAt < ttlMs && clockAge >= 0 && clockAge < ttlMs) {
      // Most recently used goes last; eviction takes the first. Moved only once it has drifted
      // into the older half: an entry used once per maxEntries/2 insertions is never evicted, and
      // most hits cost a lookup rather than a delete and a set (platform/lib/recent-map.ts).
      if (inserted - entry.stamp >= maxEntries / 2) {
        entries.delete(key);
        entries.set(key, entry);
        entry.stamp = ++inserted;
      }
      return entry.stored;
    }
    forget(key, entry);
    return undefined;
  };

  const keep = (key: string, stored: StoredProject) => {
    const previous = entries.get(key);
    if (previous) forget(key, previous);
    entries.set(key, { stored, wallAt: Date.now(), clockAt: clock.now(), stamp: ++inserted });
    const accountId = stored.project.accountId;
    const keys = keysOfAccount.get(accountId) ?? new Set<string>();
    keysOfAccount.set(accountId, keys.add(key));
    while (entries.size > maxEntries) {
      const [oldestKey, oldest] = entries.entries().next().value as [string, Entry];
      forget(oldestKey, oldest);
    }
  };

  return {
    async read(by, value) {
      const key = `${by}:${value}`;
      const hit = cached(key);
      if (hit) return hit;
      const readAt = epoch;
      const stored = await read(by, value);
      if (stored && epoch === readAt) keep(key, stored);
      return stored;
    },
    peek: (by, value) => cached(`${by}:${value}`),
    get size() {
      return entries.size;
    },
  };
}
