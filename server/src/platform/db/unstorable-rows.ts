// Batches that one bad row must not hold up. A batch written in one statement or transaction fails
// whole when a single row cannot be stored (PostgreSQL refuses a NUL in text, half a surrogate pair
// in jsonb; either engine a duplicate key or a NOT NULL); retried as it is, it fails for ever and
// takes every good row with it. Such a batch is written again in halves, and a half that fails in
// halves again, until each unstorable row is alone and can be set aside: k bad rows among n cost
// about k·log2(n) extra writes, and a batch without any costs nothing.

/**
 * Why the database refused what it was given, when the refusal is the data's and writing the same
 * row again would fail the same way: the SQLSTATE of a data exception (class 22) or an integrity
 * violation (23) on PostgreSQL, SQLite's constraint, too-big and type-mismatch codes. Null for
 * anything else (connection lost, disk full, a timeout, a deadlock): that may pass, so the rows
 * must be kept. Only the code, never the message: the message may quote the row's values.
 */
export function unstorableReason(err: unknown): string | null {
  // drizzle wraps the driver's error (DrizzleQueryError.cause); the code is on the innermost.
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (/^2[23][0-9A-Z]{3}$/.test(code)) return code;
    if (/^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH)/.test(code)) return code;
  }
  return null;
}

/** A failure that is not the data's, after `written` of the rows went in (in order, each part whole). */
export class RowsNotWritten extends Error {
  constructor(
    readonly written: number,
    cause: unknown,
  ) {
    super('rows not written', { cause });
  }
}

/**
 * Writes `rows` in order through `write` (one transaction per call), halving any part that fails
 * for its data until the row to blame is alone; resolves with the rows set aside and why. Any other
 * failure rejects with RowsNotWritten: rows from `written` on are not in (set-aside rows all lie
 * before it), so the caller can keep exactly those for a later try.
 */
export async function writeSettingAside<R>(rows: readonly R[], write: (part: R[]) => Promise<void>): Promise<{ row: R; reason: string }[]> {
  const setAside: { row: R; reason: string }[] = [];
  async function part(from: number, to: number): Promise<void> {
    if (from === to) return;
    try {
      await write(rows.slice(from, to));
      return;
    } catch (err) {
      const reason = unstorableReason(err);
      if (reason === null) throw new RowsNotWritten(from, err);
      if (to - from === 1) {
        setAside.push({ row: rows[from]!, reason });
        return;
      }
    }
    const middle = from + Math.ceil((to - from) / 2);
    await part(from, middle);
    await part(middle, to);
  }
  await part(0, rows.length);
  return setAside;
}
