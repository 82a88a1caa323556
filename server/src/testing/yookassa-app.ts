// A test app served on a real loopback port beside the local YooKassa fake (which speaks the real
// API over HTTP), the fake's webhooks pointed at the app: real payments end to end in a unit test.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createYooKassaClient } from '../platform/billing/yookassa-client.js';
import { createTestApp, type TestApp } from './harness.js';

/** What the app needs of the fake (tests/support/fakes/yookassa.ts, started by the test). */
interface YooKassaFake {
  apiUrl: string;
  shopId: string;
  secretKey: string;
  setWebhookUrl(url: string): void;
  stop(): Promise<void>;
}

export interface YooKassaApp<Fake extends YooKassaFake> {
  t: TestApp;
  fake: Fake;
  /** The app's loopback port. */
  port: number;
  stop(): Promise<void>;
}

export async function startYooKassaApp<Fake extends YooKassaFake>(fake: Fake, env: Record<string, string> = {}): Promise<YooKassaApp<Fake>> {
  const yookassa = createYooKassaClient({ baseUrl: fake.apiUrl, shopId: fake.shopId, secretKey: fake.secretKey, retryDelayMs: 5 });
  const t = await createTestApp({ env: { YOOKASSA_WEBHOOK_SOURCES: '127.0.0.1/32,::1/128', ...env }, deps: { yookassa } });
  const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  fake.setWebhookUrl(`http://127.0.0.1:${port}/api/webhooks/yookassa`);
  return {
    t,
    fake,
    port,
    stop: async () => {
      await new Promise((r) => server.close(r));
      await fake.stop();
      await t.cleanup();
    },
  };
}
