// A periodic job as the scheduler (scheduler.ts) runs it. Each part lists its own jobs; the app's
// list is composed in server/src/jobs.ts.
import type { AppDeps } from '../../deps.js';

export interface Job {
  name: string;
  everyMs: number;
  run(deps: AppDeps): void | Promise<void>;
}
