import { describe, expect, it } from 'vitest';
import { appPerTest } from '../../testing/app-per-test.js';
import { bannerWidgetInput, createSite, formWidgetInput, setTariff, signIn } from '../../testing/harness.js';

const t = appPerTest();

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; details?: any } }).error;

describe('sites', () => {
  it('creates a site with normalised domains, a site key and the snippet', async () => {
    const s = await signIn(t, 'a@example.ru');
    const res = await s.request('POST', '/api/sites', { name: 'Shop', domains: ['https://WWW.Shop.example.ru/path', 'shop.example.ru', 'shop.example.ru'] });
    expect(res.status).toBe(201);
    const site = (await res.json()) as any;
    expect(site.domains).toEqual(['www.shop.example.ru', 'shop.example.ru']);
    expect(site.siteKey).toMatch(/^[a-z0-9]{20}$/);
    expect(site.snippet).toContain(`src="http://localhost:8787/loader.js" data-site="${site.siteKey}"`);
    const list = (await (await s.request('GET', '/api/sites')).json()) as any;
    expect(list.sites).toHaveLength(1);
  });

  it('refuses a second site on Free with limit_sites naming the tariff that lifts it', async () => {
    const s = await signIn(t, 'a@example.ru');
    await createSite(s);
    const res = await s.request('POST', '/api/sites', { name: 'Second', domains: ['two.example.ru'] });
    expect(res.status).toBe(403);
    const error = await errorOf(res);
    expect(error.code).toBe('limit_sites');
    expect(error.message).toContain('Начальный');
    expect(error.details).toMatchObject({ tariff: 'free', limit: 1, upgradeTo: 'start' });
  });

  it('never passes the site limit under concurrent requests', async () => {
    const s = await signIn(t, 'a@example.ru');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => s.request('POST', '/api/sites', { name: `S${i}`, domains: [`s${i}.example.ru`] })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
  });

  it('validates domains', async () => {
    const s = await signIn(t, 'a@example.ru');
    for (const domains of [[], ['not a domain'], ['exa mple.ru'], 'x.ru', [42]]) {
      const res = await s.request('POST', '/api/sites', { name: 'S', domains });
      expect(res.status).toBe(422);
    }
  });

  it('updates and deletes a site; deleting removes its widgets', async () => {
    const s = await signIn(t, 'a@example.ru');
    const site = await createSite(s);
    const patched = await s.request('PATCH', `/api/sites/${site.id}`, { name: 'Renamed' });
    expect(((await patched.json()) as any).name).toBe('Renamed');
    await s.request('POST', '/api/widgets', bannerWidgetInput(site.id));
    expect((await s.request('DELETE', `/api/sites/${site.id}`)).status).toBe(204);
    expect(await t.store.db.select().from(t.store.tables.widgets)).toHaveLength(0);
    expect((await s.request('GET', `/api/sites/${site.id}`)).status).toBe(404);
  });
});

