import { index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { int, accountRef, cascadeRef, createdAt } from './columns.js';
import { payments } from './billing.js';

export interface Requisites {
  name: string;
  inn: string;
  kpp?: string;
  ogrn: string;
  address: string;
}

export interface InvoiceLine {
  description: string;
  quantity: number;
  priceKopecks: number;
  totalKopecks: number;
}

/** Method 2 (companies): an invoice; the operator marks its payment paid, which starts the period. */
export const invoices = pgTable(
  'invoices',
  {
    id: text('id').primaryKey(),
    /** Sequential, as accounting expects; assigned inside the insert transaction. */
    number: int('number').notNull(),
    accountId: accountRef(),
    paymentId: cascadeRef('payment_id', () => payments.id),
    requisites: jsonb('requisites').$type<Requisites>().notNull(),
    lines: jsonb('lines').$type<InvoiceLine[]>().notNull(),
    totalKopecks: int('total_kopecks').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('invoices_number_uq').on(t.number), index('invoices_account_idx').on(t.accountId)],
);
