// A fresh app (own database copy, manual clock) for every test of a file, cleaned up after it:
// `const t = appPerTest();` at the top of the file, then `t.app`, `t.clock`… inside the tests.
import { afterEach, beforeEach } from 'vitest';
import { createTestApp, type TestApp, type TestAppOptions } from './harness.js';

export function appPerTest(options?: TestAppOptions): TestApp {
  let current: TestApp | undefined;
  beforeEach(async () => {
    current = await createTestApp(options);
  });
  afterEach(() => current?.cleanup());
  return handleTo(() => current, 'the app of appPerTest exists only inside a test');
}

/**
 * Stands for what a before-hook starts (and an after-hook stops): each read goes to the one that
 * is current, so the test file can hold it in a const. Reading it when there is none throws `why`.
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
