// Column shapes every table repeats. Function declarations (hoisted), so that accounts.ts and
// the tables that reference it may import each other in any order.
import { type AnyPgColumn, bigint, bigserial, text } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';

/** A time as integer milliseconds since the epoch, UTC (the convention for every timestamp). */
export function millis(name: string) {
  return bigint(name, { mode: 'number' });
}

/** A whole number read as a JS number: counts, amounts in kopecks, limits. */
export function int(name: string) {
  return bigint(name, { mode: 'number' });
}

/** A counter that starts at zero. */
export function counter(name: string) {
  return bigint(name, { mode: 'number' }).notNull().default(0);
}

/** The owning account; its rows go when the account is deleted. */
export function accountRef() {
  return cascadeRef('account_id', () => accounts.id);
}

/** The row this one belongs to (`parent`: its id column, read lazily); this row goes when that one is deleted. */
export function cascadeRef<N extends string>(name: N, parent: () => AnyPgColumn) {
  return text(name).notNull().references(parent, { onDelete: 'cascade' });
}

/** As cascadeRef, for a table holding at most one row per parent: the reference is the primary key. */
export function cascadeKey<N extends string>(name: N, parent: () => AnyPgColumn) {
  return text(name).primaryKey().references(parent, { onDelete: 'cascade' });
}

/** An append-only log row's id: a sequence, as nothing refers to the row by a meaningful key. */
export function serialId() {
  return bigserial('id', { mode: 'number' }).primaryKey();
}

/** When the row was written. */
export function createdAt() {
  return millis('created_at').notNull();
}

// Column groups several tables share, spread where they stand in the table (`...owned()`), so
// the column order, and with it the generated DDL, stays as it was.

/** A row an account owns: its own text id, then the owning account. */
export function owned() {
  return { id: text('id').primaryKey(), accountId: accountRef() };
}

/** When the row was written and last changed. */
export function timestamps() {
  return { createdAt: createdAt(), updatedAt: millis('updated_at').notNull() };
}

/** The operator's block: while set, the thing is not served; the reason is shown to the licensee. */
export function operatorBlock() {
  return { blockedAt: millis('blocked_at'), blockReason: text('block_reason') };
}

/** A worker's claim on an outbox row: while lease_until is ahead, no other worker takes it. */
export function lease() {
  return { leaseOwner: text('lease_owner'), leaseUntil: millis('lease_until') };
}

/** A visitor's consent: the hash of the text shown (the text is in consent_texts) and when. */
export function consent() {
  return { consentHash: text('consent_hash').notNull(), consentAt: millis('consent_at').notNull() };
}
