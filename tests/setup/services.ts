// Whether the optional services the server suites can use answer on this machine. `npm test`
// runs the PostgreSQL suite only when a server answers and says so plainly when it does not;
// CI (.ci/run) sets TEST_REQUIRE_SERVICES=1, so a missing server fails the run instead.
import { Redis } from 'ioredis';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function redisAnswers(url = TEST_REDIS_URL): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export async function postgresAnswers(url = TEST_DATABASE_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function checkServices(): Promise<{ postgres: boolean; redis: boolean }> {
  const [postgres, redis] = await Promise.all([postgresAnswers(), redisAnswers()]);
  const required = process.env.TEST_REQUIRE_SERVICES === '1';
  if (!postgres) {
    const message = `PostgreSQL does not answer at ${TEST_DATABASE_URL} (TEST_DATABASE_URL)`;
    if (required) throw new Error(`${message}, and TEST_REQUIRE_SERVICES=1 requires it`);
    console.warn(`\n  ⚠ ${message}: the PostgreSQL suite (and the multi-process test, tests/cluster/) is SKIPPED; the SQLite suite runs.\n`);
  }
  if (!redis) {
    const message = `Redis does not answer at ${TEST_REDIS_URL} (TEST_REDIS_URL)`;
    if (required) throw new Error(`${message}, and TEST_REQUIRE_SERVICES=1 requires it`);
    console.warn(`\n  ⚠ ${message}: the tests of several nodes sharing Redis are SKIPPED.\n`);
  }
  return { postgres, redis };
}