describe('widgets and the tariff', () => {
  it('creates banner and form widgets', async () => {
    const s = await signIn(t, 'a@example.ru');
    const site = await createSite(s);
    const banner = await s.request('POST', '/api/widgets', bannerWidgetInput(site.id, { active: false }));
    expect(banner.status).toBe(201);
    const form = await s.request('POST', '/api/widgets', formWidgetInput(site.id));
    expect(form.status).toBe(201);
    const body = (await form.json()) as any;
    expect(body).toMatchObject({ type: 'form', active: true, served: true, position: 'bottom-right', urlRule: { match: 'any' } });
    expect(body.colors.accent).toBe('#2563eb');
  });

  it('Free allows one active widget; the refusal names the limit and the upgrade', async () => {
    const s = await signIn(t, 'a@example.ru');
    const site = await createSite(s);
    await s.request('POST', '/api/widgets', bannerWidgetInput(site.id));
    const second = await s.request('POST', '/api/widgets', formWidgetInput(site.id));
    expect(second.status).toBe(403);
    const error = await errorOf(second);
    expect(error.code).toBe('limit_widgets');
    expect(error.details).toMatchObject({ limit: 1, upgradeTo: 'start' });
    // Inactive widgets do not count, and activating one past the limit is refused too.
    const inactive = (await (await s.request('POST', '/api/widgets', formWidgetInput(site.id, { active: false }))).json()) as any;
    const activate = await s.request('PATCH', `/api/widgets/${inactive.id}`, { active: true });
    expect(activate.status).toBe(403);
    expect((await errorOf(activate)).code).toBe('limit_widgets');
  });

  it('re-saving an active widget at the limit is allowed', async () => {
    const s = await signIn(t, 'a@example.ru');
    const site = await createSite(s);
    const w = (await (await s.request('POST', '/api/widgets', bannerWidgetInput(site.id))).json()) as any;
    const res = await s.request('PATCH', `/api/widgets/${w.id}`, { name: 'Renamed', active: true });
    expect(res.status).toBe(200);
  });

  it('never exceeds the active widget limit under concurrency (Start: 5)', async () => {
    const s = await signIn(t, 'a@example.ru');
    await setTariff(t, s.accountId, 'start');
    const site = await createSite(s);
    const results = await Promise.all(Array.from({ length: 30 }, () => s.request('POST', '/api/widgets', bannerWidgetInput(site.id))));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 403)).toHaveLength(25);
  });

  it('a form without consent and privacy URLs cannot be activated', async () => {
    const s = await signIn(t, 'a@example.ru');
    const site = await createSite(s);
    const input = formWidgetInput(site.id) as any;
    delete input.content.privacyUrl;
    const res = await s.request('POST', '/api/widgets', input);
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('widget_not_ready');
    expect(error.details.missing).toEqual(['content.privacyUrl']);
    const draft = await s.request('POST', '/api/widgets', { ...input, active: false });
    expect(draft.status).toBe(201);
  });

  it('refuses types outside the tariff with type_not_in_tariff', async () => {
    const s = await signIn(t, 'a@example.ru');
    const site = await createSite(s);
    const { assertCanActivateWidget } = await import('../../platform/tariffs/policy.js');
    const account = { id: s.accountId, tariffId: 'free', individualLimits: null, periodAnchorAt: 0 };
    expect(() => assertCanActivateWidget(account, 'popup', 0)).toThrowError(/popup/);
    try {
      assertCanActivateWidget(account, 'quiz', 0);
    } catch (err: any) {
      expect(err.code).toBe('type_not_in_tariff');
      expect(err.details.upgradeTo).toBe('start');
    }
    // Another type’s content is rejected by validation (a chat without consent links here).
    const res = await s.request('POST', '/api/widgets', { ...bannerWidgetInput(site.id), type: 'chat' });
    expect(res.status).toBe(422);
    // A buildable type the tariff lacks is refused at activation.
    const popup = await s.request('POST', '/api/widgets', { ...bannerWidgetInput(site.id), type: 'popup' });
    expect(popup.status).toBe(403);
    expect(((await popup.json()) as any).error.code).toBe('type_not_in_tariff');
  });

  it('PATCH validates the merged widget and rejects unknown keys', async () => {
    const s = await signIn(t, 'a@example.ru');
    const site = await createSite(s);
    const w = (await (await s.request('POST', '/api/widgets', formWidgetInput(site.id, { active: false }))).json()) as any;
    expect((await s.request('PATCH', `/api/widgets/${w.id}`, { content: { fields: [] } })).status).toBe(422);
    expect((await s.request('PATCH', `/api/widgets/${w.id}`, { colors: { background: 'red', text: '#000000', accent: '#000000' } })).status).toBe(422);
    expect((await s.request('PATCH', `/api/widgets/${w.id}`, { type: 'banner' })).status).toBe(422);
    expect((await s.request('PATCH', `/api/widgets/${w.id}`, { content: { consentUrl: 'javascript:alert(1)' } })).status).toBe(422);
    const ok = await s.request('PATCH', `/api/widgets/${w.id}`, { urlRule: { match: 'starts_with', value: '/catalog' }, content: { title: 'New' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ urlRule: { match: 'starts_with', value: '/catalog' }, content: { title: 'New', fields: w.content.fields } });
  });

  it('duplicates as an inactive copy and deletes', async () => {
    const s = await signIn(t, 'a@example.ru');
    const site = await createSite(s);
    const w = (await (await s.request('POST', '/api/widgets', bannerWidgetInput(site.id))).json()) as any;
    const copy = await s.request('POST', `/api/widgets/${w.id}/duplicate`);
    expect(copy.status).toBe(201);
    expect(await copy.json()).toMatchObject({ active: false, name: 'Sale banner (копия)' });
    expect((await s.request('DELETE', `/api/widgets/${w.id}`)).status).toBe(204);
    const list = (await (await s.request('GET', '/api/widgets')).json()) as any;
    expect(list.widgets).toHaveLength(1);
  });

  it('after a downgrade only what the tariff allows is served; nothing is deleted', async () => {
    const s = await signIn(t, 'a@example.ru');
    await setTariff(t, s.accountId, 'start');
    const site = await createSite(s);
    for (let i = 0; i < 3; i++) await s.request('POST', '/api/widgets', bannerWidgetInput(site.id, { name: `B${i}` }));
    await setTariff(t, s.accountId, 'free');
    const list = (await (await s.request('GET', '/api/widgets')).json()) as any;
    expect(list.widgets.map((w: any) => [w.name, w.active, w.served])).toEqual([
      ['B0', true, true],
      ['B1', true, false],
      ['B2', true, false],
    ]);
  });
});

