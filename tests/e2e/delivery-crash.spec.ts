// The crash test of lead delivery: the built server (dist/server/index.js) is killed with
// SIGKILL while webhook deliveries are in flight, restarted on the same database file, and
// every lead still reaches the receiver — verified by the standardwebhooks package — exactly
// once per webhook-id.
import { waitUntil } from '../../server/src/testing/wait-for.js';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../support/fakes/webhook-receiver.js';
import { newWebhookSecret } from '../../server/src/widgets/integrations/webhook-signature.js';
import { deliverToWebhookOnly, postShopLead, shopOnStartTariff } from './support/licensee.js';
import { freePort } from './support/platform.js';
import { ROOT, run, waitFor, type RunningProcess } from './support/server-process.js';

const SERVER_ENTRY = join(ROOT, 'dist/server/index.js');
const LEADS = 20;
const OPERATOR = 'ops@widgetry.test';

let dir: string;
let port: number;
let url: string;
let receiver: WebhookReceiver;
let server: RunningProcess | undefined;

async function startServer(): Promise<RunningProcess> {
  const started = run(process.execPath, [SERVER_ENTRY], {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    DATABASE_PATH: join(dir, 'crash.db'),
    DEMO_SEED: 'off',
    DEV_OUTBOX: 'on',
    LOG_LEVEL: 'warn',
    OPERATOR_EMAILS: OPERATOR,
    LEAD_MIN_FILL_MS: '0',
    LEAD_RATE_PER_IP_PER_MINUTE: '1000',
    LEAD_RATE_PER_WIDGET_PER_MINUTE: '1000',
    // The receiver is on loopback; and a short lease so the restarted server resumes quickly.
    WEBHOOKS_ALLOW_PRIVATE: 'on',
    DELIVERY_LEASE_SECONDS: '3',
  });
  await waitFor(started, `${url}/api/me`, 401);
  return started;
}

/** The server restarts in between: wait long, and show its output when it never comes. */
const CRASH_WAIT = { ms: 30_000, detail: () => server?.output() ?? '' };

beforeAll(async () => {
  if (!existsSync(SERVER_ENTRY)) throw new Error('dist/server/index.js is missing: run `npm run build` first (npm test does)');
  dir = mkdtempSync(join(tmpdir(), 'widgetry-crash-'));
  port = await freePort();
  url = `http://127.0.0.1:${port}`;
  receiver = await startWebhookReceiver(newWebhookSecret());
});

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    const exited = new Promise((r) => server!.child.once('exit', r));
    server.child.kill('SIGTERM');
    await exited;
  }
  await receiver?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('lead delivery survives a crash', () => {
  it('SIGKILL mid-delivery, restart on the same database: no lead lost, none accepted twice', async () => {
    server = await startServer();
    const shop = await shopOnStartTariff(url, 'owner@shop.example.ru', { operator: OPERATOR, siteName: 'Shop', widgetName: 'Callback' });
    const { owner } = shop;
    await deliverToWebhookOnly(shop, receiver);

    // The destination takes five leads, then stalls with requests open: the server dies mid-send.
    receiver.hangAfter = 5;
    for (let i = 0; i < LEADS; i++) await postShopLead(url, shop, { name: `Клиент ${i}`, phone: `+7900000${String(i).padStart(4, '0')}` });
    await waitUntil(() => receiver.accepted.size >= 5 && receiver.hanging.length >= 1, 'deliveries in flight', CRASH_WAIT);
    server.child.kill('SIGKILL');
    await new Promise((r) => server!.child.once('exit', r));
    const acceptedBeforeCrash = receiver.accepted.size;
    expect(acceptedBeforeCrash).toBeLessThan(LEADS);

    // The destination recovers; the platform comes back on the same file (the session cookie still works).
    receiver.hangAfter = null;
    receiver.hanging.splice(0);
    server = await startServer();
    const { body: listed } = await owner.request('GET', '/api/leads?pageSize=100');
    expect(listed.total).toBe(LEADS);
    await waitUntil(() => receiver.accepted.size >= LEADS, `all ${LEADS} leads at the receiver (have ${receiver.accepted.size})`, CRASH_WAIT);

    const deliveryIds: string[] = [];
    for (const lead of listed.leads as { id: string }[]) {
      const { body } = await owner.request('GET', `/api/leads/${lead.id}/deliveries`);
      expect(body.deliveries).toHaveLength(1);
      expect(body.deliveries[0]).toMatchObject({ status: 'delivered', kind: 'webhook' });
      deliveryIds.push(body.deliveries[0].id);
      expect((receiver.accepted.get(body.deliveries[0].id) as any).data.id).toBe(lead.id);
    }
    expect(new Set(deliveryIds).size).toBe(LEADS);
    expect(new Set(receiver.accepted.keys())).toEqual(new Set(deliveryIds));
    expect([...receiver.acceptedCount.values()].every((n) => n === 1)).toBe(true);
    expect(receiver.rejectedSignatures).toBe(0);
  }, 90_000);
});
