// Config requests from pages whose host is not one of the site's domains ("the code was loaded on
// localhost, which is not one of your domains"), counted per site, host and UTC day. The host
// name only: nothing about the visitor. Not a write per request: each (site, host, day) is
// written at most once a minute with the requests counted meanwhile (the last minute before a
// quiet spell or a restart may be missing), and a site gets at most MAX_HOSTS_PER_SITE_DAY hosts a
// day per process, so a script sending made-up Origin headers cannot fill the table.
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/store.js';
import { DAY, MINUTE, type Clock } from '../../platform/lib/clock.js';

const WRITE_RESOLUTION_MS = MINUTE;
const MAX_HOSTS_PER_SITE_DAY = 20;
/** Bounds memory: past this many (site, host, day) entries the counter starts over. */
const MAX_ENTRIES = 20_000;

export type NoteForeignHost = (siteId: string, host: string | null) => Promise<void> | undefined;

export function createForeignHostCounter(db: Db, clock: Clock): NoteForeignHost {
  const { siteForeignHosts } = db.tables;
  const entries = new Map<string, { n: number; writtenAt: number }>();
  const hostsOfSite = new Map<string, Set<string>>();
  return (siteId, host) => {
    if (!host || host.length > 253) return;
    const now = clock.now();
    const day = now - (now % DAY);
    const key = `${siteId} ${host} ${day}`;
    let entry = entries.get(key);
    if (!entry) {
      if (entries.size >= MAX_ENTRIES) {
        entries.clear();
        hostsOfSite.clear();
      }
      const siteDay = `${siteId} ${day}`;
      const hosts = hostsOfSite.get(siteDay) ?? new Set<string>();
      if (hosts.size >= MAX_HOSTS_PER_SITE_DAY) return;
      hosts.add(host);
      hostsOfSite.set(siteDay, hosts);
      entry = { n: 0, writtenAt: 0 };
      entries.set(key, entry);
    }
    entry.n += 1;
    if (now - entry.writtenAt < WRITE_RESOLUTION_MS) return;
    const n = entry.n;
    entry.n = 0;
    entry.writtenAt = now;
    return db
      .insert(siteForeignHosts)
      .values({ siteId, host, day, requests: n, lastSeenAt: now })
      .onConflictDoUpdate({
        target: [siteForeignHosts.siteId, siteForeignHosts.host, siteForeignHosts.day],
        set: { requests: sql`${siteForeignHosts.requests} + ${n}`, lastSeenAt: now },
      })
      .then(
        () => undefined,
        // Serving the config matters more than this count (a site deleted meanwhile, a busy database).
        () => undefined,
      );
  };
}
