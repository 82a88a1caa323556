// The dashboard API of integrations: tariff gating, account scoping, validation that stores
// nothing, private-address refusal, secrets sealed at rest, disconnect and "send a test lead".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createSite, createTestApp, signIn, setTariff, type Session } from '../../testing/harness.js';
import { createTestbed, type Testbed } from '../../testing/delivery-testbed.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../../tests/support/fakes/webhook-receiver.js';

let bed: Testbed;
let receiver: WebhookReceiver;

beforeEach(async () => {
  bed = await createTestbed({ tariff: 'start' });
  receiver = await startWebhookReceiver('whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', () => bed.t.clock.now());
});
afterEach(async () => {
  await receiver.close();
  await bed.cleanup();
});

/** The destinations the tests connect: every site also has its default one (the sign-in address). */
const connectedRows = () => bed.t.store.db.select().from(bed.t.store.tables.integrations).where(eq(bed.t.store.tables.integrations.signInAddress, false));

describe('connecting', () => {
  it('lists what the tariff allows, with the cross-border flag', async () => {
    const res = await bed.s.request('GET', `/api/integrations?siteId=${bed.site.id}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    // A new site's leads go to the sign-in address from the start.
    expect(body.integrations).toEqual([expect.objectContaining({ kind: 'email', label: 'owner@example.ru', status: 'active', signInAddress: true, allowedByTariff: true, widgetId: null })]);
    const allowed = Object.fromEntries(body.kinds.map((k: any) => [k.kind, k.allowedByTariff]));
    expect(allowed).toEqual({ email: true, telegram: true, webhook: true, amocrm: false, bitrix24: false, calltouch: false, roistat: false, '1c': false });
    // The way out, named by the server: the cheapest tariff that has each locked kind.
    const upgradeTo = Object.fromEntries(body.kinds.map((k: any) => [k.kind, k.upgradeTo?.id ?? null]));
    expect(upgradeTo).toEqual({ email: null, telegram: null, webhook: null, amocrm: 'multi', bitrix24: 'multi', calltouch: 'network', roistat: 'network', '1c': 'network' });
    expect(body.kinds.find((k: any) => k.kind === 'amocrm').upgradeTo.name).toEqual({ ru: 'Многофункциональный', en: 'Multi' });
    // No bot configured by the operator in this app.
    expect(body.kinds.find((k: any) => k.kind === 'telegram')).toMatchObject({ available: false, crossBorder: true });
  });

  it('gates by tariff in tariffs/policy, naming the tariff that allows it', async () => {
    const res = await bed.connect({ kind: 'amocrm', baseUrl: 'mycompany', token: 'x'.repeat(40) });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'integration_not_in_tariff', details: { tariff: 'start', upgradeTo: 'multi' } });
    expect(res.body.error.message).toContain('Многофункциональный');
    expect(await connectedRows()).toHaveLength(0);
  });

  it('refuses bad input with 422 and stores nothing', async () => {
    for (const body of [
      { kind: 'email', emails: [] },
      { kind: 'email', emails: ['not-an-email'] },
      { kind: 'webhook', url: 'ftp://example.ru/x' },
      { kind: 'webhook', url: 'https://example.ru/x', secret: 'plain-secret' },
      { kind: 'webhook', url: 'https://example.ru/x', extra: 1 },
      { kind: 'sms', to: '+7900' },
    ]) {
      const res = await bed.connect(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const raw = await bed.s.request('POST', '/api/integrations', '{nope');
    expect(raw.status).toBe(400);
    expect(await connectedRows()).toHaveLength(0);
  });

  it('seals URLs and secrets at rest (AES-256-GCM) and shows only the host', async () => {
    const url = `${receiver.url}/private/path-token-123`;
    const res = await bed.connect({ kind: 'webhook', url });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(res.body.integration.label).toBe('127.0.0.1');
    expect(JSON.stringify(res.body.integration)).not.toContain('path-token-123');
    const [row] = await connectedRows();
    expect(row!.config).toMatch(/^v1\./);
    expect(row!.config).not.toContain('path-token');
    expect(row!.config).not.toContain(res.body.secret.slice(6));
    // Its owner can read the secret again to configure the receiver.
    const secret = await (await bed.s.request('GET', `/api/integrations/${row!.id}/secret`)).json();
    expect(secret).toEqual({ secret: res.body.secret });
  });

  it('refuses private, loopback and plain-http targets unless the operator allows them', async () => {
    const t = await createTestApp();
    try {
      const s = await signIn(t, 'strict@example.ru');
      await setTariff(t, s.accountId, 'multi');
      const site = await createSite(s);
      const webhookUrls = [
        `${receiver.url}/x`,
        'https://127.0.0.1/x',
        'https://localhost/x',
        'https://[::1]/x',
        'https://169.254.169.254/latest/meta-data',
        'https://10.0.0.5/x',
        'http://hooks.example.ru/x',
      ];
      for (const body of [
        ...webhookUrls.map((url) => ({ kind: 'webhook', url })),
        { kind: 'bitrix24', webhookUrl: 'https://192.168.1.10/rest/1/abc/' },
        { kind: 'amocrm', baseUrl: 'https://127.0.0.1:8443', token: 'x'.repeat(40) },
      ]) {
        const res = await s.request('POST', '/api/integrations', { siteId: site.id, ...body });
        expect(res.status, JSON.stringify(body)).toBe(422);
        expect(((await res.json()) as any).error.code).toBe('destination_refused');
      }
      // Only the site's default destination.
      expect(await t.store.db.select({ signInAddress: t.store.tables.integrations.signInAddress }).from(t.store.tables.integrations)).toEqual([{ signInAddress: true }]);
    } finally {
      await t.cleanup();
    }
  });
});

describe('account scoping', () => {
  let other: Session;
  let integrationId: string;
  let leadId: string;

  beforeEach(async () => {
    integrationId = (await bed.connect({ kind: 'webhook', url: `${receiver.url}/x`, secret: receiver.secret })).body.integration.id;
    leadId = await bed.submitLead();
    other = await signIn(bed.t, 'intruder@example.ru');
    await setTariff(bed.t, other.accountId, 'network');
  });

  it("answers 404 for another account's integrations, sites, widgets, leads and deliveries", async () => {
    for (const [method, path] of [
      ['GET', `/api/integrations/${integrationId}`],
      ['DELETE', `/api/integrations/${integrationId}`],
      ['POST', `/api/integrations/${integrationId}/test`],
      ['GET', `/api/integrations/${integrationId}/secret`],
      ['POST', `/api/integrations/${integrationId}/retry-failed`],
      ['GET', `/api/integrations?siteId=${bed.site.id}`],
      ['GET', `/api/leads/${leadId}/deliveries`],
    ] as const) {
      const res = await other.request(method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(((await res.json()) as any).error.code).toBe('not_found');
    }
    const [d] = await bed.deliveriesOf(leadId);
    expect(d).toBeDefined();
    expect((await other.request('POST', `/api/leads/${leadId}/deliveries/${d.id}/retry`)).status).toBe(404);
    const onTheirSite = await other.request('POST', '/api/integrations', { siteId: bed.site.id, kind: 'email', emails: ['x@y.ru'] });
    expect(onTheirSite.status).toBe(404);
    const ownSite = await createSite(other);
    const withTheirWidget = await other.request('POST', '/api/integrations', { siteId: ownSite.id, widgetId: bed.widgetId, kind: 'email', emails: ['x@y.ru'] });
    expect(withTheirWidget.status).toBe(404);
    expect((await other.request('GET', '/api/integrations')).status).toBe(200);
    // Theirs only: the default destination of the site they made.
    expect(((await (await other.request('GET', '/api/integrations')).json()) as any).integrations.map((i: any) => i.siteId)).toEqual([ownSite.id]);
  });

  it('needs a session and the CSRF token', async () => {
    expect((await bed.t.app.request('/api/integrations')).status).toBe(401);
    const noCsrf = await bed.s.request('DELETE', `/api/integrations/${integrationId}`, undefined, { 'x-csrf-token': 'nope' });
    expect(noCsrf.status).toBe(403);
  });
});

describe('widget scope, test lead and disconnect', () => {
  it('delivers only the leads of the chosen widget when one is set', async () => {
    const second = await bed.s.request('POST', '/api/widgets', {
      type: 'form',
      name: 'Other',
      siteId: bed.site.id,
      active: true,
      content: { fields: [{ key: 'name', kind: 'name', label: 'Имя', required: true }], consentUrl: 'https://shop.example.ru/c', privacyUrl: 'https://shop.example.ru/p' },
    });
    expect(second.status).toBe(201);
    const otherWidget = ((await second.json()) as any).id;
    const res = await bed.connect({ kind: 'email', widgetId: otherWidget, emails: ['sales@shop.example.ru'] });
    expect(res.status).toBe(201);
    expect(res.body.integration.widgetId).toBe(otherWidget);
    expect((await bed.confirmAddress('sales@shop.example.ru')).body).toEqual({ confirmed: true, activated: 1 });
    // The first widget's lead goes to the site-wide default destination only.
    const leadId = await bed.submitLead();
    expect((await bed.deliveriesOf(leadId)).map((d) => d.integrationId)).toEqual([await bed.signInDestinationId()]);
  });

  it('sends a test lead straight away and reports the answer', async () => {
    const { body } = await bed.connect({ kind: 'webhook', url: `${receiver.url}/x`, secret: receiver.secret });
    const ok = await (await bed.s.request('POST', `/api/integrations/${body.integration.id}/test`)).json();
    expect(ok).toEqual({ ok: true, outcome: 'delivered', statusCode: 204, error: null, retryAt: null });
    const [payload] = [...receiver.accepted.values()] as any[];
    expect(payload).toMatchObject({ type: 'lead.test', data: { test: true, contact: { name: 'Тестовая заявка' } } });
    receiver.mode = 'down';
    const failed = await (await bed.s.request('POST', `/api/integrations/${body.integration.id}/test`)).json();
    expect(failed).toMatchObject({ ok: false, outcome: 'failed', statusCode: 503, error: 'HTTP 503' });
    // Nothing went through the outbox.
    expect(await bed.t.store.db.select().from(bed.t.store.tables.deliveries)).toEqual([]);
  });

  it('disconnects: secrets erased, pending deliveries cancelled, the history kept', async () => {
    // The webhook alone, so "no delivery after the disconnect" means none at all.
    await bed.dropSignInDestination();
    receiver.mode = 'down';
    const { body } = await bed.connect({ kind: 'webhook', url: `${receiver.url}/x`, secret: receiver.secret });
    const leadId = await bed.submitLead();
    await bed.deliverDue();
    const res = await bed.s.request('DELETE', `/api/integrations/${body.integration.id}`);
    expect(res.status).toBe(204);
    const { integrations } = bed.t.store.tables;
    const [row] = await bed.t.store.db.select().from(integrations).where(eq(integrations.id, body.integration.id));
    expect(row).toMatchObject({ status: 'disconnected', config: null });
    const [d] = await bed.deliveriesOf(leadId);
    expect(d).toMatchObject({ status: 'cancelled', destinationDisconnected: true, canRetry: false, attempts: 1 });
    expect((await bed.s.request('GET', `/api/integrations/${body.integration.id}`)).status).toBe(404);
    expect((await bed.s.request('POST', `/api/leads/${leadId}/deliveries/${d.id}/retry`)).status).toBe(409);
    const list = await (await bed.s.request('GET', '/api/integrations')).json();
    expect(list.integrations).toEqual([]);
    // Leads after the disconnect get no delivery.
    expect(await bed.deliveriesOf(await bed.submitLead())).toEqual([]);
  });

  it('stops delivering after a downgrade and refuses what was queued, keeping it retryable after an upgrade', async () => {
    // The webhook alone: the e-mail default would go on delivering on the Free tariff.
    await bed.dropSignInDestination();
    receiver.mode = 'down';
    const { body } = await bed.connect({ kind: 'webhook', url: `${receiver.url}/x`, secret: receiver.secret });
    const queued = await bed.submitLead();
    await setTariff(bed.t, bed.s.accountId, 'free');
    const view = await (await bed.s.request('GET', `/api/integrations/${body.integration.id}`)).json();
    expect(view.allowedByTariff).toBe(false);
    expect(await bed.deliveriesOf(await bed.submitLead())).toEqual([]);
    await bed.deliverDue();
    const [d] = await bed.deliveriesOf(queued);
    expect(d).toMatchObject({ status: 'failed', lastError: 'not included in the tariff', canRetry: false });
    const listed = await (await bed.s.request('GET', `/api/integrations?siteId=${bed.site.id}`)).json();
    expect(listed.integrations[0]).toMatchObject({ failedDeliveries: 1, lastAttempt: { outcome: 'refused', error: 'not included in the tariff' } });
    await setTariff(bed.t, bed.s.accountId, 'start');
    receiver.mode = 'up';
    expect((await bed.s.request('POST', `/api/leads/${queued}/deliveries/${d.id}/retry`)).status).toBe(202);
    await bed.deliverDue();
    expect((await bed.deliveriesOf(queued))[0].status).toBe('delivered');
    const after = await (await bed.s.request('GET', `/api/integrations?siteId=${bed.site.id}`)).json();
    expect(after.integrations[0]).toMatchObject({ failedDeliveries: 0, lastAttempt: { outcome: 'delivered', statusCode: 204 } });
  });
});
