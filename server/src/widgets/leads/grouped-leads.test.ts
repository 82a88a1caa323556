// Leads submitted at the same moment, as a busy form sends them, share a transaction (group
// commit, leads/submit.ts). Every lead is still stored once and answered for itself, the counters add up, the limits stay exact, and
// one lead that cannot be written does not take its batch-mates down with it.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { appPerTest } from '../../testing/app-per-test.js';
import { BROWSER_UA, createSite, formWidgetInput, signIn, type TestApp } from '../../testing/harness.js';
import { createLeadStore } from './submit.js';

const ORIGIN = 'https://shop.example.ru';

async function formSite(t: TestApp) {
  const s = await signIn(t, 'owner@example.ru');
  const site = await createSite(s);
  const widget = (await (await s.request('POST', '/api/widgets', formWidgetInput(site.id))).json()) as { id: string };
  return { s, site, widget };
}

const submit = (t: TestApp, siteKey: string, widgetId: string, i: number) =>
  t.app.request('/v1/leads', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, 'user-agent': BROWSER_UA, 'x-forwarded-for': `10.3.0.${i + 1}` },
    body: JSON.stringify({ site: siteKey, widget: widgetId, fields: { name: `Посетитель ${i}`, phone: `+7 900 000-00-${String(i).padStart(2, '0')}` }, consent: true, elapsedMs: 4000 }),
  });

describe('leads submitted together', () => {
  const t = appPerTest({ env: { LEAD_RATE_PER_WIDGET_PER_MINUTE: '1000' } });

  it('are each stored once, each answered 201, and counted once each with one delivery each', async () => {
    const { site, widget } = await formSite(t);
    const n = 12;
    const answers = await Promise.all(Array.from({ length: n }, (_, i) => submit(t, site.siteKey, widget.id, i)));
    expect(answers.map((r) => r.status)).toEqual(Array(n).fill(201));
    const { leads, widgetDailyStats, deliveries } = t.store.tables;
    const rows = await t.store.db.select().from(leads);
    expect(rows.map((r) => r.fields.name).sort()).toEqual(Array.from({ length: n }, (_, i) => `Посетитель ${i}`).sort());
    expect(new Set(rows.map((r) => r.id)).size).toBe(n);
    const [daily] = await t.store.db.select().from(widgetDailyStats).where(eq(widgetDailyStats.widgetId, widget.id));
    expect(daily!.leads).toBe(n);
    const queued = await t.store.db.select().from(deliveries);
    expect(queued.map((d) => d.leadId).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('a lead that cannot be written fails alone; each of the others resolves with its own id', async () => {
    const { s, widget } = await formSite(t);
    const { accounts, widgets, leads } = t.store.tables;
    const [account] = await t.store.db.select().from(accounts).where(eq(accounts.id, s.accountId));
    const [row] = await t.store.db.select().from(widgets).where(eq(widgets.id, widget.id));
    // On PostgreSQL an error aborts the whole transaction: the others must still be stored.
    const storeLead = createLeadStore(t.deps);
    const meta = { ip: '10.3.1.1', userAgent: BROWSER_UA, timezone: 'Europe/Moscow' };
    const lead = (i: number) => ({ site: 'unused', widget: widget.id, fields: { name: `Посетитель ${i}`, phone: '+79000000000' }, consent: true as const, elapsedMs: 4000 });
    // An account deleted while its lead was on the way: the lead's row breaks a foreign key.
    const gone = { ...account!, id: 'acc_deleted' };
    const settled = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => storeLead(i === 2 ? gone : account!, row!, lead(i), meta)));
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const ids = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const stored = await t.store.db.select({ id: leads.id, name: leads.fields }).from(leads);
    expect(stored.map((r) => r.id).sort()).toEqual([...ids].sort());
    // Each caller got the id of its own lead.
    for (const [k, id] of ids.entries()) expect(stored.find((r) => r.id === id)!.name.name).toBe(`Посетитель ${[0, 1, 3, 4][k]}`);
  });
});

describe('the per-widget limit under leads submitted together', () => {
  const t = appPerTest({ env: { LEAD_RATE_PER_WIDGET_PER_MINUTE: '5' } });

  it('takes exactly the limit and refuses the rest with 429', async () => {
    const { site, widget } = await formSite(t);
    const answers = await Promise.all(Array.from({ length: 9 }, (_, i) => submit(t, site.siteKey, widget.id, i)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 201, 429, 429, 429, 429]);
    const { leads, widgetDailyStats } = t.store.tables;
    expect(await t.store.db.select().from(leads)).toHaveLength(5);
    const [daily] = await t.store.db.select().from(widgetDailyStats).where(eq(widgetDailyStats.widgetId, widget.id));
    expect(daily!.leads).toBe(5);
  });
});
