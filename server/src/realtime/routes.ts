// The licensee's realtime projects (/api/realtime): create, settings, secret rotation, delete,
// statistics, and paying for a project's tariff. Another account's project is a 404.
import { ownedRow, ownedRowsOldestFirst } from '../platform/db/owned.js';
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import {
  type PAID_REALTIME_TARIFF_IDS,
  REALTIME_PERIOD_MONTHS,
  realtimeCheckoutSchema,
  realtimeProjectCreateSchema,
  realtimeProjectPatchSchema,
  realtimeStatsQuerySchema,
  realtimeSwitchToFreeSchema,
  realtimeUpgradeSchema,
} from '#contracts/schemas/realtime.js';
import type { Db } from '../platform/db/store.js';
import type { AppDeps, AuthedEnv } from '../deps.js';
import { DAY } from '../platform/lib/clock.js';
import { AppError } from '../platform/lib/errors.js';
import { readJson, readQuery } from '../platform/lib/json-body.js';
import { REALTIME_TARIFFS } from '../platform/tariffs/realtime-catalogue.js';
import { realtimeMonthlyPrice, realtimePeriodPriceKopecks } from '../platform/tariffs/prices.js';
import { assertCanCreateFreeProject, paidPeriodRunning, utcDay } from '../platform/tariffs/realtime-policy.js';
import { checkoutPeriod, checkoutUpgrade } from './billing.js';
import { ACCESS_MESSAGES, accessOf, newCredentials, newProjectId, sealSecret, type ProjectRow } from './projects.js';
import { CODES } from './protocol.js';
import { projectView } from './views.js';

