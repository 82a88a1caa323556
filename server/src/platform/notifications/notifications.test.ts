import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { HOUR } from '../lib/clock.js';
import { appPerTest } from '../../testing/app-per-test.js';
import { createSite, formWidgetInput, signIn, type Session } from '../../testing/harness.js';

const t = appPerTest();

const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';

/** A Free account (10 000 impressions) with `used` impressions already counted this period. */
async function nearCap(used: number) {
  const s = await signIn(t, 'owner@example.ru');
  const site = await createSite(s);
  const widget = (await (await s.request('POST', '/api/widgets', formWidgetInput(site.id))).json()) as { id: string };
  const show = async (n: number) => {
    const res = await t.app.request('/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://shop.example.ru', 'user-agent': BROWSER_UA },
      body: JSON.stringify({ site: site.siteKey, events: Array.from({ length: n }, () => ({ widget: widget.id, type: 'impression' })) }),
    });
    expect(res.status).toBeLessThan(300);
  };
  await show(1);
  const { impressionPeriods } = t.store.tables;
  await t.store.db.update(impressionPeriods).set({ impressions: used }).where(eq(impressionPeriods.accountId, s.accountId));
  return { s, show };
}

const list = async (s: Session, query = '') => (await (await s.request('GET', `/api/notifications${query}`)).json()) as { notifications: any[]; unread: number };

describe('notifications', () => {
  it('tells the licensee in the app at 80 % and at 100 % of the impressions, once each', async () => {
    const { s, show } = await nearCap(7_998);
    expect((await list(s)).unread).toBe(0);
    await show(1); // 7 999
    t.clock.advance(1000);
    await show(1); // 8 000: 80 %
    await show(1);
    let got = await list(s);
    expect(got.notifications.map((n) => n.kind)).toEqual(['impressions_80']);
    expect(got.notifications[0].params).toMatchObject({ used: 8_000, cap: 10_000 });
    const { impressionPeriods } = t.store.tables;
    await t.store.db.update(impressionPeriods).set({ impressions: 9_999 }).where(eq(impressionPeriods.accountId, s.accountId));
    t.clock.advance(1000);
    await show(3); // one accepted, the cap holds
    await show(1);
    got = await list(s);
    expect(got.notifications.map((n) => n.kind)).toEqual(['impressions_100', 'impressions_80']);
    expect(got.unread).toBe(2);
    // The e-mails went out as before.
    expect(t.devOutbox.list().filter((m) => m.subject.includes('показов'))).toHaveLength(2);
  });

  it('copies the operator’s visible notices into each account’s list, once', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const now = t.clock.now();
    const { notices } = t.store.tables;
    await t.store.db.insert(notices).values({ id: 'ntc_maint', kind: 'maintenance', title: 'Плановые работы', body: 'С 02:00 до 03:00 МСК', effectiveAt: now + 12 * HOUR, createdAt: now });
    // Announced for a week ahead: not visible yet (24 h lead time for maintenance).
    await t.store.db.insert(notices).values({ id: 'ntc_later', kind: 'maintenance', title: 'Позже', body: '…', effectiveAt: now + 7 * 24 * HOUR, createdAt: now });
    await list(s);
    const got = await list(s);
    expect(got.notifications).toHaveLength(1);
    expect(got.notifications[0]).toMatchObject({ kind: 'notice', readAt: null, params: { title: 'Плановые работы', noticeKind: 'maintenance' } });
    const other = await signIn(t, 'other@example.ru');
    expect((await list(other)).unread).toBe(1);
  });

  it('marks chosen or all as read; another account’s ids are not found and nothing is marked', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const other = await signIn(t, 'other@example.ru');
    const now = t.clock.now();
    const put = (accountId: string, key: string) =>
      t.store.db.insert(t.store.tables.notifications).values({ id: `ntf_${key}`, accountId, kind: 'impressions_80', sourceKey: key, params: { used: 1, cap: 1 }, createdAt: now });
    await put(s.accountId, 'a');
    await put(s.accountId, 'b');
    await put(s.accountId, 'c');
    await put(other.accountId, 'x');

    const foreign = await s.request('POST', '/api/notifications/read', { ids: ['ntf_a', 'ntf_x'] });
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as any).error.code).toBe('not_found');
    expect((await list(s)).unread).toBe(3);

    expect(await (await s.request('POST', '/api/notifications/read', { ids: ['ntf_a'] })).json()).toEqual({ marked: 1 });
    expect((await list(s, '?unread=1')).notifications.map((n) => n.id).sort()).toEqual(['ntf_b', 'ntf_c']);
    expect(await (await s.request('POST', '/api/notifications/read', { all: true })).json()).toEqual({ marked: 2 });
    expect((await list(s)).unread).toBe(0);
    expect((await list(other)).unread).toBe(1);
  });

  it('validates input, needs a session and the CSRF token', async () => {
    const s = await signIn(t, 'owner@example.ru');
    for (const body of [{}, { all: false }, { ids: [] }, { ids: 'x' }, { all: true, ids: ['ntf_a'] }]) {
      const res = await s.request('POST', '/api/notifications/read', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(((await res.json()) as any).error.code).toBe('validation_failed');
    }
    expect((await s.request('POST', '/api/notifications/read', '{oops')).status).toBe(400);
    expect((await s.request('GET', '/api/notifications?limit=0')).status).toBe(422);
    expect((await s.request('POST', '/api/notifications/read', { all: true }, { 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect((await t.app.request('/api/notifications')).status).toBe(401);
  });
});
