// Billing for the licensee (tariff prices, checkout, payment status, autopay) and the
// YooKassa webhook.
import { ownedRow } from '../db/owned.js';
import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { autopayRequestSchema, checkoutRequestSchema, quoteRequestSchema, yookassaNotificationSchema } from '#contracts/schemas/billing.js';
import { requisitesSchema } from '#contracts/schemas/requisites.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { clientIp } from '../lib/client-ip.js';
import { AppError, notFound } from '../lib/errors.js';
import { readJson } from '../lib/json-body.js';
import { PERIOD_MS, TARIFFS } from '../tariffs/catalogue.js';
import { applyPaymentState, type PaymentRow } from './apply-payment.js';
import { autopayConsentFor } from './autopay-consent.js';
import { bankTransferFor, renderPaymentInvoice } from './bank-transfer.js';
import { cancellationText } from './cancellation-reasons.js';
import { startCheckout, submitToYooKassa } from './checkout.js';
import { renderInvoiceDocument } from './invoice-page.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { createInvoice } from './invoices.js';
import { quote } from './prices.js';
import { PAID_TARIFFS, tariffPrice } from '../tariffs/prices.js';
import { createSourceCheck } from './source-ip.js';

export { autopayConsentText } from './autopay-consent.js';

const paymentView = (p: PaymentRow) => ({
  id: p.id,
  /** What was paid for: the widget tariff, or a realtime project (productRef) and its months. */
  product: p.product,
  productRef: p.productRef,
  months: p.months,
  tariffId: p.tariffId,
  amountKopecks: p.amountKopecks,
  method: p.method,
  purpose: p.purpose,
  status: p.status,
  confirmationUrl: p.status === 'pending' ? p.confirmationUrl : null,
  cancellation: p.cancellationReason ? { party: p.cancellationParty, reason: p.cancellationReason, text: cancellationText(p.cancellationReason) } : null,
  createdAt: p.createdAt,
  paidAt: p.paidAt,
});

/** Refreshes a non-final YooKassa payment from the API (the redirect back proves nothing). */
async function refreshPayment(deps: AppDeps, row: PaymentRow): Promise<PaymentRow> {
  if (!deps.yookassa || row.method !== 'yookassa' || !row.providerPaymentId || row.status === 'succeeded' || row.status === 'canceled') return row;
  const remote = await deps.yookassa.getPayment(row.providerPaymentId);
  if (remote.metadata?.paymentId !== row.id) {
    deps.logger.warn('billing.payment_mismatch', { paymentId: row.id });
    return row;
  }
  await applyPaymentState(deps, row, { status: remote.status, paymentMethod: remote.payment_method, cancellation: remote.cancellation_details });
  const { payments } = deps.store.tables;
  const [fresh] = await deps.store.db.select().from(payments).where(eq(payments.id, row.id));
  return fresh!;
}

