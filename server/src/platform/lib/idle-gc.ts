// One memory-reducing garbage collection when the process goes quiet after a busy spell. V8
// collects its old generation only when it needs room and gives the young generation's 32 MB back
// only in a collection made after seconds of low allocation, and Node has no idle-time
// collection: after a burst of requests (or of lead mails sent from the outbox) the garbage stays
// resident for as long as the server stays idle. The collection is V8's low-memory one (what the
// inspector protocol's HeapProfiler.collectGarbage runs, through an in-process session: no port
// is opened): unlike a plain full collection (`gc()` under --expose-gc), which frees the objects
// but keeps their pages and the young generation committed, it hands the pages back to the
// system. It pauses the event loop for tens of milliseconds, so it runs only once the heap has
// stopped growing for a few seconds (no request then waits behind it) and only when the heap
// grew markedly since the last one.
import { Session } from 'node:inspector';
import { getHeapStatistics } from 'node:v8';
import type { Logger } from './logger.js';

export interface HeapReading {
  /** Bytes of live and not yet collected objects. */
  used: number;
  /** Bytes of heap memory resident (touched). */
  physical: number;
}

export interface IdleGcRule {
  /** Consecutive quiet readings (one per interval) before collecting. */
  quietReadings: number;
  /** A reading is quiet when the heap grew by less than this since the one before, and shrank not at all (no collection ran). */
  quietGrowthBytes: number;
  /** Collect only when the resident heap is this much above what the last collection left. */
  minGainBytes: number;
}

export const IDLE_GC_RULE: IdleGcRule = { quietReadings: 3, quietGrowthBytes: 1 << 20, minGainBytes: 16 << 20 };

/** The decision alone, fed one heap reading per interval: true when it is time to collect. */
export function idleGcDecider(rule: IdleGcRule = IDLE_GC_RULE) {
  let previous: HeapReading | null = null;
  /** The resident heap after the last collection (or the lowest seen): what a collection could get back to. */
  let floor = Number.POSITIVE_INFINITY;
  let quiet = 0;
  return {
    reading(r: HeapReading): boolean {
      floor = Math.min(floor, r.physical);
      const grew = previous ? r.used - previous.used : Number.POSITIVE_INFINITY;
      previous = r;
      quiet = grew >= 0 && grew < rule.quietGrowthBytes ? quiet + 1 : 0;
      return quiet >= rule.quietReadings && r.physical - floor >= rule.minGainBytes;
    },
    collected(after: HeapReading): void {
      previous = after;
      floor = after.physical;
      quiet = 0;
    },
  };
}

const readHeap = (): HeapReading => {
  const s = getHeapStatistics();
  return { used: s.used_heap_size, physical: s.total_physical_size };
};

/** V8's low-memory collection, through an in-process inspector session (the command runs on a later turn). */
function collectAllGarbage(done: (err: Error | null) => void): void {
  let session: Session;
  try {
    session = new Session();
    session.connect();
  } catch (err) {
    return done(err instanceof Error ? err : new Error(String(err)));
  }
  session.post('HeapProfiler.collectGarbage', (err) => {
    session.disconnect();
    done(err);
  });
}

/** Starts the once-a-second check; returns its stop function. */
export function startIdleGc(logger: Logger, gc: (done: (err: Error | null) => void) => void = collectAllGarbage, intervalMs = 1000): () => void {
  const decide = idleGcDecider();
  let collecting = false;
  const timer = setInterval(() => {
    if (collecting) return;
    const before = readHeap();
    if (!decide.reading(before)) return;
    collecting = true;
    const started = performance.now();
    gc((err) => {
      collecting = false;
      if (err) {
        // A Node built without the inspector: nothing to collect with, stop trying.
        clearInterval(timer);
        logger.warn('memory.idle_gc_unavailable', { error: err.message });
        return;
      }
      const after = readHeap();
      decide.collected(after);
      logger.info('memory.idle_gc', { ms: Math.round(performance.now() - started), heapMbBefore: Math.round(before.physical / 2 ** 20), heapMbAfter: Math.round(after.physical / 2 ** 20) });
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
