// Method 2 (companies): an invoice with sequential numbering; the operator marks its payment
// paid when the money arrives, which starts the period; an act is available after the period.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { TariffId } from '#contracts/core/tariffs.js';
import type { requisitesSchema } from '#contracts/schemas/requisites.js';
import type { invoices } from '../db/schema/index.js';
import type { Account, AppDeps } from '../../deps.js';
import { newId } from '../lib/ids.js';
import { paymentDescription } from './checkout.js';
import { quote } from './prices.js';

export type InvoiceRow = typeof invoices.$inferSelect;

export async function createInvoice(deps: AppDeps, account: Account, tariffId: TariffId, requisites: z.infer<typeof requisitesSchema>, promoCode?: string): Promise<InvoiceRow> {
  const { store, clock, env } = deps;
  const now = clock.now();
  const q = await quote(store.db, account.id, tariffId, now, promoCode);
  const description = paymentDescription(tariffId, env.BRAND_NAME);
  return store.transaction(async (tx) => {
    const { invoices, payments } = tx.tables;
    // max+1 is read and then taken: under this lock no other transaction (on any process) reads
    // the same maximum before this one commits, as SQLite's single writer made sure before.
    await store.lock(tx, 'invoices:number');
    const [payment] = await tx
      .insert(payments)
      .values({
        id: newId('pay'),
        accountId: account.id,
        tariffId,
        amountKopecks: q.totalKopecks,
        method: 'invoice',
        purpose: 'checkout',
        status: 'pending',
        idempotenceKey: randomUUID(),
        promoCode: q.promoCode,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const number = ((await tx.select({ n: sql<number>`coalesce(max(${invoices.number}), 0)` }).from(invoices))[0]?.n ?? 0) + 1;
    const [invoice] = await tx
      .insert(invoices)
      .values({
        id: newId('inv'),
        number,
        accountId: account.id,
        paymentId: payment!.id,
        requisites,
        lines: [{ description, quantity: 1, priceKopecks: q.totalKopecks, totalKopecks: q.totalKopecks }],
        totalKopecks: q.totalKopecks,
        createdAt: now,
      })
      .returning();
    return invoice!;
  });
}
