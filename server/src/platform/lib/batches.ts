// Long deletions in batches that give the event loop a turn between them. On SQLite every
// statement is synchronous and an awaited statement resolves at once, so a loop of them would
// never let a request in: the turn has to be a macrotask (setImmediate), after pending I/O.
// Each batch is its own transaction, so no batch holds the write lock for long either.

/** Rows per batch: a few milliseconds of work on either engine. */
export const RETENTION_BATCH = 500;

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `step` (one batch, returning how many rows it handled) until a batch comes back short of `size`; returns the total. */
export async function inBatches(step: () => Promise<number>, size = RETENTION_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await step();
    total += n;
    if (n < size) return total;
    await yieldToEventLoop();
  }
}
