// Operator's billing tools: prices and discounts, promo codes, marking manual/invoice payments
// paid, extending a period by hand (with a reason, logged).
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { promoCodeSchema, setPriceSchema } from '#contracts/schemas/billing.js';
import { TARIFF_IDS } from '#contracts/core/tariffs.js';
import type { AppDeps, AuthedEnv } from '../../deps.js';
import { DAY } from '../lib/clock.js';
import { AppError, notFound } from '../lib/errors.js';
import { readJson } from '../lib/json-body.js';
import { applyPaymentState } from './apply-payment.js';
import { describePayment, renderPaymentInvoice, transferReference } from './bank-transfer.js';
import { renderInvoiceDocument } from './invoice-page.js';
import { PAID_TARIFFS, tariffPrice } from '../tariffs/prices.js';
import { rowById } from '../db/by-id.js';

export const extendSchema = z.object({ days: z.number().int().min(1).max(366), reason: z.string().trim().min(3).max(500) });

export function createBillingAdminRoutes(deps: AppDeps) {
  const { clock, logger } = deps;
  const { db } = deps.store;
  const { accounts, invoices, payments, promoCodes, subscriptions, tariffPrices } = db.tables;
  return (
    new Hono<AuthedEnv>()
      .get('/prices', async (c) => c.json({ prices: await Promise.all(PAID_TARIFFS.map(async (tariffId) => ({ tariffId, ...(await tariffPrice(db, tariffId))! }))) }))
      .put('/prices/:tariffId', async (c) => {
        const tariffId = z.enum(TARIFF_IDS).safeParse(c.req.param('tariffId'));
        if (!tariffId.success || !PAID_TARIFFS.includes(tariffId.data)) throw notFound('Tariff');
        const { priceRub, discountPercent } = await readJson(c, setPriceSchema);
        const values = { tariffId: tariffId.data, priceKopecks: Math.round(priceRub * 100), discountPercent, updatedAt: clock.now() };
        // Applies to new periods only: running periods were paid at the old price.
        await db.insert(tariffPrices).values(values).onConflictDoUpdate({ target: tariffPrices.tariffId, set: values });
        logger.info('admin.price_set', { operatorId: c.get('account').id, tariffId: tariffId.data, priceKopecks: values.priceKopecks, discountPercent });
        return c.json(values);
      })
      .get('/promo-codes', async (c) => c.json({ promoCodes: await db.select().from(promoCodes).orderBy(desc(promoCodes.createdAt), promoCodes.code) }))
      .post('/promo-codes', async (c) => {
        const body = await readJson(c, promoCodeSchema);
        const [row] = await db
          .insert(promoCodes)
          .values({ ...body, createdAt: clock.now() })
          .onConflictDoNothing()
          .returning();
        if (!row) throw new AppError(409, 'promo_code_exists', 'This promo code exists');
        return c.json(row, 201);
      })
      .delete('/promo-codes/:code', async (c) => {
        const [gone] = await db
          .delete(promoCodes)
          .where(eq(promoCodes.code, c.req.param('code').toUpperCase()))
          .returning();
        if (!gone) throw notFound('Promo code');
        return c.body(null, 204);
      })
      // Invoices with what the operator needs to match a bank transfer: number, payer, amount, status.
      .get('/invoices', async (c) =>
        c.json({
          invoices: await db
            .select({
              id: invoices.id,
              number: invoices.number,
              accountId: invoices.accountId,
              email: accounts.email,
              payer: invoices.requisites,
              totalKopecks: invoices.totalKopecks,
              createdAt: invoices.createdAt,
              paymentId: invoices.paymentId,
              tariffId: payments.tariffId,
              status: payments.status,
              paidAt: payments.paidAt,
            })
            .from(invoices)
            .innerJoin(payments, eq(payments.id, invoices.paymentId))
            .innerJoin(accounts, eq(accounts.id, invoices.accountId))
            .orderBy(desc(invoices.number))
            .limit(200),
        }),
      )
      .get('/invoices/:id', async (c) => {
        const invoice = await rowById(db, invoices, 'Invoice', c.req.param('id'));
        return c.html(renderInvoiceDocument('invoice', invoice, deps.env));
      })
      // The queue: payments that wait for money by transfer (manual ones, made where YooKassa is not
      // set up, and companies' invoices), oldest first, with what a bank statement shows to match.
      .get('/pending', async (c) => {
        const rows = await db
          .select({ payment: payments, email: accounts.email, invoiceId: invoices.id, invoiceNumber: invoices.number })
          .from(payments)
          .innerJoin(accounts, eq(accounts.id, payments.accountId))
          .leftJoin(invoices, eq(invoices.paymentId, payments.id))
          .where(and(ne(payments.method, 'yookassa'), eq(payments.status, 'pending')))
          .orderBy(asc(payments.createdAt), asc(payments.id))
          .limit(500);
        return c.json({
          payments: rows.map(({ payment, email, invoiceId, invoiceNumber }) => ({
            id: payment.id,
            accountId: payment.accountId,
            email,
            method: payment.method,
            product: payment.product,
            tariffId: payment.tariffId,
            months: payment.months,
            amountKopecks: payment.amountKopecks,
            createdAt: payment.createdAt,
            reference: transferReference(payment, invoiceNumber),
            description: describePayment(payment, deps.env),
            invoiceUrl: invoiceId ? `/api/admin/billing/invoices/${invoiceId}` : `/api/admin/billing/payments/${payment.id}/invoice`,
          })),
        });
      })
      .get('/payments/:id/invoice', async (c) => {
        const [row] = await db
          .select({ payment: payments, email: accounts.email })
          .from(payments)
          .innerJoin(accounts, eq(accounts.id, payments.accountId))
          .where(and(eq(payments.id, c.req.param('id')), eq(payments.method, 'manual')));
        if (!row) throw notFound('Invoice');
        return c.html(renderPaymentInvoice(row.payment, row.email, deps.env));
      })
      .get('/payments', async (c) => c.json({ payments: await db.select().from(payments).orderBy(desc(payments.createdAt), desc(payments.id)).limit(200) }))
      .post('/payments/:id/mark-paid', async (c) => {
        const row = await rowById(db, payments, 'Payment', c.req.param('id'));
        // Card payments are confirmed by YooKassa only; the operator confirms money that came another way.
        if (row.method === 'yookassa') throw new AppError(409, 'conflict', 'Card payments are confirmed by YooKassa');
        const changed = await applyPaymentState(deps, row, { status: 'succeeded' });
        logger.info('admin.payment_marked_paid', { operatorId: c.get('account').id, paymentId: row.id, changed });
        return c.json({ ok: true, changed });
      })
      .post('/accounts/:id/extend', async (c) => {
        const { days, reason } = await readJson(c, extendSchema);
        // One conditional statement: the check (a running period) and the addition cannot be split
        // by a payment or an expiry on another process, and two extensions both count.
        const [sub] = await db
          .update(subscriptions)
          .set({ periodEnd: sql`${subscriptions.periodEnd} + ${days * DAY}`, updatedAt: clock.now() })
          .where(and(eq(subscriptions.accountId, c.req.param('id')), eq(subscriptions.status, 'active')))
          .returning({ accountId: subscriptions.accountId, periodEnd: subscriptions.periodEnd });
        if (!sub) throw new AppError(409, 'conflict', 'The account has no running paid period');
        logger.info('admin.period_extended', { operatorId: c.get('account').id, accountId: sub.accountId, days, reason });
        return c.json({ periodEnd: sub.periodEnd });
      })
  );
}
