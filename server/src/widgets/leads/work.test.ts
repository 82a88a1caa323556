import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSite, createTestApp, formWidgetInput, setTariff, signIn, type Session, type TestApp } from '../../testing/harness.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ env: { LEAD_RATE_PER_IP_PER_MINUTE: '1000', LEAD_RATE_PER_WIDGET_PER_MINUTE: '1000' } });
});
afterEach(async () => t.cleanup());

async function setup() {
  const s = await signIn(t, 'manager@example.ru');
  await setTariff(t, s.accountId, 'start');
  const site = await createSite(s);
  const widget = ((await (await s.request('POST', '/api/widgets', formWidgetInput(site.id))).json()) as { id: string }).id;
  const submit = async (phone: string, name = 'Анна') => {
    const res = await t.app.request('/v1/leads', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://shop.example.ru' },
      body: JSON.stringify({ site: site.siteKey, widget, fields: { name, phone }, consent: true, elapsedMs: 3000 }),
    });
    expect(res.status).toBe(201);
    // The public answer names no lead; the newest in the list is this one.
    const list = (await (await s.request('GET', '/api/leads?pageSize=1')).json()) as { leads: { id: string }[] };
    t.clock.advance(1);
    return list.leads[0]!.id;
  };
  return { s, site, widget, submit };
}

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });
const patch = (s: Session, id: string, body: unknown) => s.request('PATCH', `/api/leads/${id}`, body);

describe('a lead as work', () => {
  it('stores the phone in E.164 whatever was typed, and keeps what was typed', async () => {
    const { s, submit } = await setup();
    const cases: [string, string][] = [
      ['8 (903) 111-22-33', '+79031112233'],
      ['903 111 22 33', '+79031112233'],
      ['+7 903 1112233', '+79031112233'],
      ['+375 29 123-45-67', '+375291234567'],
    ];
    for (const [typed, e164] of cases) {
      const { body } = await json(await s.request('GET', `/api/leads/${await submit(typed)}`));
      expect(body.fields.phone).toBe(e164);
      expect(body.rawFields.phone).toBe(typed);
    }
    // Typed already as stored: nothing to keep beside it.
    const { body } = await json(await s.request('GET', `/api/leads/${await submit('+79031112233')}`));
    expect(body.rawFields).toEqual({});
  });

  it('starts new; status and note changes are kept with their author and time', async () => {
    const { s, submit } = await setup();
    const id = await submit('+79031112233');
    expect((await json(await s.request('GET', `/api/leads/${id}`))).body).toMatchObject({ status: 'new', note: '', history: [] });
    t.clock.advance(60_000);
    const first = await json(await patch(s, id, { status: 'in_progress' }));
    expect(first.status).toBe(200);
    t.clock.advance(60_000);
    await patch(s, id, { status: 'done', note: 'Перезвонила, заказ оформлен' });
    const { body } = await json(await s.request('GET', `/api/leads/${id}`));
    expect(body.status).toBe('done');
    expect(body.note).toBe('Перезвонила, заказ оформлен');
    const start = Date.UTC(2026, 10, 1, 9);
    expect(body.history).toEqual([
      { kind: 'status', from: 'new', to: 'in_progress', author: 'manager@example.ru', at: start + 60_001 },
      { kind: 'status', from: 'in_progress', to: 'done', author: 'manager@example.ru', at: start + 120_001 },
      { kind: 'note', from: '', to: 'Перезвонила, заказ оформлен', author: 'manager@example.ru', at: start + 120_001 },
    ]);
    // The same values again change nothing and record nothing.
    expect((await json(await patch(s, id, { status: 'done' }))).body.history).toHaveLength(3);
  });

  it('filters by status and counts the new ones', async () => {
    const { s, submit } = await setup();
    const a = await submit('+79031112231');
    await submit('+79031112232');
    await submit('+79031112233');
    expect((await json(await s.request('GET', '/api/leads/counts'))).body).toEqual({ new: 3 });
    await patch(s, a, { status: 'spam' });
    expect((await json(await s.request('GET', '/api/leads/counts'))).body).toEqual({ new: 2 });
    const spam = (await json(await s.request('GET', '/api/leads?status=spam'))).body;
    expect(spam.total).toBe(1);
    expect(spam.leads[0].id).toBe(a);
    expect((await json(await s.request('GET', '/api/leads?status=new'))).body.total).toBe(2);
    expect((await s.request('GET', '/api/leads?status=lost')).status).toBe(422);
  });

  it('leaves spam out of the lead counts that conversion is computed from, and puts it back', async () => {
    const { s, submit } = await setup();
    const a = await submit('+79031112231');
    await submit('+79031112232');
    const leadsToday = async () => (await json(await s.request('GET', '/api/stats?from=2026-11-01&to=2026-11-01'))).body.totals.leads;
    expect(await leadsToday()).toBe(2);
    await patch(s, a, { status: 'spam' });
    expect(await leadsToday()).toBe(1);
    // Spam to spam again moves nothing; out of spam counts it again.
    await patch(s, a, { status: 'spam' });
    expect(await leadsToday()).toBe(1);
    await patch(s, a, { status: 'done' });
    expect(await leadsToday()).toBe(2);
  });

  it('refuses bad changes and other accounts’ leads, storing nothing', async () => {
    const { s, submit } = await setup();
    const id = await submit('+79031112233');
    for (const body of [{}, { status: 'lost' }, { note: 'x'.repeat(4001) }, { status: 'done', extra: 1 }]) {
      const res = await json(await patch(s, id, body));
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const other = await signIn(t, 'other@example.ru');
    expect((await patch(other, id, { status: 'done' })).status).toBe(404);
    expect((await json(await s.request('GET', `/api/leads/${id}`))).body).toMatchObject({ status: 'new', history: [] });
    // Without the CSRF header a change is refused.
    expect((await s.request('PATCH', `/api/leads/${id}`, { status: 'done' }, { 'x-csrf-token': '' })).status).toBe(403);
  });

  it('a destroyed lead takes its history with it', async () => {
    const { s, submit } = await setup();
    const id = await submit('+79031112233');
    await patch(s, id, { note: 'Не дозвонилась' });
    expect((await s.request('DELETE', `/api/leads/${id}`)).status).toBe(204);
    expect(await t.store.db.select().from(t.store.tables.leadEvents)).toEqual([]);
  });
});
