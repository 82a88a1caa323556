import { describe, expect, it, vi } from 'vitest';
import { composeDeps } from '../../compose.js';
import { appPerTest } from '../../testing/app-per-test.js';
import { JOBS } from '../../jobs.js';
import { HOUR, MINUTE } from '../lib/clock.js';
import type { Job } from './job.js';
import { createScheduler, startJobs } from './scheduler.js';

const t = appPerTest();
/** Runs start on their own promises: wait for them, generously on a busy machine. */
const WAIT = { timeout: 10_000 };

/** Two schedulers of `job` on one database, as two processes would be. */
function twoProcesses(job: (who: string) => Job) {
  const other = composeDeps({ ...t.deps });
  return { here: createScheduler(t.deps, [job('here')]), there: createScheduler(other, [job('there')]) };
}

/** An hourly job that records who started it and runs until `finish()`. */
function slowJob(name: string) {
  const runs: string[] = [];
  let finish = () => {};
  const job = (who: string): Job => ({
    name,
    everyMs: HOUR,
    run: () => {
      runs.push(who);
      return new Promise<void>((resolve) => (finish = resolve));
    },
  });
  return { runs, job, finish: () => finish() };
}

describe('scheduler', () => {
  it('runs each job at start, hourly for lead retention, and survives a failing job', async () => {
    expect(JOBS.find((j) => j.name === 'lead_retention')?.everyMs).toBe(3_600_000);
    const runs: string[] = [];
    const jobs = startJobs(t.deps, [
      { name: 'boom', everyMs: 1_000_000, run: () => Promise.reject(new Error('boom')) },
      { name: 'ok', everyMs: 1_000_000, run: () => void runs.push('ok') },
    ]);
    await vi.waitFor(() => {
      expect(runs).toEqual(['ok']);
      expect(t.logLines.some((l) => l.includes('job.failed') && l.includes('boom'))).toBe(true);
    }, WAIT);
    jobs.stop();
  });

  it('runs a due job once however many processes schedule it on one database', async () => {
    const runs: string[] = [];
    const { here, there } = twoProcesses((who) => ({ name: 'count', everyMs: HOUR, run: () => void runs.push(who) }));
    const round = async () => (await Promise.all([here.runDue(), there.runDue(), here.runDue(), there.runDue()])).flat();

    expect(await round()).toEqual(['count']);
    t.clock.advance(HOUR - 1);
    expect(await round()).toEqual([]);
    t.clock.advance(1);
    expect(await round()).toEqual(['count']);
    expect(runs).toHaveLength(2);
  });

  it('does not start a job again while its run is under way, unless that run’s process is presumed dead', async () => {
    const { runs, job, finish } = slowJob('slow');
    const { here, there } = twoProcesses(job);

    const first = here.runDue();
    await vi.waitFor(() => expect(runs).toEqual(['here']), WAIT);
    t.clock.advance(HOUR); // due again, but still running
    expect(await there.runDue()).toEqual([]);
    finish();
    expect(await first).toEqual(['slow']);
    // Finished: the other process may run it now that it is due.
    const second = there.runDue();
    await vi.waitFor(() => expect(runs).toEqual(['here', 'there']), WAIT);
    finish();
    expect(await second).toEqual(['slow']);

    // A run that never finishes (its process died) holds the job for its interval and 15 minutes.
    t.clock.advance(HOUR);
    void here.runDue();
    await vi.waitFor(() => expect(runs).toHaveLength(3), WAIT);
    t.clock.advance(HOUR + 15 * MINUTE - 1);
    expect(await there.runDue()).toEqual([]);
    t.clock.advance(1);
    const takeover = there.runDue();
    await vi.waitFor(() => expect(runs).toEqual(['here', 'there', 'here', 'there']), WAIT);
    finish();
    expect(await takeover).toEqual(['slow']);
  });

  it('a long run renews its lease at every poll of its own process, so no other process starts it again', async () => {
    const { runs, job, finish } = slowJob('long');
    const { here, there } = twoProcesses(job);
    const first = here.runDue();
    await vi.waitFor(() => expect(runs).toEqual(['here']), WAIT);
    // Hours go by; the running process keeps polling (and renewing), the other finds it held.
    for (let i = 0; i < 5; i++) {
      t.clock.advance(HOUR);
      expect(await here.runDue()).toEqual([]);
      expect(await there.runDue()).toEqual([]);
    }
    expect(runs).toEqual(['here']);
    finish();
    expect(await first).toEqual(['long']);
  });
});
