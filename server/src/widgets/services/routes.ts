// Widget requests of the all-inclusive tariffs: the licensee asks, the operator works them.
import { assertOwned } from '../../platform/db/owned.js';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { serviceRequestSchema, serviceRequestUpdateSchema } from '#contracts/schemas/services.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { DAY } from '../../platform/lib/clock.js';
import { newId } from '../../platform/lib/ids.js';
import { readJson } from '../../platform/lib/json-body.js';
import { assertCanRequestWidgetWork, tariffOf } from '../../platform/tariffs/policy.js';
import { updateById } from '../../platform/db/by-id.js';
import { mailOperators } from '../../platform/mail/operators.js';
import { dashboardUrl } from '../../platform/mail/dashboard-url.js';

/** The quota is per rolling 7 days: no calendar edge where two weeks' requests arrive at once. */
const WEEK_MS = 7 * DAY;

export function createServiceRequestRoutes(deps: AppDeps) {
  const { store, clock } = deps;
  const { db } = store;
  const { serviceRequests, widgets } = store.tables;
  return new Hono<AuthedEnv>()
    .get('/', async (c) => {
      const account = c.get('account');
      const requests = await db.select().from(serviceRequests).where(eq(serviceRequests.accountId, account.id)).orderBy(desc(serviceRequests.createdAt));
      const since = clock.now() - WEEK_MS;
      // The dashboard shows the quota the POST below enforces (null: the tariff has no service).
      const perWeek = tariffOf(account).managedService?.requestsPerWeek ?? null;
      return c.json({ quota: { perWeek, usedThisWeek: requests.filter((r) => r.createdAt > since).length }, requests });
    })
    .post('/', async (c) => {
      const body = await readJson(c, serviceRequestSchema);
      const account = c.get('account');
      await assertOwned(db, widgets, 'Widget', account.id, body.widgetId);
      const now = clock.now();
      const row = await store.transaction(async (tx) => {
        // Count, then insert on the strength of it: the lock queues this account's other requests
        // (in any process) behind this one, so two cannot both take the last slot of the week.
        await store.lock(tx, `service_requests:${account.id}`);
        const [recent] = await tx
          .select({ n: sql<number>`count(*)` })
          .from(serviceRequests)
          .where(and(eq(serviceRequests.accountId, account.id), gt(serviceRequests.createdAt, now - WEEK_MS)));
        assertCanRequestWidgetWork(account, recent?.n ?? 0);
        const [inserted] = await tx
          .insert(serviceRequests)
          .values({ id: newId('req'), accountId: account.id, ...body, createdAt: now, updatedAt: now })
          .returning();
        return inserted!;
      });
      const { BRAND_NAME } = deps.env;
      await mailOperators(
        deps,
        (lang) => {
          const url = dashboardUrl(deps.env, 'admin/requests', lang);
          return lang === 'en'
            ? { subject: `${BRAND_NAME}: widget work request ${row.id}`, text: `A new request: ${row.kind === 'create' ? 'a new widget' : 'a change to a widget'}. ${url}` }
            : { subject: `${BRAND_NAME}: запрос на доработку ${row.id}`, text: `Новый запрос: ${row.kind === 'create' ? 'новый виджет' : 'изменение виджета'}. ${url}` };
        },
        // The request is saved and shown in the operator's list: a lost mail costs only the nudge.
        () => undefined,
      );
      return c.json(row, 201);
    });
}

export function createServiceRequestAdminRoutes(deps: AppDeps) {
  const { clock } = deps;
  const { db } = deps.store;
  const { accounts, serviceRequests } = db.tables;
  return (
    new Hono<AuthedEnv>()
      // With the licensee's e-mail: the operator answers the person, not an id.
      .get('/', async (c) =>
        c.json({
          requests: (
            await db
              .select({ request: serviceRequests, email: accounts.email })
              .from(serviceRequests)
              .innerJoin(accounts, eq(accounts.id, serviceRequests.accountId))
              .orderBy(desc(serviceRequests.createdAt))
              .limit(200)
          ).map((r) => ({ ...r.request, email: r.email })),
        }),
      )
      .put('/:id', async (c) => {
        const body = await readJson(c, serviceRequestUpdateSchema);
        return c.json(await updateById(db, serviceRequests, 'Request', c.req.param('id'), { ...body, updatedAt: clock.now() }));
      })
  );
}
