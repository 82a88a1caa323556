// Serialized embed configs per site, so the hottest public endpoint (every page view of every
// licensee's site) answers from memory: body, ETag and what the origin check needs.
//
// Why this is safe: every change that alters a config is a write that, once committed, calls
// `deps.invalidations` for the site or the account it touched (widgets, sites, tariffs, blocks,
// payments, the impression cap, expiring periods); the cache drops exactly those entries. Other
// nodes' writes arrive through the same port when a relay is configured. What changes without a
// write — a timer running out — ends the entry at that moment (`expiresAt`); anything else (a
// write by a process with no relay) is bounded by the lifetime below, on the wall clock AND the
// injected clock, so a test moving its clock sees fresh configs at once. A config is read from
// the database over several awaits, during which a change may commit and invalidate: `set`
// takes the epoch seen before the read and keeps nothing that an invalidation of its site or
// account followed.
//
// Bounded and least-recently-used: a Map keeps insertion order, so moving an entry to the end on
// every hit and evicting from the front is an exact LRU in O(1), with no dependency (lru-cache
// would add a package for what these twenty lines do).
import { createHash } from 'node:crypto';
import type { Clock } from '../../platform/lib/clock.js';
import type { Invalidation, Invalidations } from '../../platform/lib/invalidations.js';
import { hostBelongsTo, hostFromOrigin } from '../sites/domains.js';

/** How stale a config can get when no write of ours said it changed (see above). */
export const EMBED_CONFIG_TTL_MS = 60_000;
/** About 1-3 KB each: 50,000 sites stay within ~100 MB; the least recently served go first. */
const MAX_ENTRIES = 50_000;
const MAX_ORIGINS_PER_SITE = 64;
/** Invalidation epochs remembered per site/account; older ones fold into one floor (see `fresh`). */
const MAX_REMEMBERED_INVALIDATIONS = 10_000;

export interface ServedConfig {
  body: string;
  /** Strong validator of `body`, quoted as the ETag header wants it. */
  etag: string;
}

export interface CachedSite {
  siteId: string;
  accountId: string;
  domains: readonly string[];
  lastSeenAt: number | null;
  /** The config for pages on the site's domains, and the empty one for any other page. */
  onSite: ServedConfig;
  offSite: ServedConfig;
  /** When the config changes by itself (a timer's end), on the injected clock; null: never. */
  expiresAt: number | null;
  /**
   * Whether the page (its Origin header, else its Referer) is on the site's domains. Verdicts are
   * remembered per Origin value: every page of a site sends the same one, and parsing it is a
   * measurable share of this endpoint's cost.
   */
  fromSite(origin: string | undefined, referer: string | undefined): boolean;
  wallAt: number;
  clockAt: number;
}

export function servedConfig(config: unknown): ServedConfig {
  const body = JSON.stringify(config);
  // sha1 is plenty for a cache validator and synchronous, unlike WebCrypto (hono/etag).
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

/** If-None-Match may list several validators, weak ones prefixed W/ (RFC 9110 §13.1.2). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((v) => {
    const t = v.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

export type FreshSite = Omit<CachedSite, 'wallAt' | 'clockAt' | 'fromSite'>;

export interface EmbedConfigCache {
  get(siteKey: string): CachedSite | undefined;
  /** Changes on every invalidation: take it before reading what goes into `set`. */
  epoch(): number;
  /** The entry; kept for later requests only when no invalidation of its site or account came since `readAt`. */
  set(siteKey: string, entry: FreshSite, readAt: number): CachedSite;
  /**
   * One read per site key at a time: requests that miss while it runs wait for it. Pending reads
   * are forgotten at any invalidation, so no request that follows a change joins a read begun before.
   */
  load(siteKey: string, read: (readAt: number) => Promise<CachedSite>): Promise<CachedSite>;
  invalidate(invalidation: Invalidation): void;
  readonly size: number;
}

export interface EmbedConfigCacheOptions {
  ttlMs?: number;
  maxEntries?: number;
  /** Subscribed to, so the dashboard's, admin's and other nodes' writes reach this cache. */
  invalidations?: Invalidations;
}

