// Real-browser end-to-end tests: the built server as a process, Debian's Chromium.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts its own server and browser; two at a time suit a 2-core machine.
    maxWorkers: 2,
    // A worker imports playwright-core and the support modules once, not once per file (under
    // load that was 8-12 s between two files). Specs keep no state at module level that another
    // file could see: each starts its own server, host pages and browser.
    isolate: false,
  },
});
