// Paying for a realtime project through the shared billing engine, against the local YooKassa
// fake: the payment raises the project's limits from the moment it is confirmed; "increase
// limits" moves to a higher tariff for the rest of the period; an unpaid end suspends access.
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeYooKassa, type FakeYooKassa } from '../../../tests/support/fakes/yookassa.js';
import { createYooKassaClient } from '../platform/billing/yookassa-client.js';
import { DAY } from '../platform/lib/clock.js';
import { signIn, type Session } from '../testing/harness.js';
import { REALTIME_TARIFFS } from '../platform/tariffs/realtime-catalogue.js';
import { addCalendarMonths, utcDay } from '../platform/tariffs/realtime-policy.js';
import { signRequest } from './signatures.js';
import { createProject, pusherServer, rawClient, startRealtimeApp, type CreatedProject, type RealtimeTestApp } from '../testing/realtime.js';

let app: RealtimeTestApp;
let fake: FakeYooKassa;

beforeEach(async () => {
  fake = await startFakeYooKassa();
  const yookassa = createYooKassaClient({ baseUrl: fake.apiUrl, shopId: fake.shopId, secretKey: fake.secretKey, retryDelayMs: 5 });
  app = await startRealtimeApp({ env: { YOOKASSA_WEBHOOK_SOURCES: '127.0.0.1/32,::1/128' }, deps: { yookassa }, realtime: { accessCheckIntervalMs: 50 } });
  fake.setWebhookUrl(`${app.url}/api/webhooks/yookassa`);
});

afterEach(async () => {
  await app.close();
  await fake.stop();
});

const json = async (res: Response) => (await res.json()) as any;
const tables = () => app.t.store.tables;
async function row(id: string) {
  const [r] = await app.t.store.db.select().from(tables().realtimeProjects).where(eq(tables().realtimeProjects.id, id));
  if (!r) throw new Error(`no project ${id}`);
  return r;
}
async function storedPayment(id: string) {
  const [p] = await app.t.store.db.select().from(tables().payments).where(eq(tables().payments.id, id));
  if (!p) throw new Error(`no payment ${id}`);
  return p;
}

async function pay(s: Session, path: string, body: unknown) {
  const res = await s.request('POST', path, body);
  expect(res.status).toBe(201);
  const payment = await json(res);
  const stored = await storedPayment(payment.id);
  await fake.pay(stored.providerPaymentId!);
  return { payment, stored };
}

async function publishOnce(p: CreatedProject) {
  return pusherServer(app, p)
    .trigger('c', 'e', {})
    .then((r) => r.status)
    .catch((e: { status: number }) => e.status);
}

