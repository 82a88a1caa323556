// Operator API: accounts (search, detail, tariff), blocks with reasons, abuse complaints,
// platform totals, and journaled reads of a licensee's leads.
import { and, desc, eq, like, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { setTariffSchema } from '#contracts/schemas/admin.js';
import { abuseUpdateSchema, blockSchema } from '#contracts/schemas/operator.js';
import { abuseComplaints, accounts, leadAccessJournal, leads, payments, sites, subscriptions, widgets } from '../db/schema/index.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { notFound } from '../lib/errors.js';
import { readJson, readQuery } from '../lib/json-body.js';
import { impressionsUsed, limitsOf, periodEndAt, periodStartAt } from '../tariffs/policy.js';

export function createAdminRoutes(deps: AppDeps) {
  const { db, logger, clock } = deps;
  const view = (a: typeof accounts.$inferSelect) => ({
    id: a.id,
    email: a.email,
    role: a.role,
    tariffId: a.tariffId,
    individualLimits: a.individualLimits,
    individualPriceKopecks: a.individualPriceKopecks,
    blocked: a.blockedAt ? { at: a.blockedAt, reason: a.blockReason } : null,
    createdAt: a.createdAt,
    lastLoginAt: a.lastLoginAt,
  });
  const accountOr404 = (id: string) => {
    const a = db.select().from(accounts).where(eq(accounts.id, id)).get();
    if (!a) throw notFound('Account');
    return a;
  };
  const count = (q: { n: number } | undefined) => q?.n ?? 0;

  return new Hono<AuthedEnv>()
    .get('/accounts', (c) => {
      const { email } = readQuery(c, z.object({ email: z.string().trim().toLowerCase().max(254).optional() }));
      const rows = db.select().from(accounts).where(email ? like(accounts.email, `%${email}%`) : undefined).orderBy(desc(accounts.createdAt)).limit(100).all();
      return c.json({ accounts: rows.map(view) });
    })
    .get('/accounts/:id', (c) => {
      const a = accountOr404(c.req.param('id'));
      const now = clock.now();
      return c.json({
        ...view(a),
        limits: limitsOf(a),
        period: { start: periodStartAt(a, now), end: periodEndAt(a, now) },
        subscription: db.select().from(subscriptions).where(eq(subscriptions.accountId, a.id)).get() ?? null,
        usage: { impressions: impressionsUsed(db, a, now) },
        sites: db.select({ id: sites.id, name: sites.name, domains: sites.domains, lastSeenAt: sites.lastSeenAt }).from(sites).where(eq(sites.accountId, a.id)).all(),
        widgets: db
          .select({ id: widgets.id, name: widgets.name, type: widgets.type, active: widgets.active, blockedAt: widgets.blockedAt, blockReason: widgets.blockReason })
          .from(widgets)
          .where(eq(widgets.accountId, a.id))
          .all(),
      });
    })
    .put('/accounts/:id/tariff', async (c) => {
      const { tariffId, individualLimits, individualPriceRub, reason } = await readJson(c, setTariffSchema);
      const individual = tariffId === 'individual';
      const updated = db
        .update(accounts)
        .set({ tariffId, individualLimits: individual ? individualLimits! : null, individualPriceKopecks: individual && individualPriceRub ? Math.round(individualPriceRub * 100) : null })
        .where(eq(accounts.id, c.req.param('id')))
        .returning()
        .get();
      if (!updated) throw notFound('Account');
      logger.info('admin.tariff_set', { operatorId: c.get('account').id, accountId: updated.id, tariffId, reason });
      return c.json(view(updated));
    })
    .put('/accounts/:id/block', async (c) => {
      const { blocked, reason } = await readJson(c, blockSchema);
      const a = accountOr404(c.req.param('id'));
      db.update(accounts).set(blocked ? { blockedAt: clock.now(), blockReason: reason! } : { blockedAt: null, blockReason: null }).where(eq(accounts.id, a.id)).run();
      logger.info('admin.account_block', { operatorId: c.get('account').id, accountId: a.id, blocked });
      return c.json(view(accountOr404(a.id)));
    })
    .put('/widgets/:id/block', async (c) => {
      const { blocked, reason } = await readJson(c, blockSchema);
      const w = db
        .update(widgets)
        .set(blocked ? { blockedAt: clock.now(), blockReason: reason! } : { blockedAt: null, blockReason: null })
        .where(eq(widgets.id, c.req.param('id')))
        .returning({ id: widgets.id, blockedAt: widgets.blockedAt, blockReason: widgets.blockReason })
        .get();
      if (!w) throw notFound('Widget');
      logger.info('admin.widget_block', { operatorId: c.get('account').id, widgetId: w.id, blocked });
      return c.json(w);
    })
    .get('/accounts/:id/leads', (c) => {
      const a = accountOr404(c.req.param('id'));
      const { page } = readQuery(c, z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) }));
      // Personal data the operator processes for the licensee: every read is journaled (SPEC §8).
      db.insert(leadAccessJournal).values({ operatorId: c.get('account').id, accountId: a.id, what: `leads page ${page}`, at: clock.now() }).run();
      const rows = db.select().from(leads).where(eq(leads.accountId, a.id)).orderBy(desc(leads.createdAt)).limit(50).offset((page - 1) * 50).all();
      return c.json({ leads: rows });
    })
    .get('/accounts/:id/lead-access', (c) => {
      const a = accountOr404(c.req.param('id'));
      // With the operator's e-mail: the journal answers "who looked", which an id alone does not.
      const rows = db
        .select({ entry: leadAccessJournal, operatorEmail: accounts.email })
        .from(leadAccessJournal)
        .leftJoin(accounts, eq(accounts.id, leadAccessJournal.operatorId))
        .where(eq(leadAccessJournal.accountId, a.id))
        .orderBy(desc(leadAccessJournal.at))
        .limit(200)
        .all();
      return c.json({ journal: rows.map((r) => ({ ...r.entry, operatorEmail: r.operatorEmail })) });
    })
    .get('/abuse', (c) => c.json({ complaints: db.select().from(abuseComplaints).orderBy(abuseComplaints.dueAt).limit(200).all() }))
    .put('/abuse/:id', async (c) => {
      const body = await readJson(c, abuseUpdateSchema);
      const row = db.update(abuseComplaints).set({ ...body, updatedAt: clock.now() }).where(eq(abuseComplaints.id, c.req.param('id'))).returning().get();
      if (!row) throw notFound('Complaint');
      return c.json(row);
    })
    .get('/stats', (c) => {
      const n = (table: typeof accounts | typeof leads) => count(db.select({ n: sql<number>`count(*)` }).from(table).get());
      return c.json({
        accounts: n(accounts),
        activeWidgets: count(db.select({ n: sql<number>`count(*)` }).from(widgets).where(and(eq(widgets.active, true), sql`${widgets.blockedAt} is null`)).get()),
        leads: n(leads),
        impressions: count(db.select({ n: sql<number>`coalesce(sum(impressions), 0)` }).from(sql`impression_periods`).get()),
        revenueKopecks: count(db.select({ n: sql<number>`coalesce(sum(${payments.amountKopecks}), 0)` }).from(payments).where(eq(payments.status, 'succeeded')).get()),
      });
    });
}
