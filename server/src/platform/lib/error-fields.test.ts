// A failed statement on this project's engine, logged as the server logs an unexpected error:
// the engine's code is there (why it failed), the statement's values are not.
import { describe, expect, it, vi } from 'vitest';
import { appPerTest } from '../../testing/app-per-test.js';
import { startJobs } from '../jobs/scheduler.js';
import { errorFields } from './error-fields.js';

const t = appPerTest();

describe('error log fields', () => {
  it("a failed query's engine code is logged beside its stack, without the values", async () => {
    const { erasures } = t.store.tables;
    const row = { id: 'ers_dup', kind: 'lead' as const, subjectId: 'Евлампия-10.1.2.3', basis: 'licensee_request' as const, erasedAt: 1 };
    await t.store.db.insert(erasures).values(row);
    const failed = await t.store.db
      .insert(erasures)
      .values(row)
      .then(
        () => null,
        (err: unknown) => err,
      );
    const fields = errorFields(failed);
    expect(fields.dbErrorCode).toBe(t.store.dialect === 'postgres' ? '23505' : 'SQLITE_CONSTRAINT_PRIMARYKEY');

    const jobs = startJobs(t.deps, [
      {
        name: 'dup',
        everyMs: 1_000_000,
        run: () =>
          t.store.db
            .insert(erasures)
            .values(row)
            .then(() => undefined),
      },
    ]);
    await vi.waitFor(() => expect(t.logLines.some((l) => l.includes('job.failed'))).toBe(true), { timeout: 10_000 });
    jobs.stop();
    const line = JSON.parse(t.logLines.find((l) => l.includes('job.failed'))!) as Record<string, unknown>;
    expect(line.dbErrorCode).toBe(fields.dbErrorCode);
    expect(String(line.error)).toContain('Failed query');
    expect(String(line.error)).not.toContain('Евлампия');
  });

  it('other errors carry their stack only', () => {
    const err = new Error('boom');
    expect(errorFields(err)).toEqual({ error: err.stack });
    expect(errorFields('plain')).toEqual({ error: 'plain' });
    // A code that is not an engine's (Node's ENOENT, an HTTP client's) is not taken for one.
    expect(errorFields(Object.assign(new Error('x'), { code: 'ENOENT' })).dbErrorCode).toBeUndefined();
  });
});
