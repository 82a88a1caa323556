// The realtime service of one app: its hub (this node's sockets and channels) and its broker.
// createApp's HTTP routes and attachRealtime's WebSocket server must share it, so it is kept per
// AppDeps object — each test app gets its own, and nothing global needs mocking.
import type { AppDeps } from '../deps.js';
import { createLocalBroker, type Broker } from './broker.js';
import { Hub } from './hub.js';

export interface Realtime {
  hub: Hub;
  broker: Broker;
  /** Highest usage notice already claimed per project for a UTC day, to skip the database when nothing is due. */
  noticed: Map<string, { day: string; percent: number }>;
}

const services = new WeakMap<AppDeps, Realtime>();

export function realtimeFor(deps: AppDeps, broker: Broker = createLocalBroker()): Realtime {
  let rt = services.get(deps);
  if (!rt) {
    rt = { hub: new Hub(broker), broker, noticed: new Map() };
    services.set(deps, rt);
  }
  return rt;
}
