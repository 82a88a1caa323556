// Loads a site and its owner by public key, for the embed endpoints. Prepared once per app:
// building a drizzle query from scratch costs ~240 µs against ~9 µs for a prepared one
// (profiled on GET config, see bench/src/analysis.ts), and this runs on every embed request.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/store.js';
import type { accounts, sites } from '../../platform/db/schema/index.js';
import { notFound } from '../../platform/lib/errors.js';

export const SITE_KEY = /^[a-z0-9]{1,64}$/;

export type SiteWithOwner = { site: typeof sites.$inferSelect; account: typeof accounts.$inferSelect };

export function createSiteLookup(db: Db): (siteKey: string) => Promise<SiteWithOwner> {
  const { accounts, sites } = db.tables;
  const bySiteKey = db
    .select({ site: sites, account: accounts })
    .from(sites)
    .innerJoin(accounts, eq(accounts.id, sites.accountId))
    .where(eq(sites.siteKey, sql.placeholder('siteKey')))
    .prepare('embed_site_by_key');
  return async (siteKey) => {
    const [row] = SITE_KEY.test(siteKey) ? await bySiteKey.execute({ siteKey }) : [];
    if (!row) throw notFound('Site');
    return row;
  };
}
