// POST /v1/leads takes leads only for widgets the config would serve: an operator's block (of the
// widget or the whole account) and a tariff that no longer covers the widget stop the form
// collecting personal data too, not just stop it being shown.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSite, createTestApp, formWidgetInput, setTariff, signIn, type TestApp } from '../../testing/harness.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ env: { OPERATOR_EMAILS: 'ops@example.ru' } });
});
afterEach(() => t.cleanup());

let ip = 1;
const submit = (site: string, widget: string) =>
  t.app.request('/v1/leads', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://shop.example.ru', 'x-forwarded-for': `10.9.0.${ip++}` },
    body: JSON.stringify({ site, widget, fields: { name: 'Иван', phone: '+79001234567' }, consent: true, elapsedMs: 3000 }),
  });

async function setup() {
  const s = await signIn(t, 'owner@example.ru');
  const ops = await signIn(t, 'ops@example.ru');
  const site = await createSite(s);
  const w = (await (await s.request('POST', '/api/widgets', formWidgetInput(site.id))).json()) as { id: string };
  return { s, ops, site, w };
}

describe('POST /v1/leads for widgets that are not served', () => {
  it('refuses a widget the operator blocked, and takes leads again once unblocked', async () => {
    const { ops, site, w } = await setup();
    expect((await ops.request('PUT', `/api/admin/widgets/${w.id}/block`, { blocked: true, reason: 'Нарушение прав' })).status).toBe(200);
    const res = await submit(site.siteKey, w.id);
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.code).toBe('not_found');
    expect(await t.store.db.select().from(t.store.tables.leads)).toHaveLength(0);
    await ops.request('PUT', `/api/admin/widgets/${w.id}/block`, { blocked: false });
    expect((await submit(site.siteKey, w.id)).status).toBe(201);
  });

  it('refuses every widget of a blocked account', async () => {
    const { s, ops, site, w } = await setup();
    await ops.request('PUT', `/api/admin/accounts/${s.accountId}/block`, { blocked: true, reason: 'Спам' });
    expect((await submit(site.siteKey, w.id)).status).toBe(404);
    expect(await t.store.db.select().from(t.store.tables.leads)).toHaveLength(0);
  });

  it('refuses a widget past what the tariff serves after a downgrade', async () => {
    const { s, site, w } = await setup();
    await setTariff(t, s.accountId, 'start');
    const second = (await (await s.request('POST', '/api/widgets', formWidgetInput(site.id, { name: 'Second' }))).json()) as { id: string };
    await setTariff(t, s.accountId, 'free');
    // Free serves one widget, the oldest: the second stays active but is not served.
    expect((await submit(site.siteKey, second.id)).status).toBe(404);
    expect((await submit(site.siteKey, w.id)).status).toBe(201);
    expect(await t.store.db.select().from(t.store.tables.leads)).toHaveLength(1);
  });
});
