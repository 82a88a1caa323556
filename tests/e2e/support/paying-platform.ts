// The platform in this test process (so a spec can hold its clock and database) on a loopback
// port, wired to the local fake YooKassa: what the billing specs pay through.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../../../server/src/app.js';
import { composeDeps } from '../../../server/src/compose.js';
import { createYooKassaClient } from '../../../server/src/platform/billing/yookassa-client.js';
import { migrate } from '../../../server/src/platform/db/migrate.js';
import { openStore } from '../../../server/src/platform/db/open-store.js';
import type { AppDeps } from '../../../server/src/deps.js';
import { loadEnv } from '../../../server/src/env.js';
import type { Clock } from '../../../server/src/platform/lib/clock.js';
import { createLogger } from '../../../server/src/platform/lib/logger.js';
import { createDevOutbox } from '../../../server/src/platform/mail/mailer.js';
import { EMBED_MANIFEST_PATH } from '../../../server/src/paths.js';
import { startFakeYooKassa, type FakeYooKassa } from '../../support/fakes/yookassa.js';
import { freePort } from './platform.js';

export interface PayingPlatform {
  url: string;
  deps: AppDeps;
  fake: FakeYooKassa;
  stop(): Promise<void>;
}

export async function startPayingPlatform(clock: Clock): Promise<PayingPlatform> {
  const dir = mkdtempSync(join(tmpdir(), 'widgetry-paying-'));
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const fake = await startFakeYooKassa({ webhookUrl: `${url}/api/webhooks/yookassa` });
  const env = loadEnv({
    NODE_ENV: 'development',
    PUBLIC_URL: url,
    DATABASE_PATH: join(dir, 'billing.db'),
    BOT_FILTER: 'off',
    LOG_LEVEL: 'silent',
    // The browser signs up with the code from the dev outbox, which is off unless switched on.
    DEV_OUTBOX: 'on',
    YOOKASSA_SHOP_ID: fake.shopId,
    YOOKASSA_SECRET_KEY: fake.secretKey,
    YOOKASSA_API_URL: fake.apiUrl,
    YOOKASSA_WEBHOOK_SOURCES: '127.0.0.1/32,::1/128',
  });
  const store = await openStore(env);
  await migrate(store);
  const logger = createLogger('silent');
  const devOutbox = createDevOutbox(logger, clock.now);
  const deps: AppDeps = await composeDeps({
    store,
    env,
    clock,
    logger,
    mailer: devOutbox,
    devOutbox,
    snippetTemplate: (JSON.parse(readFileSync(EMBED_MANIFEST_PATH, 'utf8')) as { snippetTemplate: string }).snippetTemplate,
    yookassa: createYooKassaClient({ baseUrl: env.YOOKASSA_API_URL, shopId: fake.shopId, secretKey: fake.secretKey }),
  });
  const server = serve({ fetch: createApp(deps).fetch, port, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  return {
    url,
    deps,
    fake,
    stop: async () => {
      await new Promise((r) => server.close(r));
      await fake.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
