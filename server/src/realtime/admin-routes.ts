// Operator tools for realtime (/api/admin/realtime): monthly prices, projects and their blocks, the inactivity
// restore (offer 000 §3.6.1: "restored on the user's written request"), and log reads — each
// one journaled with its reason (offer 000 §3.5.4). Logs of deleted projects stay readable.
import { and, desc, eq, lt } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { setPriceSchema } from '#contracts/schemas/billing.js';
import { PAID_REALTIME_TARIFF_IDS, realtimeBlockSchema, realtimeLogQuerySchema } from '#contracts/schemas/realtime.js';
import { accounts, tariffPrices, realtimeConnectionLogs, realtimeLogAccessJournal, realtimeMessageLogs, realtimeProjects } from '../platform/db/schema/index.js';
import type { AppDeps, AuthedEnv } from '../deps.js';
import { notFound } from '../platform/lib/errors.js';
import { readJson, readQuery } from '../platform/lib/json-body.js';
import { restoreRealtimeAccess } from './inactivity.js';
import { accessOf, projectById } from './projects.js';
import { CODES } from './protocol.js';

export function createRealtimeAdminRoutes(deps: AppDeps) {
  const { db, clock, logger } = deps;
  const rt = deps.realtime;

  /** The account a project's logs belong to, even after the project itself was deleted. */
  function logOwner(projectId: string): string {
    const p = projectById(db, projectId);
    if (p) return p.accountId;
    const fromLogs =
      db.select({ a: realtimeMessageLogs.accountId }).from(realtimeMessageLogs).where(eq(realtimeMessageLogs.projectId, projectId)).limit(1).get() ??
      db.select({ a: realtimeConnectionLogs.accountId }).from(realtimeConnectionLogs).where(eq(realtimeConnectionLogs.projectId, projectId)).limit(1).get();
    if (!fromLogs) throw notFound('Project');
    return fromLogs.a;
  }

  function journal(operatorId: string, projectId: string, accountId: string, what: 'messages' | 'connections', reason: string, rows: number) {
    db.insert(realtimeLogAccessJournal).values({ operatorId, projectId, accountId, what, reason, rows, at: clock.now() }).run();
    logger.info('realtime.log_access', { operatorId, projectId, what, rows });
  }

  return new Hono<AuthedEnv>()
    .put('/prices/:tariffId', async (c) => {
      const tariffId = z.enum(PAID_REALTIME_TARIFF_IDS).safeParse(c.req.param('tariffId'));
      if (!tariffId.success) throw notFound('Tariff');
      const { priceRub, discountPercent } = await readJson(c, setPriceSchema);
      // Per calendar month, in the same table as widget prices; applies to payments started after it.
      const values = { tariffId: tariffId.data, priceKopecks: Math.round(priceRub * 100), discountPercent, updatedAt: clock.now() };
      db.insert(tariffPrices).values(values).onConflictDoUpdate({ target: tariffPrices.tariffId, set: values }).run();
      logger.info('realtime.price_set', { operatorId: c.get('account').id, tariffId: tariffId.data });
      return c.json({ tariffId: tariffId.data, priceKopecks: values.priceKopecks, discountPercent });
    })
    .get('/projects', (c) => {
      const { accountId } = readQuery(c, z.object({ accountId: z.string().max(40).optional() }));
      const now = clock.now();
      const rows = db.select().from(realtimeProjects).where(accountId ? eq(realtimeProjects.accountId, accountId) : undefined).orderBy(desc(realtimeProjects.createdAt)).limit(200).all();
      return c.json({
        projects: rows.map((p) => ({
          id: p.id,
          accountId: p.accountId,
          name: p.name,
          appId: p.appId,
          tariffId: p.tariffId,
          periodEnd: p.periodEnd,
          status: accessOf(db, p, now),
          blocked: p.blockedAt ? { at: p.blockedAt, reason: p.blockReason } : null,
          connectionsNow: rt.hub.connectionCount(p.id),
          lastActivityAt: p.lastActivityAt,
        })),
      });
    })
    .post('/projects/:id/block', async (c) => {
      const { reason } = await readJson(c, realtimeBlockSchema);
      const p = projectById(db, c.req.param('id'));
      if (!p) throw notFound('Project');
      db.update(realtimeProjects).set({ blockedAt: clock.now(), blockReason: reason, updatedAt: clock.now() }).where(eq(realtimeProjects.id, p.id)).run();
      const closed = rt.hub.closeProject(p.id, CODES.APP_DISABLED, 'Application is disabled');
      return c.json({ ok: true, closedConnections: closed });
    })
    .post('/projects/:id/unblock', (c) => {
      const p = projectById(db, c.req.param('id'));
      if (!p) throw notFound('Project');
      db.update(realtimeProjects).set({ blockedAt: null, blockReason: null, updatedAt: clock.now() }).where(eq(realtimeProjects.id, p.id)).run();
      return c.json({ ok: true });
    })
    .post('/accounts/:id/restore', (c) => {
      const id = c.req.param('id');
      if (!db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, id)).get()) throw notFound('Account');
      restoreRealtimeAccess(db, id, clock.now());
      logger.info('realtime.account_restored', { operatorId: c.get('account').id, accountId: id });
      return c.json({ ok: true });
    })
    .get('/projects/:id/logs/messages', (c) => {
      const q = readQuery(c, realtimeLogQuerySchema);
      const projectId = c.req.param('id');
      const accountId = logOwner(projectId);
      const rows = db
        .select()
        .from(realtimeMessageLogs)
        .where(and(eq(realtimeMessageLogs.projectId, projectId), q.before ? lt(realtimeMessageLogs.id, q.before) : undefined))
        .orderBy(desc(realtimeMessageLogs.id))
        .limit(q.limit)
        .all();
      journal(c.get('account').id, projectId, accountId, 'messages', q.reason, rows.length);
      return c.json({ messages: rows });
    })
    .get('/projects/:id/logs/connections', (c) => {
      const q = readQuery(c, realtimeLogQuerySchema);
      const projectId = c.req.param('id');
      const accountId = logOwner(projectId);
      const rows = db
        .select()
        .from(realtimeConnectionLogs)
        .where(and(eq(realtimeConnectionLogs.projectId, projectId), q.before ? lt(realtimeConnectionLogs.connectedAt, q.before) : undefined))
        .orderBy(desc(realtimeConnectionLogs.connectedAt))
        .limit(q.limit)
        .all();
      journal(c.get('account').id, projectId, accountId, 'connections', q.reason, rows.length);
      return c.json({ connections: rows });
    })
    .get('/log-access', (c) => {
      const { projectId } = readQuery(c, z.object({ projectId: z.string().max(40).optional() }));
      const rows = db
        .select()
        .from(realtimeLogAccessJournal)
        .where(projectId ? eq(realtimeLogAccessJournal.projectId, projectId) : undefined)
        .orderBy(desc(realtimeLogAccessJournal.id))
        .limit(500)
        .all();
      return c.json({ entries: rows });
    });
}
