// Loads a site and its owner by public key, for the embed endpoints.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { accounts, sites } from '../db/schema/index.js';
import { notFound } from '../lib/errors.js';

const SITE_KEY = /^[a-z0-9]{1,64}$/;

export function siteByKey(db: Db, siteKey: string) {
  const row = SITE_KEY.test(siteKey)
    ? db.select({ site: sites, account: accounts }).from(sites).innerJoin(accounts, eq(accounts.id, sites.accountId)).where(eq(sites.siteKey, siteKey)).get()
    : undefined;
  if (!row) throw notFound('Site');
  return row;
}
