// The embedded SQLite engine behind the Store interface: one better-sqlite3 connection, driven
// through drizzle's asynchronous SQLite driver so the domain code awaits the same queries it
// awaits on PostgreSQL.
//
// The pitfall this is built around: better-sqlite3 is one synchronous connection, and a
// transaction that awaits would let other requests' statements run inside it. So the connection
// is a pool of one: a transaction takes it for its whole length; statements from its own async
// context (platform/db/transaction-context.ts) run inside it, and any other statement waits until the commit.
// Outside transactions nothing waits.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { getTableName, sql, type SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { drizzle, type AsyncRemoteCallback } from 'drizzle-orm/sqlite-proxy';
import * as schema from './schema/index.js';
import { sqliteTwins } from './sqlite-twins.js';
import { inBatches, RETENTION_BATCH } from '../lib/batches.js';
import { createStatementCache } from './statement-cache.js';
import { createTransactionContext } from './transaction-context.js';
import type { Db, DialectSql, Store, Tables } from './store.js';

export interface SqliteStore extends Store {
  readonly dialect: 'sqlite';
  /** The file's own connection, for what only SQLite has (checkpoints, backups, pragmas). */
  readonly connection: Database.Database;
  readonly path: string;
}

const dialectSql: DialectSql = {
  greatest: (a, b) => sql`max(${a}, ${b})`,
  jsonKeys: (column) => sql`json_each(${column}) as j`,
  jsonText: (column) => sql`${column}`,
};

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; SQLite has no booleans. */
const bindable = (params: unknown[]) => params.map((p) => (p === true ? 1 : p === false ? 0 : p));

/**
 * How large the WAL file may stay once its frames are checkpointed. SQLite reuses the file rather
 * than shrinking it, so without a limit it keeps the size of its longest backlog: 430 MB beside a
 * 23 MB database after 20,000 leads at full speed, while the checkpoints ran behind the writes.
 */
export const WAL_SIZE_LIMIT_BYTES = 64 << 20;

/**
 * The page cache of the app's connection, KiB. better-sqlite3 builds SQLite with a default of
 * 16 MB (SQLITE_DEFAULT_CACHE_SIZE=-16000, against SQLite's own 2 MB), and a connection fills its
 * cache up to that with every page it has read or written, then keeps it: after the bench's
 * load it was most of the 21.5 MB that glibc's main arena had grown by (27 MB against 5.5 just
 * started, 22.6 MB of it in use; bench/src/rest-memory.ts). A page that is not cached comes from
 * the OS's file cache, read and parsed again on the event loop. 8 MB rather than SQLite's 2: the
 * dashboard's lead search reads all of an account's leads, and with 2 MB it cost 0.7–2.7 ms more
 * CPU per request than with 8 on 6,000 leads (the same on 15,000 and 50,000), while the resident
 * memory at rest was no higher (bench/src/page-cache-cost.ts, README "Memory at rest"); the idle
 * collection frees the cache anyway (releaseMemory).
 */
export const PAGE_CACHE_KIB = 8000;

