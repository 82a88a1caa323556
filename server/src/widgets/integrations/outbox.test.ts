// The outbox itself: one transaction with the lead, leases that survive a dead worker but not
// a live one, and destruction together with the lead (152-FZ retention).
import { waitUntil } from '../../testing/wait-for.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { destroyExpiredLeads } from '../leads/destroy.js';
import { DAY } from '../../platform/lib/clock.js';
import { createTestbed, type Testbed } from '../../testing/delivery-testbed.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../../tests/support/fakes/webhook-receiver.js';
import { createDeliveryWorker } from './worker.js';

let bed: Testbed;
let receiver: WebhookReceiver;
let webhookId: string;

beforeEach(async () => {
  bed = await createTestbed({ tariff: 'start', env: { DELIVERY_LEASE_SECONDS: '30' } });
  receiver = await startWebhookReceiver('whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', () => bed.t.clock.now());
  // Two destinations: this webhook and the site's default one (e-mail to the sign-in address).
  webhookId = (await bed.connect({ kind: 'webhook', url: `${receiver.url}/a`, secret: receiver.secret })).body.integration.id;
});
afterEach(async () => {
  await receiver.close();
  await bed.cleanup();
});

const tables = () => bed.t.store.tables;
const count = async (name: 'leads' | 'deliveries' | 'deliveryAttempts') => {
  const [row] = await bed.t.store.db.rows<{ n: number }>(sql`select count(*) as n from ${tables()[name]}`);
  return row!.n;
};

describe('one transaction with the lead', () => {
  it('queues one delivery per destination with the lead', async () => {
    const leadId = await bed.submitLead();
    const { deliveries } = tables();
    const rows = await bed.t.store.db.select().from(deliveries).where(eq(deliveries.leadId, leadId));
    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending']);
    expect(rows.map((r) => r.integrationId).sort()).toEqual([webhookId, await bed.signInDestinationId()].sort());
  });

  it('stores no lead when its deliveries cannot be written', async () => {
    // Break the outbox table: the insert fails inside the lead's transaction (SQL both engines read).
    await bed.t.store.db.rows(sql`alter table deliveries rename to deliveries_broken`);
    try {
      const res = await bed.t.app.request('/v1/leads', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://shop.example.ru', 'x-forwarded-for': '10.77.0.1' },
        body: JSON.stringify({ site: bed.site.siteKey, widget: bed.widgetId, fields: { name: 'Анна', phone: '+79000000001' }, consent: true, elapsedMs: 5000 }),
      });
      expect(res.status).toBe(500);
    } finally {
      await bed.t.store.db.rows(sql`alter table deliveries_broken rename to deliveries`);
    }
    expect(await count('leads')).toBe(0);
  });
});

describe('leases', () => {
  it("retries a crashed worker's rows once their lease lapses, never before", async () => {
    const leadId = await bed.submitLead();
    // A worker claimed the rows and died: its lease is in the table, nobody renews it.
    await bed.t.store.db.update(tables().deliveries).set({ leaseOwner: 'wrk_dead', leaseUntil: bed.t.clock.now() + 30_000 });
    expect(await bed.worker.runOnce()).toBe(0);
    bed.t.clock.advance(29_000);
    expect(await bed.worker.runOnce()).toBe(0);
    bed.t.clock.advance(2_000);
    expect(await bed.worker.runOnce()).toBe(2);
    expect((await bed.deliveriesOf(leadId)).map((d) => d.status)).toEqual(['delivered', 'delivered']);
  });

  it('renews the lease of a slow send so a second worker does not take it', async () => {
    receiver.mode = 'hang';
    const leadId = await bed.submitLead();
    const webhookDelivery = (await bed.deliveriesOf(leadId)).find((d) => d.kind === 'webhook')!;
    const slow = bed.worker.runOnce();
    // The send is in flight (on a busy machine this takes a while): the receiver holds it open.
    await waitUntil(() => receiver.hanging.length === 1, 'the send in flight');
    expect((await bed.deliveriesOf(leadId)).find((d) => d.kind === 'webhook')!.status).toBe('sending');

    const other = createDeliveryWorker(bed.t.deps, { random: () => 0.5 });
    bed.t.clock.advance(25_000);
    await bed.worker.runOnce(); // the first worker's tick renews what it holds
    bed.t.clock.advance(25_000);
    expect(await other.runOnce()).toBe(0);

    receiver.hanging[0]!.writeHead(200).end();
    await slow;
    const d = (await bed.deliveriesOf(leadId)).find((x) => x.id === webhookDelivery.id)!;
    expect(d).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(receiver.seen).toEqual([webhookDelivery.id]);
  });

  it('lets two workers share the queue without sending a row twice', async () => {
    for (let i = 0; i < 6; i++) await bed.submitLead();
    const other = createDeliveryWorker(bed.t.deps, { random: () => 0.5 });
    await Promise.all([
      bed.deliverDue(),
      (async () => {
        while ((await other.runOnce()) > 0);
      })(),
    ]);
    expect(receiver.accepted.size).toBe(6);
    expect([...receiver.acceptedCount.values()].every((n) => n === 1)).toBe(true);
    expect(receiver.seen).toHaveLength(6);
  });
});

describe('retention', () => {
  it('destroys deliveries and their attempt log with the lead, at the licensee’s request', async () => {
    receiver.mode = 'down';
    const leadId = await bed.submitLead();
    await bed.deliverDue();
    expect(await count('deliveries')).toBe(2);
    expect(await count('deliveryAttempts')).toBe(2);
    expect((await bed.s.request('DELETE', `/api/leads/${leadId}`)).status).toBe(204);
    expect(await count('deliveries')).toBe(0);
    expect(await count('deliveryAttempts')).toBe(0);
    // Nothing left to send: the worker finds nothing.
    bed.t.clock.advance(DAY);
    expect(await bed.worker.runOnce()).toBe(0);
    expect((await bed.s.request('GET', `/api/leads/${leadId}/deliveries`)).status).toBe(404);
  });

  it('destroys them with the lead after 365 days, leaving only the destruction record', async () => {
    await bed.submitLead();
    await bed.deliverDue();
    expect(await count('deliveries')).toBe(2);
    bed.t.clock.advance(366 * DAY);
    expect(await destroyExpiredLeads(bed.t.store, bed.t.clock.now())).toBe(1);
    expect(await count('leads')).toBe(0);
    expect(await count('deliveries')).toBe(0);
    expect(await count('deliveryAttempts')).toBe(0);
    expect(await bed.t.store.db.select().from(tables().destructionRecords)).toMatchObject([{ count: 1, basis: 'retention_365_days' }]);
  });
});
