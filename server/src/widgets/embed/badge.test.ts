// The "made with" badge's link: a visit is counted per account and day with nothing about the
// visitor kept, automated browsers and an address past its hourly allowance are sent on but not
// counted, and the figure reaches the owner's usage and the operator's overview and account view.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/lib/clock.js';
import { bannerWidgetInput, createSite, createTestApp, signIn, type TestApp } from '../../testing/harness.js';
import { BADGE_VISITS_PER_IP_PER_HOUR } from './badge.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ env: { OPERATOR_EMAILS: 'ops@widgetry.test' } });
});
afterEach(() => t.cleanup());

const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';
let ip = 1;
const click = (siteKey: string, headers: Record<string, string> = {}) =>
  t.app.request(`/v1/sites/${siteKey}/badge`, { headers: { 'user-agent': BROWSER_UA, 'x-forwarded-for': `10.9.0.${ip++}`, ...headers } });

async function freeSite() {
  const owner = await signIn(t, 'owner@example.ru');
  const site = await createSite(owner);
  expect((await owner.request('POST', '/api/widgets', bannerWidgetInput(site.id))).status).toBe(201);
  return { owner, site };
}
const usage = async (s: Awaited<ReturnType<typeof signIn>>) => ((await (await s.request('GET', '/api/usage')).json()) as { badgeVisits: { last30Days: number } }).badgeVisits.last30Days;

describe('GET /v1/sites/{siteKey}/badge', () => {
  it('the config links the badge through the counter, which sends the visitor to the product page', async () => {
    const { owner, site } = await freeSite();
    const config = (await (await t.app.request(`/v1/sites/${site.siteKey}/config`, { headers: { origin: 'https://shop.example.ru' } })).json()) as { badge: { url: string } };
    expect(config.badge.url).toBe(`http://localhost:8787/v1/sites/${site.siteKey}/badge`);
    const res = await click(site.siteKey);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('http://localhost:8787/?ref=badge');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await usage(owner)).toBe(1);
    // Only a number per account and day is kept.
    expect(await t.store.db.select().from(t.store.tables.badgeVisits)).toEqual([{ accountId: owner.accountId, day: new Date(t.clock.now()).toISOString().slice(0, 10), visits: 1 }]);
  });

  it('counts people, not crawlers or one address hammering it; an unknown site is sent on uncounted; a malformed key is refused', async () => {
    const { owner, site } = await freeSite();
    expect((await click(site.siteKey, { 'user-agent': 'Mozilla/5.0 HeadlessChrome/140.0' })).status).toBe(302);
    expect((await click(site.siteKey, { 'user-agent': 'curl/8.5.0' })).status).toBe(302);
    expect(await usage(owner)).toBe(0);
    for (let i = 0; i < BADGE_VISITS_PER_IP_PER_HOUR + 3; i++) expect((await click(site.siteKey, { 'x-forwarded-for': '10.9.9.9' })).status).toBe(302);
    expect(await usage(owner)).toBe(BADGE_VISITS_PER_IP_PER_HOUR);
    const unknown = await click('nosuchsite');
    expect(unknown.status).toBe(302);
    expect(unknown.headers.get('location')).toBe('http://localhost:8787/?ref=badge');
    const bad = await click('NOT%20A%20KEY');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    expect(await usage(owner)).toBe(BADGE_VISITS_PER_IP_PER_HOUR);
  });

  it('sums the last 30 days for the owner, and for the operator per account and over the platform', async () => {
    const { owner, site } = await freeSite();
    await click(site.siteKey);
    t.clock.advance(10 * DAY);
    await click(site.siteKey);
    await click(site.siteKey);
    expect(await usage(owner)).toBe(3);
    t.clock.advance(25 * DAY);
    // The first visit is now 35 days old (and the first session has expired).
    expect(await usage(await signIn(t, 'owner@example.ru'))).toBe(2);
    const ops = await signIn(t, 'ops@widgetry.test');
    expect(((await (await ops.request('GET', `/api/admin/accounts/${owner.accountId}`)).json()) as { usage: { badgeVisits: number } }).usage.badgeVisits).toBe(2);
    expect(((await (await ops.request('GET', '/api/admin/stats')).json()) as { badgeVisits: number }).badgeVisits).toBe(2);
  });
});
