// The realtime service's periodic jobs, part of the app's list (server/src/jobs.ts).
import type { Job } from '../platform/jobs/job.js';
import { HOUR } from '../platform/lib/clock.js';
import { runRealtimeInactivity } from './inactivity.js';
import { destroyExpiredRealtimeLogs } from './retention.js';

export const REALTIME_JOBS: readonly Job[] = [
  {
    name: 'realtime_log_retention',
    everyMs: HOUR,
    run: async (deps) => {
      const r = await destroyExpiredRealtimeLogs(deps.store, deps.clock.now());
      if (r.payloadsDestroyed + r.messagesDeleted + r.connectionsDeleted > 0) deps.logger.info('job.realtime_log_retention', { ...r });
    },
  },
  {
    name: 'realtime_inactivity',
    everyMs: HOUR,
    run: async (deps) => {
      const steps = await runRealtimeInactivity(deps);
      if (steps.length > 0) deps.logger.info('job.realtime_inactivity', { steps: steps.length });
    },
  },
];
