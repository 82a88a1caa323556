// Billing against a local YooKassa fake that speaks the real API over HTTP, with the app
// served on a real loopback port so the fake's webhooks reach it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startFakeYooKassa, type FakeYooKassa } from '../../../../tests/support/fakes/yookassa.js';
import { DAY, HOUR } from '../lib/clock.js';
import { composeDeps } from '../../compose.js';
import { bannerWidgetInput, createSite, createTestApp, signIn, type Session, type TestApp } from '../../testing/harness.js';
import { startYooKassaApp, type YooKassaApp } from '../../testing/yookassa-app.js';
import { runBillingCycle } from './renewals.js';
import { createYooKassaClient } from './yookassa-client.js';

let t: TestApp;
let fake: FakeYooKassa;
let served: YooKassaApp<FakeYooKassa>;

beforeEach(async () => {
  served = await startYooKassaApp(await startFakeYooKassa(), { OPERATOR_EMAILS: 'ops@widgetry.test' });
  ({ t, fake } = served);
});

afterEach(() => served.stop());

const json = async (res: Response) => (await res.json()) as any;
const account = async (id: string) => (await t.store.db.select().from(t.store.tables.accounts).where(eq(t.store.tables.accounts.id, id)))[0]!;
const sub = async (id: string) => (await t.store.db.select().from(t.store.tables.subscriptions).where(eq(t.store.tables.subscriptions.accountId, id)))[0];
const allPayments = () => t.store.db.select().from(t.store.tables.payments);
const allWidgets = () => t.store.db.select().from(t.store.tables.widgets);

async function checkout(s: Session, body: Record<string, unknown> = { tariffId: 'start', autopay: true }) {
  const res = await s.request('POST', '/api/billing/checkout', body);
  expect(res.status).toBe(201);
  const payment = await json(res);
  const [row] = await t.store.db.select().from(t.store.tables.payments).where(eq(t.store.tables.payments.id, payment.id));
  if (!row) throw new Error(`payment ${payment.id} not stored`);
  return { payment, row };
}

/** A Free licensee with a site and one active banner upgrades to Start and pays with a saved card. */
async function paidStartAccount() {
  const s = await signIn(t, 'payer@example.ru');
  const site = await createSite(s);
  await s.request('POST', '/api/widgets', bannerWidgetInput(site.id));
  const { payment, row } = await checkout(s);
  await fake.pay(row.providerPaymentId!);
  return { s, site, payment };
}

