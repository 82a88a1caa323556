// The "made with" badge's link (GET /v1/sites/{siteKey}/badge): counts the visit for the site's
// account and sends the visitor on to the product's public page (or BADGE_URL). A visit is a
// number per account and UTC day, nothing more: no address, no page, no cookie. Crawlers and
// automated browsers (the bot filter) and more than BADGE_VISITS_PER_IP_PER_HOUR from one address
// still get the redirect but are not counted, so a script cannot inflate a licensee's figure.
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/store.js';
import { utcDay } from '../stats/daily.js';

export const BADGE_VISITS_PER_IP_PER_HOUR = 5;

/** Where the badge links from a site's widgets: through the counter. */
export const badgeLink = (publicUrl: string, siteKey: string) => `${publicUrl}/v1/sites/${siteKey}/badge`;

/** Where the counter sends the visitor. */
export const badgeTarget = (env: { BADGE_URL?: string | undefined; PUBLIC_URL: string }) => env.BADGE_URL ?? `${env.PUBLIC_URL}/?ref=badge`;

export async function countBadgeVisit(db: Db, accountId: string, now: number): Promise<void> {
  const { badgeVisits } = db.tables;
  await db
    .insert(badgeVisits)
    .values({ accountId, day: utcDay(now), visits: 1 })
    .onConflictDoUpdate({ target: [badgeVisits.accountId, badgeVisits.day], set: { visits: sql`${badgeVisits.visits} + 1` } });
}
