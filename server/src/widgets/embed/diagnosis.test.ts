// GET /v1/sites/{key}/debug: the server's reasons, first reason first, for this site only.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { SiteDiagnosis } from '#contracts/core/debug.js';
import { expirePaidPeriod, startPaidPeriod } from '../../platform/billing/periods.js';
import { appPerTest } from '../../testing/app-per-test.js';
import { bannerWidgetInput, createSite, setTariff, signIn } from '../../testing/harness.js';

const t = appPerTest();

const ORIGIN = 'https://shop.example.ru';
const debug = async (siteKey: string, headers: Record<string, string> = { origin: ORIGIN }) => {
  const res = await t.app.request(`/v1/sites/${siteKey}/debug`, { headers });
  return { status: res.status, res, body: (await res.json()) as SiteDiagnosis };
};

async function owner(tariff = 'network') {
  const s = await signIn(t, 'owner@example.ru');
  await setTariff(t, s.accountId, tariff);
  const site = await createSite(s);
  // A millisecond apart: the oldest widgets are served first, so the order must be certain.
  const add = async (name: string, over: Record<string, unknown> = {}) => {
    t.clock.advance(1);
    const res = await s.request('POST', '/api/widgets', bannerWidgetInput(site.id, { name, ...over }));
    return ((await res.json()) as { id: string }).id;
  };
  return { s, site, add };
}

describe('GET /v1/sites/:key/debug', () => {
  it('names each widget and its first reason; a served widget has none', async () => {
    const { site, add } = await owner();
    const on = await add('Live');
    const off = await add('Off', { active: false });
    const blocked = await add('Blocked');
    const { widgets } = t.store.tables;
    await t.store.db.update(widgets).set({ blockedAt: t.clock.now(), blockReason: 'abuse' }).where(eq(widgets.id, blocked));
    const { status, res, body } = await debug(site.siteKey);
    expect(status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body).toMatchObject({ site: site.siteKey, host: 'shop.example.ru', reason: null, tz: 'Europe/Moscow' });
    expect(body.widgets.map((w) => [w.id, w.name, w.reason])).toEqual([
      [on, 'Live', null],
      [off, 'Off', 'widget_off'],
      [blocked, 'Blocked', 'widget_blocked'],
    ]);
    // Nothing of the account: no e-mail, no block reason, no ids but the widgets'.
    expect(JSON.stringify(body)).not.toMatch(/owner@|acc_|abuse|site_/);
  });

  it('an unregistered host: the domain is the reason for every widget, and names stay hidden', async () => {
    const { site, add } = await owner();
    const id = await add('Secret launch');
    const { body } = await debug(site.siteKey, { origin: 'http://localhost:8000' });
    expect(body.host).toBe('localhost');
    expect(body.reason).toBe('domain_not_registered');
    expect(body.widgets).toEqual([{ id, type: 'banner', reason: null }]);
    expect(JSON.stringify(body)).not.toContain('Secret');
    // No Origin and no Referer: the host is unknown, which no domain matches either.
    expect((await debug(site.siteKey, {})).body).toMatchObject({ host: null, reason: 'domain_not_registered' });
  });

  it('tariff reasons: the widget count after a downgrade, the impression cap, a blocked account', async () => {
    const { s, site, add } = await owner('start');
    const first = await add('First');
    const second = await add('Second');
    await setTariff(t, s.accountId, 'free');
    expect((await debug(site.siteKey)).body.widgets.map((w) => w.reason)).toEqual([null, 'limit_widgets']);
    // The Free cap (10 000 impressions) used up: nothing is served until the next period.
    const { impressionPeriods, accounts } = t.store.tables;
    const [acc] = await t.store.db.select().from(accounts).where(eq(accounts.id, s.accountId));
    await t.store.db.insert(impressionPeriods).values({ accountId: s.accountId, periodStart: acc!.periodAnchorAt, impressions: 10_000 });
    const capped = (await debug(site.siteKey)).body.widgets;
    expect(capped[0]).toMatchObject({ id: first, reason: 'impression_cap', resetsAt: acc!.periodAnchorAt + 30 * 86_400_000 });
    expect(capped[1]).toMatchObject({ id: second, reason: 'limit_widgets' });
    await t.store.db.update(accounts).set({ blockedAt: t.clock.now() }).where(eq(accounts.id, s.accountId));
    expect((await debug(site.siteKey)).body.widgets.map((w) => w.reason)).toEqual(['account_blocked', 'account_blocked']);
  });

  it('a paid period that ended unpaid: its widgets were switched off, and the reason says so', async () => {
    const { s, site, add } = await owner('free');
    await t.store.transaction((tx) => startPaidPeriod(tx, s.accountId, 'start', t.clock.now()));
    const id = await add('Paid');
    await t.store.transaction((tx) => expirePaidPeriod(tx, s.accountId, t.clock.now()));
    expect((await debug(site.siteKey)).body.widgets).toEqual([expect.objectContaining({ id, reason: 'period_expired' })]);
  });

  it('404 for an unknown key, and nothing about other sites', async () => {
    await owner();
    const { status, body } = await debug('nosuchkey');
    expect(status).toBe(404);
    expect(JSON.stringify(body)).not.toMatch(/shop\.example|widgets/);
  });
});
