// PostgreSQL behind the Store interface (DATABASE_URL=postgres://…): a node-postgres pool shared
// by every request of this process, transactions on one pooled connection each.
import { sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema/index.js';
import type { Db, DialectSql, Store } from './store.js';
import { pgTables } from './tables.js';

export interface PgStore extends Store {
  readonly dialect: 'postgres';
  readonly pool: pg.Pool;
}

/**
 * count(*) and sum() come back as int8 / numeric, which node-postgres leaves as strings; every
 * such value here is a count, a sum of counts or milliseconds, all within 2^53. The parsers are
 * node-postgres's process-wide ones because drizzle passes those to every query it runs.
 */
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);

const dialectSql: DialectSql = {
  greatest: (a, b) => sql`greatest(${a}, ${b})`,
  jsonKeys: (column) => sql`jsonb_object_keys(${column}) as j(key)`,
  jsonText: (column) => sql`${column}::text`,
};

export interface PgStoreOptions {
  /** Connections this process may open (each node of a cluster has its own pool). */
  poolSize?: number;
}

export function openPgStore(url: string, options: PgStoreOptions = {}): PgStore {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  const drizzleDb = drizzle(pool, { schema });
  type Handle = typeof drizzleDb | Parameters<Parameters<typeof drizzleDb.transaction>[0]>[0];
  // The tables and raw-SQL reader ride on each handle, so a function given one needs nothing else.
  const handle = (h: Handle): Db =>
    Object.assign(h, {
      tables: pgTables,
      rows: async <T>(query: SQL) => (await h.execute(query)).rows as T[],
    }) as unknown as Db;
  const db = handle(drizzleDb);
  return {
    dialect: 'postgres',
    pool,
    db,
    tables: pgTables,
    sql: dialectSql,
    transaction: (fn) => drizzleDb.transaction((tx) => fn(handle(tx))),
    async lock(tx, key) {
      await tx.rows(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    },
    async ping() {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}