describe('checkout with YooKassa', () => {
  it('creates a payment with amount, receipt without VAT, metadata, redirect and an idempotence key', async () => {
    const s = await signIn(t, 'payer@example.ru');
    const { payment, row } = await checkout(s);
    expect(payment).toMatchObject({ status: 'pending', amountKopecks: 99_000, method: 'yookassa', confirmationUrl: expect.stringContaining('/confirm/') });
    const sent = fake.createRequests[0]!;
    expect(sent.key).toBe(row.idempotenceKey);
    expect(sent.body).toMatchObject({
      amount: { value: '990.00', currency: 'RUB' },
      capture: true,
      save_payment_method: true,
      confirmation: { type: 'redirect', return_url: `http://localhost:8787/app/billing/return?payment=${row.id}` },
      metadata: { paymentId: row.id, accountId: s.accountId },
      receipt: {
        customer: { email: 'payer@example.ru' },
        items: [{ quantity: '1.00', amount: { value: '990.00', currency: 'RUB' }, vat_code: 1, payment_mode: 'full_prepayment', payment_subject: 'service' }],
      },
    });
  });

  it('a webhook starts the 30-day period at confirmation, saves the card and restores nothing twice', async () => {
    const { s } = await paidStartAccount();
    expect(await account(s.accountId)).toMatchObject({ tariffId: 'start', periodAnchorAt: t.clock.now() });
    expect(await sub(s.accountId)).toMatchObject({
      tariffId: 'start',
      status: 'active',
      periodStart: t.clock.now(),
      periodEnd: t.clock.now() + 30 * DAY,
      autopay: true,
      paymentMethodTitle: 'Bank card *4444',
    });
    // Ticking "save the card for autopay" at checkout is the consent, stored with its text.
    expect(await sub(s.accountId)).toMatchObject({ autopayConsentAt: t.clock.now(), autopayConsentText: expect.stringMatching(/990\.00 ₽.*каждые 30 дней/) });
    const status = await json(await s.request('GET', `/api/billing/payments/${(await json(await s.request('GET', '/api/billing'))).payments[0].id}`));
    expect(status.status).toBe('succeeded');
    expect(t.devOutbox.list().some((m) => m.subject.includes('оплата получена'))).toBe(true);
  });

  it('retries a 5xx with the same idempotence key and pays once', async () => {
    const s = await signIn(t, 'payer@example.ru');
    fake.failAfterCreate(1);
    fake.failNext(1);
    const { row } = await checkout(s);
    expect(fake.createRequests.map((r) => r.key)).toEqual([row.idempotenceKey, row.idempotenceKey]);
    expect(fake.payments.size).toBe(1);
    expect(row.providerPaymentId).toBe([...fake.payments.keys()][0]);
  });

  it('when YooKassa stays down the attempt is kept and can be retried with its key', async () => {
    const s = await signIn(t, 'payer@example.ru');
    fake.failNext(3);
    const res = await s.request('POST', '/api/billing/checkout', { tariffId: 'start' });
    expect(res.status).toBe(502);
    const { error } = await json(res);
    expect(error.code).toBe('payment_provider_error');
    const retry = await s.request('POST', `/api/billing/payments/${error.details.paymentId}/retry`);
    expect(retry.status).toBe(200);
    expect((await json(retry)).status).toBe('pending');
    expect(new Set(fake.createRequests.map((r) => r.key)).size).toBe(1);
  });

  it('the return page reads the status from the API, not the redirect; cancellations are explained', async () => {
    const s = await signIn(t, 'payer@example.ru');
    const { row } = await checkout(s);
    fake.setWebhookUrl('http://127.0.0.1:9/nowhere'); // the webhook is lost
    await fake.cancel(row.providerPaymentId!, 'insufficient_funds');
    const status = await json(await s.request('GET', `/api/billing/payments/${row.id}`));
    expect(status).toMatchObject({ status: 'canceled', cancellation: { reason: 'insufficient_funds', text: 'Недостаточно средств на карте.' } });
    expect((await account(s.accountId)).tariffId).toBe('free');
  });

  it('forged webhooks change nothing', async () => {
    const s = await signIn(t, 'payer@example.ru');
    const { row } = await checkout(s);
    const { port } = served;
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`http://127.0.0.1:${port}/api/webhooks/yookassa`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    // The body claims success, but the API says pending: nothing changes.
    const lie = await post({ type: 'notification', event: 'payment.succeeded', object: { id: row.providerPaymentId, status: 'succeeded', paid: true } });
    expect(lie.status).toBe(200);
    expect((await account(s.accountId)).tariffId).toBe('free');
    expect((await post({ type: 'notification', event: 'payment.succeeded', object: { id: 'no-such-payment' } })).status).toBe(404);
    expect((await post({ hello: 'world' })).status).toBe(422);
    // From an address outside the configured ranges (through a trusted proxy header).
    const outsider = await t.app.request('/api/webhooks/yookassa', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify({ type: 'notification', event: 'payment.succeeded', object: { id: row.providerPaymentId } }),
    });
    expect(outsider.status).toBe(403);
    expect((await allPayments())[0]!.status).toBe('pending');
  });

  it('a repeated webhook acts once', async () => {
    const { s } = await paidStartAccount();
    const [row] = await allPayments();
    const { port } = served;
    for (let i = 0; i < 3; i++) {
      await fetch(`http://127.0.0.1:${port}/api/webhooks/yookassa`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'notification', event: 'payment.succeeded', object: { id: row!.providerPaymentId } }),
      });
    }
    expect((await sub(s.accountId))!.periodEnd).toBe(t.clock.now() + 30 * DAY);
    expect(t.devOutbox.list().filter((m) => m.subject.includes('оплата получена'))).toHaveLength(1);
  });
});

