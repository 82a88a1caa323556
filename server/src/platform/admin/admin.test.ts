import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSite, createTestApp, formWidgetInput, signIn, type TestApp } from '../../testing/harness.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ env: { OPERATOR_EMAILS: 'ops@widgetry.test' } });
});
afterEach(() => t.cleanup());

describe('operator tariff switch', () => {
  it('only the operator may switch tariffs; the switch applies at once', async () => {
    const user = await signIn(t, 'user@example.ru');
    const ops = await signIn(t, 'OPS@widgetry.test');
    expect((await user.request('PUT', `/api/admin/accounts/${user.accountId}/tariff`, { tariffId: 'network' })).status).toBe(403);
    expect((await user.request('GET', '/api/admin/accounts')).status).toBe(403);

    const found = (await (await ops.request('GET', '/api/admin/accounts?email=user@')).json()) as any;
    expect(found.accounts.map((a: any) => a.id)).toEqual([user.accountId]);
    const res = await ops.request('PUT', `/api/admin/accounts/${user.accountId}/tariff`, { tariffId: 'start' });
    expect(res.status).toBe(200);
    expect(((await (await user.request('GET', '/api/me')).json()) as any).tariff.id).toBe('start');
    expect(t.logLines.join('\n')).not.toContain('user@example.ru');
  });

  it('sets an Individual tariff with its own limits', async () => {
    const user = await signIn(t, 'user@example.ru');
    const ops = await signIn(t, 'ops@widgetry.test');
    const limits = { activeWidgets: 2, widgetTypes: ['banner', 'form'], impressionsPerPeriod: 500, sites: 3, badge: false, integrations: ['email'] };
    expect((await ops.request('PUT', `/api/admin/accounts/${user.accountId}/tariff`, { tariffId: 'individual' })).status).toBe(422);
    expect((await ops.request('PUT', `/api/admin/accounts/${user.accountId}/tariff`, { tariffId: 'individual', individualLimits: limits })).status).toBe(200);
    const site = await createSite(user);
    expect((await user.request('POST', '/api/widgets', formWidgetInput(site.id))).status).toBe(201);
    expect((await user.request('POST', '/api/widgets', formWidgetInput(site.id))).status).toBe(201);
    expect((await user.request('POST', '/api/widgets', formWidgetInput(site.id))).status).toBe(403);
    const usage = (await (await user.request('GET', '/api/usage')).json()) as any;
    expect(usage).toMatchObject({ tariff: { id: 'individual' }, widgets: { active: 2, limit: 2 }, sites: { count: 1, limit: 3 }, impressions: { used: 0, limit: 500 } });
  });

  it('validates input and unknown accounts', async () => {
    const ops = await signIn(t, 'ops@widgetry.test');
    expect((await ops.request('PUT', '/api/admin/accounts/acc_nosuch/tariff', { tariffId: 'start' })).status).toBe(404);
    expect((await ops.request('PUT', `/api/admin/accounts/${ops.accountId}/tariff`, { tariffId: 'gold' })).status).toBe(422);
    expect((await ops.request('PUT', `/api/admin/accounts/${ops.accountId}/tariff`, '{')).status).toBe(400);
  });
});
