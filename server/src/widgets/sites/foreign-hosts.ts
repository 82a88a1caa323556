// The hosts that loaded a site's code without being one of its domains (counted by the embed,
// embed/foreign-hosts.ts), for the site page: the last 30 days, the latest first, each with its
// requests and last request. A host added since, or one that belongs to a domain of the site, is left out.
import { and, desc, eq, gte, max, sum } from 'drizzle-orm';
import type { Db } from '../../platform/db/store.js';
import type { sites } from '../../platform/db/schema/index.js';
import { DAY } from '../../platform/lib/clock.js';
import { hostBelongsTo } from './domains.js';

const WINDOW_DAYS = 30;
const SHOWN = 5;

export interface ForeignHost {
  host: string;
  requests: number;
  lastSeenAt: number;
}

export async function foreignHostsOf(db: Db, site: typeof sites.$inferSelect, now: number): Promise<ForeignHost[]> {
  const { siteForeignHosts: f } = db.tables;
  const rows = await db
    .select({ host: f.host, requests: sum(f.requests).mapWith(Number), lastSeenAt: max(f.lastSeenAt).mapWith(Number) })
    .from(f)
    .where(and(eq(f.siteId, site.id), gte(f.day, now - WINDOW_DAYS * DAY)))
    .groupBy(f.host)
    .orderBy(desc(max(f.lastSeenAt)))
    .limit(SHOWN + 20);
  return rows.filter((r) => !hostBelongsTo(r.host, site.domains)).slice(0, SHOWN);
}
