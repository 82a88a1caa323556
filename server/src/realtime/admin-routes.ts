// Operator tools for realtime (/api/admin/realtime): monthly prices, projects and their blocks, the inactivity
// restore (offer 000 §3.6.1: "restored on the user's written request"), and log reads — each
// one journaled with its reason (offer 000 §3.5.4). Logs of deleted projects stay readable.
import { and, desc, eq, lt } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { setPriceSchema } from '#contracts/schemas/billing.js';
import { PAID_REALTIME_TARIFF_IDS, realtimeBlockSchema, realtimeLogQuerySchema } from '#contracts/schemas/realtime.js';
import type { AppDeps, AuthedEnv } from '../deps.js';
import { notFound } from '../platform/lib/errors.js';
import { readJson, readQuery } from '../platform/lib/json-body.js';
import { restoreRealtimeAccess } from './inactivity.js';
import { accessOf, projectById } from './projects.js';
import { CODES } from './protocol.js';

export const adminRealtimeProjectsQuerySchema = z.object({ accountId: z.string().max(40).optional() });
export const adminLogAccessQuerySchema = z.object({ projectId: z.string().max(40).optional() });

export function createRealtimeAdminRoutes(deps: AppDeps) {
  const { clock, logger } = deps;
  const { db } = deps.store;
  const { accounts, tariffPrices, realtimeConnectionLogs, realtimeLogAccessJournal, realtimeMessageLogs, realtimeProjects } = db.tables;
  const rt = deps.realtime;

  /** The account a project's logs belong to, even after the project itself was deleted. */
  async function logOwner(projectId: string): Promise<string> {
    const p = await projectById(db, projectId);
    if (p) return p.accountId;
    const [fromMessages] = await db.select({ a: realtimeMessageLogs.accountId }).from(realtimeMessageLogs).where(eq(realtimeMessageLogs.projectId, projectId)).limit(1);
    const fromLogs = fromMessages ?? (await db.select({ a: realtimeConnectionLogs.accountId }).from(realtimeConnectionLogs).where(eq(realtimeConnectionLogs.projectId, projectId)).limit(1))[0];
    if (!fromLogs) throw notFound('Project');
    return fromLogs.a;
  }

  async function journal(operatorId: string, projectId: string, accountId: string, what: 'messages' | 'connections', reason: string, rows: number) {
    await db.insert(realtimeLogAccessJournal).values({ operatorId, projectId, accountId, what, reason, rows, at: clock.now() });
    logger.info('realtime.log_access', { operatorId, projectId, what, rows });
  }

  /**
   * One page of a project's logs in `table`, newest first by `cursor` (the query's `before` is the
   * last page's smallest value), journaled with the operator's reason before it is answered.
   */
  async function journaledLogPage<T extends PgTable & { projectId: PgColumn }>(c: Context<AuthedEnv>, what: 'messages' | 'connections', table: T, cursor: PgColumn): Promise<T['$inferSelect'][]> {
    const q = readQuery(c, realtimeLogQuerySchema);
    const projectId = c.req.param('id')!;
    const accountId = await logOwner(projectId);
    const rows = await db
      .select()
      .from(table as PgTable)
      .where(and(eq(table.projectId, projectId), q.before ? lt(cursor, q.before) : undefined))
      .orderBy(desc(cursor))
      .limit(q.limit);
    await journal(c.get('account').id, projectId, accountId, what, q.reason, rows.length);
    return rows as T['$inferSelect'][];
  }

  return new Hono<AuthedEnv>()
    .put('/prices/:tariffId', async (c) => {
      const tariffId = z.enum(PAID_REALTIME_TARIFF_IDS).safeParse(c.req.param('tariffId'));
      if (!tariffId.success) throw notFound('Tariff');
      const { priceRub, discountPercent } = await readJson(c, setPriceSchema);
      // Per calendar month, in the same table as widget prices; applies to payments started after it.
      const values = { tariffId: tariffId.data, priceKopecks: Math.round(priceRub * 100), discountPercent, updatedAt: clock.now() };
      await db.insert(tariffPrices).values(values).onConflictDoUpdate({ target: tariffPrices.tariffId, set: values });
      logger.info('realtime.price_set', { operatorId: c.get('account').id, tariffId: tariffId.data });
      return c.json({ tariffId: tariffId.data, priceKopecks: values.priceKopecks, discountPercent });
    })
    .get('/projects', async (c) => {
      const { accountId } = readQuery(c, adminRealtimeProjectsQuerySchema);
      const now = clock.now();
      const rows = await db
        .select()
        .from(realtimeProjects)
        .where(accountId ? eq(realtimeProjects.accountId, accountId) : undefined)
        .orderBy(desc(realtimeProjects.createdAt))
        .limit(200);
      return c.json({
        projects: await Promise.all(
          rows.map(async (p) => ({
            id: p.id,
            accountId: p.accountId,
            name: p.name,
            appId: p.appId,
            tariffId: p.tariffId,
            periodEnd: p.periodEnd,
            status: await accessOf(db, p, now),
            blocked: p.blockedAt ? { at: p.blockedAt, reason: p.blockReason } : null,
            connectionsNow: await rt.connectionsNow(p.id),
            lastActivityAt: p.lastActivityAt,
          })),
        ),
      });
    })
    .post('/projects/:id/block', async (c) => {
      const { reason } = await readJson(c, realtimeBlockSchema);
      const p = await projectById(db, c.req.param('id'));
      if (!p) throw notFound('Project');
      await db.update(realtimeProjects).set({ blockedAt: clock.now(), blockReason: reason, updatedAt: clock.now() }).where(eq(realtimeProjects.id, p.id));
      // Before the sockets close: a client that reconnects at once must not be let in from a cached row.
      deps.invalidations.account(p.accountId);
      const closed = await rt.connectionsNow(p.id);
      rt.hub.closeEverywhere(p.id, null, CODES.APP_DISABLED, 'Application is disabled');
      return c.json({ ok: true, closedConnections: closed });
    })
    .post('/projects/:id/unblock', async (c) => {
      const p = await projectById(db, c.req.param('id'));
      if (!p) throw notFound('Project');
      await db.update(realtimeProjects).set({ blockedAt: null, blockReason: null, updatedAt: clock.now() }).where(eq(realtimeProjects.id, p.id));
      deps.invalidations.account(p.accountId);
      return c.json({ ok: true });
    })
    .post('/accounts/:id/restore', async (c) => {
      const id = c.req.param('id');
      if ((await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, id))).length === 0) throw notFound('Account');
      await restoreRealtimeAccess(deps, id);
      logger.info('realtime.account_restored', { operatorId: c.get('account').id, accountId: id });
      return c.json({ ok: true });
    })
    .get('/projects/:id/logs/messages', async (c) => {
      return c.json({ messages: await journaledLogPage(c, 'messages', realtimeMessageLogs, realtimeMessageLogs.id) });
    })
    .get('/projects/:id/logs/connections', async (c) => {
      return c.json({ connections: await journaledLogPage(c, 'connections', realtimeConnectionLogs, realtimeConnectionLogs.connectedAt) });
    })
    .get('/log-access', async (c) => {
      const { projectId } = readQuery(c, adminLogAccessQuerySchema);
      const rows = await db
        .select()
        .from(realtimeLogAccessJournal)
        .where(projectId ? eq(realtimeLogAccessJournal.projectId, projectId) : undefined)
        .orderBy(desc(realtimeLogAccessJournal.id))
        .limit(500);
      return c.json({ entries: rows });
    });
}