export function createBillingRoutes(deps: AppDeps) {
  const { clock } = deps;
  const { db } = deps.store;
  const { invoices, payments, subscriptions } = db.tables;
  /** The view of one payment, with how to pay it by transfer while it waits for the operator. */
  const detailedView = async (row: PaymentRow) => {
    const [invoice] = await db.select({ id: invoices.id, number: invoices.number }).from(invoices).where(eq(invoices.paymentId, row.id));
    return { ...paymentView(row), bankTransfer: bankTransferFor(row, deps.env, invoice ?? null) };
  };
  const own = (accountId: string, id: string) => ownedRow(db, payments, 'Payment', accountId, id);

  return (
    new Hono<AuthedEnv>()
      .get('/', async (c) => {
        const account = c.get('account');
        const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.accountId, account.id));
        const history = await db.select().from(payments).where(eq(payments.accountId, account.id)).orderBy(desc(payments.createdAt), desc(payments.id)).limit(50);
        const prices = await Promise.all(PAID_TARIFFS.map(async (id) => ({ tariffId: id, name: TARIFFS[id].name, ...(await tariffPrice(db, id))! })));
        return c.json({
          method: deps.yookassa ? 'yookassa' : 'manual',
          subscription: sub
            ? {
                tariffId: sub.tariffId,
                periodStart: sub.periodStart,
                periodEnd: sub.periodEnd,
                status: sub.status,
                autopay: sub.autopay,
                paymentMethodTitle: sub.paymentMethodTitle,
                canAutopay: !!sub.paymentMethodId,
              }
            : null,
          prices,
          payments: history.map(paymentView),
        });
      })
      .post('/invoices', async (c) => {
        const body = await readJson(c, quoteRequestSchema.extend({ requisites: requisitesSchema }));
        const invoice = await createInvoice(deps, c.get('account'), body.tariffId, body.requisites, body.promoCode);
        return c.json({ id: invoice.id, number: invoice.number, totalKopecks: invoice.totalKopecks, paymentId: invoice.paymentId, url: `/api/billing/invoices/${invoice.id}` }, 201);
      })
      .get('/invoices', async (c) => {
        const rows = await db
          .select({ invoice: invoices, payment: payments })
          .from(invoices)
          .innerJoin(payments, eq(payments.id, invoices.paymentId))
          .where(eq(invoices.accountId, c.get('account').id))
          .orderBy(desc(invoices.createdAt), desc(invoices.number))
          .limit(100);
        const now = clock.now();
        return c.json({
          invoices: rows.map(({ invoice, payment }) => ({
            id: invoice.id,
            number: invoice.number,
            tariffId: payment.tariffId,
            totalKopecks: invoice.totalKopecks,
            status: payment.status,
            createdAt: invoice.createdAt,
            paidAt: payment.paidAt,
            requisitesName: invoice.requisites.name,
            // Same rule as the act page below: only once the paid period is over.
            actAvailable: !!payment.paidAt && payment.paidAt + PERIOD_MS <= now,
          })),
        });
      })
      // The PDF: for the owner, and for the operator (who sends it to an accountant on request).
      .get('/invoices/:file{.+\\.pdf}', async (c) => {
        const account = c.get('account');
        const id = c.req.param('file').slice(0, -'.pdf'.length);
        const [invoice] = await db.select().from(invoices).where(eq(invoices.id, id));
        if (!invoice || (invoice.accountId !== account.id && account.role !== 'operator')) throw notFound('Invoice');
        const pdf = await renderInvoicePdf(invoice, deps.env);
        return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="invoice-${invoice.number}.pdf"`, 'cache-control': 'private, no-store' });
      })
      .get('/invoices/:id', async (c) => {
        const invoice = await ownedRow(db, invoices, 'Invoice', c.get('account').id, c.req.param('id'));
        return c.html(renderInvoiceDocument('invoice', invoice, deps.env));
      })
      .get('/invoices/:id/act', async (c) => {
        const invoice = await ownedRow(db, invoices, 'Invoice', c.get('account').id, c.req.param('id'));
        const [paid] = await db.select().from(payments).where(eq(payments.id, invoice.paymentId));
        // The act closes a period that has ended; before that there is nothing to certify.
        if (!paid?.paidAt || paid.paidAt + PERIOD_MS > clock.now()) throw new AppError(409, 'conflict', 'Акт будет доступен после окончания оплаченного периода');
        return c.html(renderInvoiceDocument('act', invoice, deps.env, { start: paid.paidAt, end: paid.paidAt + PERIOD_MS }));
      })
      .post('/quote', async (c) => {
        const body = await readJson(c, quoteRequestSchema);
        return c.json(await quote(db, c.get('account').id, body.tariffId, clock.now(), body.promoCode));
      })
      .post('/checkout', async (c) => {
        const body = await readJson(c, checkoutRequestSchema);
        const row = await startCheckout(deps, c.get('account'), body);
        return c.json(await detailedView(row), 201);
      })
      .post('/payments/:id/retry', async (c) => {
        const account = c.get('account');
        const row = await own(account.id, c.req.param('id'));
        if (row.status !== 'created' || !deps.yookassa) throw new AppError(409, 'conflict', 'This payment has already been sent');
        return c.json(paymentView(await submitToYooKassa(deps, account.email, row)));
      })
      .get('/payments/:id', async (c) => {
        const row = await own(c.get('account').id, c.req.param('id'));
        return c.json(await detailedView(await refreshPayment(deps, row)));
      })
      // The printable invoice of a manual payment (companies' invoices have their own, above).
      .get('/payments/:id/invoice', async (c) => {
        const account = c.get('account');
        const row = await own(account.id, c.req.param('id'));
        if (row.method !== 'manual') throw notFound('Invoice');
        return c.html(renderPaymentInvoice(row, account.email, deps.env));
      })
      .put('/autopay', async (c) => {
        const body = await readJson(c, autopayRequestSchema);
        const account = c.get('account');
        const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.accountId, account.id));
        if (!body.enabled) {
          if (sub) await db.update(subscriptions).set({ autopay: false, updatedAt: clock.now() }).where(eq(subscriptions.accountId, account.id));
          return c.json({ autopay: false });
        }
        if (!sub?.paymentMethodId || sub.status !== 'active') {
          throw new AppError(409, 'autopay_unavailable', 'Автоплатёж доступен после оплаты картой с сохранением карты');
        }
        const text = await autopayConsentFor(db, sub.tariffId, account.id);
        await db.update(subscriptions).set({ autopay: true, autopayConsentAt: clock.now(), autopayConsentText: text, updatedAt: clock.now() }).where(eq(subscriptions.accountId, account.id));
        return c.json({ autopay: true, consentText: text });
      })
  );
}

/** POST /api/webhooks/yookassa — trusted only from YooKassa's addresses, and even then only as a hint to re-fetch. */
export function createYooKassaWebhookRoutes(deps: AppDeps) {
  const fromYooKassa = createSourceCheck(deps.env.YOOKASSA_WEBHOOK_SOURCES);
  return new Hono().post('/', async (c) => {
    if (!fromYooKassa(clientIp(c, deps.env.TRUST_PROXY))) throw new AppError(403, 'forbidden', 'Unknown webhook source');
    const note = await readJson(c, yookassaNotificationSchema);
    const { payments } = deps.store.tables;
    const [row] = await deps.store.db.select().from(payments).where(eq(payments.providerPaymentId, note.object.id));
    if (!row) throw notFound('Payment');
    await refreshPayment(deps, row);
    return c.json({ ok: true });
  });
}
