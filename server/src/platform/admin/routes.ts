// Operator API: accounts (search, detail, tariff), blocks with reasons, abuse complaints,
// platform totals, and journaled reads of a licensee's leads.
import { and, desc, eq, like, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { setTariffSchema } from '#contracts/schemas/admin.js';
import { abuseUpdateSchema, blockSchema } from '#contracts/schemas/operator.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { notFound } from '../lib/errors.js';
import { readJson, readQuery } from '../lib/json-body.js';
import { badgeVisitsOver } from '../tariffs/badge-visits.js';
import { impressionsUsed, limitsOf, periodEndAt, periodStartAt } from '../tariffs/policy.js';
import { updateById } from '../db/by-id.js';

export const adminAccountsQuerySchema = z.object({ email: z.string().trim().toLowerCase().max(254).optional() });
export const adminLeadsPageQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

export function createAdminRoutes(deps: AppDeps) {
  const { logger, clock } = deps;
  const { db } = deps.store;
  const { abuseComplaints, accounts, impressionPeriods, leadAccessJournal, leads, payments, sites, subscriptions, widgets } = db.tables;
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
  const accountOr404 = async (id: string) => {
    const [a] = await db.select().from(accounts).where(eq(accounts.id, id));
    if (!a) throw notFound('Account');
    return a;
  };
  const count = (rows: { n: number }[]) => rows[0]?.n ?? 0;

  return new Hono<AuthedEnv>()
    .get('/accounts', async (c) => {
      const { email } = readQuery(c, adminAccountsQuerySchema);
      // Stored e-mails and the query are both lower-case, so LIKE matches alike on both engines.
      const rows = await db
        .select()
        .from(accounts)
        .where(email ? like(accounts.email, `%${email}%`) : undefined)
        .orderBy(desc(accounts.createdAt), accounts.id)
        .limit(100);
      return c.json({ accounts: rows.map(view) });
    })
    .get('/accounts/:id', async (c) => {
      const a = await accountOr404(c.req.param('id'));
      const now = clock.now();
      return c.json({
        ...view(a),
        limits: limitsOf(a),
        period: { start: periodStartAt(a, now), end: periodEndAt(a, now) },
        subscription: (await db.select().from(subscriptions).where(eq(subscriptions.accountId, a.id)))[0] ?? null,
        usage: { impressions: await impressionsUsed(db, a, now), badgeVisits: await badgeVisitsOver(db, a.id, now) },
        // Oldest first, as they were created, on either engine.
        sites: await db
          .select({ id: sites.id, name: sites.name, domains: sites.domains, lastSeenAt: sites.lastSeenAt })
          .from(sites)
          .where(eq(sites.accountId, a.id))
          .orderBy(sites.createdAt, sites.id),
        widgets: await db
          .select({ id: widgets.id, name: widgets.name, type: widgets.type, active: widgets.active, blockedAt: widgets.blockedAt, blockReason: widgets.blockReason })
          .from(widgets)
          .where(eq(widgets.accountId, a.id))
          .orderBy(widgets.createdAt, widgets.id),
      });
    })
    .put('/accounts/:id/tariff', async (c) => {
      const { tariffId, individualLimits, individualPriceRub, reason } = await readJson(c, setTariffSchema);
      const individual = tariffId === 'individual';
      const [updated] = await db
        .update(accounts)
        .set({ tariffId, individualLimits: individual ? individualLimits! : null, individualPriceKopecks: individual && individualPriceRub ? Math.round(individualPriceRub * 100) : null })
        .where(eq(accounts.id, c.req.param('id')))
        .returning();
      if (!updated) throw notFound('Account');
      deps.invalidations.account(updated.id);
      logger.info('admin.tariff_set', { operatorId: c.get('account').id, accountId: updated.id, tariffId, reason });
      return c.json(view(updated));
    })
    .put('/accounts/:id/block', async (c) => {
      const { blocked, reason } = await readJson(c, blockSchema);
      const a = await accountOr404(c.req.param('id'));
      await db
        .update(accounts)
        .set(blocked ? { blockedAt: clock.now(), blockReason: reason! } : { blockedAt: null, blockReason: null })
        .where(eq(accounts.id, a.id));
      deps.invalidations.account(a.id);
      logger.info('admin.account_block', { operatorId: c.get('account').id, accountId: a.id, blocked });
      return c.json(view(await accountOr404(a.id)));
    })
    .put('/widgets/:id/block', async (c) => {
      const { blocked, reason } = await readJson(c, blockSchema);
      const [w] = await db
        .update(widgets)
        .set(blocked ? { blockedAt: clock.now(), blockReason: reason! } : { blockedAt: null, blockReason: null })
        .where(eq(widgets.id, c.req.param('id')))
        .returning({ id: widgets.id, accountId: widgets.accountId, blockedAt: widgets.blockedAt, blockReason: widgets.blockReason });
      if (!w) throw notFound('Widget');
      // A blocked widget leaves room under the cap for another: every site of the account.
      deps.invalidations.account(w.accountId);
      logger.info('admin.widget_block', { operatorId: c.get('account').id, widgetId: w.id, blocked });
      return c.json({ id: w.id, blockedAt: w.blockedAt, blockReason: w.blockReason });
    })
    .get('/accounts/:id/leads', async (c) => {
      const a = await accountOr404(c.req.param('id'));
      const { page } = readQuery(c, adminLeadsPageQuerySchema);
      // Personal data the operator processes for the licensee: every read is journaled (SPEC §8).
      await db.insert(leadAccessJournal).values({ operatorId: c.get('account').id, accountId: a.id, what: `leads page ${page}`, at: clock.now() });
      // The id breaks ties, so pages neither repeat nor skip a lead on either engine.
      const rows = await db
        .select()
        .from(leads)
        .where(eq(leads.accountId, a.id))
        .orderBy(desc(leads.createdAt), desc(leads.id))
        .limit(50)
        .offset((page - 1) * 50);
      return c.json({ leads: rows });
    })
    .get('/accounts/:id/lead-access', async (c) => {
      const a = await accountOr404(c.req.param('id'));
      // With the operator's e-mail: the journal answers "who looked", which an id alone does not.
      const rows = await db
        .select({ entry: leadAccessJournal, operatorEmail: accounts.email })
        .from(leadAccessJournal)
        .leftJoin(accounts, eq(accounts.id, leadAccessJournal.operatorId))
        .where(eq(leadAccessJournal.accountId, a.id))
        .orderBy(desc(leadAccessJournal.at), desc(leadAccessJournal.id))
        .limit(200);
      return c.json({ journal: rows.map((r) => ({ ...r.entry, operatorEmail: r.operatorEmail })) });
    })
    .get('/abuse', async (c) => c.json({ complaints: await db.select().from(abuseComplaints).orderBy(abuseComplaints.dueAt, abuseComplaints.id).limit(200) }))
    .put('/abuse/:id', async (c) => {
      const body = await readJson(c, abuseUpdateSchema);
      return c.json(await updateById(db, abuseComplaints, 'Complaint', c.req.param('id'), { ...body, updatedAt: clock.now() }));
    })
    .get('/stats', async (c) => {
      const n = async (table: typeof accounts | typeof leads) => count(await db.select({ n: sql<number>`count(*)` }).from(table));
      return c.json({
        accounts: await n(accounts),
        activeWidgets: count(
          await db
            .select({ n: sql<number>`count(*)` })
            .from(widgets)
            .where(and(eq(widgets.active, true), sql`${widgets.blockedAt} is null`)),
        ),
        leads: await n(leads),
        badgeVisits: await badgeVisitsOver(db, null, clock.now()),
        impressions: count(await db.select({ n: sql<number>`coalesce(sum(${impressionPeriods.impressions}), 0)` }).from(impressionPeriods)),
        revenueKopecks: count(
          await db
            .select({ n: sql<number>`coalesce(sum(${payments.amountKopecks}), 0)` })
            .from(payments)
            .where(eq(payments.status, 'succeeded')),
        ),
      });
    });
}
