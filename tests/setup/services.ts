// Whether the optional services the server suites can use answer on this machine. `npm test`
// runs the PostgreSQL suite only when a server answers and says so plainly when it does not;
// CI (.ci/run) sets TEST_REQUIRE_SERVICES=1, so a missing server fails the run instead.
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

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

export async function checkServices(): Promise<{ postgres: boolean }> {
  const postgres = await postgresAnswers();
  const required = process.env.TEST_REQUIRE_SERVICES === '1';
  if (!postgres) {
    const message = `PostgreSQL does not answer at ${TEST_DATABASE_URL} (TEST_DATABASE_URL)`;
    if (required) throw new Error(`${message}, and TEST_REQUIRE_SERVICES=1 requires it`);
    console.warn(`\n  ⚠ ${message}: the PostgreSQL suite (and the multi-process test, tests/cluster/) is SKIPPED; the SQLite suite runs.\n`);
  }
  return { postgres };
}
