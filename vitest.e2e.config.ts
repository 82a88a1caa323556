// Real-browser end-to-end tests: the built server as a process, Debian's Chromium.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts its own server and browser; two at a time suit a 2-core machine.
    maxWorkers: 2,
  },
});
