// Hits per key in fixed windows, counted in this process: what a limiter on one node needs, with
// the verdict at hand (no promise). Only the current window's counts and the previous one's are
// kept (a clock moved back by a window still finds its counts), so memory is bounded by the keys
// hit within two windows, as with the library's memory store it replaces here, minus its timer per key.
import { createHash } from 'node:crypto';

/**
 * Longer keys are kept as their SHA-256. A key may carry what a client sent (the realtime app key
 * comes from the URL path, up to the 16 KB header limit) and every refused attempt is still
 * counted, so without this a client choosing a new long key per attempt sets how much memory the
 * counts hold. Addresses and ids stay as they are: no hash on the hot path.
 */
export const MAX_RAW_KEY_LENGTH = 96;

const keyOf = (key: string) => (key.length <= MAX_RAW_KEY_LENGTH ? key : `#${createHash('sha256').update(key).digest('base64')}`);

export class WindowCounts {
  private window = Number.NaN;
  private counts = new Map<string, number>();
  private previousWindow = Number.NaN;
  private previous = new Map<string, number>();

  /** Counts one hit of `key` in window number `window`; returns the key's hits in it, this one included. */
  hit(key: string, window: number): number {
    const counts = this.countsOf(window);
    const stored = keyOf(key);
    const n = (counts.get(stored) ?? 0) + 1;
    counts.set(stored, n);
    return n;
  }

  private countsOf(window: number): Map<string, number> {
    if (window === this.window) return this.counts;
    if (window === this.previousWindow) return this.previous;
    // A new window: the current one becomes the previous one if it is the window just before.
    if (window === this.window + 1) {
      this.previous = this.counts;
      this.previousWindow = this.window;
    } else {
      this.previous = new Map();
      this.previousWindow = Number.NaN;
    }
    this.counts = new Map();
    this.window = window;
    return this.counts;
  }
}
