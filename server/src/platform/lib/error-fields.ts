// The log fields of an unexpected error: its stack (the logger masks a failed query's values in
// it) and, for a failed database statement, the engine's error code. drizzle wraps the driver's
// error (DrizzleQueryError) and keeps it as `cause`, so the stack alone says which statement
// failed but not why. The code (PostgreSQL's SQLSTATE, e.g. 23505 or 22021; SQLite's
// SQLITE_BUSY, …) says why without data; the cause's message is left out, as it may quote a
// value (`invalid input syntax for type integer: "…"`).

/** PostgreSQL's five-character SQLSTATE, or better-sqlite3's SQLITE_* code. */
const DB_ERROR_CODE = /^(?:[0-9A-Z]{5}|SQLITE_[A-Z_]+)$/;

export function errorFields(err: unknown): { error: string; dbErrorCode?: string } {
  const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
  const code = dbErrorCode(err);
  return code ? { error, dbErrorCode: code } : { error };
}

/** The code of the database error `err` is or wraps (cause chain, a few levels at most). */
function dbErrorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && DB_ERROR_CODE.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
