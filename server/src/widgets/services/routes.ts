// Widget requests of the all-inclusive tariffs: the licensee asks, the operator works them.
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { serviceRequestSchema, serviceRequestUpdateSchema } from '#contracts/schemas/services.js';
import { accounts, serviceRequests, widgets } from '../../platform/db/schema/index.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { DAY } from '../../platform/lib/clock.js';
import { notFound } from '../../platform/lib/errors.js';
import { newId } from '../../platform/lib/ids.js';
import { readJson } from '../../platform/lib/json-body.js';
import { assertCanRequestWidgetWork, tariffOf } from '../../platform/tariffs/policy.js';

/** The quota is per rolling 7 days: no calendar edge where two weeks' requests arrive at once. */
const WEEK_MS = 7 * DAY;

export function createServiceRequestRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  return new Hono<AuthedEnv>()
    .get('/', (c) => {
      const account = c.get('account');
      const requests = db.select().from(serviceRequests).where(eq(serviceRequests.accountId, account.id)).orderBy(desc(serviceRequests.createdAt)).all();
      const since = clock.now() - WEEK_MS;
      // The dashboard shows the quota the POST below enforces (null: the tariff has no service).
      const perWeek = tariffOf(account).managedService?.requestsPerWeek ?? null;
      return c.json({ quota: { perWeek, usedThisWeek: requests.filter((r) => r.createdAt > since).length }, requests });
    })
    .post('/', async (c) => {
      const body = await readJson(c, serviceRequestSchema);
      const account = c.get('account');
      if (body.widgetId && !db.select({ id: widgets.id }).from(widgets).where(and(eq(widgets.id, body.widgetId), eq(widgets.accountId, account.id))).get()) throw notFound('Widget');
      const now = clock.now();
      const row = db.transaction(
        (tx) => {
          const recent = tx.select({ n: sql<number>`count(*)` }).from(serviceRequests).where(and(eq(serviceRequests.accountId, account.id), gt(serviceRequests.createdAt, now - WEEK_MS))).get()?.n ?? 0;
          assertCanRequestWidgetWork(account, recent);
          return tx.insert(serviceRequests).values({ id: newId('req'), accountId: account.id, ...body, createdAt: now, updatedAt: now }).returning().get();
        },
        { behavior: 'immediate' },
      );
      for (const to of deps.env.OPERATOR_EMAILS) {
        await deps.mailer.send({ to, subject: `${deps.env.BRAND_NAME}: заявка на виджет ${row.id}`, text: `Новая заявка (${row.kind}). ${deps.env.PUBLIC_URL}/app/admin/requests` }).catch(() => undefined);
      }
      return c.json(row, 201);
    });
}

export function createServiceRequestAdminRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  return new Hono<AuthedEnv>()
    // With the licensee's e-mail: the operator answers the person, not an id.
    .get('/', (c) =>
      c.json({
        requests: db
          .select({ request: serviceRequests, email: accounts.email })
          .from(serviceRequests)
          .innerJoin(accounts, eq(accounts.id, serviceRequests.accountId))
          .orderBy(desc(serviceRequests.createdAt))
          .limit(200)
          .all()
          .map((r) => ({ ...r.request, email: r.email })),
      }),
    )
    .put('/:id', async (c) => {
      const body = await readJson(c, serviceRequestUpdateSchema);
      const row = db.update(serviceRequests).set({ ...body, updatedAt: clock.now() }).where(eq(serviceRequests.id, c.req.param('id'))).returning().get();
      if (!row) throw notFound('Request');
      return c.json(row);
    });
}