export function createEmbedConfigCache(clock: Clock, options: EmbedConfigCacheOptions = {}): EmbedConfigCache {
  const ttlMs = options.ttlMs ?? EMBED_CONFIG_TTL_MS;
  const maxEntries = options.maxEntries ?? MAX_ENTRIES;
  const entries = new Map<string, CachedSite>();
  /** Which cached keys an invalidation reaches: a site id has one key, an account several. */
  const keyOfSite = new Map<string, string>();
  const keysOfAccount = new Map<string, Set<string>>();
  const loading = new Map<string, Promise<CachedSite>>();
  let epoch = 0;
  /** The epoch of the last invalidation per scope and id, oldest first; forgotten ones raise `floor`. */
  const invalidatedAt = new Map<string, number>();
  let floor = 0;

  const forget = (siteKey: string, entry: CachedSite) => {
    entries.delete(siteKey);
    if (keyOfSite.get(entry.siteId) === siteKey) keyOfSite.delete(entry.siteId);
    const keys = keysOfAccount.get(entry.accountId);
    keys?.delete(siteKey);
    if (keys?.size === 0) keysOfAccount.delete(entry.accountId);
  };
  /** Whether nothing invalidated this site or account after `readAt` (or may have: below the floor). */
  const fresh = (e: FreshSite, readAt: number) => readAt >= floor && (invalidatedAt.get(`site:${e.siteId}`) ?? 0) <= readAt && (invalidatedAt.get(`account:${e.accountId}`) ?? 0) <= readAt;

  const cache: EmbedConfigCache = {
    get(siteKey) {
      const entry = entries.get(siteKey);
      if (!entry) return undefined;
      const now = clock.now();
      const clockAge = now - entry.clockAt;
      if (Date.now() - entry.wallAt < ttlMs && clockAge >= 0 && clockAge < ttlMs && (entry.expiresAt === null || now < entry.expiresAt)) {
        // Most recently used goes last; eviction takes the first.
        entries.delete(siteKey);
        entries.set(siteKey, entry);
        return entry;
      }
      forget(siteKey, entry);
      return undefined;
    },
    epoch: () => epoch,
    set(siteKey, e, readAt) {
      const verdicts = new Map<string, boolean | null>();
      /** null: not a URL (e.g. "null" from a sandboxed frame), so the Referer decides. */
      const belongs = (url: string | undefined) => {
        const host = hostFromOrigin(url);
        return host === null ? null : hostBelongsTo(host, e.domains);
      };
      const fromSite = (origin: string | undefined, referer: string | undefined) => {
        let v = origin ? verdicts.get(origin) : null;
        if (origin && v === undefined) {
          v = belongs(origin);
          if (verdicts.size < MAX_ORIGINS_PER_SITE) verdicts.set(origin, v);
        }
        return v ?? belongs(referer) ?? false;
      };
      const entry: CachedSite = { ...e, fromSite, wallAt: Date.now(), clockAt: clock.now() };
      if (!fresh(e, readAt)) return entry;
      const previous = entries.get(siteKey);
      if (previous) forget(siteKey, previous);
      entries.set(siteKey, entry);
      keyOfSite.set(e.siteId, siteKey);
      const keys = keysOfAccount.get(e.accountId) ?? new Set<string>();
      keysOfAccount.set(e.accountId, keys.add(siteKey));
      while (entries.size > maxEntries) {
        const [oldestKey, oldest] = entries.entries().next().value as [string, CachedSite];
        forget(oldestKey, oldest);
      }
      return entry;
    },
    load(siteKey, read) {
      const pending = loading.get(siteKey);
      if (pending) return pending;
      const entry = read(epoch).finally(() => {
        if (loading.get(siteKey) === entry) loading.delete(siteKey);
      });
      loading.set(siteKey, entry);
      return entry;
    },
    invalidate({ scope, id }) {
      epoch += 1;
      loading.clear();
      const mark = `${scope}:${id}`;
      invalidatedAt.delete(mark);
      invalidatedAt.set(mark, epoch);
      if (invalidatedAt.size > MAX_REMEMBERED_INVALIDATIONS) {
        const [oldestMark, oldestEpoch] = invalidatedAt.entries().next().value as [string, number];
        invalidatedAt.delete(oldestMark);
        floor = oldestEpoch;
      }
      const keys = scope === 'site' ? [keyOfSite.get(id)] : [...(keysOfAccount.get(id) ?? [])];
      for (const key of keys) {
        const entry = key === undefined ? undefined : entries.get(key);
        if (key !== undefined && entry) forget(key, entry);
      }
    },
    get size() {
      return entries.size;
    },
  };
  options.invalidations?.onApply((i) => cache.invalidate(i));
  return cache;
}