export function createRealtimeRoutes(deps: AppDeps) {
  const { clock, store } = deps;
  const { db } = store;
  const { realtimeProjects, realtimeUsageDaily } = db.tables;
  const rt = deps.realtime;
  const own = (accountId: string, id: string): Promise<ProjectRow> => ownedRow(db, realtimeProjects, 'Project', accountId, id);
  const view = async (p: ProjectRow) => projectView(deps, rt, p, await accessOf(db, p, clock.now()));
  const paymentView = (p: { id: string; status: string; amountKopecks: number; method: string; confirmationUrl: string | null; tariffId: string; months: number | null }) => ({
    id: p.id,
    status: p.status,
    method: p.method,
    tariffId: p.tariffId,
    months: p.months,
    amountKopecks: p.amountKopecks,
    confirmationUrl: p.status === 'pending' ? p.confirmationUrl : null,
  });
  const freeCount = async (tx: Db, accountId: string) =>
    (
      await tx
        .select({ n: sql<number>`count(*)` })
        .from(realtimeProjects)
        .where(and(eq(realtimeProjects.accountId, accountId), eq(realtimeProjects.tariffId, 'rt_free')))
    )[0]?.n ?? 0;
  /**
   * Counting an account's Free projects and then adding or switching one is decided under this
   * lock: on PostgreSQL two such transactions would otherwise both count none and both go ahead.
   */
  const lockFreeProjects = (tx: Db, accountId: string) => store.lock(tx, `realtime-free-projects:${accountId}`);
  /** After every committed write to a project: each node's project cache (project-cache.ts) forgets the account's projects. */
  const changed = (p: ProjectRow) => deps.invalidations.account(p.accountId);

  return new Hono<AuthedEnv>()
    .get('/tariffs', async (c) =>
      c.json({
        // How "pay" is taken: without YooKassa a period is paid by bank transfer, which the card says before the click.
        paymentMethod: deps.yookassa ? ('yookassa' as const) : ('manual' as const),
        periods: REALTIME_PERIOD_MONTHS,
        tariffs: await Promise.all(
          Object.values(REALTIME_TARIFFS).map(async (t) => ({
            id: t.id,
            name: t.name,
            limits: t.limits,
            monthly: t.monthlyPriceKopecks === 0 ? null : await realtimeMonthlyPrice(db, t.id),
            prices:
              t.monthlyPriceKopecks === 0
                ? null
                : Object.fromEntries(
                    await Promise.all(REALTIME_PERIOD_MONTHS.map(async (m) => [m, await realtimePeriodPriceKopecks(db, t.id as (typeof PAID_REALTIME_TARIFF_IDS)[number], m)] as const)),
                  ),
          })),
        ),
      }),
    )
    .get('/projects', async (c) => {
      const rows = await ownedRowsOldestFirst(db, realtimeProjects, c.get('account').id);
      return c.json({ projects: await Promise.all(rows.map(view)) });
    })
    .post('/projects', async (c) => {
      const input = await readJson(c, realtimeProjectCreateSchema);
      const account = c.get('account');
      const now = clock.now();
      const id = newProjectId();
      const creds = newCredentials();
      // Count and insert in one transaction, under the account's lock: two parallel requests cannot both get a Free project.
      const project = await store.transaction(async (tx) => {
        if (input.tariffId === 'rt_free') {
          await lockFreeProjects(tx, account.id);
          assertCanCreateFreeProject(await freeCount(tx, account.id));
        }
        const [row] = await tx
          .insert(realtimeProjects)
          .values({
            id,
            accountId: account.id,
            name: input.name,
            appId: creds.appId,
            key: creds.key,
            ...sealSecret(deps.sealer, id, creds.secret),
            secretRotatedAt: now,
            tariffId: input.tariffId,
            allowedOrigins: [],
            lastActivityAt: now,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        return row!;
      });
      const access = await accessOf(db, project, now);
      // Offer 000 §3.2.2: the token is handed out once the project is active (Free at once, paid after payment).
      return c.json({ project: await projectView(deps, rt, project, access), secret: access === 'active' ? creds.secret : null }, 201);
    })
    .get('/projects/:id', async (c) => c.json(await view(await own(c.get('account').id, c.req.param('id')))))
    .patch('/projects/:id', async (c) => {
      const patch = await readJson(c, realtimeProjectPatchSchema);
      const p = await own(c.get('account').id, c.req.param('id'));
      const [updated] = await db
        .update(realtimeProjects)
        .set({ ...patch, updatedAt: clock.now() })
        .where(eq(realtimeProjects.id, p.id))
        .returning();
      changed(p);
      return c.json(await view(updated!));
    })
    .delete('/projects/:id', async (c) => {
      const p = await own(c.get('account').id, c.req.param('id'));
      // Logs stay (149-FZ retention, no foreign key); usage rows go with the project.
      await db.delete(realtimeProjects).where(eq(realtimeProjects.id, p.id));
      changed(p);
      rt.hub.closeEverywhere(p.id, null, CODES.APP_NOT_FOUND, 'Application does not exist');
      return c.body(null, 204);
    })
    .post('/projects/:id/secret', async (c) => {
      const p = await own(c.get('account').id, c.req.param('id'));
      const access = await accessOf(db, p, clock.now());
      if (access === 'pending_payment' || access === 'blocked') throw new AppError(409, 'realtime_project_disabled', ACCESS_MESSAGES[access], { access });
      const { secret } = newCredentials();
      const now = clock.now();
      // Existing connections stay: only new channel authorizations and API calls need the new secret.
      const [updated] = await db
        .update(realtimeProjects)
        .set({ ...sealSecret(deps.sealer, p.id, secret), secretRotatedAt: now, updatedAt: now })
        .where(eq(realtimeProjects.id, p.id))
        .returning();
      changed(p);
      return c.json({ project: await view(updated!), secret });
    })
    .get('/projects/:id/stats', async (c) => {
      const { days } = readQuery(c, realtimeStatsQuerySchema);
      const p = await own(c.get('account').id, c.req.param('id'));
      const from = utcDay(clock.now() - (days - 1) * DAY);
      const rows = await db
        .select()
        .from(realtimeUsageDaily)
        .where(and(eq(realtimeUsageDaily.projectId, p.id), gte(realtimeUsageDaily.day, from)))
        .orderBy(asc(realtimeUsageDaily.day));
      return c.json({
        connectionsNow: await rt.connectionsNow(p.id),
        days: rows.map(({ projectId: _p, notifiedPercent: _n, ...r }) => r),
      });
    })
    .post('/projects/:id/checkout', async (c) => {
      const body = await readJson(c, realtimeCheckoutSchema);
      const account = c.get('account');
      const p = await own(account.id, c.req.param('id'));
      if (p.blockedAt) throw new AppError(409, 'realtime_project_disabled', ACCESS_MESSAGES.blocked);
      return c.json(paymentView(await checkoutPeriod(deps, account, p, body.tariffId, body.months)), 201);
    })
    .post('/projects/:id/upgrade', async (c) => {
      const body = await readJson(c, realtimeUpgradeSchema);
      const account = c.get('account');
      const p = await own(account.id, c.req.param('id'));
      if (p.blockedAt) throw new AppError(409, 'realtime_project_disabled', ACCESS_MESSAGES.blocked);
      return c.json(paymentView(await checkoutUpgrade(deps, account, p, body.tariffId)), 201);
    })
    .put('/projects/:id/tariff', async (c) => {
      await readJson(c, realtimeSwitchToFreeSchema);
      const account = c.get('account');
      const p = await own(account.id, c.req.param('id'));
      const now = clock.now();
      if (p.tariffId === 'rt_free') return c.json(await view(p));
      if (paidPeriodRunning(p, now)) throw new AppError(409, 'conflict', 'The paid period is still running', { periodEnd: p.periodEnd });
      const updated = await store.transaction(async (tx) => {
        await lockFreeProjects(tx, account.id);
        assertCanCreateFreeProject(await freeCount(tx, account.id));
        const [row] = await tx.update(realtimeProjects).set({ tariffId: 'rt_free', periodStart: null, periodEnd: null, updatedAt: now }).where(eq(realtimeProjects.id, p.id)).returning();
        return row!;
      });
      changed(p);
      return c.json(await view(updated));
    });
}
