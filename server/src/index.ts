// Node entry: read env, open and migrate the database (SQLite or PostgreSQL), start jobs, serve
// the app on one port.
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { composeDeps } from './compose.js';
import { migrate } from './platform/db/migrate.js';
import { openStore } from './platform/db/open-store.js';
import { startCheckpointer } from './platform/db/checkpointer.js';
import type { AppDeps } from './deps.js';
import { seedDemo } from './widgets/demo/seed.js';
import { loadEnv } from './env.js';
import { startDeliveries } from './widgets/integrations/start.js';
import { JOBS } from './jobs.js';
import { startJobs } from './platform/jobs/scheduler.js';
import { systemClock } from './platform/lib/clock.js';
import { createLogger } from './platform/lib/logger.js';
import { createDevOutbox, createSmtpMailer } from './platform/mail/mailer.js';
import { EMBED_MANIFEST_PATH } from './paths.js';
import { createYooKassaClient } from './platform/billing/yookassa-client.js';
import { attachRealtime } from './realtime/attach.js';

function readSnippetTemplate(): string {
  try {
    return (JSON.parse(readFileSync(EMBED_MANIFEST_PATH, 'utf8')) as { snippetTemplate: string }).snippetTemplate;
  } catch {
    throw new Error(`${EMBED_MANIFEST_PATH} is missing: run "npm run build" (npm start does it for you)`);
  }
}

const env = loadEnv();
const logger = createLogger(env.LOG_LEVEL);
const store = openStore(env, (err) => logger.warn('db.connection_failed', { error: String(err) }));
await migrate(store);
// WAL checkpoints are SQLite's own business; PostgreSQL checkpoints by itself.
const checkpointer = store.dialect === 'sqlite' ? startCheckpointer(store, logger) : null;
const devOutbox = env.SMTP_URL ? undefined : createDevOutbox(logger);
// The per-app services (sealer, realtime, live channel) are built here once, for every part below.
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
const jobs = startJobs(deps, JOBS);
// Before listening: without INTEGRATIONS_KEY in production this throws and the server does not start.
const deliveries = startDeliveries(deps);
const server = serve({ fetch: createApp(deps).fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  logger.info('server.listening', { port: info.port, publicUrl: env.PUBLIC_URL });
  const lines = [`\n  ${env.BRAND_NAME} is running at ${env.PUBLIC_URL}`, `  Dashboard:  ${env.PUBLIC_URL}/app/`];
  if (demoSiteKey) lines.push(`  Demo page:  ${env.PUBLIC_URL}/demo/`);
  if (devOutbox && env.DEV_OUTBOX) lines.push(`  Mail outbox: ${env.PUBLIC_URL}/dev/outbox`);
  console.log(`${lines.join('\n')}\n`);
});

// The Pusher-protocol WebSocket endpoint (/app/{key}) on the same port.
const realtime = attachRealtime(server, deps);

const shutdown = () => {
  jobs.stop();
  const deliveriesStopped = deliveries.stop();
  // Realtime clients are told to reconnect (4200) and their sessions logged before the database closes.
  void realtime.close().finally(() =>
    server.close(() => {
      void deliveriesStopped
        .then(() => checkpointer?.stop())
        .finally(async () => {
          // A clean stop hands this node's realtime slots and members back at once, not after the TTL.
          await deps.closeShared().catch(() => {});
          // Realtime log rows queued by the last requests (log-writer.ts) before the database closes.
          await deps.realtime.logs.flush();
          await store.close().catch((err: unknown) => logger.error('db.close_failed', { error: String(err) }));
          process.exit(0);
        });
    }),
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
