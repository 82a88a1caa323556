// The realtime service of one app: its hub (this node's sockets and channels), its broker, and
// what it prepares once — statements that run on every publish or connect, unsealed project
// secrets. Built once per app by composeDeps (compose.ts) and handed to the HTTP routes, the
// WebSocket server and the jobs alike, so each test app gets its own and nothing global needs mocking.
import type { Db } from '../platform/db/store.js';
import type { Clock } from '../platform/lib/clock.js';
import type { Invalidations } from '../platform/lib/invalidations.js';
import type { Sealer } from '../platform/lib/sealing.js';
import { prepareConsumeMessages, type ConsumeMessages } from '../platform/tariffs/realtime-policy.js';
import type { Broker } from './broker.js';
import { Hub } from './hub.js';
import { deriveInternalSecret } from './internal.js';
import { createProjectCache } from './project-cache.js';
import { createProjectSecrets, prepareProjectReader, projectLookup, projectLookupNow, type ProjectLookup, type ProjectLookupNow, type ProjectSecrets } from './projects.js';
import type { RealtimeLogWriter } from './log-writer.js';
import { preparePublishStatements, type PublishStatements } from './publish.js';

export interface Realtime {
  hub: Hub;
  broker: Broker;
  /** Highest usage notice already claimed per project for a UTC day, to skip the database when nothing is due. */
  noticed: Map<string, { day: string; percent: number }>;
  /** A project and whether it may be used now (every publish, connect and private subscription); the row from this node's cache (project-cache.ts). */
  projectWithAccess: ProjectLookup;
  /** The same, only when the row is in this node's cache: a connect answered without waiting (attach.ts). */
  projectWithAccessNow: ProjectLookupNow;
  /** A project's secret, unsealed once per sealed value. */
  projectSecret: ProjectSecrets;
  /** Takes messages from a project's daily allowance (the tariff's rule, its statements prepared; one atomic UPDATE). */
  consumeMessages: ConsumeMessages;
  publishing: PublishStatements;
  /** Connection and message logs, and the daily connection statistics, written in batches (log-writer.ts). */
  logs: RealtimeLogWriter;
  /** The secret of the platform's own realtime app (the dashboard's live channel, the chat). */
  internalSecret(): string;
  /** Open connections of a project on every node; this node's alone while the shared state cannot be reached (dashboards keep working). */
  connectionsNow(projectId: string): Promise<number>;
}

/**
 * `db` is the store's own handle: statements prepared on it run outside any transaction. The
 * project cache listens to `invalidations` (every write that changes a project invalidates its account).
 */
export function createRealtime(db: Db, sealer: Sealer, broker: Broker, logs: RealtimeLogWriter, clock: Clock, invalidations: Invalidations): Realtime {
  let internal: string | undefined;
  const hub = new Hub(broker);
  const projects = createProjectCache(prepareProjectReader(db), clock, invalidations);
  return {
    hub,
    broker,
    noticed: new Map(),
    projectWithAccess: projectLookup(projects.read),
    projectWithAccessNow: projectLookupNow(projects.peek),
    projectSecret: createProjectSecrets(sealer),
    consumeMessages: prepareConsumeMessages(db),
    publishing: preparePublishStatements(db),
    logs,
    // On first use: the sealing key is read lazily (platform/lib/sealing.ts says why).
    internalSecret: () => (internal ??= deriveInternalSecret(sealer.key())),
    connectionsNow: (projectId) => broker.connections(projectId).catch(() => hub.localConnectionCount(projectId)),
  };
}