export function openSqliteStore(path: string, options: { walSizeLimitBytes?: number } = {}): SqliteStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const connection = new Database(path);
  connection.pragma('journal_mode = WAL');
  connection.pragma('foreign_keys = ON');
  // Another process (a second app node, a CLI) may hold the write lock briefly.
  connection.pragma('busy_timeout = 5000');
  // Safe with WAL: a power cut loses at most the last commits, never corrupts.
  connection.pragma('synchronous = NORMAL');
  // The writer that starts the WAL over after a complete checkpoint cuts the file to this size.
  connection.pragma(`journal_size_limit = ${options.walSizeLimitBytes ?? WAL_SIZE_LIMIT_BYTES}`);
  // Destroyed personal data must not stay readable in the file (152-FZ: destruction is for
  // real): SQLite overwrites deleted content and freed pages with zeros instead of leaving them
  // for reuse. The WAL's older frames still hold the rows until it is truncated: forgetErased().
  connection.pragma('secure_delete = ON');
  connection.pragma(`cache_size = -${PAGE_CACHE_KIB}`);

  const statements = createStatementCache(connection);
  const execute = (query: string, params: unknown[], method: Parameters<AsyncRemoteCallback>[2]): { rows: unknown[] } => {
    const stmt = statements.get(query);
    const args = bindable(params);
    if (!stmt.reader) return { rows: [], ...stmt.run(...args) };
    // drizzle maps rows from arrays of values in select order.
    stmt.raw(true);
    if (method === 'get') return { rows: stmt.get(...args) as unknown[] };
    return { rows: stmt.all(...args) as unknown[] };
  };

  // The pool of one: `held` while a transaction runs. Statements issued from inside the
  // transaction's own async context (its callback and what it awaits) run in it; statements from
  // elsewhere queue until the commit. A context outlives its transaction only through work
  // the callback did not await: `done` sends that work to the queue like any other.
  let held = false;
  const queue: (() => void)[] = [];
  const acquire = (): Promise<void> => {
    if (held) return new Promise<void>((r) => queue.push(r));
    held = true;
    return Promise.resolve();
  };
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else held = false;
  };
  const ambient = createTransactionContext<{ done: boolean }>();
  const inTransaction = () => ambient.current() !== undefined;
  const onConnection = async <T>(run: () => T): Promise<T> => {
    if (!held || inTransaction()) return run();
    await acquire();
    try {
      return run();
    } finally {
      release();
    }
  };

  const tables = sqliteTwins(schema) as unknown as Tables;
  const dialect = new SQLiteAsyncDialect();
  const rawRows = <T>(query: SQL): T[] => {
    const { sql: text, params } = dialect.sqlToQuery(query);
    const stmt = statements.get(text);
    if (!stmt.reader) {
      stmt.run(...bindable(params));
      return [];
    }
    stmt.raw(false);
    return stmt.all(...bindable(params)) as T[];
  };
  const db = Object.assign(
    drizzle((query, params, method) => onConnection(() => execute(query, params, method)) as ReturnType<AsyncRemoteCallback>),
    { tables, rows: <T>(query: SQL) => onConnection(() => rawRows<T>(query)) },
  ) as unknown as Db;

  return {
    dialect: 'sqlite',
    connection,
    path,
    db,
    tables,
    sql: dialectSql,
    // Every transaction here is what the Store calls 'relaxed' (synchronous = NORMAL above): no option to read.
    async transaction(fn) {
      // Called from inside a transaction: part of it.
      if (inTransaction()) return fn(db);
      await acquire();
      const tx = { done: false };
      try {
        // Fails when the file cannot be written (read-only, another process's lock past the busy
        // timeout): the queue must be released then too, or every later statement would wait forever.
        connection.exec('BEGIN IMMEDIATE');
      } catch (err) {
        release();
        throw err;
      }
      try {
        const result = await ambient.run(tx, () => fn(db));
        connection.exec('COMMIT');
        return result;
      } catch (err) {
        if (connection.inTransaction) connection.exec('ROLLBACK');
        throw err;
      } finally {
        tx.done = true;
        release();
      }
    },
    // The transaction already holds SQLite's only write lock.
    lock: async () => {},
    // Batches keep each statement's hold on the writer lock short when a backlog has built up,
    // with a turn of the event loop between them (platform/lib/batches.ts).
    async expire(table, column, cutoff) {
      const name = sql.identifier(getTableName(table));
      const batch = sql`delete from ${name} where rowid in (select rowid from ${name} where ${sql.identifier(column.name)} <= ${cutoff} limit ${RETENTION_BATCH}) returning 1 as one`;
      return inBatches(async () => (await db.rows(batch)).length);
    },
    // No partitions: SQLite deletes expired rows in batches (expire above).
    preparePartitions: async () => [],
    ping: async () => {
      connection.prepare('select 1').get();
    },
    // A TRUNCATE checkpoint copies what the WAL holds into the (zeroed) file and empties the WAL,
    // whose earlier frames are page images from before the deletion. It waits for the store's
    // own transaction like any statement; busy_timeout covers other connections (the
    // checkpointer, a backup). Cheap: the checkpointer keeps the WAL short.
    forgetErased: () =>
      onConnection(() => {
        if (path === ':memory:') return;
        connection.pragma('wal_checkpoint(TRUNCATE)');
      }),
    // Frees every page of the cache that no statement holds; they are read again on demand. It
    // waits for the store's own transaction like any statement: idle is judged by HTTP requests,
    // and a background transaction (the delivery worker, a job) may be half-way.
    releaseMemory: () =>
      onConnection(() => {
        connection.pragma('shrink_memory');
      }),
    close: async () => {
      connection.close();
    },
  };
}
