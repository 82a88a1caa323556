// Hits per key in fixed windows, counted in this process: what a limiter on one node needs, with
// the verdict at hand (no promise). Only the current window's counts and the previous one's are
// kept (a clock moved back by a window still finds its counts), so memory is bounded by the keys
// hit within two windows, as with the library's memory store it replaces here, minus its timer per key.

export class WindowCounts {
  private window = Number.NaN;
  private counts = new Map<string, number>();
  private previousWindow = Number.NaN;
  private previous = new Map<string, number>();

  /** Counts one hit of `key` in window number `window`; returns the key's hits in it, this one included. */
  hit(key: string, window: number): number {
    const counts = this.countsOf(window);
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
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
