// The licensee's leads: list (paged, filtered, searched), read, work (status, note), destroy.
import { ownedRow } from '../../platform/db/owned.js';
import { and, desc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { leadDeleteSchema, leadListQuerySchema, leadUpdateSchema } from '#contracts/schemas/leads.js';
import type { LiveLeadsChanged } from '#contracts/core/live.js';
import type { Tables } from '../../platform/db/store.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { notFound } from '../../platform/lib/errors.js';
import { readJson, readQuery } from '../../platform/lib/json-body.js';
import { destroyLeads, leadsOfWidget, leadsWithIds } from './destroy.js';
import { exportLeadsCsv } from './export.js';
import { leadsMatching } from './filters.js';
import { utcDay } from '../stats/daily.js';
import { variantLabels } from '../ab/variant-labels.js';
import { changeLead, countNewLeads, leadHistory } from './work.js';

type LeadRow = Tables['leads']['$inferSelect'];

/** `labels`: variant ids to "A", "B"… (ab/variant-labels.ts). */
const view = (l: LeadRow, labels: Map<string, string>) => ({
  id: l.id,
  siteId: l.siteId,
  widgetId: l.widgetId,
  fields: l.fields,
  /** As the visitor typed them, where stored otherwise (a phone in E.164). */
  rawFields: l.rawFields,
  status: l.status,
  note: l.note,
  pageUrl: l.pageUrl,
  referrer: l.referrer,
  utm: l.utm,
  ip: l.ip,
  userAgent: l.userAgent,
  consent: { hash: l.consentHash, at: l.consentAt, marketing: l.marketingConsent },
  /** The A/B variant the visitor saw: its id and, while its test runs, its label; null outside a test. */
  variant: l.variantId ? { id: l.variantId, label: labels.get(l.variantId) ?? null } : null,
  createdAt: l.createdAt,
});

export function createLeadRoutes(deps: AppDeps) {
  const { store, clock } = deps;
  const { db } = store;
  const { leads, widgets } = store.tables;
  const changed = (accountId: string, data: LiveLeadsChanged) => deps.live.toAccount(accountId, 'leads.changed', data);
  return (
    new Hono<AuthedEnv>()
      .get('/', async (c) => {
        const q = readQuery(c, leadListQuerySchema);
        const where = leadsMatching(store, c.get('account').id, q);
        const [counted] = await db.select({ n: sql<number>`count(*)` }).from(leads).where(where);
        const total = counted?.n ?? 0;
        const rows = await db
          .select()
          .from(leads)
          .where(where)
          .orderBy(desc(leads.createdAt), desc(leads.id))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize);
        const labels = await variantLabels(db, c.get('account').id);
        return c.json({ leads: rows.map((l) => view(l, labels)), total, page: q.page, pageSize: q.pageSize });
      })
      // Before '/:id', which would otherwise take "export.csv" for a lead id.
      .get('/export.csv', (c) => exportLeadsCsv(c, store, utcDay(clock.now())))
      .get('/counts', async (c) => c.json({ new: await countNewLeads(store, c.get('account').id) }))
      .get('/:id', async (c) => {
        const row = await ownedRow(db, leads, 'Lead', c.get('account').id, c.req.param('id'));
        return c.json({ ...view(row, await variantLabels(db, row.accountId)), history: await leadHistory(store, row.id) });
      })
      .patch('/:id', async (c) => {
        const body = await readJson(c, leadUpdateSchema);
        const account = c.get('account');
        const id = c.req.param('id');
        // The author is the person signed in, who may be a team member working in this account.
        const { before, after } = await changeLead(store, account.id, id, body, c.get('person'), clock.now());
        if (before !== after) changed(account.id, { id, status: after });
        return c.json({ status: after, history: await leadHistory(store, id) });
      })
      .delete('/:id', async (c) => {
        const deleted = await destroyLeads(store, c.get('account').id, eq(leads.id, c.req.param('id')), 'licensee_request', clock.now());
        if (deleted === 0) throw notFound('Lead');
        changed(c.get('account').id, {});
        return c.body(null, 204);
      })
      .post('/delete', async (c) => {
        const body = await readJson(c, leadDeleteSchema);
        const accountId = c.get('account').id;
        // All or nothing: an id (or widget) that is not this account's is refused, and nothing goes.
        if ('ids' in body) {
          const ids = [...new Set(body.ids)];
          const [own] = await db
            .select({ n: sql<number>`count(*)` })
            .from(leads)
            .where(and(eq(leads.accountId, accountId), leadsWithIds(store.tables, ids)));
          if ((own?.n ?? 0) !== ids.length) throw notFound('Lead');
        } else if ('widgetId' in body) {
          await ownedRow(db, widgets, 'Widget', accountId, body.widgetId);
        }
        const where = 'ids' in body ? leadsWithIds(store.tables, body.ids) : 'widgetId' in body ? leadsOfWidget(store.tables, body.widgetId) : undefined;
        const deleted = await destroyLeads(store, accountId, where, 'licensee_request', clock.now());
        if (deleted > 0) changed(accountId, {});
        return c.json({ deleted });
      })
  );
}
