// Waiting in tests for what settles on its own time (another process, a socket, a browser): poll
// until the condition holds, or fail naming what was awaited and the last value seen.

export interface WaitOptions {
  /** How long to wait at most (ms). */
  ms?: number;
  /** More to say when it times out (a server's output, say). */
  detail?: () => string;
}

/** Reads until `ok` accepts the value, and returns that value. */
export async function waitFor<T>(read: () => T | Promise<T>, ok: (v: T) => boolean, what: string, options: WaitOptions | number = {}): Promise<T> {
  const { ms = 20_000, detail } = typeof options === 'number' ? { ms: options } : options;
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value ${JSON.stringify(v)}${detail ? `\n${detail()}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Until `done()` is true. */
export async function waitUntil(done: () => boolean | Promise<boolean>, what: string, options: WaitOptions | number = {}): Promise<void> {
  await waitFor(done, Boolean, what, options);
}
