// Which transaction, if any, the running code belongs to: the async context both stores use so
// that statements issued from inside a transaction's callback (through any handle) take part in
// it, and statements from elsewhere do not.
//
// On Node 20 an AsyncLocalStorage that has been run once keeps async hooks on for the rest of
// the process: every promise, tick, timer and socket write of every request then calls into
// JavaScript to copy the context along, whether a transaction is open or not. That cost the
// cheapest HTTP route ~40 us of CPU per request (server CPU per 1,000 requests of the bare
// route, 2 cores under load: ~134 ms with the storage left on, ~92 ms without). So the storage
// is switched on only while at least one transaction runs, and off again when the last ends.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface TransactionContext<T extends { done: boolean }> {
  /** The transaction the caller runs in, unless it has ended (work it started but did not await). */
  current(): T | undefined;
  /** Runs `fn` as part of `tx`: everything it calls and awaits sees `tx` as current. */
  run<R>(tx: T, fn: () => Promise<R>): Promise<R>;
  /** Whether context tracking is on, i.e. a transaction is running (for tests). */
  readonly tracking: boolean;
}

export function createTransactionContext<T extends { done: boolean }>(): TransactionContext<T> {
  const storage = new AsyncLocalStorage<T>();
  let running = 0;
  return {
    current() {
      if (running === 0) return undefined;
      const tx = storage.getStore();
      return tx && !tx.done ? tx : undefined;
    },
    async run(tx, fn) {
      running++;
      try {
        return await storage.run(tx, fn);
      } finally {
        // Contexts that outlive their transaction keep its (ended) store and read as outside,
        // whether or not the storage is on when they run again.
        if (--running === 0) storage.disable();
      }
    },
    get tracking() {
      return running > 0;
    },
  };
}
