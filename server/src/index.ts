// Node entry: read env, open the database (SQLite or PostgreSQL; migrated here in development,
// by `npm run migrate` before the start in production), start jobs, serve the app on one port,
// and stop cleanly on SIGTERM.
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { composeDeps } from './compose.js';
import { migrate } from './platform/db/migrate.js';
import { openStore } from './platform/db/open-store.js';
import { startCheckpointer } from './platform/db/checkpointer.js';
import { databaseChecks } from './platform/db/readiness.js';
import type { AppDeps } from './deps.js';
import { seedDemo } from './widgets/demo/seed.js';
import { loadEnv } from './env.js';
import { startDeliveries } from './widgets/integrations/start.js';
import { JOBS } from './jobs.js';
import { startJobs } from './platform/jobs/scheduler.js';
import { systemClock } from './platform/lib/clock.js';
import { createLogger } from './platform/lib/logger.js';
import { errorFields } from './platform/lib/error-fields.js';
import { collectAtStart, processReading, startIdleGc } from './platform/lib/idle-gc.js';
import { collectLowMemory } from './platform/lib/low-memory-gc.js';
import { createDevOutbox, createSmtpMailer } from './platform/mail/mailer.js';
import { EMBED_MANIFEST_PATH } from './paths.js';
import { createYooKassaClient } from './platform/billing/yookassa-client.js';
import { attachRealtime } from './realtime/attach.js';
import { createShutdown } from './shutdown.js';
import { SERVER_TIMEOUTS } from './platform/lib/http-timeouts.js';

function readSnippetTemplate(): string {
  try {
    return (JSON.parse(readFileSync(EMBED_MANIFEST_PATH, 'utf8')) as { snippetTemplate: string }).snippetTemplate;
  } catch {
    throw new Error(`${EMBED_MANIFEST_PATH} is missing: run "npm run build" (npm start does it for you)`);
  }
}

const env = loadEnv();
const logger = createLogger(env.LOG_LEVEL);
const store = await openStore(env, (err) => logger.warn('db.connection_failed', { error: String(err) }));
if (env.MIGRATE_ON_START) await migrate(store);
else {
  // Production: the schema is `npm run migrate`'s business, run once before the nodes (re)start.
  const migrations = databaseChecks(store).find((c) => c.name === 'migrations')!;
  try {
    await migrations.check();
  } catch (err) {
    logger.error('server.not_migrated', { error: err instanceof Error ? err.message : String(err) });
    await store.close();
    logger.flush();
    process.exit(1);
  }
}
// WAL checkpoints are SQLite's own business; PostgreSQL checkpoints by itself.
const checkpointer = store.dialect === 'sqlite' ? startCheckpointer(store, logger) : null;
const devOutbox = env.SMTP_URL ? undefined : createDevOutbox(logger);
// The per-app services (sealer, realtime, live channel, metrics, readiness) are built here once, for every part below.
const deps: AppDeps = await composeDeps({
  store,
  env,
  clock: systemClock,
  logger,
  mailer: env.SMTP_URL ? createSmtpMailer(env.SMTP_URL, env.MAIL_FROM, logger) : devOutbox!,
  devOutbox,
  snippetTemplate: readSnippetTemplate(),
  yookassa: env.YOOKASSA_SHOP_ID && env.YOOKASSA_SECRET_KEY ? createYooKassaClient({ baseUrl: env.YOOKASSA_API_URL, shopId: env.YOOKASSA_SHOP_ID, secretKey: env.YOOKASSA_SECRET_KEY }) : undefined,
});
const demoSiteKey = env.DEMO_SEED ? await seedDemo(deps) : null;
// Starting (parsing the bundle, migrating, composing the app) grows V8's young generation to its
// maximum and leaves garbage: one memory-reducing collection now, before the port opens and before
// the jobs and the delivery worker start, pauses no request, no job tick and no delivery backlog
// found at start (README "Memory at rest": ~117 -> ~92 MB just started). Where Node has no
// inspector, the idle collector below says so. What it leaves is the idle collector's floor: no
// second collection 3 s later.
const startupFloor = await collectAtStart({
  collect: collectLowMemory,
  rss: () => process.memoryUsage.rss(),
  onCollected: ({ ms, rssBefore, rssAfter }) => logger.info('memory.startup_gc', { ms: Math.round(ms), rssMbBefore: Math.round(rssBefore / 2 ** 20), rssMbAfter: Math.round(rssAfter / 2 ** 20) }),
  onFailed: (err) => logger.warn('memory.startup_gc_failed', { error: err.message }),
});
const jobs = startJobs(deps, JOBS);
// Before listening: without INTEGRATIONS_KEY in production this throws and the server does not start.
const deliveries = startDeliveries(deps);
const server = serve({ fetch: createApp(deps).fetch, port: env.PORT, hostname: env.HOST, serverOptions: SERVER_TIMEOUTS }, (info) => {
  logger.info('server.listening', { port: info.port, publicUrl: env.PUBLIC_URL });
  const lines = [`\n  ${env.BRAND_NAME} is running at ${env.PUBLIC_URL}`, `  Dashboard:  ${env.PUBLIC_URL}/app/`];
  if (demoSiteKey) lines.push(`  Demo page:  ${env.PUBLIC_URL}/demo/`);
  if (devOutbox && env.DEV_OUTBOX) lines.push(`  Mail outbox: ${env.PUBLIC_URL}/dev/outbox`);
  else if (devOutbox) lines.push('  Mail is not sent: set SMTP_URL (or DEV_OUTBOX=on to read it at /dev/outbox on this machine)');
  console.log(`${lines.join('\n')}\n`);
});

// The Pusher-protocol WebSocket endpoint (/app/{key}) on the same port.
const realtime = attachRealtime(server, deps);

// Memory the load left behind goes back to the system once the server is idle (idle-gc.ts).
let requestsSeen = 0;
const countRequest = () => {
  requestsSeen++;
};
server.on('request', countRequest);
server.on('upgrade', countRequest);
startIdleGc({
  collect: async () => {
    // SQLite's page cache is malloc'd outside V8's heap: the collection cannot give it back.
    await store.releaseMemory();
    await collectLowMemory();
  },
  read: () => processReading(() => requestsSeen),
  floorBytes: startupFloor,
  onCollected: ({ ms, rssBefore, rssAfter }) => logger.info('memory.idle_gc', { ms: Math.round(ms), rssMbBefore: Math.round(rssBefore / 2 ** 20), rssMbAfter: Math.round(rssAfter / 2 ** 20) }),
  onUnavailable: (err) => logger.warn('memory.idle_gc_unavailable', { error: err.message }),
  onFailed: (err) => logger.warn('memory.idle_gc_failed', { error: err.message }),
});

const shutdown = createShutdown({
  server,
  realtime,
  jobs,
  deliveries,
  checkpointer,
  shared: { close: deps.closeShared },
  flushes: [() => deps.realtime.logs.flush()],
  store,
  logger,
  timeoutMs: env.SHUTDOWN_TIMEOUT * 1000,
});
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// A bug that escaped every handler: the process's state is unknown, so it says what happened
// (one line, personal data masked like every line) and stops as it would on SIGTERM, with exit code 1.
process.on('uncaughtException', (err) => {
  logger.error('process.uncaught_exception', errorFields(err));
  void shutdown('uncaughtException', 1);
});
process.on('unhandledRejection', (reason) => {
  logger.error('process.unhandled_rejection', errorFields(reason));
  void shutdown('unhandledRejection', 1);
});