describe('accounts are isolated', () => {
  it("account B gets 404 for each of A's sites, widgets and leads", async () => {
    const a = await signIn(t, 'a@example.ru');
    const b = await signIn(t, 'b@example.ru');
    const site = await createSite(a);
    const w = (await (await a.request('POST', '/api/widgets', formWidgetInput(site.id))).json()) as any;
    const lead = await t.app.request('/v1/leads', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://shop.example.ru', 'x-forwarded-for': '10.1.1.1' },
      body: JSON.stringify({ site: site.siteKey, widget: w.id, fields: { name: 'Иван', phone: '+7 900 123-45-67' }, consent: true, elapsedMs: 5000 }),
    });
    expect(lead.status).toBe(201);
    const leadId = ((await (await a.request('GET', '/api/leads')).json()) as any).leads[0].id;

    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/sites/${site.id}`],
      ['PATCH', `/api/sites/${site.id}`, { name: 'x' }],
      ['DELETE', `/api/sites/${site.id}`],
      ['GET', `/api/widgets/${w.id}`],
      ['PATCH', `/api/widgets/${w.id}`, { name: 'x' }],
      ['POST', `/api/widgets/${w.id}/duplicate`],
      ['DELETE', `/api/widgets/${w.id}`],
      ['POST', '/api/widgets', formWidgetInput(site.id)],
      ['GET', `/api/leads/${leadId}`],
      ['DELETE', `/api/leads/${leadId}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await b.request(method, path, body);
      expect([method, path, res.status]).toEqual([method, path, 404]);
      expect((await errorOf(res)).code).toBe('not_found');
    }
    for (const body of [{ ids: [leadId] }, { widgetId: w.id }]) {
      const bulk = await b.request('POST', '/api/leads/delete', body);
      expect(bulk.status).toBe(404);
      expect((await errorOf(bulk)).code).toBe('not_found');
    }
    expect(((await (await b.request('GET', '/api/leads')).json()) as any).total).toBe(0);
    expect(((await (await b.request('GET', `/api/widgets?siteId=${site.id}`)).json()) as any).widgets).toHaveLength(0);
    // A's data is untouched.
    expect(((await (await a.request('GET', '/api/leads')).json()) as any).total).toBe(1);
    expect((await a.request('GET', `/api/widgets/${w.id}`)).status).toBe(200);
  });

  it('requires a session', async () => {
    for (const path of ['/api/sites', '/api/widgets', '/api/leads', '/api/usage', '/api/me']) {
      const res = await t.app.request(path);
      expect([path, res.status]).toEqual([path, 401]);
    }
  });
});

describe('template example values', () => {
  it('a widget still holding a template’s examples is saved but not switched on, naming the fields', async () => {
    const s = await signIn(t, 'a@example.ru');
    await setTariff(t, s.accountId, 'start');
    const site = await createSite(s);
    const messengers = {
      type: 'messengers',
      name: 'Messengers',
      siteId: site.id,
      active: true,
      content: {
        buttonText: 'Написать нам',
        channels: [
          { kind: 'telegram', value: '@example_shop', label: '' },
          { kind: 'vk', value: 'vk.com/real_shop', label: '' },
          { kind: 'phone', value: '+7 900 000-00-00', label: '' },
        ],
      },
    };
    const refused = await s.request('POST', '/api/widgets', messengers);
    expect(refused.status).toBe(422);
    const error = await errorOf(refused);
    expect(error.code).toBe('widget_example_values');
    expect(error.details.fields).toEqual(['content.channels.0.value', 'content.channels.2.value']);
    // Each named channel's kind, so the dashboard says "channel 1 (Telegram)", not a bare number.
    expect(error.details.channelKinds).toEqual({ 0: 'telegram', 2: 'phone' });
    expect((await (await s.request('GET', '/api/widgets')).json()).widgets).toHaveLength(0);

    // Saved as a draft it is kept; switching it on is refused until the examples are replaced.
    const draft = (await (await s.request('POST', '/api/widgets', { ...messengers, active: false })).json()) as any;
    const activate = await s.request('PATCH', `/api/widgets/${draft.id}`, { active: true });
    expect(activate.status).toBe(422);
    expect((await errorOf(activate)).code).toBe('widget_example_values');
    const channels = [
      { kind: 'telegram', value: '@real_shop', label: '' },
      { kind: 'phone', value: '+7 495 123-45-67', label: '' },
    ];
    const fixed = await s.request('PATCH', `/api/widgets/${draft.id}`, { active: true, content: { ...messengers.content, channels } });
    expect(fixed.status).toBe(200);
    expect(((await fixed.json()) as any).active).toBe(true);
  });

  it('a banner linking to the template’s example.ru page is refused; a real subdomain is not', async () => {
    const s = await signIn(t, 'a@example.ru');
    const site = await createSite(s);
    const example = await s.request('POST', '/api/widgets', bannerWidgetInput(site.id, { content: { title: 'Sale', buttonText: 'Go', buttonUrl: 'https://example.ru/sale' } }));
    expect(example.status).toBe(422);
    expect((await errorOf(example)).details.fields).toEqual(['content.buttonUrl']);
    const own = await s.request('POST', '/api/widgets', bannerWidgetInput(site.id));
    expect(own.status).toBe(201);
  });
});