describe('realtime payments through YooKassa', () => {
  it('a Free project paid for 3 months of Start gets Start limits at once', async () => {
    const s = await signIn(app.t, 'payer@example.ru');
    const project = await createProject(s, { name: 'Growing' });
    // Free's daily allowance used up: publishing is refused.
    await app.t.store.db
      .insert(tables().realtimeUsageDaily)
      .values({ projectId: project.id, day: utcDay(app.t.clock.now()), messages: REALTIME_TARIFFS.rt_free.limits.messagesPerDay, notifiedPercent: 100 });
    expect(await publishOnce(project)).toBe(429);

    const res = await s.request('POST', `/api/realtime/projects/${project.id}/checkout`, { tariffId: 'rt_start', months: 3 });
    expect(res.status).toBe(201);
    const payment = await json(res);
    expect(payment).toMatchObject({ status: 'pending', method: 'yookassa', amountKopecks: 1_470_00, months: 3, confirmationUrl: expect.stringContaining('/confirm/') });
    const sent = fake.createRequests.at(-1)!.body;
    expect(sent.description).toContain('проект реального времени, тариф «Лайт», 3 мес.');
    expect(sent).toMatchObject({ amount: { value: '1470.00', currency: 'RUB' }, receipt: { customer: { email: 'payer@example.ru' } } });
    expect(sent.save_payment_method).toBeUndefined(); // no autopay for realtime (offer 000 §4.3.1)

    const stored = await storedPayment(payment.id);
    expect(stored).toMatchObject({ product: 'realtime', productRef: project.id, months: 3, tariffId: 'rt_start' });
    const now = app.t.clock.now();
    await fake.pay(stored.providerPaymentId!);

    expect(await row(project.id)).toMatchObject({ tariffId: 'rt_start', periodStart: now, periodEnd: addCalendarMonths(now, 3) });
    const view = await json(await s.request('GET', `/api/realtime/projects/${project.id}`));
    expect(view).toMatchObject({ status: 'active', tariff: { id: 'rt_start', limits: REALTIME_TARIFFS.rt_start.limits, paid: true }, usage: { messagesLimit: 500_000, connectionsLimit: 500 } });
    // What the dashboard offers now comes from the server: renew this tariff, or raise the limits.
    expect(view.offers).toEqual({ running: true, periodTariffs: ['rt_start'], upgradeTo: ['rt_business', 'rt_pro'], mayReturnToFree: false });
    expect(await publishOnce(project)).toBe(200);
    expect((await json(await s.request('GET', `/api/billing/payments/${payment.id}`))).status).toBe('succeeded');
    expect(app.t.devOutbox.list().some((m) => m.to === 'payer@example.ru' && m.subject.includes('оплата получена'))).toBe(true);
  });

  it('a paid project waits for its payment (4003), then works; renewing early appends to the period', async () => {
    const s = await signIn(app.t, 'business@example.ru');
    const project = await createProject(s, { name: 'Shop', tariffId: 'rt_business' });
    const before = rawClient(app, project.key);
    expect((await before.closed).code).toBe(4003);

    const now = app.t.clock.now();
    await pay(s, `/api/realtime/projects/${project.id}/checkout`, { tariffId: 'rt_business', months: 1 });
    expect((await row(project.id)).periodEnd).toBe(addCalendarMonths(now, 1));
    // The token is handed out after activation.
    const { secret } = await json(await s.request('POST', `/api/realtime/projects/${project.id}/secret`));
    const active = { ...project, secret };
    expect(await publishOnce(active)).toBe(200);
    const c = rawClient(app, project.key);
    await c.next('pusher:connection_established');
    c.ws.close();

    await pay(s, `/api/realtime/projects/${project.id}/checkout`, { tariffId: 'rt_business', months: 12 });
    expect((await row(project.id)).periodEnd).toBe(addCalendarMonths(addCalendarMonths(now, 1), 12));
    // Another tariff while a period runs is "increase limits", not a new period.
    expect((await s.request('POST', `/api/realtime/projects/${project.id}/checkout`, { tariffId: 'rt_start', months: 1 })).status).toBe(409);
  });

  it('"increase limits" charges the difference for the days left and keeps the period end', async () => {
    const s = await signIn(app.t, 'upgrade@example.ru');
    const project = await createProject(s, { name: 'Upgrade', tariffId: 'rt_start' });
    expect((await s.request('POST', `/api/realtime/projects/${project.id}/upgrade`, { tariffId: 'rt_pro' })).status).toBe(409); // no period yet
    await pay(s, `/api/realtime/projects/${project.id}/checkout`, { tariffId: 'rt_start', months: 1 });
    const end = (await row(project.id)).periodEnd!;
    app.t.clock.advance(15 * DAY);
    const daysLeft = (end - app.t.clock.now()) / DAY;
    const { payment } = await pay(s, `/api/realtime/projects/${project.id}/upgrade`, { tariffId: 'rt_pro' });
    expect(payment.amountKopecks).toBe(Math.ceil(((9_990_00 - 490_00) * daysLeft) / 30));
    expect(payment.months).toBeNull();
    expect(await row(project.id)).toMatchObject({ tariffId: 'rt_pro', periodEnd: end });
    expect((await s.request('POST', `/api/realtime/projects/${project.id}/upgrade`, { tariffId: 'rt_start' })).status).toBe(409); // not a raise
  });

  it('suspends access when the paid period ends unpaid (403 / 4003) and resumes on payment', async () => {
    const s = await signIn(app.t, 'expiry@example.ru');
    const project = await createProject(s, { name: 'Expiring' });
    await pay(s, `/api/realtime/projects/${project.id}/checkout`, { tariffId: 'rt_start', months: 1 });
    const c = rawClient(app, project.key);
    await c.next('pusher:connection_established');

    app.t.clock.set((await row(project.id)).periodEnd! + 1);
    const later = await signIn(app.t, 'expiry@example.ru'); // a month on, the old session has expired
    const expired = await json(await later.request('GET', `/api/realtime/projects/${project.id}`));
    expect(expired).toMatchObject({ status: 'expired', offers: { running: false, periodTariffs: ['rt_start', 'rt_business', 'rt_pro'], upgradeTo: [], mayReturnToFree: true } });
    const path = `/apps/${project.appId}/events`;
    const body = JSON.stringify({ name: 'e', data: '1', channel: 'c' });
    const signed = () =>
      fetch(`${app.url}${path}?${signRequest('POST', path, {}, project.key, project.secret, app.t.clock.now(), body)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const refused = await signed();
    expect(refused.status).toBe(403);
    expect((await json(refused)).error.code).toBe('realtime_project_disabled');
    expect((await rawClient(app, project.key).closed).code).toBe(4003);
    expect((await c.closed).code).toBe(4003); // the open connection is closed by the periodic access check

    await pay(later, `/api/realtime/projects/${project.id}/checkout`, { tariffId: 'rt_start', months: 1 });
    expect((await row(project.id)).periodStart).toBe(app.t.clock.now()); // a new period starts now, not at the old end
    expect((await signed()).status).toBe(200);
  });
});

describe('without YooKassa (manual payments)', () => {
  it('the operator marks the payment paid and the project is activated', async () => {
    const manual = await startRealtimeApp({ env: { OPERATOR_EMAILS: 'ops@widgetry.test' } });
    try {
      const s = await signIn(manual.t, 'company@example.ru');
      const ops = await signIn(manual.t, 'ops@widgetry.test');
      const project = await createProject(s, { name: 'Invoiced', tariffId: 'rt_pro' });
      const payment = await json(await s.request('POST', `/api/realtime/projects/${project.id}/checkout`, { tariffId: 'rt_pro', months: 12 }));
      expect(payment).toMatchObject({ method: 'manual', status: 'pending', amountKopecks: 119_880_00 });
      expect((await ops.request('POST', `/api/admin/billing/payments/${payment.id}/mark-paid`)).status).toBe(200);
      const { realtimeProjects } = manual.t.store.tables;
      const [stored] = await manual.t.store.db
        .select()
        .from(realtimeProjects)
        .where(and(eq(realtimeProjects.id, project.id)));
      expect(stored).toMatchObject({ tariffId: 'rt_pro', periodEnd: addCalendarMonths(manual.t.clock.now(), 12) });

      // The operator's own monthly price and discount apply to the next payment.
      expect((await s.request('PUT', '/api/admin/realtime/prices/rt_start', { priceRub: 500, discountPercent: 10 })).status).toBe(403);
      expect((await ops.request('PUT', '/api/admin/realtime/prices/rt_free', { priceRub: 1 })).status).toBe(404);
      expect((await ops.request('PUT', '/api/admin/realtime/prices/rt_start', { priceRub: 500, discountPercent: 10 })).status).toBe(200);
      const tariffs = await json(await s.request('GET', '/api/realtime/tariffs'));
      expect(tariffs.tariffs.find((x: any) => x.id === 'rt_start').prices['3']).toBe(1_350_00);
    } finally {
      await manual.close();
    }
  });
});
