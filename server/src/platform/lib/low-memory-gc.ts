// V8's memory-reducing garbage collection, run from inside the process. Node exposes no API for
// it; the inspector protocol's HeapProfiler.collectGarbage runs it (V8's low-memory collection:
// it frees the garbage AND gives the emptied pages and the young generation's semi-spaces back to
// the system, which a plain full GC under --expose-gc does not). It goes through an in-process
// inspector session: no port is opened and no debugger is enabled.
//
// The session is disconnected on a LATER turn of the event loop, never inside the command's
// callback. V8 answers collectGarbage from a task that holds a mutex of the heap profiler agent
// while it calls back; disconnecting in that callback destroys the agent, whose destructor takes
// the same mutex: the main thread deadlocks (commit dfaecbb did exactly that and hung both
// production servers of a bench run). idle-gc.test.ts runs this collector many times in a child
// process that must keep answering HTTP.

import { InspectorUnavailable } from './idle-gc.js';

/** Runs one low-memory collection; resolves when it is done. Rejects where Node has no inspector. */
export async function collectLowMemory(): Promise<void> {
  // Imported on first use: a Node built without the inspector throws at import, and the server
  // must still start there (the idle collector then just stops trying).
  const { Session } = await import('node:inspector').catch((err: unknown) => {
    throw new InspectorUnavailable(String(err));
  });
  const session = new Session();
  session.connect();
  try {
    await new Promise<void>((resolve, reject) => {
      session.post('HeapProfiler.collectGarbage', (err) => (err ? reject(err) : resolve()));
    });
  } finally {
    // Tried on Node 20: a disconnect in the callback hangs the process at once, one in the promise
    // continuation does not; but when microtasks run relative to a native callback is Node's
    // detail, while a macrotask (setImmediate) certainly runs after V8's task has finished.
    await new Promise<void>((resolve) => setImmediate(resolve));
    session.disconnect();
  }
}
