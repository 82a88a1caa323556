import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../platform/lib/clock.js';
import { JOBS } from '../../jobs.js';
import { createSite, createTestApp, formWidgetInput, signIn, type Session, type TestApp } from '../../testing/harness.js';
import { destroyExpiredLeads } from './destroy.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ env: { LEAD_RATE_PER_IP_PER_MINUTE: '1000', LEAD_RATE_PER_WIDGET_PER_MINUTE: '1000' } });
});
afterEach(async () => t.cleanup());

async function withLeads(n: number) {
  const s = await signIn(t, 'owner@example.ru');
  const site = await createSite(s);
  const w = (await (await s.request('POST', '/api/widgets', formWidgetInput(site.id))).json()) as { id: string };
  for (let i = 0; i < n; i++) {
    const res = await t.app.request('/v1/leads', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://shop.example.ru' },
      body: JSON.stringify({ site: site.siteKey, widget: w.id, fields: { name: `Клиент ${i}`, phone: `+7900000${String(i).padStart(4, '0')}` }, consent: true, elapsedMs: 3000 }),
    });
    if (res.status !== 201) throw new Error(await res.text());
    t.clock.advance(HOUR);
  }
  return { s, site, widgetId: w.id };
}

const list = async (s: Session, query = '') => (await (await s.request('GET', `/api/leads${query}`)).json()) as { leads: any[]; total: number; page: number };

describe('lead listing', () => {
  it('pages newest first', async () => {
    const { s } = await withLeads(7);
    const p1 = await list(s, '?pageSize=3');
    expect(p1.total).toBe(7);
    expect(p1.leads.map((l) => l.fields.name)).toEqual(['Клиент 6', 'Клиент 5', 'Клиент 4']);
    const p3 = await list(s, '?pageSize=3&page=3');
    expect(p3.leads.map((l) => l.fields.name)).toEqual(['Клиент 0']);
  });

  it('searches field values (LIKE wildcards are literal) and filters by widget and dates', async () => {
    const { s, widgetId } = await withLeads(12);
    expect((await list(s, `?q=${encodeURIComponent('Клиент 1')}`)).total).toBe(3); // 1, 10, 11
    expect((await list(s, '?q=%25')).total).toBe(0);
    expect((await list(s, `?widgetId=${widgetId}`)).total).toBe(12);
    expect((await list(s, '?widgetId=wdg_other')).total).toBe(0);
    const start = Date.UTC(2026, 10, 1, 9);
    expect((await list(s, `?from=${start + 2 * HOUR}&to=${start + 4 * HOUR}`)).total).toBe(3);
  });

  it('validates the query', async () => {
    const { s } = await withLeads(0);
    for (const q of ['?page=0', '?pageSize=1000', '?from=yesterday', '?page=abc']) expect((await s.request('GET', `/api/leads${q}`)).status).toBe(422);
    expect((await s.request('GET', '/api/leads/lead_nosuchlead')).status).toBe(404);
  });
});

describe('destruction', () => {
  it('deletes one, chosen, a widget’s or all leads, leaving only destruction records', async () => {
    const { s, widgetId } = await withLeads(6);
    const all = await list(s);
    expect((await s.request('DELETE', `/api/leads/${all.leads[0].id}`)).status).toBe(204);
    // An unknown id among them: refused, and nothing is deleted.
    expect((await s.request('POST', '/api/leads/delete', { ids: [all.leads[1].id, 'lead_unknown'] })).status).toBe(404);
    expect(await (await s.request('POST', '/api/leads/delete', { ids: [all.leads[1].id, all.leads[2].id] })).json()).toEqual({ deleted: 2 });
    expect(await (await s.request('POST', '/api/leads/delete', { widgetId })).json()).toEqual({ deleted: 3 });
    expect(await (await s.request('POST', '/api/leads/delete', { all: true })).json()).toEqual({ deleted: 0 });
    const { destructionRecords, leads } = t.store.tables;
    expect(await t.store.db.select().from(leads)).toHaveLength(0);
    const records = await t.store.db.select().from(destructionRecords).orderBy(destructionRecords.count);
    expect(records.map((r) => [r.count, r.basis])).toEqual([
      [1, 'licensee_request'],
      [2, 'licensee_request'],
      [3, 'licensee_request'],
    ]);
    expect(JSON.stringify(records)).not.toMatch(/Клиент|\+7900/);
  });

  it('rejects malformed delete requests', async () => {
    const { s } = await withLeads(1);
    for (const body of [{}, { all: false }, { ids: [] }, { ids: 'x' }, { all: true, ids: ['x'] }]) expect((await s.request('POST', '/api/leads/delete', body)).status).toBe(422);
    expect((await s.request('POST', '/api/leads/delete', '{oops')).status).toBe(400);
    expect((await list(s)).total).toBe(1);
  });

  it('the retention job destroys leads 365 days after receipt and records it without the data', async () => {
    const { s } = await withLeads(3); // received at +0h, +1h, +2h
    const firstAt = Date.UTC(2026, 10, 1, 9);
    t.clock.set(firstAt + 365 * DAY - 1);
    expect(await destroyExpiredLeads(t.store, t.clock.now())).toBe(0);
    t.clock.set(firstAt + 365 * DAY + HOUR);
    // Run it the way the scheduler does.
    const job = JOBS.find((j) => j.name === 'lead_retention')!;
    await job.run(t.deps);
    const fresh = await signIn(t, 'owner@example.ru');
    expect((await list(fresh)).leads.map((l) => l.fields.name)).toEqual(['Клиент 2']);
    const records = await t.store.db.select().from(t.store.tables.destructionRecords);
    expect(records).toEqual([{ id: expect.stringMatching(/^dstr_/), accountId: s.accountId, count: 2, basis: 'retention_365_days', createdAt: t.clock.now() }]);
  });
});
