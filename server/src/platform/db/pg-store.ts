// PostgreSQL behind the Store interface (DATABASE_URL=postgres://…): a node-postgres pool shared
// by every request of this process, transactions on one pooled connection each.
import { getTableName, sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import { expirePgRows, preparePgPartitions } from './pg-partitions.js';
import * as schema from './schema/index.js';
import type { Db, DialectSql, Store } from './store.js';
import { pgTables } from './tables.js';
import { createTransactionContext, type TransactionContext } from './transaction-context.js';

export interface PgStore extends Store {
  readonly dialect: 'postgres';
  readonly pool: pg.Pool;
}

const dialectSql: DialectSql = {
  greatest: (a, b) => sql`greatest(${a}, ${b})`,
  jsonKeys: (column) => sql`jsonb_object_keys(${column}) as j(key)`,
  jsonText: (column) => sql`${column}::text`,
};

export interface PgStoreOptions {
  /** Connections this process may open (each node of a cluster has its own pool). */
  poolSize?: number | undefined;
  /**
   * An idle pooled connection that failed (the server restarted, an administrator ended it):
   * the pool drops it and opens another when needed; this only reports it.
   */
  onConnectionError?: ((err: Error) => void) | undefined;
}

interface Ambient {
  client: pg.PoolClient;
  done: boolean;
}

/**
 * A pool whose queries, when issued from inside a transaction's async context, go to that
 * transaction's connection: so statements prepared once per app (and any function given
 * `store.db`) take part in the transaction they are called from, as on SQLite.
 */
interface AmbientPool extends pg.Pool {
  readonly ambient: TransactionContext<Ambient>;
}

interface PgDriver {
  AmbientPool: new (config: pg.PoolConfig) => AmbientPool;
  drizzle: typeof import('drizzle-orm/node-postgres').drizzle;
}

let driver: Promise<PgDriver> | undefined;

/**
 * node-postgres and drizzle's driver for it, imported when the first PostgreSQL store opens, not
 * with the app: they add ~15 MB to a process, and a server on SQLite never uses them.
 */
function pgDriver(): Promise<PgDriver> {
  driver ??= (async () => {
    const [{ default: pg }, { drizzle }] = await Promise.all([import('pg'), import('drizzle-orm/node-postgres')]);
    /*
     * count(*) and sum() come back as int8 / numeric, which node-postgres leaves as strings; every
     * such value here is a count, a sum of counts or milliseconds, all within 2^53. The parsers are
     * node-postgres's process-wide ones because drizzle passes those to every query it runs.
     */
    pg.types.setTypeParser(pg.types.builtins.INT8, Number);
    pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);
    class Pool extends pg.Pool implements AmbientPool {
      readonly ambient = createTransactionContext<Ambient>();
      // biome-ignore lint/suspicious/noExplicitAny: node-postgres overloads query() many ways; the arguments pass through.
      override query(...args: any[]): any {
        const tx = this.ambient.current();
        // biome-ignore lint/suspicious/noExplicitAny: as above
        return tx ? (tx.client.query as any)(...args) : (super.query as any)(...args);
      }
    }
    return { AmbientPool: Pool, drizzle };
  })();
  return driver;
}

export async function openPgStore(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
  const { AmbientPool, drizzle } = await pgDriver();
  const pool = new AmbientPool({ connectionString: url, max: options.poolSize ?? 10 });
  // Without a listener, node-postgres would throw an idle connection's error out of the process.
  pool.on('error', (err) => options.onConnectionError?.(err));
  const drizzleDb = drizzle(pool, { schema });
  const db = Object.assign(drizzleDb, {
    tables: pgTables,
    rows: async <T>(query: SQL) => (await drizzleDb.execute(query)).rows as T[],
  }) as unknown as Db;
  const current = () => pool.ambient.current();
  const store: PgStore = {
    dialect: 'postgres',
    pool,
    db,
    tables: pgTables,
    sql: dialectSql,
    async transaction(fn, options) {
      // Called from inside a transaction: part of it (and of its durability).
      if (current()) return fn(db);
      const client = await pool.connect();
      const tx: Ambient = { client, done: false };
      try {
        // One round trip either way: the simple protocol takes both statements at once.
        await client.query(options?.durability === 'relaxed' ? 'begin; set local synchronous_commit = off' : 'begin');
        const result = await pool.ambient.run(tx, () => fn(db));
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        // Work the callback started but did not await runs outside, on the pool.
        tx.done = true;
        client.release();
      }
    },
    async lock(_tx, key) {
      if (!current()) throw new Error('store.lock outside a transaction holds nothing');
      await db.rows(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    },
    // Dead row versions are reclaimed by autovacuum; a VACUUM here would stall on big tables.
    forgetErased: async () => {},
    // The pool's clients hold no cache of their own worth giving back.
    releaseMemory: async () => {},
    expire: (table, column, cutoff) => expirePgRows(store, getTableName(table), column.name, cutoff),
    preparePartitions: (now) => preparePgPartitions(store, now),
    async ping() {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
  return store;
}