describe('periods, expiry and autopay', () => {
  it('an unpaid end switches every widget off at once; paying again switches them back on', async () => {
    const s = await signIn(t, 'payer@example.ru');
    const site = await createSite(s);
    const { row } = await checkout(s, { tariffId: 'start', autopay: false });
    await fake.pay(row.providerPaymentId!);
    for (let i = 0; i < 5; i++) expect((await s.request('POST', '/api/widgets', bannerWidgetInput(site.id, { name: `W${i}` }))).status).toBe(201);

    t.clock.advance(27 * DAY);
    await runBillingCycle(t.deps);
    expect(t.devOutbox.list()[0]!.subject).toContain('период заканчивается через 3 дня');
    await runBillingCycle(t.deps);
    expect(t.devOutbox.list().filter((m) => m.subject.includes('через 3 дня'))).toHaveLength(1);

    t.clock.advance(3 * DAY);
    await runBillingCycle(t.deps);
    expect((await account(s.accountId)).tariffId).toBe('free');
    expect((await allWidgets()).every((w) => !w.active)).toBe(true);
    expect(await allWidgets()).toHaveLength(5); // nothing deleted
    expect(t.devOutbox.list()[0]!.subject).toContain('виджеты отключены');

    const s2 = await signIn(t, 'payer@example.ru');
    const again = await checkout(s2, { tariffId: 'start', autopay: false });
    await fake.pay(again.row.providerPaymentId!);
    expect((await allWidgets()).filter((w) => w.active)).toHaveLength(5);
    expect((await account(s.accountId)).tariffId).toBe('start');
    // The same news in the dashboard, each once: two payments, the reminder, the end.
    const inApp = ((await (await s2.request('GET', '/api/notifications?limit=100')).json()) as any).notifications.map((n: any) => n.kind);
    expect(inApp.sort()).toEqual(['payment_succeeded', 'payment_succeeded', 'period_ended', 'period_ending']);
  });

  it('autopay reminds 3 days ahead, charges the saved card at period end with a new key, and the period goes on', async () => {
    const { s } = await paidStartAccount();
    t.clock.advance(27 * DAY + HOUR);
    await runBillingCycle(t.deps);
    expect(t.devOutbox.list()[0]).toMatchObject({ subject: expect.stringContaining('скоро автоплатёж'), text: expect.stringContaining('990,00 ₽') });
    const firstEnd = (await sub(s.accountId))!.periodEnd;
    t.clock.set(firstEnd);
    await runBillingCycle(t.deps);
    const charges = fake.createRequests.filter((r) => r.body.payment_method_id);
    expect(charges).toHaveLength(1);
    expect(charges[0]!.key).not.toBe(fake.createRequests[0]!.key);
    expect(await sub(s.accountId)).toMatchObject({ status: 'active', periodStart: firstEnd, periodEnd: firstEnd + 30 * DAY });
    await runBillingCycle(t.deps);
    expect(fake.createRequests.filter((r) => r.body.payment_method_id)).toHaveLength(1);
  });

  it('two billing runs meeting at a period end, as two processes on one database, create one autopay charge', async () => {
    const { s } = await paidStartAccount();
    const firstEnd = (await sub(s.accountId))!.periodEnd;
    t.clock.set(firstEnd);
    // Another app on the same database, with services and a YooKassa client of its own.
    const yookassa = createYooKassaClient({ baseUrl: fake.apiUrl, shopId: fake.shopId, secretKey: fake.secretKey, retryDelayMs: 5 });
    const other = composeDeps({ ...t.deps, yookassa });
    await Promise.all([runBillingCycle(t.deps), runBillingCycle(other), runBillingCycle(t.deps)]);

    const autopay = (await allPayments()).filter((p) => p.purpose === 'autopay');
    expect(autopay).toHaveLength(1);
    expect(autopay[0]).toMatchObject({ status: 'succeeded', renewsPeriodEnd: firstEnd });
    // However many runs sent it, they sent the one key, and YooKassa made one payment of it.
    const sent = fake.createRequests.filter((r) => r.body.payment_method_id);
    expect(new Set(sent.map((r) => r.key))).toEqual(new Set([autopay[0]!.idempotenceKey]));
    expect([...fake.payments.values()].filter((p) => p.metadata.paymentId === autopay[0]!.id)).toHaveLength(1);
    expect(await sub(s.accountId)).toMatchObject({ status: 'active', periodStart: firstEnd, periodEnd: firstEnd + 30 * DAY });
    // One mail for the checkout, one for the renewal.
    expect(t.devOutbox.list().filter((m) => m.subject.includes('оплата получена'))).toHaveLength(2);
  });

  it('a failed autopay charge ends the period unpaid; permission_revoked switches autopay off', async () => {
    const { s } = await paidStartAccount();
    fake.setAutopayOutcome({ status: 'canceled', reason: 'permission_revoked' });
    t.clock.set((await sub(s.accountId))!.periodEnd);
    await runBillingCycle(t.deps);
    expect((await account(s.accountId)).tariffId).toBe('free');
    expect(await sub(s.accountId)).toMatchObject({ status: 'expired', autopay: false, paymentMethodId: null });
    expect((await allWidgets()).every((w) => !w.active)).toBe(true);
    expect(t.devOutbox.list()[0]!.text).toContain('отозвали разрешение');
    const inApp = (await t.store.db.select().from(t.store.tables.notifications)).filter((n) => n.kind === 'payment_failed');
    expect(inApp).toHaveLength(1);
    expect(inApp[0]!.params).toMatchObject({ reason: 'permission_revoked' });
  });

  it('autopay can be switched off any time and on again only with consent and a saved card', async () => {
    const { s } = await paidStartAccount();
    expect(await json(await s.request('PUT', '/api/billing/autopay', { enabled: false }))).toEqual({ autopay: false });
    expect((await s.request('PUT', '/api/billing/autopay', { enabled: true })).status).toBe(422);
    const on = await json(await s.request('PUT', '/api/billing/autopay', { enabled: true, consent: true }));
    expect(on.consentText).toMatch(/990\.00 ₽.*каждые 30 дней.*отключить в любой момент/);
    t.clock.set((await sub(s.accountId))!.periodEnd);
    const other = await signIn(t, 'nocard@example.ru');
    expect((await other.request('PUT', '/api/billing/autopay', { enabled: true, consent: true })).status).toBe(409);
  });

  it('renewing early appends 30 days; upgrading mid-period credits the unused part', async () => {
    const { s } = await paidStartAccount();
    const start = t.clock.now();
    t.clock.advance(10 * DAY);
    const renew = await checkout(s, { tariffId: 'start' });
    await fake.pay(renew.row.providerPaymentId!);
    expect(await sub(s.accountId)).toMatchObject({ periodStart: start, periodEnd: start + 60 * DAY });
    const q = await json(await s.request('POST', '/api/billing/quote', { tariffId: 'advanced' }));
    // 50 of 60 days left of 990 ₽ paid → credit 825 ₽ against 1 990 ₽.
    expect(q).toMatchObject({ baseKopecks: 199_000, creditKopecks: 82_500, totalKopecks: 116_500 });
  });
});

