// Builds an app's services once from its inputs: the sealer, the realtime service and the live
// channel on top of it. The entry point (index.ts) and the test harness call this, then hand the
// result to createApp, the WebSocket server, the jobs and the delivery worker alike.
import type { AppDeps, AppInputs } from './deps.js';
import { createInvalidations, type Invalidations } from './platform/lib/invalidations.js';
import { createSealer } from './platform/lib/sealing.js';
import { createLocalBroker, type Broker } from './realtime/broker.js';
import { createInternalLive } from './realtime/internal.js';
import { createRealtime } from './realtime/service.js';

/** A broker and invalidations shared between nodes (Redis) are passed in; the default is this process alone. */
export function composeDeps(inputs: AppInputs, options: { broker?: Broker; invalidations?: Invalidations } = {}): AppDeps {
  const sealer = createSealer(inputs.env);
  const realtime = createRealtime(inputs.store.db, sealer, options.broker ?? createLocalBroker());
  const invalidations = options.invalidations ?? createInvalidations();
  return { ...inputs, sealer, realtime, live: createInternalLive(realtime), invalidations };
}
