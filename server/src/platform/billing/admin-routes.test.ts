// The operator's billing screens: price list, invoices to match bank transfers, and the
// Individual tariff's own price (a manual-payment app: no YooKassa configured).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../testing/harness.js';
import { sellerBankEnv } from '../../testing/fixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ env: { OPERATOR_EMAILS: 'ops@widgetry.test' } });
});
afterEach(() => t.cleanup());

const json = async (res: Response) => (await res.json()) as any;
const requisites = { name: 'ООО «Ромашка»', inn: '7707083893', kpp: '773601001', ogrn: '1027700132195', address: 'Москва, ул. Вавилова, 19' };
const limits = { activeWidgets: 40, widgetTypes: 'all', impressionsPerPeriod: null, sites: 20, badge: false, integrations: ['email'] };

describe('operator billing screens', () => {
  it('lists the price of every paid tariff, defaults included, and the operator-set ones', async () => {
    const ops = await signIn(t, 'ops@widgetry.test');
    await ops.request('PUT', '/api/admin/billing/prices/start', { priceRub: 1490, discountPercent: 10 });
    const { prices } = await json(await ops.request('GET', '/api/admin/billing/prices'));
    expect(prices.map((p: any) => p.tariffId)).toEqual(['start', 'advanced', 'single', 'multi', 'network']);
    expect(prices[0]).toEqual({ tariffId: 'start', priceKopecks: 149_000, discountPercent: 10 });
    expect(prices[1]).toEqual({ tariffId: 'advanced', priceKopecks: 199_000, discountPercent: 0 });
  });

  it('lists invoices with payer and status, opens the document, and marking paid shows in the list', async () => {
    const s = await signIn(t, 'company@example.ru');
    const ops = await signIn(t, 'ops@widgetry.test');
    const inv = await json(await s.request('POST', '/api/billing/invoices', { tariffId: 'start', requisites }));
    let list = (await json(await ops.request('GET', '/api/admin/billing/invoices'))).invoices;
    expect(list).toMatchObject([
      { id: inv.id, number: 1, email: 'company@example.ru', payer: { name: 'ООО «Ромашка»', inn: '7707083893' }, totalKopecks: 99_000, tariffId: 'start', status: 'pending', paidAt: null },
    ]);
    const page = await ops.request('GET', `/api/admin/billing/invoices/${inv.id}`);
    expect(await page.text()).toContain('Счёт № 1');
    expect((await ops.request('GET', '/api/admin/billing/invoices/inv_nosuch')).status).toBe(404);
    expect((await s.request('GET', '/api/admin/billing/invoices')).status).toBe(403);

    expect((await ops.request('POST', `/api/admin/billing/payments/${inv.paymentId}/mark-paid`)).status).toBe(200);
    list = (await json(await ops.request('GET', '/api/admin/billing/invoices'))).invoices;
    expect(list[0]).toMatchObject({ status: 'succeeded', paidAt: t.clock.now() });
    expect((await json(await s.request('GET', '/api/me'))).tariff.id).toBe('start');
  });
});

describe('Individual tariff price', () => {
  it('is set per account with its limits and is what that account pays; others cannot buy it', async () => {
    const s = await signIn(t, 'big@example.ru');
    const other = await signIn(t, 'other@example.ru');
    const ops = await signIn(t, 'ops@widgetry.test');
    const set = await ops.request('PUT', `/api/admin/accounts/${s.accountId}/tariff`, { tariffId: 'individual', individualLimits: limits, individualPriceRub: 25_000, reason: 'Договор № 7' });
    expect(set.status).toBe(200);
    expect(await json(set)).toMatchObject({ tariffId: 'individual', individualPriceKopecks: 2_500_000 });
    expect(t.logLines.join('\n')).toContain('Договор № 7');

    expect(await json(await s.request('POST', '/api/billing/quote', { tariffId: 'individual' }))).toMatchObject({ baseKopecks: 2_500_000, totalKopecks: 2_500_000 });
    expect((await other.request('POST', '/api/billing/quote', { tariffId: 'individual' })).status).toBe(422);

    const payment = await json(await s.request('POST', '/api/billing/checkout', { tariffId: 'individual' }));
    expect(payment).toMatchObject({ method: 'manual', amountKopecks: 2_500_000 });
    expect((await ops.request('POST', `/api/admin/billing/payments/${payment.id}/mark-paid`)).status).toBe(200);
    expect(await json(await s.request('GET', '/api/me'))).toMatchObject({ tariff: { id: 'individual', limits: { activeWidgets: 40 } } });

    // Leaving Individual clears its price: it belonged to that arrangement only.
    expect(await json(await ops.request('PUT', `/api/admin/accounts/${s.accountId}/tariff`, { tariffId: 'start', reason: 'Договор расторгнут' }))).toMatchObject({ individualPriceKopecks: null });
    expect((await s.request('POST', '/api/billing/quote', { tariffId: 'individual' })).status).toBe(422);
  });

  it('refuses a reason that is too short', async () => {
    const s = await signIn(t, 'big@example.ru');
    const ops = await signIn(t, 'ops@widgetry.test');
    expect((await ops.request('PUT', `/api/admin/accounts/${s.accountId}/tariff`, { tariffId: 'start', reason: 'x' })).status).toBe(422);
  });
});

