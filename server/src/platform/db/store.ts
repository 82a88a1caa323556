// The one storage interface the domain code talks to, whichever engine is underneath: the
// embedded SQLite file (sqlite-store.ts, the default) or PostgreSQL (pg-store.ts, DATABASE_URL).
//
// Queries are drizzle's, typed against the PostgreSQL schema and always awaited; tables come
// from the handle (`db.tables.leads`), because the SQLite engine runs them on twins of those
// tables (sqlite-twins.ts). Atomic work is one statement (a conditional UPDATE … RETURNING, an
// upsert) or a `transaction`; where a transaction reads and then writes on the strength of what
// it read, it first takes `lock(tx, key)` so that competing transactions on other processes
// queue behind it. Nothing outside this folder knows which engine runs.
import type { Column, SQL, Table } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgTable } from 'drizzle-orm/pg-core';
import type * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Tables = { [K in keyof Schema as Schema[K] extends PgTable ? K : never]: Schema[K] };
/**
 * A database handle: the store's own, or the one a transaction hands its callback. Either
 * carries the tables to query and runs raw SQL written for both engines.
 */
export type Db = Omit<NodePgDatabase<Schema>, '$client' | 'transaction'> & {
  readonly tables: Tables;
  /** Rows of a raw query written in SQL both engines read (dialect pieces from `store.sql`). */
  rows<T>(query: SQL): Promise<T[]>;
};

export type Dialect = 'sqlite' | 'postgres';

/** The few SQL expressions whose spelling differs between the engines. */
export interface DialectSql {
  /** The larger of two values (SQLite's two-argument max(), PostgreSQL's greatest()). */
  greatest(a: SQL | unknown, b: SQL | unknown): SQL;
  /** The keys of a JSON object column, one row each, as a FROM item aliased `j` with a column `key`. */
  jsonKeys(column: SQL | unknown): SQL;
  /** The JSON column as text, for a substring search. */
  jsonText(column: SQL | unknown): SQL;
}

export interface TransactionOptions {
  /**
   * 'relaxed': the commit does not wait for the database's log to reach the disk, so a crash of
   * the database server (not of our process) may lose the last moment's commits — whole, never
   * half-applied. SQLite's WAL with synchronous=NORMAL gives only this to every transaction; on
   * PostgreSQL it is asked for per transaction (synchronous_commit off). For counters that every
   * page view bumps on one row, where the wait for the disk is most of the time the row stays
   * locked; never for what a person handed us (a lead) or money.
   */
  durability?: 'full' | 'relaxed';
}

export interface Store {
  readonly dialect: Dialect;
  readonly db: Db;
  /** The same as `db.tables`. */
  readonly tables: Tables;
  readonly sql: DialectSql;
  /**
   * Runs `fn` atomically. On SQLite the writer lock is held from the start (BEGIN IMMEDIATE) and
   * every other statement of this process waits for the commit; on PostgreSQL it is a READ
   * COMMITTED transaction on one pooled connection. Every statement issued from within `fn`'s
   * async context takes part, whichever handle it goes through (`tx` is `store.db`), so
   * statements prepared once per app work inside; called within a transaction, `fn` joins it.
   * Work `fn` starts without awaiting runs after the commit, outside.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Inside a transaction: waits until no other transaction holds `key`, then holds it until
   * commit (PostgreSQL: a transaction-level advisory lock; SQLite: its one writer already is).
   */
  lock(tx: Db, key: string): Promise<void>;
  /**
   * Called after personal data was deleted (and committed): leaves no copy readable in the
   * engine's own files. SQLite zeroes deleted content (secure_delete) and here truncates the
   * WAL, whose older frames still hold it. PostgreSQL keeps dead row versions until VACUUM,
   * which autovacuum runs; nothing here forces it (README, "Destruction").
   */
  forgetErased(): Promise<void>;
  /**
   * Destroys the rows of `table` whose time `column` (milliseconds) is at or before `cutoff`;
   * resolves with how many went. SQLite: row by row in batches, at the deadline. PostgreSQL: the
   * tables partitioned by time (partitions.ts) lose whole half-month partitions once their last
   * moment is past the cutoff — a row at most 16 days after its deadline, with no row-by-row work
   * — and other tables go row by row. Within a transaction it takes part in it.
   */
  expire(table: Table, column: Column, cutoff: number): Promise<number>;
  /** PostgreSQL: creates the time partitions ahead of `now` (the `partitions` job); SQLite has none. Resolves with the names created. */
  preparePartitions(now: number): Promise<string[]>;
  /**
   * Gives back the memory the engine's connections cache and can read again (SQLite: the
   * connection's page cache, PRAGMA shrink_memory). The idle collection (idle-gc.ts) calls it.
   * On SQLite it waits, like any statement, for a transaction in progress to end.
   */
  releaseMemory(): Promise<void>;
  /** Liveness for readiness checks: a round trip to the engine. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