describe('operator billing tools', () => {
  it('sets prices and promo codes; the better discount applies; manual payments are marked paid', async () => {
    const ops = await signIn(t, 'ops@widgetry.test');
    expect((await ops.request('PUT', '/api/admin/billing/prices/start', { priceRub: 1490, discountPercent: 10 })).status).toBe(200);
    expect((await ops.request('PUT', '/api/admin/billing/prices/free', { priceRub: 1 })).status).toBe(404);
    expect((await ops.request('PUT', '/api/admin/billing/prices/start', { priceRub: -1 })).status).toBe(422);
    expect((await ops.request('POST', '/api/admin/billing/promo-codes', { code: 'autumn25', percent: 25, maxUses: 1 })).status).toBe(201);
    const s = await signIn(t, 'payer@example.ru');
    expect(await json(await s.request('POST', '/api/billing/quote', { tariffId: 'start' }))).toMatchObject({ totalKopecks: 134_100, discountPercent: 10 });
    expect(await json(await s.request('POST', '/api/billing/quote', { tariffId: 'start', promoCode: 'AUTUMN25' }))).toMatchObject({ totalKopecks: 111_750, promoCode: 'AUTUMN25' });
    expect((await s.request('POST', '/api/billing/quote', { tariffId: 'start', promoCode: 'NOPE' })).status).toBe(422);
    const { row } = await checkout(s, { tariffId: 'start', promoCode: 'autumn25' });
    await fake.pay(row.providerPaymentId!);
    expect((await s.request('POST', '/api/billing/quote', { tariffId: 'start', promoCode: 'AUTUMN25' })).status).toBe(422);
    expect((await ops.request('POST', `/api/admin/billing/payments/${row.id}/mark-paid`)).status).toBe(409);
    expect((await s.request('POST', `/api/admin/billing/payments/${row.id}/mark-paid`)).status).toBe(403);
  });

  it('without YooKassa, payments are manual and the operator confirms them', async () => {
    const manual = await createTestApp({ env: { OPERATOR_EMAILS: 'ops@widgetry.test' } });
    try {
      const s = await signIn(manual, 'payer@example.ru');
      const payment = await json(await s.request('POST', '/api/billing/checkout', { tariffId: 'advanced' }));
      expect(payment).toMatchObject({ method: 'manual', status: 'pending' });
      const ops = await signIn(manual, 'ops@widgetry.test');
      expect(await json(await ops.request('POST', `/api/admin/billing/payments/${payment.id}/mark-paid`))).toEqual({ ok: true, changed: true });
      expect(await json(await ops.request('POST', `/api/admin/billing/payments/${payment.id}/mark-paid`))).toEqual({ ok: true, changed: false });
      expect((await json(await s.request('GET', '/api/me'))).tariff.id).toBe('advanced');
      expect((await ops.request('POST', `/api/admin/billing/accounts/${s.accountId}/extend`, { days: 7, reason: 'support goodwill' })).status).toBe(200);
    } finally {
      await manual.cleanup();
    }
  });

  it('validates billing input and scopes payments to their account', async () => {
    const { s } = await paidStartAccount();
    const other = await signIn(t, 'other@example.ru');
    const id = (await allPayments())[0]!.id;
    expect((await other.request('GET', `/api/billing/payments/${id}`)).status).toBe(404);
    expect((await other.request('POST', `/api/billing/payments/${id}/retry`)).status).toBe(404);
    for (const body of [{ tariffId: 'free' }, { tariffId: 'gold' }, { tariffId: 'individual' }, { tariffId: 'start', autopay: 'yes' }]) {
      expect((await s.request('POST', '/api/billing/checkout', body)).status).toBe(422);
    }
    expect((await s.request('POST', '/api/billing/checkout', '{')).status).toBe(400);
    expect((await t.app.request('/api/billing')).status).toBe(401);
  });
});

