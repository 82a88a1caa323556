// A fresh app (own database copy, manual clock) for every test of a file, cleaned up after it:
// `const t = appPerTest();` at the top of the file, then `t.app`, `t.clock`… inside the tests.
import { afterEach, beforeEach } from 'vitest';
import { handleTo } from './handle.js';
import { createTestApp, type TestApp, type TestAppOptions } from './harness.js';

export { handleTo };

export function appPerTest(options?: TestAppOptions): TestApp {
  let current: TestApp | undefined;
  beforeEach(async () => {
    current = await createTestApp(options);
  });
  afterEach(() => current?.cleanup());
  return handleTo(() => current, 'the app of appPerTest exists only inside a test');
}
