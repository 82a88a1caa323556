// The licensee's leads: list (paged, filtered, searched), read, destroy.
import { and, desc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { leadDeleteSchema, leadListQuerySchema } from '#contracts/schemas/leads.js';
import { leads, widgets } from '../../platform/db/schema/index.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { notFound } from '../../platform/lib/errors.js';
import { readJson, readQuery } from '../../platform/lib/json-body.js';
import { destroyLeads, leadsOfWidget, leadsWithIds } from './destroy.js';
import { exportLeadsCsv } from './export.js';
import { leadsMatching } from './filters.js';
import { utcDay } from '../stats/daily.js';

type LeadRow = typeof leads.$inferSelect;

const view = (l: LeadRow) => ({
  id: l.id,
  siteId: l.siteId,
  widgetId: l.widgetId,
  fields: l.fields,
  pageUrl: l.pageUrl,
  referrer: l.referrer,
  utm: l.utm,
  ip: l.ip,
  userAgent: l.userAgent,
  consent: { hash: l.consentHash, at: l.consentAt, marketing: l.marketingConsent },
  createdAt: l.createdAt,
});

export function createLeadRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  return new Hono<AuthedEnv>()
    .get('/', (c) => {
      const q = readQuery(c, leadListQuerySchema);
      const where = leadsMatching(c.get('account').id, q);
      const total = db.select({ n: sql<number>`count(*)` }).from(leads).where(where).get()?.n ?? 0;
      const rows = db
        .select()
        .from(leads)
        .where(where)
        .orderBy(desc(leads.createdAt), desc(leads.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .all();
      return c.json({ leads: rows.map(view), total, page: q.page, pageSize: q.pageSize });
    })
    // Before '/:id', which would otherwise take "export.csv" for a lead id.
    .get('/export.csv', (c) => exportLeadsCsv(c, db, utcDay(clock.now())))
    .get('/:id', (c) => {
      const row = db.select().from(leads).where(and(eq(leads.id, c.req.param('id')), eq(leads.accountId, c.get('account').id))).get();
      if (!row) throw notFound('Lead');
      return c.json(view(row));
    })
    .delete('/:id', (c) => {
      const deleted = destroyLeads(db, c.get('account').id, eq(leads.id, c.req.param('id')), 'licensee_request', clock.now());
      if (deleted === 0) throw notFound('Lead');
      return c.body(null, 204);
    })
    .post('/delete', async (c) => {
      const body = await readJson(c, leadDeleteSchema);
      const accountId = c.get('account').id;
      // All or nothing: an id (or widget) that is not this account's is refused, and nothing goes.
      if ('ids' in body) {
        const ids = [...new Set(body.ids)];
        const own = db.select({ n: sql<number>`count(*)` }).from(leads).where(and(eq(leads.accountId, accountId), leadsWithIds(ids))).get()?.n ?? 0;
        if (own !== ids.length) throw notFound('Lead');
      } else if ('widgetId' in body && !db.select({ id: widgets.id }).from(widgets).where(and(eq(widgets.id, body.widgetId), eq(widgets.accountId, accountId))).get()) {
        throw notFound('Widget');
      }
      const where = 'ids' in body ? leadsWithIds(body.ids) : 'widgetId' in body ? leadsOfWidget(body.widgetId) : undefined;
      const deleted = destroyLeads(db, accountId, where, 'licensee_request', clock.now());
      return c.json({ deleted });
    });
}
