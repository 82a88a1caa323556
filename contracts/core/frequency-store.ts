// The only storage the embed writes (the loader and rt/ab.js, through createStore; the debug
// explainer reads it and, asked to, resets it), and only for frequency rules and the A/B variant
// a visitor interacted with (SPEC §7, consent-first):
//   localStorage   "wg.<widget>"    ms of the last show            (frequency "once per N days")
//   localStorage   "wg.<widget>.s"  "1" once the form was submitted (frequency "never after submit")
//   sessionStorage "wg.<widget>"    "1" once shown in this tab      (frequency "once per session")
//   localStorage   "wg.<widget>.v"  the A/B variant shown, written by rt/ab.js once the visitor
//                                   clicked, closed or submitted the widget (never on a mere view)
// Nothing is written for widgets whose frequency is "always" and that run no A/B test. Storage
// may be missing or throw (blocked cookies, sandboxed frames, a full quota): values then live in
// memory, so a cap still holds for the page view and the page never sees an error.

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface StoreWindow {
  localStorage: StorageLike;
  sessionStorage: StorageLike;
}

/**
 * get: `store(key, session)`; set: `store(key, session, value)` (returns the value). One
 * function rather than two: fewer bytes. Keys get the "wg." prefix here.
 */
export type Store = (key: string, session: 0 | 1, value?: string) => string | null | undefined;

export function createStore(w: StoreWindow): Store {
  const mem: Record<string, string> = {};
  return (key, session, v) => {
    // STORE_PREFIX written out: esbuild keeps an exported const as a variable (loader bytes).
    const k = 'wg.' + key;
    const m = session + k; // the memory key: session and local values must not collide
    // Values are never empty ("1", a timestamp), so `v &&` tells a set from a get.
    v && (mem[m] = v);
    try {
      // Merely reading `w.localStorage` throws a SecurityError when storage is blocked.
      const s = session ? w.sessionStorage : w.localStorage;
      v && s.setItem(k, v);
      return s.getItem(k) || mem[m];
    } catch {
      return mem[m];
    }
  };
}

/** What every key starts with (the explainer's reset removes `wg.<widget>` and `wg.<widget>.s`). */
export const STORE_PREFIX = 'wg.';
