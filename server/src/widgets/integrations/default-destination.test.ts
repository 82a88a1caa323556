// A new account's leads always have a working destination: a new site e-mails its leads to the
// sign-in address through the outbox; any other address works only after the link mailed to it
// is clicked (single use, expiring, resent at most once a minute), and until then its leads go to
// the sign-in address, so none is lost.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { DAY, MINUTE } from '../../platform/lib/clock.js';
import { createTestbed, confirmationTokenFor, type Testbed } from '../../testing/delivery-testbed.js';
import { setTariff } from '../../testing/harness.js';
import { CONFIRMATION_LINK_TTL_MS } from './email-confirmation.js';

let bed: Testbed;

beforeEach(async () => {
  bed = await createTestbed();
});
afterEach(async () => {
  await bed.cleanup();
});

/** Lead mails in the dev outbox, newest first. */
const leadMailsTo = (address: string) => bed.t.devOutbox.list().filter((m) => m.to === address && m.subject.includes('новая заявка'));
const confirm = (token: string) => bed.t.app.request('/api/email-confirmations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
const deliveredTo = async (leadId: string) => (await bed.deliveriesOf(leadId)).map((d) => ({ label: d.label, status: d.status }));
const view = async (id: string) => (await (await bed.s.request('GET', `/api/integrations/${id}`)).json()) as { status: string };

describe('the default destination', () => {
  it("e-mails a new site's leads to the sign-in address through the outbox", async () => {
    const leadId = await bed.submitLead();
    expect(await deliveredTo(leadId)).toEqual([{ label: 'owner@example.ru', status: 'pending' }]);
    await bed.deliverDue();
    expect(await deliveredTo(leadId)).toEqual([{ label: 'owner@example.ru', status: 'delivered' }]);
    const [mail] = leadMailsTo('owner@example.ru');
    expect(mail?.subject).toBe('Widgetry: новая заявка с сайта «Shop»');
    expect(mail?.text).toContain('Иван Петров');
    // No address is stored for it: the account's is read when the lead is sent.
    const { integrations } = bed.t.store.tables;
    const [row] = await bed.t.store.db.select().from(integrations).where(eq(integrations.signInAddress, true));
    expect(row).toMatchObject({ siteId: bed.site.id, kind: 'email', status: 'active', config: null });
  });

  it('is given by the migration to every site that never had a destination, and to no other', async () => {
    const { integrations } = bed.t.store.tables;
    const { db } = bed.t.store;
    // A site from before the migration (no destination at all) and one with a webhook of its own.
    await setTariff(bed.t, bed.s.accountId, 'network');
    await db.delete(integrations).where(eq(integrations.siteId, bed.site.id));
    const other = (await (await bed.s.request('POST', '/api/sites', { name: 'Other', domains: ['other.example.ru'] })).json()) as { id: string };
    await db.delete(integrations).where(eq(integrations.siteId, other.id));
    await db.insert(integrations).values({ id: 'intg_own', accountId: bed.s.accountId, siteId: other.id, kind: 'webhook', status: 'disconnected', createdAt: 1, updatedAt: 1 });
    const dir = `drizzle/${bed.t.store.dialect}`;
    const file = readdirSync(dir).find((f) => readFileSync(`${dir}/${f}`, 'utf8').includes('ADD COLUMN "sign_in_address"') || readFileSync(`${dir}/${f}`, 'utf8').includes('ADD `sign_in_address`'));
    const backfill = readFileSync(`${dir}/${file}`, 'utf8').split('--> statement-breakpoint').at(-1)!;
    await db.rows(sql.raw(backfill));
    await db.rows(sql.raw(backfill));
    const rows = await db.select().from(integrations);
    expect(rows.map((r) => ({ siteId: r.siteId, signInAddress: r.signInAddress, status: r.status }))).toEqual(expect.arrayContaining([{ siteId: bed.site.id, signInAddress: true, status: 'active' }]));
    expect(rows).toHaveLength(2);
    expect(await deliveredTo(await bed.submitLead())).toEqual([{ label: 'owner@example.ru', status: 'pending' }]);
  });

  it('sends a test lead to the sign-in address', async () => {
    const res = await bed.s.request('POST', `/api/integrations/${await bed.signInDestinationId()}/test`);
    expect(await res.json()).toMatchObject({ ok: true, outcome: 'delivered' });
    expect(bed.t.devOutbox.list()[0]).toMatchObject({ to: 'owner@example.ru', subject: 'Widgetry: тестовая заявка с сайта «Shop»' });
  });

  it('says where mail really goes: without SMTP_URL, nowhere but this server', async () => {
    const list = await (await bed.s.request('GET', '/api/integrations')).json();
    expect(list.mail).toBe('not_sent');
  });
});

describe('another address', () => {
  it('awaits its confirmation: its leads go to the sign-in address until the link is clicked, once', async () => {
    const res = await bed.connect({ kind: 'email', emails: ['Sales@Shop.example.ru'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ integration: { status: 'pending', signInAddress: false }, confirmationsSent: 1 });
    const id = res.body.integration.id as string;
    const link = bed.t.devOutbox.list()[0]!;
    expect(link.to).toBe('sales@shop.example.ru');
    expect(link.subject).toContain('подтвердите адрес');
    // Each half of the two-language letter opens the page in its own language.
    expect(link.text).toMatch(/Подтвердить: http:\/\/\S+\/app\/confirm-email\?token=[\w-]+\n/);
    expect(link.text).toMatch(/Confirm: http:\/\/\S+\/app\/confirm-email\?token=[\w-]+&lang=en\n/);
    // The address is kept only as a hash outside the sealed settings.
    const [stored] = await bed.t.store.db.select().from(bed.t.store.tables.emailConfirmations);
    expect(JSON.stringify(stored)).not.toContain('sales@');

    // Nothing lost meanwhile: the lead goes to the sign-in address, none to the unconfirmed one.
    const before = await bed.submitLead();
    expect(await deliveredTo(before)).toEqual([{ label: 'owner@example.ru', status: 'pending' }]);
    const test = await bed.s.request('POST', `/api/integrations/${id}/test`);
    expect(test.status).toBe(409);
    expect((await test.json()).error.code).toBe('integration_not_linked');

    const token = confirmationTokenFor(bed.t, 'sales@shop.example.ru');
    const ok = await confirm(token);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ confirmed: true, activated: 1 });
    expect(await view(id)).toMatchObject({ status: 'active' });
    // Single use.
    const again = await confirm(token);
    expect(again.status).toBe(404);
    expect((await again.json()).error.code).toBe('code_invalid');

    const after = await bed.submitLead();
    await bed.deliverDue();
    expect((await deliveredTo(after)).sort((a, b) => a.label.localeCompare(b.label))).toEqual([
      { label: 'owner@example.ru', status: 'delivered' },
      { label: 'sales@shop.example.ru', status: 'delivered' },
    ]);
    expect(leadMailsTo('sales@shop.example.ru')).toHaveLength(1);
    // A confirmed address stays confirmed for the account: another destination with it works at once.
    const second = await bed.connect({ kind: 'email', widgetId: bed.widgetId, emails: ['sales@shop.example.ru', 'owner@example.ru'] });
    expect(second.body).toMatchObject({ integration: { status: 'active' } });
    expect(second.body.confirmationsSent).toBeUndefined();
  });

  it('expires: an old link is refused and a new one can be sent', async () => {
    const { body } = await bed.connect({ kind: 'email', emails: ['late@shop.example.ru'] });
    const stale = confirmationTokenFor(bed.t, 'late@shop.example.ru');
    bed.t.clock.advance(CONFIRMATION_LINK_TTL_MS);
    const expired = await confirm(stale);
    expect(expired.status).toBe(410);
    expect((await expired.json()).error.code).toBe('code_expired');
    expect(await view(body.integration.id)).toMatchObject({ status: 'pending' });

    const resent = await bed.s.request('POST', `/api/integrations/${body.integration.id}/confirmation`);
    expect(await resent.json()).toEqual({ sent: 1, activated: 0 });
    const fresh = confirmationTokenFor(bed.t, 'late@shop.example.ru');
    expect(fresh).not.toBe(stale);
    expect((await confirm(fresh)).status).toBe(200);
    expect(await view(body.integration.id)).toMatchObject({ status: 'active' });
  });

  it('resends at most once a minute per address; the newest link replaces the previous one', async () => {
    const { body } = await bed.connect({ kind: 'email', emails: ['slow@shop.example.ru'] });
    const first = confirmationTokenFor(bed.t, 'slow@shop.example.ru');
    const path = `/api/integrations/${body.integration.id}/confirmation`;
    bed.t.clock.advance(20_000);
    const tooSoon = await bed.s.request('POST', path);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.headers.get('retry-after')).toBe('40');
    expect((await tooSoon.json()).error.code).toBe('rate_limited');
    expect(confirmationTokenFor(bed.t, 'slow@shop.example.ru')).toBe(first);
    bed.t.clock.advance(MINUTE);
    expect((await bed.s.request('POST', path)).status).toBe(200);
    expect((await confirm(first)).status).toBe(404);
    expect((await confirm(confirmationTokenFor(bed.t, 'slow@shop.example.ru'))).status).toBe(200);
    // Nothing left to confirm.
    expect((await bed.s.request('POST', path)).status).toBe(409);
  });

  it('brings the sign-in address back while the only other destination awaits confirmation', async () => {
    await bed.dropSignInDestination();
    await bed.connect({ kind: 'email', emails: ['typo@shop.exmaple.ru'] });
    const leadId = await bed.submitLead();
    expect(await deliveredTo(leadId)).toEqual([{ label: 'owner@example.ru', status: 'pending' }]);
    // The typo'd address never gets a lead (nor more than its one link).
    bed.t.clock.advance(2 * DAY);
    await bed.deliverDue();
    expect(bed.t.devOutbox.list().filter((m) => m.to === 'typo@shop.exmaple.ru')).toHaveLength(1);
  });

  it('refuses a bad or unknown token with 4xx JSON and changes nothing', async () => {
    await bed.connect({ kind: 'email', emails: ['x@shop.example.ru'] });
    for (const body of ['{nope', JSON.stringify({}), JSON.stringify({ token: 'short' }), JSON.stringify({ token: 'x'.repeat(32), extra: 1 })]) {
      const res = await bed.t.app.request('/api/email-confirmations', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
      expect((await res.json()).error.code).toMatch(/^(invalid_json|validation_failed)$/);
    }
    expect((await confirm('A'.repeat(32))).status).toBe(404);
    const { emailConfirmations } = bed.t.store.tables;
    const rows = await bed.t.store.db
      .select()
      .from(emailConfirmations)
      .where(and(eq(emailConfirmations.accountId, bed.s.accountId)));
    expect(rows.map((r) => r.confirmedAt)).toEqual([null]);
  });
});
