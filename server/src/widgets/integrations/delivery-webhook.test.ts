// Signed webhooks end to end: a lead submitted on the public endpoint reaches a receiver that
// verifies it with the standardwebhooks package; retries, 410, an outage of six hours of clock
// time, the final failure with its e-mail, and the manual retry.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { HOUR, MINUTE } from '../../platform/lib/clock.js';
import { createTestbed, type Testbed } from '../../testing/delivery-testbed.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../../../tests/support/fakes/webhook-receiver.js';
import { newWebhookSecret } from './webhook-signature.js';

let bed: Testbed;
let receiver: WebhookReceiver;
let integrationId: string;

beforeEach(async () => {
  // Each lead's deliveries here are the ones this file connects: the site's default destination
  // (the sign-in address, default-destination.test.ts) is disconnected at the start.
  bed = await createTestbed({ tariff: 'start', signInDestination: false });
  receiver = await startWebhookReceiver(newWebhookSecret(), () => bed.t.clock.now());
  const res = await bed.connect({ kind: 'webhook', url: `${receiver.url}/hooks/leads`, secret: receiver.secret });
  expect(res.status).toBe(201);
  integrationId = res.body.integration.id;
});

afterEach(async () => {
  await receiver.close();
  await bed.cleanup();
});

describe('webhook delivery', () => {
  it('delivers a signed lead that an independent verifier accepts, with webhook-id = the delivery id', async () => {
    const leadId = await bed.submitLead({ comment: 'Перезвоните после 18:00' });
    // Queued in the lead's own transaction, before any worker ran.
    expect((await bed.deliveriesOf(leadId))[0]).toMatchObject({ status: 'pending', attempts: 0, kind: 'webhook' });

    await bed.deliverDue();
    expect(receiver.rejectedSignatures).toBe(0);
    const [delivery] = await bed.deliveriesOf(leadId);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204, canRetry: false });
    const payload = receiver.accepted.get(delivery.id) as any;
    expect(payload.type).toBe('lead.created');
    expect(payload.data).toMatchObject({
      id: leadId,
      contact: { name: 'Иван Петров', phone: '+79001234567', email: 'ivan@example.ru' },
      utm: { utm_source: 'yandex', utm_medium: 'cpc', utm_campaign: 'autumn' },
      site: { id: bed.site.id, name: 'Shop' },
    });
    expect(payload.data.fields).toContainEqual({ key: 'comment', label: 'Комментарий', kind: 'textarea', value: 'Перезвоните после 18:00' });
    // Data minimisation: the visitor's IP and browser stay with us.
    expect(JSON.stringify(payload)).not.toMatch(/10\.9\.|userAgent|"ip"/);
  });

  it('keeps the webhook-id across retries and counts only 2xx', async () => {
    receiver.mode = 'down';
    const leadId = await bed.submitLead();
    await bed.deliverDue();
    let [d] = await bed.deliveriesOf(leadId);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 503, lastError: 'HTTP 503' });
    // Second try after 5 s (±20 % jitter; the testbed pins the jitter to the middle).
    expect(d.nextAttemptAt).toBe(bed.t.clock.now() + 5000);
    await bed.runUntil(bed.t.clock.now() + 5000);
    receiver.mode = 'up';
    await bed.runUntil(bed.t.clock.now() + 6 * MINUTE);
    [d] = await bed.deliveriesOf(leadId);
    expect(d).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(d.log.map((a: any) => a.outcome)).toEqual(['failed', 'failed', 'delivered']);
    expect(new Set(receiver.seen)).toEqual(new Set([d.id]));
    expect(receiver.acceptedCount.get(d.id)).toBe(1);
  });

  it('disables the endpoint on 410 Gone, tells the licensee once, and can be re-enabled', async () => {
    receiver.mode = 'gone';
    const first = await bed.submitLead();
    const second = await bed.submitLead();
    await bed.deliverDue();
    expect((await bed.deliveriesOf(first))[0]).toMatchObject({ status: 'failed', lastStatusCode: 410, canRetry: false });
    // The second was refused without a request: the channel was already off.
    expect((await bed.deliveriesOf(second))[0]).toMatchObject({ status: 'failed', lastError: 'channel disabled' });
    expect(receiver.seen).toHaveLength(1);
    const integration = await (await bed.s.request('GET', `/api/integrations/${integrationId}`)).json();
    expect(integration).toMatchObject({ status: 'disabled', statusReason: 'endpoint answered 410 Gone' });
    const notices = bed.t.devOutbox.list().filter((m) => m.subject.includes('канал заявок отключён'));
    expect(notices).toHaveLength(1);

    receiver.mode = 'up';
    expect((await bed.s.request('POST', `/api/integrations/${integrationId}/enable`)).status).toBe(200);
    const retried = await (await bed.s.request('POST', `/api/integrations/${integrationId}/retry-failed`)).json();
    expect(retried).toEqual({ retried: 2 });
    await bed.deliverDue();
    expect(receiver.accepted.size).toBe(2);
  });

  it('outage: down for six hours of clock time, then back — every lead arrives, once per webhook-id', async () => {
    receiver.mode = 'down';
    const start = bed.t.clock.now();
    const leadIds: string[] = [];
    // Leads keep coming during the outage: one every 40 minutes.
    for (let at = start; at < start + 6 * HOUR; at += 40 * MINUTE) {
      await bed.runUntil(at);
      leadIds.push(await bed.submitLead());
    }
    await bed.runUntil(start + 6 * HOUR);
    for (const id of leadIds) expect((await bed.deliveriesOf(id))[0].status).toBe('pending');
    const triedDuringOutage = receiver.seen.length;
    expect(triedDuringOutage).toBeGreaterThan(leadIds.length * 3);

    receiver.mode = 'up';
    // The schedule's next steps after six hours of failures fall within the following day.
    await bed.runUntil(start + 30 * HOUR);
    const ids = [];
    for (const leadId of leadIds) {
      const [d] = await bed.deliveriesOf(leadId);
      expect(d.status).toBe('delivered');
      ids.push(d.id);
    }
    expect(new Set(ids).size).toBe(leadIds.length);
    for (const id of ids) expect(receiver.acceptedCount.get(id)).toBe(1);
    expect(receiver.accepted.size).toBe(leadIds.length);
    // Every try of a lead carried its one id: nothing else reached the receiver.
    expect(new Set(receiver.seen)).toEqual(new Set(ids));
    expect(receiver.rejectedSignatures).toBe(0);
  });

  it('marks the delivery failed after the last scheduled attempt, mails the licensee without visitor data, and retries by hand', async () => {
    receiver.mode = 'down';
    const leadId = await bed.submitLead({ comment: 'секретный комментарий' });
    await bed.runUntil(bed.t.clock.now() + 5 * 24 * HOUR);
    let [d] = await bed.deliveriesOf(leadId);
    expect(d).toMatchObject({ status: 'failed', attempts: 10, canRetry: true, nextAttemptAt: null });
    expect(receiver.seen).toHaveLength(10);
    // Gaps follow the schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h.
    const gaps = d.log.slice(1).map((a: any, i: number) => a.at - d.log[i].at);
    expect(gaps).toEqual([5000, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR, 20 * HOUR, 24 * HOUR]);

    const mails = bed.t.devOutbox.list().filter((m) => m.subject.includes('заявка не доставлена'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe('owner@example.ru');
    expect(mails[0]!.text).toContain(leadId);
    expect(JSON.stringify(mails[0])).not.toMatch(/Иван|Петров|1234567|123-45-67|ivan@|секретный/);

    receiver.mode = 'up';
    const retry = await bed.s.request('POST', `/api/leads/${leadId}/deliveries/${d.id}/retry`);
    expect(retry.status).toBe(202);
    expect(await retry.json()).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await bed.s.request('POST', `/api/leads/${leadId}/deliveries/${d.id}/retry`)).status).toBe(409);
    await bed.deliverDue();
    [d] = await bed.deliveriesOf(leadId);
    expect(d).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(d.log).toHaveLength(11);
    expect(receiver.acceptedCount.get(d.id)).toBe(1);
  });

  it('keeps no personal data in the attempt log', async () => {
    receiver.mode = 'down';
    const leadId = await bed.submitLead();
    await bed.runUntil(bed.t.clock.now() + HOUR);
    const [d] = await bed.deliveriesOf(leadId);
    const { deliveryAttempts } = bed.t.store.tables;
    const rows = await bed.t.store.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.deliveryId, d.id));
    expect(rows.length).toBeGreaterThan(2);
    expect(JSON.stringify(rows)).not.toMatch(/Иван|Петров|1234567|123-45-67|ivan@/);
    expect(bed.t.logLines.join('\n')).not.toMatch(/Иван|Петров|\+7900|79001234567|ivan@/);
  });
});
