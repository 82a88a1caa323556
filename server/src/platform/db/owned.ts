// Account scoping in one place: a row another account owns is "not found" (never "forbidden"),
// so ids cannot be probed across accounts.
import { and, asc, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { notFound } from '../lib/errors.js';
import type { Db } from './store.js';

type OwnedTable = PgTable & { id: PgColumn; accountId: PgColumn };

/** The account's row of `table` with this id, or a 404 naming `what` ("Site", "Widget"…). */
export async function ownedRow<T extends OwnedTable>(db: Db, table: T, what: string, accountId: string, id: string): Promise<T['$inferSelect']> {
  const [row] = await db
    .select()
    .from(table as PgTable)
    .where(and(eq(table.id, id), eq(table.accountId, accountId)));
  if (!row) throw notFound(what);
  return row as T['$inferSelect'];
}

/** As `ownedRow`, for an optional id (a filter): checks it when given. */
export async function assertOwned(db: Db, table: OwnedTable, what: string, accountId: string, id: string | undefined): Promise<void> {
  if (id !== undefined) await ownedRow(db, table, what, accountId, id);
}

/** Every row of `table` the account owns, oldest first (the order the dashboard lists them in). */
export async function ownedRowsOldestFirst<T extends OwnedTable & { createdAt: PgColumn }>(db: Db, table: T, accountId: string): Promise<T['$inferSelect'][]> {
  const rows = await db
    .select()
    .from(table as PgTable)
    .where(eq(table.accountId, accountId))
    .orderBy(asc(table.createdAt));
  return rows as T['$inferSelect'][];
}
