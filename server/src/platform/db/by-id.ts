// Rows reached by id alone, for the operator's routes, which act on any account's rows; a
// licensee's routes go through owned.ts, which also checks the account.
import { eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { notFound } from '../lib/errors.js';
import type { Db } from './store.js';

type TableWithId = PgTable & { id: PgColumn };

/** The row of `table` with this id, or a 404 naming `what` ("Invoice", "Payment"…). */
export async function rowById<T extends TableWithId>(db: Db, table: T, what: string, id: string): Promise<T['$inferSelect']> {
  const [row] = await db
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id));
  if (!row) throw notFound(what);
  return row as T['$inferSelect'];
}

/** Sets `values` on the row of `table` with this id and returns the row as it is now, or a 404 naming `what`. */
export async function updateById<T extends TableWithId>(db: Db, table: T, what: string, id: string, values: Partial<T['$inferInsert']>): Promise<T['$inferSelect']> {
  const [row] = await db
    .update(table as PgTable)
    .set(values as never)
    .where(eq(table.id, id))
    .returning();
  if (!row) throw notFound(what);
  return row as T['$inferSelect'];
}
