import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';
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
export const invoices = sqliteTable(
  'invoices',
  {
    id: text('id').primaryKey(),
    /** Sequential, as accounting expects; assigned inside the insert transaction. */
    number: integer('number').notNull(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    paymentId: text('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    requisites: text('requisites', { mode: 'json' }).$type<Requisites>().notNull(),
    lines: text('lines', { mode: 'json' }).$type<InvoiceLine[]>().notNull(),
    totalKopecks: integer('total_kopecks').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('invoices_number_uq').on(t.number), index('invoices_account_idx').on(t.accountId)],
);
