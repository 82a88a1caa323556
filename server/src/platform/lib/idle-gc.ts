// One memory-reducing collection (low-memory-gc.ts) once the server has gone idle. V8 collects its
// old generation only when it needs room, and gives the young generation back only in a
// collection made after seconds of low allocation; Node has no idle-time collection. So after a
// burst (requests, then the lead mails the outbox sends) the garbage and the grown heap stayed
// resident for as long as the server stayed idle (bench/RESULTS.md: 183 MB 5 s after the load,
// against 114 MB just started).
//
// Idle means: no HTTP request or WebSocket upgrade arrived, and the process used almost no CPU
// (which covers work queued inside it: lead deliveries, realtime fan-out, log writes), for
// `quietTicks` checks in a row. The collection pauses the event loop for tens of milliseconds,
// so it never runs on a busy server, and at most once per idle period: the next one needs
// activity in between AND the resident memory to have grown again by `minGainBytes` since the
// last one (a health probe every few seconds starts a new idle period but grows nothing).

/** What collect() rejects with when this Node has no inspector to collect through. */
export class InspectorUnavailable extends Error {}

export interface IdleReading {
  /** HTTP requests and upgrades received so far (a counter). */
  requests: number;
  /** CPU time of the process so far (user + system), microseconds. */
  cpuMicros: number;
  /** Resident set size now, bytes. */
  rss: number;
}

export interface IdleGcRule {
  /** Checks in a row with no request and little CPU before collecting. */
  quietTicks: number;
  /** A check is quiet when the process used less CPU than this since the previous one, microseconds. */
  quietCpuMicros: number;
  /** Collect only when the resident memory is this much above what the last collection left. */
  minGainBytes: number;
}

/** With a check per second: 3 s without a request and under 2 % of a core. */
export const IDLE_GC_RULE: IdleGcRule = { quietTicks: 3, quietCpuMicros: 20_000, minGainBytes: 8 << 20 };
export const IDLE_GC_TICK_MS = 1000;

/** The decision alone, fed one reading per check: true when it is time to collect. */
export function idleGcDecider(rule: IdleGcRule = IDLE_GC_RULE, initialFloor = 0) {
  let previous: IdleReading | null = null;
  let quiet = 0;
  /** Resident size the last collection left (or the one made at start); 0: the first idle period collects. */
  let floor = initialFloor;
  return {
    reading(r: IdleReading): boolean {
      const wasQuiet = previous !== null && r.requests === previous.requests && r.cpuMicros - previous.cpuMicros < rule.quietCpuMicros;
      previous = r;
      quiet = wasQuiet ? quiet + 1 : 0;
      // Exactly at the count, not from it on: one collection per idle period.
      return quiet === rule.quietTicks && r.rss - floor >= rule.minGainBytes;
    },
    /** A check that could not read: the quiet count starts again. */
    interrupted(): void {
      previous = null;
      quiet = 0;
    },
    /** After a collection: what it left, and its own CPU is not activity. */
    collected(after: IdleReading): void {
      floor = after.rss;
      if (previous) previous = { ...previous, cpuMicros: after.cpuMicros };
    },
  };
}

export interface IdleGcOptions {
  collect: () => Promise<void>;
  /** The current reading (requests from the caller's counter, the process's CPU and RSS). */
  read: () => IdleReading;
  onCollected?: (info: { ms: number; rssBefore: number; rssAfter: number }) => void;
  /** The collector cannot run in this Node at all (collect rejected with InspectorUnavailable). */
  onUnavailable?: (err: Error) => void;
  /** One collection failed; the check goes on. */
  onFailed?: (err: Error) => void;
  rule?: IdleGcRule;
  /** Resident size a collection already made before this check started left (index.ts collects once at start). */
  floorBytes?: number;
  tickMs?: number;
}

/** Starts the periodic check (an unref'd timer); returns its stop function. */
export function startIdleGc(o: IdleGcOptions): () => void {
  const decide = idleGcDecider(o.rule, o.floorBytes);
  let collecting = false;
  /** A reading that failed counts as activity: never collect on what could not be read. */
  const readSafely = (): IdleReading | null => {
    try {
      return o.read();
    } catch {
      // process.memoryUsage.rss() opens /proc/self/stat: EMFILE when the descriptors are used
      // up (a flood of sockets). A throw here would be uncaught and stop the server.
      return null;
    }
  };
  const timer = setInterval(() => {
    if (collecting) return;
    const before = readSafely();
    if (!before) return decide.interrupted();
    if (!decide.reading(before)) return;
    collecting = true;
    const started = performance.now();
    o.collect().then(
      () => {
        collecting = false;
        const after = readSafely();
        if (!after) return decide.interrupted();
        decide.collected(after);
        o.onCollected?.({ ms: performance.now() - started, rssBefore: before.rss, rssAfter: after.rss });
      },
      (err: unknown) => {
        collecting = false;
        const error = err instanceof Error ? err : new Error(String(err));
        if (error instanceof InspectorUnavailable) {
          // A Node built without the inspector: nothing to collect with, stop trying.
          clearInterval(timer);
          o.onUnavailable?.(error);
          return;
        }
        // Anything else (a protocol error): this idle period goes without, as if collected; the
        // next try needs new activity and memory grown again, so a lasting error is not retried
        // (and logged) every few seconds.
        decide.collected(readSafely() ?? before);
        o.onFailed?.(error);
      },
    );
  }, o.tickMs ?? IDLE_GC_TICK_MS);
  timer.unref();
  return () => clearInterval(timer);
}

export interface StartupCollectionOptions {
  collect: () => Promise<void>;
  /** Resident set size now, bytes. */
  rss: () => number;
  onCollected?: (info: { ms: number; rssBefore: number; rssAfter: number }) => void;
  /** It failed for another reason than a missing inspector (which the idle check reports once). */
  onFailed?: (err: Error) => void;
}

/**
 * The one collection index.ts makes at start, before the port opens. Resolves with the resident
 * size it left, the idle check's floor (`floorBytes`), or 0 when it did not run; never rejects, so
 * the server starts either way.
 */
export async function collectAtStart(o: StartupCollectionOptions): Promise<number> {
  const started = performance.now();
  const rssBefore = o.rss();
  try {
    await o.collect();
  } catch (err) {
    if (!(err instanceof InspectorUnavailable)) o.onFailed?.(err instanceof Error ? err : new Error(String(err)));
    return 0;
  }
  const rssAfter = o.rss();
  o.onCollected?.({ ms: performance.now() - started, rssBefore, rssAfter });
  return rssAfter;
}

/** The process's own reading, given its request counter. */
export function processReading(requests: () => number): IdleReading {
  const cpu = process.cpuUsage();
  return { requests: requests(), cpuMicros: cpu.user + cpu.system, rss: process.memoryUsage.rss() };
}
