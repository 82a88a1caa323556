/**
 * Stands for what a before-hook starts (and an after-hook stops): each read goes to the one that
 * is current, so the test file can hold it in a const. Reading it when there is none throws `why`.
 * Kept apart from app-per-test.ts, which loads the whole app: browser specs use it too.
 */
export function handleTo<T extends object>(current: () => T | undefined, why: string): T {
  return new Proxy({} as T, {
    get(_, key) {
      const now = current();
      if (!now) throw new Error(why);
      return Reflect.get(now, key);
    },
  });
}
