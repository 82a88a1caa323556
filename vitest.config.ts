// Unit and integration tests. Server tests that touch storage run twice: on the embedded
// SQLite engine and on PostgreSQL (when a server answers; tests/setup/services.ts).
import { defineConfig } from 'vitest/config';
import { checkServices, TEST_DATABASE_URL, TEST_REDIS_URL } from './tests/setup/services.js';

const SERVER_TESTS = ['server/src/**/*.test.ts'];
/** Several server processes on one database: PostgreSQL only (tests/cluster/). */
const CLUSTER_TESTS = ['tests/cluster/**/*.test.ts'];

export default defineConfig(async () => {
  const services = await checkServices();
  // Tests that need Redis read TEST_REDIS_URL and skip, saying so, when it is absent.
  const redisEnv = services.redis ? { TEST_REDIS_URL } : {};
  const common = { exclude: ['tests/e2e/**', 'node_modules/**', 'dist/**'], testTimeout: 30_000, globalSetup: ['tests/setup/databases.ts'] };
  return {
    test: {
      // Two files at a time on CI's 2 cores (vitest would run one: cores - 1). A server test file
      // spends much of its time waiting on PostgreSQL, Redis, loopback HTTP and child processes,
      // so a second file overlaps those waits and the other's module loading. Files share nothing:
      // a database copied per file (tests/setup/databases.ts), a random Redis key prefix per test
      // (server/src/testing/redis.ts), servers and redis-server on free ports, temp folders.
      maxWorkers: 2,
      projects: [
        {
          test: {
            ...common,
            name: 'sqlite',
            include: ['contracts/**/*.test.ts', ...SERVER_TESTS, 'loader/**/*.test.ts', 'widget-runtime/**/*.test.{ts,tsx}', 'dashboard/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'],
            exclude: [...common.exclude, ...CLUSTER_TESTS],
            env: { TEST_DIALECT: 'sqlite', ...redisEnv },
          },
        },
        ...(services.postgres ? [{ test: { ...common, name: 'postgres', include: [...SERVER_TESTS, ...CLUSTER_TESTS], env: { TEST_DIALECT: 'postgres', TEST_DATABASE_URL, ...redisEnv } } }] : []),
      ],
    },
  };
});
