// The database's part of GET /readyz: a row can be written (written and rolled back, so a
// read-only file, a full lock or a read-only PostgreSQL replica fail it), and every committed
// migration has been applied (a node started from a newer build before `npm run migrate` ran is
// not ready).
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_DIR } from '../../paths.js';
import type { ReadinessCheck } from '../observe/readiness.js';
import type { Store } from './store.js';

class ProbeDone extends Error {}

/** The newest migration the build carries: its journal entry's time, which drizzle stores as created_at. */
function newestMigration(dialect: Store['dialect']): number {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_DIR}/${dialect}/meta/_journal.json`, 'utf8')) as { entries: { when: number; tag: string }[] };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

export function databaseChecks(store: Store): ReadinessCheck[] {
  const { jobRuns } = store.tables;
  const applied = store.dialect === 'sqlite' ? sql`select max(created_at) as newest from __drizzle_migrations` : sql`select max(created_at) as newest from drizzle.__drizzle_migrations`;
  let newest: number | undefined;
  return [
    {
      name: 'database',
      async check() {
        try {
          await store.transaction(async (tx) => {
            await tx.insert(jobRuns).values({ name: 'readiness-probe', nextDueAt: 0 }).onConflictDoNothing();
            throw new ProbeDone();
          });
        } catch (err) {
          if (err instanceof ProbeDone) return;
          throw new Error(`not writable: ${err instanceof Error ? err.message : String(err)}`);
        }
      },
    },
    {
      name: 'migrations',
      async check() {
        newest ??= newestMigration(store.dialect);
        let have = 0;
        try {
          const [row] = await store.db.rows<{ newest: number | string | null }>(applied);
          have = Number(row?.newest ?? 0);
        } catch (err) {
          // A database never migrated has no journal table yet: that is "nothing applied".
          if (!/no such table|does not exist/.test(err instanceof Error ? err.message : String(err))) throw err;
        }
        if (have < newest) throw new Error('the database lacks migrations of this build: run `npm run migrate`');
      },
    },
  ];
}
