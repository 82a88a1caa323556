// Builds an app's services once from its inputs: the sealer, the realtime service and the live
// channel on top of it, the metrics and the readiness checks. The entry point (index.ts) and the
// test harness call this, then hand the result to createApp, the WebSocket server, the jobs and
// the delivery worker alike.
import type { AppDeps, AppInputs } from './deps.js';
import { databaseChecks } from './platform/db/readiness.js';
import { createInvalidations, type Invalidations } from './platform/lib/invalidations.js';
import { createSealer } from './platform/lib/sealing.js';
import { createMailOutbox } from './platform/mail/outbox.js';
import { createRateLimits } from './platform/lib/rate-limits.js';
import { createRedis } from './platform/redis/client.js';
import { relayInvalidations } from './platform/redis/invalidation-relay.js';
import { createMetrics, type Metrics } from './platform/observe/metrics.js';
import { createReadiness } from './platform/observe/readiness.js';
import { createLocalBroker, type Broker } from './realtime/broker.js';
import { createInternalLive, INTERNAL_PROJECT_ID } from './realtime/internal.js';
import { createRedisBroker } from './realtime/redis-broker.js';
import { createRealtimeLogWriter } from './realtime/log-writer.js';
import { createRealtime, type Realtime } from './realtime/service.js';
import { oldestUndeliveredAt } from './widgets/integrations/outbox-age.js';

/** REDIS_URL set: the nodes share realtime state through Redis; otherwise this process keeps it. */
function brokerFor({ env, logger }: AppInputs): Broker {
  if (!env.REDIS_URL) return createLocalBroker();
  return createRedisBroker({ url: env.REDIS_URL, prefix: env.REDIS_PREFIX, nodeTtlMs: env.REDIS_NODE_TTL_MS, logger });
}

/** A broker and invalidations may be passed in (tests); by default REDIS_URL decides between Redis and this process alone. */
export function composeDeps(inputs: AppInputs, options: { broker?: Broker; invalidations?: Invalidations } = {}): AppDeps {
  const sealer = createSealer(inputs.env);
  const logs = createRealtimeLogWriter(inputs.store, inputs.logger, { flushMs: inputs.env.REALTIME_LOG_FLUSH_MS, discard: inputs.env.BENCH_SKIP_MESSAGE_LOG });
  const invalidations = options.invalidations ?? createInvalidations();
  const realtime = createRealtime(inputs.store.db, sealer, options.broker ?? brokerFor(inputs), logs, inputs.clock, invalidations);
  // With REDIS_URL every node's caches hear every node's invalidations.
  const relay = inputs.env.REDIS_URL ? relayInvalidations(invalidations, { url: inputs.env.REDIS_URL, prefix: inputs.env.REDIS_PREFIX, logger: inputs.logger }) : null;
  const metrics = createMetrics();
  readAtScrape(metrics, inputs, realtime);
  metrics.counterFrom('widgetry_realtime_log_rows_unstorable_total', 'Realtime log rows dropped because the database cannot store them (a NUL in text on PostgreSQL)', () => logs.unstorable());
  // What GET /readyz asks. A part that can fail on its own adds its check here; the scheduler and
  // the delivery worker add theirs when they start (readiness.loop).
  const readiness = createReadiness();
  for (const check of databaseChecks(inputs.store)) readiness.add(check);
  // With REDIS_URL: registered in the cluster and Redis answering (a node without it takes no realtime traffic).
  if (inputs.env.REDIS_URL) readiness.add({ name: 'redis', check: () => realtime.broker.check() });
  const limitsRedis = inputs.env.REDIS_URL ? createRedis(inputs.env.REDIS_URL, { name: 'widgetry-rate-limits' }) : undefined;
  const rateLimits = createRateLimits({ redis: limitsRedis, prefix: inputs.env.REDIS_PREFIX, clock: inputs.clock, db: inputs.store.db });
  const closeShared = async () => {
    await realtime.broker.close();
    await relay?.close();
    await limitsRedis?.quit().catch(() => limitsRedis.disconnect());
  };
  const mail = createMailOutbox({ store: inputs.store, transport: inputs.mailer, clock: inputs.clock, logger: inputs.logger });
  return { ...inputs, mail, sealer, realtime, live: createInternalLive(realtime), invalidations, metrics, readiness, rateLimits, closeShared };
}

/** The metrics that are read, not counted: this node's sockets and frames, the outbox's backlog. */
function readAtScrape(metrics: Metrics, inputs: AppInputs, realtime: Realtime): void {
  const { hub } = realtime;
  metrics.gauge('widgetry_realtime_connections', 'Open realtime sockets on this node', () => hub.totalConnections() - hub.localConnectionCount(INTERNAL_PROJECT_ID), { app: 'projects' });
  metrics.gauge('widgetry_realtime_connections', 'Open realtime sockets on this node', () => hub.localConnectionCount(INTERNAL_PROJECT_ID), { app: 'platform' });
  metrics.counterFrom('widgetry_realtime_deliveries_total', 'Realtime frames handed to sockets on this node', () => hub.fanOut.sent());
  metrics.gauge('widgetry_outbox_oldest_undelivered_seconds', 'Age of the oldest lead delivery not yet delivered (0 when none waits)', async () => {
    const oldest = await oldestUndeliveredAt(inputs.store);
    return oldest === null ? 0 : Math.max(0, (inputs.clock.now() - oldest) / 1000);
  });
}