describe('manual payments (no YooKassa)', () => {
  it('"pay" waits for a transfer: the licensee gets the bank details and an invoice, the operator a queue with "mark paid", and the licensee hears of it', async () => {
    const bank = await createTestApp({ env: { OPERATOR_EMAILS: 'ops@widgetry.test', ...sellerBankEnv } });
    try {
      const s = await signIn(bank, 'buyer@example.ru');
      const ops = await signIn(bank, 'ops@widgetry.test');
      const created = await json(await s.request('POST', '/api/billing/checkout', { tariffId: 'start', autopay: false }));
      expect(created).toMatchObject({ method: 'manual', status: 'pending', confirmationUrl: null });
      const payment = await json(await s.request('GET', `/api/billing/payments/${created.id}`));
      expect(payment.bankTransfer).toEqual({
        payee: { name: 'ООО «Виджетри»', inn: '7707083893', kpp: '773601001', bank: 'ПАО Сбербанк, г. Москва', bik: '044525225', account: '40702810938000000001', corrAccount: '30101810400000000225' },
        amountKopecks: 99_000,
        purpose: expect.stringContaining(`Оплата по счёту № ${created.id}. Widgetry: тариф «Старт»`),
        invoiceUrl: `/api/billing/payments/${created.id}/invoice`,
        operatorEmail: 'ops@widgetry.test',
      });
      const invoice = await (await s.request('GET', payment.bankTransfer.invoiceUrl)).text();
      for (const part of ['Счёт на оплату', '044525225', '40702810938000000001', '30101810400000000225', 'buyer@example.ru', '990,00']) expect(invoice).toContain(part);
      // Another licensee sees neither the payment nor its invoice.
      const other = await signIn(bank, 'other@example.ru');
      expect((await other.request('GET', payment.bankTransfer.invoiceUrl)).status).toBe(404);

      // The operator's queue holds it (and companies' invoices), oldest first; licensees are refused.
      bank.clock.advance(1000);
      const inv = await json(await other.request('POST', '/api/billing/invoices', { tariffId: 'start', requisites }));
      const queue = (await json(await ops.request('GET', '/api/admin/billing/pending'))).payments;
      expect(queue).toMatchObject([
        {
          id: created.id,
          email: 'buyer@example.ru',
          method: 'manual',
          tariffId: 'start',
          amountKopecks: 99_000,
          reference: created.id,
          invoiceUrl: `/api/admin/billing/payments/${created.id}/invoice`,
        },
        { id: inv.paymentId, email: 'other@example.ru', method: 'invoice', reference: '1', invoiceUrl: `/api/admin/billing/invoices/${inv.id}` },
      ]);
      expect(await (await ops.request('GET', queue[0].invoiceUrl)).text()).toContain('40702810938000000001');
      expect(await (await ops.request('GET', queue[1].invoiceUrl)).text()).toContain('40702810938000000001');
      expect((await s.request('GET', '/api/admin/billing/pending')).status).toBe(403);

      expect((await ops.request('POST', `/api/admin/billing/payments/${created.id}/mark-paid`)).status).toBe(200);
      expect((await json(await ops.request('GET', '/api/admin/billing/pending'))).payments.map((p: any) => p.id)).toEqual([inv.paymentId]);
      const paid = await json(await s.request('GET', `/api/billing/payments/${created.id}`));
      expect(paid).toMatchObject({ status: 'succeeded', bankTransfer: null });
      expect((await json(await s.request('GET', '/api/me'))).tariff.id).toBe('start');
      const mail = bank.devOutbox.list().find((m) => m.to === 'buyer@example.ru' && m.subject.includes('оплата получена'));
      expect(mail?.text).toContain('990,00');
      const { notifications } = await json(await s.request('GET', '/api/notifications'));
      expect(notifications.map((n: any) => n.kind)).toContain('payment_succeeded');
    } finally {
      await bank.cleanup();
    }
  });

  it('without bank details the payment says so instead of inventing them; half the details refuse to start', async () => {
    const s = await signIn(t, 'buyer@example.ru');
    const created = await json(await s.request('POST', '/api/billing/checkout', { tariffId: 'start', autopay: false }));
    const payment = await json(await s.request('GET', `/api/billing/payments/${created.id}`));
    expect(payment.bankTransfer.payee).toBeNull();
    // The licensee can still reach the operator to get them: the page names whom to write to.
    expect(payment.bankTransfer.operatorEmail).toBe('ops@widgetry.test');
    expect(await (await s.request('GET', payment.bankTransfer.invoiceUrl)).text()).toContain('Банковские реквизиты продавца не указаны');
    const { loadEnv } = await import('../../env.js');
    expect(() => loadEnv({ SELLER_NAME: 'ООО «Виджетри»', SELLER_BIK: '044525225' })).toThrow(/SELLER_ACCOUNT/);
    expect(() => loadEnv({ ...sellerBankEnv, SELLER_INN: '7707083894' })).toThrow(/SELLER_INN/);
  });
});
