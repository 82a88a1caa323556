// Config requests from hosts that are not the site's: counted per site, host and day (host name
// only), offered on the site page, added in one click under the tariff's site rule.
import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../platform/lib/clock.js';
import { appPerTest } from '../../testing/app-per-test.js';
import { createSite, setTariff, signIn } from '../../testing/harness.js';

const t = appPerTest();

const config = (siteKey: string, origin: string) => t.app.request(`/v1/sites/${siteKey}/config`, { headers: { origin } });

describe('hosts that loaded the code without being the site’s', () => {
  it('are counted per host and day, shown on the site, and the installation check says where the code was last seen', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const site = await createSite(s);
    for (let i = 0; i < 3; i++) await config(site.siteKey, 'http://localhost:8000');
    t.clock.advance(MINUTE); // counts are written at most once a minute per host
    await config(site.siteKey, 'http://localhost:8000');
    await config(site.siteKey, 'https://shop.example.ru');
    await config(site.siteKey, 'https://www.shop.example.ru'); // a subdomain is the site's own
    const body = (await (await s.request('GET', `/api/sites/${site.id}`)).json()) as any;
    expect(body.foreignHosts).toEqual([{ host: 'localhost', requests: 4, lastSeenAt: t.clock.now() }]);
    expect(body).toMatchObject({ lastSeenAt: t.clock.now(), lastSeenHost: 'shop.example.ru' });
    // Host names only: no port, path, address or browser of the visitor is stored.
    const rows = await t.store.db.select().from(t.store.tables.siteForeignHosts);
    expect(Object.keys(rows[0]!).sort()).toEqual(['day', 'host', 'lastSeenAt', 'requests', 'siteId']);
  });

  it('clicks on several hosts at once add every one of them', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const site = await createSite(s);
    const hosts = ['a', 'b', 'c', 'd', 'e'].map((x) => `${x}.shop.example.ru`);
    const answers = await Promise.all(hosts.map((domain) => s.request('POST', `/api/sites/${site.id}/domains`, { domain })));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const body = (await (await s.request('GET', `/api/sites/${site.id}`)).json()) as any;
    expect([...body.domains].sort()).toEqual(['shop.example.ru', ...hosts].sort());
  });

  it('one click adds the host; it then serves widgets and leaves the list', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const site = await createSite(s);
    await config(site.siteKey, 'http://localhost:8000');
    const added = await s.request('POST', `/api/sites/${site.id}/domains`, { domain: 'localhost' });
    expect(added.status).toBe(200);
    const body = (await added.json()) as any;
    expect(body.domains).toEqual(['shop.example.ru', 'localhost']);
    expect(body.foreignHosts).toEqual([]);
  });

  it('respects the tariff: on a one-site tariff another site’s domain is refused, naming the tariff that allows it', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const site = await createSite(s);
    const other = await s.request('POST', `/api/sites/${site.id}/domains`, { domain: 'other-shop.ru' });
    expect(other.status).toBe(403);
    expect(((await other.json()) as any).error).toMatchObject({ code: 'limit_sites', details: { upgradeTo: 'start' } });
    // Its own subdomains and a local host are the same site.
    expect((await s.request('POST', `/api/sites/${site.id}/domains`, { domain: 'm.shop.example.ru' })).status).toBe(200);
    expect((await s.request('POST', `/api/sites/${site.id}/domains`, { domain: '127.0.0.1' })).status).toBe(200);
    // The domain list itself is under the same rule.
    expect((await s.request('PATCH', `/api/sites/${site.id}`, { domains: ['shop.example.ru', 'other-shop.ru'] })).status).toBe(403);
    await setTariff(t, s.accountId, 'start');
    expect((await s.request('POST', `/api/sites/${site.id}/domains`, { domain: 'other-shop.ru' })).status).toBe(200);
  });

  it('a made-up Origin per request cannot fill the table: 20 hosts a site a day', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const site = await createSite(s);
    for (let i = 0; i < 30; i++) await config(site.siteKey, `https://spam${i}.example.com`);
    expect(await t.store.db.$count(t.store.tables.siteForeignHosts)).toBe(20);
  });
});
