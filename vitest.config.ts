import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['contracts/**/*.test.ts', 'server/src/**/*.test.ts', 'loader/**/*.test.ts', 'widget-runtime/**/*.test.{ts,tsx}', 'dashboard/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    // Migrates one template database per run; every test app copies it (server/src/testing/db-template.ts).
    globalSetup: ['server/src/testing/db-template.ts'],
  },
});
