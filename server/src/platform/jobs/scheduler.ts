// Runs the periodic jobs: once at start, then on their interval. Jobs take the clock, so
// tests call them directly with a moved clock instead of waiting. Which jobs an app runs is
// composed at the top (server/src/jobs.ts), so this loop imports no domain.
import type { AppDeps } from '../../deps.js';
import type { Job } from './job.js';

export function startJobs(deps: AppDeps, jobs: readonly Job[]): { stop(): void } {
  const runSafely = async (job: Job) => {
    try {
      await job.run(deps);
    } catch (err) {
      deps.logger.error('job.failed', { job: job.name, error: String(err) });
    }
  };
  const timers = jobs.map((job) => {
    void runSafely(job);
    const timer = setInterval(() => void runSafely(job), job.everyMs);
    timer.unref();
    return timer;
  });
  return { stop: () => timers.forEach(clearInterval) };
}