describe('invoices for companies', () => {
  const requisites = { name: 'ООО «Ромашка»', inn: '7707083893', kpp: '773601001', ogrn: '1027700132195', address: 'Москва, ул. Вавилова, 19' };

  it('issues a numbered invoice without VAT; the operator marks it paid, which starts the period; the act comes after the period', async () => {
    const s = await signIn(t, 'company@example.ru');
    const ops = await signIn(t, 'ops@widgetry.test');
    expect((await s.request('POST', '/api/billing/invoices', { tariffId: 'start', requisites: { ...requisites, inn: '7707083894' } })).status).toBe(422);
    const first = await json(await s.request('POST', '/api/billing/invoices', { tariffId: 'start', requisites }));
    const second = await json(await s.request('POST', '/api/billing/invoices', { tariffId: 'multi', requisites }));
    expect([first.number, second.number]).toEqual([1, 2]);
    const page = await s.request('GET', first.url);
    expect(page.headers.get('content-type')).toContain('text/html');
    const text = await page.text();
    expect(text).toContain('Счёт № 1');
    expect(text).toContain('ООО «Ромашка»');
    expect(text).toContain('990,00');
    expect(text).toContain('НДС не облагается');
    const other = await signIn(t, 'other@example.ru');
    expect((await other.request('GET', first.url)).status).toBe(404);
    expect((await s.request('GET', `${first.url}/act`)).status).toBe(409);

    expect((await ops.request('POST', `/api/admin/billing/payments/${first.paymentId}/mark-paid`)).status).toBe(200);
    expect((await account(s.accountId)).tariffId).toBe('start');
    t.clock.advance(30 * DAY);
    const later = await signIn(t, 'company@example.ru'); // the old session has expired by now
    const act = await (await later.request('GET', `${first.url}/act`)).text();
    expect(act).toContain('Акт № 1');
    expect(act).toContain('оказаны полностью');
  });

  it('numbers invoices asked for at once consecutively, none twice', async () => {
    const s = await signIn(t, 'company@example.ru');
    const made = await Promise.all(Array.from({ length: 8 }, () => s.request('POST', '/api/billing/invoices', { tariffId: 'start', requisites })));
    expect(made.map((r) => r.status)).toEqual(Array(8).fill(201));
    const numbers = await Promise.all(made.map(async (r) => (await json(r)).number as number));
    expect(numbers.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
