// amoCRM and Bitrix24 against local fakes speaking their APIs, and the webhook presets of the
// Network tariff.
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAmoCrm } from '../../../../tests/support/fakes/amocrm.js';
import { startFakeBitrix24 } from '../../../../tests/support/fakes/bitrix24.js';
import { createTestbed, type Testbed } from '../../testing/delivery-testbed.js';
import { startWebhookReceiver } from '../../../../tests/support/fakes/webhook-receiver.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function bed(tariff: string): Promise<Testbed> {
  // Each lead's deliveries here are the ones this file connects: the site's default destination
  // (the sign-in address, default-destination.test.ts) is disconnected at the start.
  const b = await createTestbed({ tariff, signInDestination: false });
  cleanups.push(() => b.cleanup());
  return b;
}

describe('amoCRM', () => {
  it('creates a deal with a contact carrying PHONE and EMAIL, and the other fields as a note', async () => {
    const amo = await startFakeAmoCrm();
    cleanups.push(() => amo.close());
    const b = await bed('multi');
    const res = await b.connect({ kind: 'amocrm', baseUrl: amo.url, token: amo.token });
    expect(res.status).toBe(201);
    // Neither the token nor anything but the host is shown back.
    expect(JSON.stringify(res.body)).not.toContain(amo.token);
    expect(res.body.integration).toMatchObject({ kind: 'amocrm', label: '127.0.0.1', crossBorder: true });

    const leadId = await b.submitLead({ comment: 'Нужна доставка' });
    await b.deliverDue();
    expect(amo.deals).toHaveLength(1);
    const deal = amo.deals[0]!.body;
    expect(deal.name).toBe('Новая заявка с сайта «Shop» (Lead form)');
    expect(deal._embedded.contacts[0]).toEqual({
      name: 'Иван Петров',
      custom_fields_values: [
        { field_code: 'PHONE', values: [{ value: '+79001234567', enum_code: 'WORK' }] },
        { field_code: 'EMAIL', values: [{ value: 'ivan@example.ru', enum_code: 'WORK' }] },
      ],
    });
    expect(amo.notes).toHaveLength(1);
    expect(amo.notes[0]!.dealId).toBe(amo.deals[0]!.id);
    expect(amo.notes[0]!.text).toContain('Комментарий: Нужна доставка');
    expect(amo.notes[0]!.text).toContain('utm_source: yandex');
    expect(amo.notes[0]!.text).not.toContain('+79001234567');
    expect((await b.deliveriesOf(leadId))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('retries only the note when the note failed: never a second deal', async () => {
    const amo = await startFakeAmoCrm();
    cleanups.push(() => amo.close());
    const b = await bed('network');
    await b.connect({ kind: 'amocrm', baseUrl: amo.url, token: amo.token });
    amo.failNotes(1, 500);
    const leadId = await b.submitLead({ comment: 'x' });
    await b.runUntil(b.t.clock.now() + 60_000);
    expect(amo.deals).toHaveLength(1);
    expect(amo.notes).toHaveLength(1);
    const [d] = await b.deliveriesOf(leadId);
    expect(d.log.map((a: any) => [a.outcome, a.error])).toEqual([
      ['failed', 'amoCRM leads/notes: HTTP 500'],
      ['delivered', null],
    ]);
  });

  it('keeps retrying on a rejected token (the licensee may fix it) and says so', async () => {
    const amo = await startFakeAmoCrm();
    cleanups.push(() => amo.close());
    const b = await bed('multi');
    await b.connect({ kind: 'amocrm', baseUrl: amo.url, token: 'wrong-token-wrong-token' });
    const leadId = await b.submitLead();
    await b.deliverDue();
    expect((await b.deliveriesOf(leadId))[0]).toMatchObject({ status: 'pending', lastStatusCode: 401, lastError: 'amoCRM leads/complex: token rejected (401)' });
  });
});

describe('Bitrix24', () => {
  it('adds a lead with title, name, phone, e-mail, comments and UTM fields', async () => {
    const bx = await startFakeBitrix24();
    cleanups.push(() => bx.close());
    const b = await bed('multi');
    // A pasted URL with a method after the code still means the webhook itself.
    const res = await b.connect({ kind: 'bitrix24', webhookUrl: `${bx.webhookUrl}profile.json` });
    expect(res.status).toBe(201);
    expect(res.body.integration.label).toBe('127.0.0.1');
    await b.submitLead({ comment: 'Позвоните <утром>' });
    await b.deliverDue();
    expect(bx.leads).toHaveLength(1);
    expect(bx.leads[0]).toMatchObject({
      TITLE: 'Новая заявка с сайта «Shop» (Lead form)',
      NAME: 'Иван Петров',
      PHONE: [{ VALUE: '+79001234567', VALUE_TYPE: 'WORK' }],
      EMAIL: [{ VALUE: 'ivan@example.ru', VALUE_TYPE: 'WORK' }],
      UTM_SOURCE: 'yandex',
      UTM_MEDIUM: 'cpc',
      UTM_CAMPAIGN: 'autumn',
      SOURCE_ID: 'WEB',
    });
    expect(bx.leads[0]!.COMMENTS).toContain('Комментарий: Позвоните &#60;утром&#62;');
  });

  it('backs off on 503 QUERY_LIMIT_EXCEEDED (2 s, 4 s, 8 s) without using up the schedule', async () => {
    const bx = await startFakeBitrix24();
    cleanups.push(() => bx.close());
    const b = await bed('multi');
    await b.connect({ kind: 'bitrix24', webhookUrl: bx.webhookUrl });
    bx.limitNext(3);
    const leadId = await b.submitLead();
    await b.runUntil(b.t.clock.now() + 60_000);
    const [d] = await b.deliveriesOf(leadId);
    expect(d.status).toBe('delivered');
    expect(d.log.map((a: any) => [a.outcome, a.statusCode])).toEqual([
      ['throttled', 503],
      ['throttled', 503],
      ['throttled', 503],
      ['delivered', 200],
    ]);
    const gaps = d.log.slice(1).map((a: any, i: number) => a.at - d.log[i].at);
    expect(gaps).toEqual([2000, 4000, 8000]);
  });

  it('refuses a URL that is not an inbound webhook', async () => {
    const b = await bed('multi');
    const res = await b.connect({ kind: 'bitrix24', webhookUrl: 'https://portal.bitrix24.ru/crm/lead/' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
  });
});

describe('Calltouch, Roistat and 1C presets', () => {
  it('are signed webhooks on the Network tariff only, and say so', async () => {
    const multi = await bed('multi');
    const refused = await multi.connect({ kind: 'roistat', url: 'https://example.ru/hook' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'integration_not_in_tariff', details: { upgradeTo: 'network' } });

    const network = await bed('network');
    const receiver = await startWebhookReceiver('whsec_placeholderplaceholderplaceholder00', () => network.t.clock.now());
    cleanups.push(() => receiver.close());
    const res = await network.connect({ kind: 'calltouch', url: `${receiver.url}/calltouch` });
    expect(res.status).toBe(201);
    expect(res.body.integration).toMatchObject({ kind: 'calltouch', preset: true });
    expect(res.body.secret).toMatch(/^whsec_/);
    receiver.secret = res.body.secret;
    await network.submitLead();
    await network.deliverDue();
    expect(receiver.accepted.size).toBe(1);

    const list = await (await network.s.request('GET', `/api/integrations?siteId=${network.site.id}`)).json();
    const preset = list.kinds.find((k: any) => k.kind === '1c');
    expect(preset).toMatchObject({ allowedByTariff: true, preset: true, note: expect.stringContaining('вебхук') });
  });
});
