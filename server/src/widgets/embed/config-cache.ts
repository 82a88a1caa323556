// Serialized embed configs per site, so the hottest public endpoint (every page view of every
// licensee's site) answers from memory: body, ETag and what the origin check needs.
//
// Why this is safe: every change that alters a config goes through a state-changing request of
// the dashboard/admin/billing API (widgets, sites, tariffs, blocks, payments) and createApp clears
// the cache after each one; reaching the impression cap clears it from the events route. What
// happens without a request — a period ending, a timer running out, another process writing the
// same database — is bounded by the lifetime below (on the wall clock AND the injected clock,
// so a test moving its clock sees fresh configs at once). A config is read from the database
// over several awaits, during which a change may commit and clear the cache: `set` takes the
// generation seen before the read and keeps nothing read before a clear.
import { createHash } from 'node:crypto';
import type { Clock } from '../../platform/lib/clock.js';
import { hostBelongsTo, hostFromOrigin } from '../sites/domains.js';

/** How stale a config can get when no request of ours changed it. */
const EMBED_CONFIG_TTL_MS = 1000;
/** Bounds memory when someone sweeps random site keys: the cache then just starts over. */
const MAX_ENTRIES = 10_000;
const MAX_ORIGINS_PER_SITE = 64;

export interface ServedConfig {
  body: string;
  /** Strong validator of `body`, quoted as the ETag header wants it. */
  etag: string;
}

export interface CachedSite {
  siteId: string;
  domains: readonly string[];
  lastSeenAt: number | null;
  /** The config for pages on the site's domains, and the empty one for any other page. */
  onSite: ServedConfig;
  offSite: ServedConfig;
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

export interface EmbedConfigCache {
  get(siteKey: string): CachedSite | undefined;
  /** Changes on every clear(): take it before reading what goes into `set`. */
  generation(): number;
  /** The entry; kept for later requests only when no clear() came since `readAt` was taken. */
  set(siteKey: string, entry: Omit<CachedSite, 'wallAt' | 'clockAt' | 'fromSite'>, readAt: number): CachedSite;
  clear(): void;
}

export function createEmbedConfigCache(clock: Clock, ttlMs = EMBED_CONFIG_TTL_MS): EmbedConfigCache {
  const entries = new Map<string, CachedSite>();
  let generation = 0;
  return {
    get(siteKey) {
      const entry = entries.get(siteKey);
      if (!entry) return undefined;
      const clockAge = clock.now() - entry.clockAt;
      if (Date.now() - entry.wallAt < ttlMs && clockAge >= 0 && clockAge < ttlMs) return entry;
      entries.delete(siteKey);
      return undefined;
    },
    generation: () => generation,
    set(siteKey, fresh, readAt) {
      if (entries.size >= MAX_ENTRIES) entries.clear();
      const verdicts = new Map<string, boolean | null>();
      /** null: not a URL (e.g. "null" from a sandboxed frame), so the Referer decides. */
      const belongs = (url: string | undefined) => {
        const host = hostFromOrigin(url);
        return host === null ? null : hostBelongsTo(host, fresh.domains);
      };
      const fromSite = (origin: string | undefined, referer: string | undefined) => {
        let v = origin ? verdicts.get(origin) : null;
        if (origin && v === undefined) {
          v = belongs(origin);
          if (verdicts.size < MAX_ORIGINS_PER_SITE) verdicts.set(origin, v);
        }
        return v ?? belongs(referer) ?? false;
      };
      const entry = { ...fresh, fromSite, wallAt: Date.now(), clockAt: clock.now() };
      if (readAt === generation) entries.set(siteKey, entry);
      return entry;
    },
    clear: () => {
      generation += 1;
      entries.clear();
    },
  };
}
