// Column shapes every table repeats. Function declarations (hoisted), so that accounts.ts and
// the tables that reference it may import each other in any order.
import { type AnyPgColumn, bigint, text } from 'drizzle-orm/pg-core';
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
