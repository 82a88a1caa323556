// Sites of the signed-in licensee: CRUD and the install snippet.
import { ownedRow, ownedRowsOldestFirst } from '../../platform/db/owned.js';
import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { siteInputSchema, sitePatchSchema } from '#contracts/schemas/sites.js';
import type { sites } from '../../platform/db/schema/index.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { newId, randomId } from '../../platform/lib/ids.js';
import { readJson, validationFailed } from '../../platform/lib/json-body.js';
import { assertCanAddSite, assertSiteDomainsFit } from '../../platform/tariffs/policy.js';
import { foreignHostsOf } from './foreign-hosts.js';
import { domainSchema } from '#contracts/schemas/sites.js';
import { z } from 'zod';
import { renderSnippet } from './snippet.js';
import { signInDestination } from '../integrations/default-destination.js';

type SiteRow = typeof sites.$inferSelect;

export const addDomainSchema = z.object({ domain: domainSchema }).strict();

export function createSiteRoutes(deps: AppDeps) {
  const { store, clock } = deps;
  const { db } = store;
  const { sites } = db.tables;
  const view = (s: SiteRow) => ({
    id: s.id,
    name: s.name,
    siteKey: s.siteKey,
    domains: s.domains,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    lastSeenAt: s.lastSeenAt,
    lastSeenHost: s.lastSeenHost,
    timezone: s.timezone,
    dataLayer: s.dataLayer,
    metrikaCounterId: s.metrikaCounterId,
    snippet: renderSnippet(deps, s.siteKey),
  });
  const own = (accountId: string, id: string) => ownedRow(db, sites, 'Site', accountId, id);

  return (
    new Hono<AuthedEnv>()
      .get('/', async (c) => {
        const rows = await ownedRowsOldestFirst(db, sites, c.get('account').id);
        return c.json({ sites: rows.map(view) });
      })
      .post('/', async (c) => {
        const input = await readJson(c, siteInputSchema);
        const account = c.get('account');
        assertSiteDomainsFit(account, input.domains);
        const now = clock.now();
        // Count and insert in one transaction under the account's sites lock: two parallel
        // requests cannot both pass the limit.
        const site = await store.transaction(async (tx) => {
          await store.lock(tx, `sites:${account.id}`);
          const [counted] = await tx.select({ n: sql<number>`count(*)` }).from(sites).where(eq(sites.accountId, account.id));
          assertCanAddSite(account, counted?.n ?? 0);
          const [created] = await tx
            .insert(sites)
            .values({ id: newId('site'), accountId: account.id, ...input, siteKey: randomId(20), createdAt: now, updatedAt: now })
            .returning();
          // Leads have somewhere to go from the first one: the sign-in address.
          await tx.insert(tx.tables.integrations).values(signInDestination(account.id, created!.id, now));
          return created!;
        });
        return c.json(view(site), 201);
      })
      .get('/:id', async (c) => {
        const site = await own(c.get('account').id, c.req.param('id'));
        return c.json({ ...view(site), foreignHosts: await foreignHostsOf(db, site, clock.now()) });
      })
      // "The code was loaded on X, which is not one of your domains — add it?": one click, under
      // the same rules as editing the domain list.
      .post('/:id/domains', async (c) => {
        const { domain } = await readJson(c, addDomainSchema);
        const account = c.get('account');
        // Read and written under the account's sites lock: two clicks at once (two hosts offered on
        // the page) each added their host to the list as it was before the other, and one was lost.
        const { site, updated } = await store.transaction(async (tx) => {
          await store.lock(tx, `sites:${account.id}`);
          const site = await ownedRow(tx, sites, 'Site', account.id, c.req.param('id'));
          const parsed = sitePatchSchema.shape.domains.unwrap().safeParse([...site.domains, domain]);
          if (!parsed.success) throw validationFailed(parsed.error, 'The site has too many domains');
          const domains = parsed.data;
          assertSiteDomainsFit(account, domains);
          const [updated] = await tx.update(sites).set({ domains, updatedAt: clock.now() }).where(eq(sites.id, site.id)).returning();
          return { site, updated };
        });
        deps.invalidations.site(site.id);
        return c.json({ ...view(updated!), foreignHosts: await foreignHostsOf(db, updated!, clock.now()) });
      })
      .patch('/:id', async (c) => {
        const patch = await readJson(c, sitePatchSchema);
        const site = await own(c.get('account').id, c.req.param('id'));
        if (patch.domains) assertSiteDomainsFit(c.get('account'), patch.domains);
        const [updated] = await db
          .update(sites)
          .set({ ...patch, updatedAt: clock.now() })
          .where(eq(sites.id, site.id))
          .returning();
        deps.invalidations.site(site.id);
        return c.json(view(updated!));
      })
      .delete('/:id', async (c) => {
        const site = await own(c.get('account').id, c.req.param('id'));
        await db.delete(sites).where(eq(sites.id, site.id));
        // Its widgets went with it (cascade); the account's cap of served widgets may now reach others.
        deps.invalidations.account(site.accountId);
        return c.body(null, 204);
      })
  );
}
