// Prepared better-sqlite3 statements by SQL text. Queries come from code, so the set is small,
// but `inArray` lists of every length make new texts: the least recently used are dropped.
import type Database from 'better-sqlite3';

const MAX_STATEMENTS = 500;

export function createStatementCache(connection: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  return {
    get(text: string): Database.Statement {
      let stmt = cache.get(text);
      if (stmt) {
        // Map keeps insertion order: re-inserting marks it most recently used.
        cache.delete(text);
      } else {
        stmt = connection.prepare(text);
        if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, stmt);
      return stmt;
    },
  };
}
