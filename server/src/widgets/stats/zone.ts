// Which time zone an account's statistics are in when no one site is chosen: the account's first
// site's (most accounts have one), else Moscow. The statistics page and the monthly report agree.
import { asc, eq } from 'drizzle-orm';
import { DEFAULT_STATS_ZONE } from '#contracts/core/timezone.js';
import type { Db } from '../../platform/db/store.js';

export async function accountStatsZone(db: Db, accountId: string): Promise<string> {
  const { sites } = db.tables;
  const [first] = await db.select({ timezone: sites.timezone }).from(sites).where(eq(sites.accountId, accountId)).orderBy(asc(sites.createdAt), asc(sites.id)).limit(1);
  return first?.timezone ?? DEFAULT_STATS_ZONE;
}
