import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../lib/clock.js';
import { bannerWidgetInput, createSite, createTestApp, signIn, type TestApp } from '../../testing/harness.js';
import { abuseComplaint } from '../../testing/fixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ env: { OPERATOR_EMAILS: 'ops@widgetry.test' } });
});
afterEach(() => t.cleanup());

const config = async (siteKey: string) => (await (await t.app.request(`/v1/sites/${siteKey}/config`, { headers: { origin: 'https://shop.example.ru' } })).json()) as any;

describe('operator blocks', () => {
  it('a blocked widget is not served, cannot be duplicated, and the licensee sees why', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const ops = await signIn(t, 'ops@widgetry.test');
    const site = await createSite(s);
    const w = (await (await s.request('POST', '/api/widgets', bannerWidgetInput(site.id))).json()) as any;
    expect((await config(site.siteKey)).widgets).toHaveLength(1);
    expect((await ops.request('PUT', `/api/admin/widgets/${w.id}/block`, { blocked: true })).status).toBe(422);
    expect((await ops.request('PUT', `/api/admin/widgets/${w.id}/block`, { blocked: true, reason: 'Нарушение прав на товарный знак' })).status).toBe(200);
    expect((await config(site.siteKey)).widgets).toHaveLength(0);
    const seen = (await (await s.request('GET', `/api/widgets/${w.id}`)).json()) as any;
    expect(seen).toMatchObject({ active: true, served: false, blocked: { reason: 'Нарушение прав на товарный знак' } });
    expect((await s.request('POST', `/api/widgets/${w.id}/duplicate`)).status).toBe(403);
    await ops.request('PUT', `/api/admin/widgets/${w.id}/block`, { blocked: false });
    expect((await config(site.siteKey)).widgets).toHaveLength(1);
  });

  it('a blocked account serves nothing and sees the reason', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const ops = await signIn(t, 'ops@widgetry.test');
    const site = await createSite(s);
    await s.request('POST', '/api/widgets', bannerWidgetInput(site.id));
    await ops.request('PUT', `/api/admin/accounts/${s.accountId}/block`, { blocked: true, reason: 'Спам' });
    expect((await config(site.siteKey)).widgets).toHaveLength(0);
    expect(((await (await s.request('GET', '/api/me')).json()) as any).blocked).toMatchObject({ reason: 'Спам' });
    expect((await s.request('PUT', `/api/admin/accounts/${s.accountId}/block`, { blocked: false })).status).toBe(403);
  });
});

describe('abuse complaints', () => {
  it('takes a complaint from the public form with a 30-day deadline and notifies operators', async () => {
    const res = await t.app.request('/api/abuse', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(abuseComplaint) });
    expect(res.status).toBe(201);
    const { id, dueAt } = (await res.json()) as any;
    expect(dueAt).toBe(t.clock.now() + 30 * DAY);
    expect(t.devOutbox.list().some((m) => m.to === 'ops@widgetry.test' && m.subject.includes(id))).toBe(true);
    const ops = await signIn(t, 'ops@widgetry.test');
    expect(((await (await ops.request('GET', '/api/admin/abuse')).json()) as any).complaints).toHaveLength(1);
    expect((await ops.request('PUT', `/api/admin/abuse/${id}`, { status: 'resolved', resolution: 'Виджет заблокирован' })).status).toBe(200);
  });

  it('rejects incomplete complaints', async () => {
    for (const body of [{}, { ...abuseComplaint, pageUrl: 'not a url' }, { ...abuseComplaint, proof: 'short' }]) {
      const res = await t.app.request('/api/abuse', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(422);
    }
  });
});

describe('operator reads of leads', () => {
  it('are journaled', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const ops = await signIn(t, 'ops@widgetry.test');
    expect((await ops.request('GET', `/api/admin/accounts/${s.accountId}/leads`)).status).toBe(200);
    const journal = ((await (await ops.request('GET', `/api/admin/accounts/${s.accountId}/lead-access`)).json()) as any).journal;
    expect(journal).toMatchObject([{ operatorId: ops.accountId, operatorEmail: 'ops@widgetry.test', accountId: s.accountId, what: 'leads page 1' }]);
    const detail = (await (await ops.request('GET', `/api/admin/accounts/${s.accountId}`)).json()) as any;
    expect(detail).toMatchObject({ email: 'owner@example.ru', tariffId: 'free', usage: { impressions: 0 } });
    const stats = (await (await ops.request('GET', '/api/admin/stats')).json()) as any;
    expect(stats).toMatchObject({ accounts: 2, activeWidgets: 0, leads: 0, impressions: 0, revenueKopecks: 0 });
  });
});
