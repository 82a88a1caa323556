// Runs the periodic jobs, once per due time however many processes of the app run this loop.
// Each process polls every job; a job runs where one conditional upsert of its job_runs row
// (portable SQL: INSERT … ON CONFLICT DO UPDATE … WHERE due RETURNING) claims it, which moves its
// next due time one interval on and holds a lease while it runs. A fresh database runs every job
// at the first poll. Jobs take the clock, so tests call them directly with a moved clock instead
// of waiting; which jobs an app runs is composed at the top (server/src/jobs.ts), so this loop
// imports no domain.
import { and, eq, lte, or, isNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import { errorFields } from '../lib/error-fields.js';
import { randomId } from '../lib/ids.js';
import { MINUTE } from '../lib/clock.js';
import type { Job } from './job.js';

/** How often a process asks whether a job is due, at most: a job runs at most this late. */
const MAX_POLL_MS = MINUTE;
/**
 * How far a run may overrun its interval before the other processes presume the one running it
 * dead and run the job again: the lease is the interval plus this. Until then a due job whose run
 * is still under way is not started a second time. The process running it renews the lease at each
 * poll, so only a run whose process stopped polling (died, or hangs) loses it.
 */
const OVERRUN_MS = 15 * MINUTE;

export interface Scheduler {
  /** Claims the jobs that are due and runs them; resolves with their names once they have finished. */
  runDue(): Promise<string[]>;
  /** Polls until stop(): each job at once, then every min(interval, a minute). */
  start(): { stop(): void };
}

export function createScheduler(deps: AppDeps, jobs: readonly Job[]): Scheduler {
  const { db } = deps.store;
  const { jobRuns } = db.tables;
  const p = (name: string) => sql.placeholder(name);
  // Due, and no run of it under way (or that run's process is presumed dead).
  const due = and(lte(jobRuns.nextDueAt, p('now')), or(isNull(jobRuns.runningUntil), lte(jobRuns.runningUntil, p('now'))));
  const claim = db
    .insert(jobRuns)
    .values({ name: p('name'), nextDueAt: p('nextDueAt'), runId: p('runId'), runningUntil: p('runningUntil'), startedAt: p('now') })
    .onConflictDoUpdate({
      target: jobRuns.name,
      set: { nextDueAt: sql`${p('nextDueAt')}`, runId: sql`${p('runId')}`, runningUntil: sql`${p('runningUntil')}`, startedAt: sql`${p('now')}` },
      setWhere: due,
    })
    .returning({ name: jobRuns.name })
    .prepare('scheduler_claim_job');
  const release = db
    .update(jobRuns)
    .set({ runId: null, runningUntil: null, finishedAt: sql`${p('now')}` })
    .where(and(eq(jobRuns.name, p('name')), eq(jobRuns.runId, p('runId'))))
    .prepare('scheduler_release_job');

  const renew = db
    .update(jobRuns)
    .set({ runningUntil: sql`${p('runningUntil')}` })
    .where(and(eq(jobRuns.name, p('name')), eq(jobRuns.runId, p('runId'))))
    .prepare('scheduler_renew_job');

  // A job whose last attempt (claim and run) in this process has not finished is not asked again.
  const busy = new Set<string>();
  // The runs under way in this process, by job: their leases are renewed at every poll.
  const running = new Map<string, string>();

  const attempt = async (job: Job): Promise<boolean> => {
    if (busy.has(job.name)) {
      // Still running here, so this process is alive: the lease moves on, and a long run (a big
      // destruction) is never taken for a dead one and started a second time elsewhere.
      const runId = running.get(job.name);
      if (runId) {
        const now = deps.clock.now();
        await renew.execute({ name: job.name, runId, runningUntil: now + job.everyMs + OVERRUN_MS }).catch((err) => deps.logger.error('job.renew_failed', { job: job.name, error: String(err) }));
      }
      return false;
    }
    busy.add(job.name);
    const runId = randomId();
    let claimed = false;
    try {
      const now = deps.clock.now();
      const [row] = await claim.execute({ name: job.name, nextDueAt: now + job.everyMs, runId, runningUntil: now + job.everyMs + OVERRUN_MS, now });
      if (!row) return false;
      claimed = true;
      running.set(job.name, runId);
      // One line per run: how an operator (and the multi-process test) sees where a job ran.
      deps.logger.debug('job.started', { job: job.name, runId });
      await job.run(deps);
      return true;
    } catch (err) {
      deps.logger.error('job.failed', { job: job.name, ...errorFields(err) });
      return claimed;
    } finally {
      running.delete(job.name);
      if (claimed) {
        // Ends the lease at once, so a run that failed can be retried at its next due time.
        await release.execute({ name: job.name, runId, now: deps.clock.now() }).catch((err) => deps.logger.error('job.release_failed', { job: job.name, error: String(err) }));
      }
      busy.delete(job.name);
    }
  };

  return {
    async runDue() {
      const ran = await Promise.all(jobs.map(async (job) => ((await attempt(job)) ? job.name : null)));
      return ran.filter((name): name is string => name !== null);
    },
    start() {
      // GET /readyz fails when the polls stop: each beats, and the slowest comes a minute apart.
      const heartbeat = deps.readiness.loop('scheduler', 3 * MAX_POLL_MS);
      const timers = jobs.map((job) => {
        void attempt(job);
        const timer = setInterval(
          () => {
            heartbeat.beat();
            void attempt(job);
          },
          Math.min(job.everyMs, MAX_POLL_MS),
        );
        timer.unref();
        return timer;
      });
      return {
        stop: () => {
          timers.forEach(clearInterval);
          heartbeat.stop();
        },
      };
    },
  };
}

/** The entry point's way in: polls `jobs` until stop(). */
export function startJobs(deps: AppDeps, jobs: readonly Job[]): { stop(): void } {
  return createScheduler(deps, jobs).start();
}
