// PostgreSQL's side of the time partitions (partitions.ts): creating the half-month slices ahead
// of time, and destroying expired rows by dropping whole slices. Each table's partition work runs
// under its advisory lock, so two processes never create or drop the same slice at once.
import { sql } from 'drizzle-orm';
import { inBatches, RETENTION_BATCH } from '../lib/batches.js';
import { SLICES_AHEAD, sliceOf, slicesBetween, TIME_PARTITIONED, type Slice } from './partitions.js';
import type { Db, Store } from './store.js';

interface Partition {
  name: string;
  /** The range [from, to) of a slice; null for the default partition. */
  from: number | null;
  to: number | null;
}

const id = (name: string) => sql.identifier(name);
/** Partition bounds are literals in DDL (no parameters there); ours are integers we computed. */
const literal = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new Error(`not a partition bound: ${n}`);
  return sql.raw(String(n));
};

async function partitionsOf(db: Db, table: string): Promise<Partition[]> {
  const rows = await db.rows<{ name: string; bound: string }>(
    sql`select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = ${table}::regclass order by c.relname`,
  );
  return rows.map(({ name, bound }) => {
    const range = /FROM \('?(-?\d+)'?\) TO \('?(-?\d+)'?\)/.exec(bound);
    return range ? { name, from: Number(range[1]), to: Number(range[2]) } : { name, from: null, to: null };
  });
}

/** Creates one slice; rows of its range waiting in the default partition move into it. */
async function createSlice(db: Db, table: string, column: string, slice: Slice, defaultName: string | undefined): Promise<void> {
  const name = id(`${table}_${slice.suffix}`);
  const bounds = sql`for values from (${literal(slice.from)}) to (${literal(slice.to)})`;
  const inRange = sql`${id(column)} >= ${literal(slice.from)} and ${id(column)} < ${literal(slice.to)}`;
  const waiting = defaultName ? await db.rows<{ one: number }>(sql`select 1 as one from ${id(defaultName)} where ${inRange} limit 1`) : [];
  if (waiting.length === 0) {
    await db.rows(sql`create table ${name} partition of ${id(table)} ${bounds}`);
    return;
  }
  // PostgreSQL refuses a new partition whose rows sit in the default one: take the default out,
  // create the slice, move the rows, put the default back — one transaction.
  const def = id(defaultName!);
  await db.rows(sql`alter table ${id(table)} detach partition ${def}`);
  await db.rows(sql`create table ${name} partition of ${id(table)} ${bounds}`);
  await db.rows(sql`insert into ${id(table)} select * from ${def} where ${inRange}`);
  await db.rows(sql`delete from ${def} where ${inRange}`);
  await db.rows(sql`alter table ${id(table)} attach partition ${def} default`);
}

/**
 * Makes sure every partitioned table has its slices from now (or from the oldest row still in its
 * default partition) to SLICES_AHEAD slices ahead; returns the partitions it created.
 */
export async function preparePgPartitions(store: Store, now: number): Promise<string[]> {
  const created: string[] = [];
  let last = sliceOf(now);
  for (let i = 0; i < SLICES_AHEAD; i++) last = sliceOf(last.to);
  for (const [table, column] of Object.entries(TIME_PARTITIONED)) {
    const initial = await partitionsOf(store.db, table);
    const defaultName = initial.find((p) => p.from === null)?.name;
    const [oldest] = defaultName ? await store.db.rows<{ at: number | null }>(sql`select min(${id(column)}) as at from ${id(defaultName)}`) : [];
    const wanted = slicesBetween(Math.min(now, oldest?.at ?? now), last.from);
    for (const slice of wanted) {
      // One transaction per slice: DDL locks the table, for as short a time as possible.
      await store.transaction(async (tx) => {
        await store.lock(tx, `partitions:${table}`);
        if ((await partitionsOf(tx, table)).some((p) => p.from !== null && p.from < slice.to && p.to! > slice.from)) return;
        await createSlice(tx, table, column, slice, defaultName);
        created.push(`${table}_${slice.suffix}`);
      });
    }
  }
  return created;
}

/** Where rows go one by one (the default partition, unpartitioned tables): in batches, with a turn of the event loop between them. */
function deleteInBatches(db: Db, table: string, column: string, cutoff: number): Promise<number> {
  const batch = sql`delete from ${id(table)} where ctid = any(array(select ctid from ${id(table)} where ${id(column)} <= ${cutoff} limit ${RETENTION_BATCH})) returning 1 as one`;
  return inBatches(async () => (await db.rows(batch)).length);
}

/**
 * Destroys the rows whose `column` is at or before `cutoff`. A partitioned table loses its slices
 * whose last moment is at or before the cutoff, whole; the rows of its default partition go one
 * by one. Other tables: row by row, in batches.
 */
export async function expirePgRows(store: Store, table: string, column: string, cutoff: number): Promise<number> {
  if (TIME_PARTITIONED[table] !== column) return deleteInBatches(store.db, table, column, cutoff);
  return store.transaction(async (tx) => {
    await store.lock(tx, `partitions:${table}`);
    let total = 0;
    for (const p of await partitionsOf(tx, table)) {
      if (p.from === null) {
        total += await deleteInBatches(tx, p.name, column, cutoff);
        continue;
      }
      if (p.to! - 1 > cutoff) continue;
      const [count] = await tx.rows<{ n: number }>(sql`select count(*) as n from ${id(p.name)}`);
      await tx.rows(sql`drop table ${id(p.name)}`);
      total += count?.n ?? 0;
    }
    return total;
  });
}
