// "Open on my site": minting a preview token for the editor's draft, redeeming it on the page,
// and everything that must show nothing (tampered, expired, another browser's), on both engines.
import { describe, expect, it } from 'vitest';
import type { EmbedConfig } from '#contracts/core/embed.js';
import { appPerTest } from '../../testing/app-per-test.js';
import { bannerWidgetInput, createSite, setTariff, signIn } from '../../testing/harness.js';
import { PREVIEW_TTL_MS } from './preview.js';

const t = appPerTest();

const KEY = 'tab-key-aaaaaaaaaaaaaaaa';
const OTHER = 'tab-key-bbbbbbbbbbbbbbbb';
const redeem = async (token: string, k = KEY) => {
  const res = await t.app.request(`/v1/preview/${encodeURIComponent(token)}?k=${k}`, { headers: { origin: 'https://shop.example.ru' } });
  return { status: res.status, res, body: (await res.json()) as EmbedConfig & { error?: { code: string } } };
};

async function draftOf() {
  const s = await signIn(t, 'owner@example.ru');
  await setTariff(t, s.accountId, 'network');
  const site = await createSite(s);
  const input = bannerWidgetInput(site.id, { name: 'Saved', active: false });
  const id = ((await (await s.request('POST', '/api/widgets', input)).json()) as { id: string }).id;
  const mint = async (patch: Record<string, unknown> = { content: { ...(input as { content: object }).content, text: 'Draft text' } }) => {
    const res = await s.request('POST', `/api/widgets/${id}/preview`, patch);
    return { status: res.status, body: (await res.json()) as { token: string; expiresAt: number; domains: string[] } };
  };
  return { s, site, id, mint };
}

const counts = async () => {
  const { impressionPeriods, widgetDailyStats, widgets } = t.store.tables;
  return {
    periods: await t.store.db.select().from(impressionPeriods),
    daily: await t.store.db.select().from(widgetDailyStats),
    widgets: await t.store.db.select().from(widgets),
  };
};

describe('widget preview tokens', () => {
  it('mints a token for the draft; the first browser tab to redeem it gets the draft, counted nowhere', async () => {
    const { site, id, mint } = await draftOf();
    const before = await counts();
    const { status, body } = await mint();
    expect(status).toBe(200);
    expect(body.expiresAt).toBe(t.clock.now() + PREVIEW_TTL_MS);
    expect(body.domains).toEqual(site.domains);
    expect(body.token).toMatch(/^[a-z0-9]{16}\.[a-z0-9]+\.[\w-]{43}$/);
    const r = await redeem(body.token);
    expect(r.status).toBe(200);
    expect(r.res.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.res.headers.get('cache-control')).toBe('no-store');
    expect(r.body.site).toBe(site.siteKey);
    expect(r.body.widgets).toHaveLength(1);
    expect(r.body.widgets[0]).toMatchObject({ id, type: 'banner' });
    expect(JSON.stringify(r.body.widgets[0])).toContain('Draft text');
    // Again from the same tab (a reload): still shown.
    expect((await redeem(body.token)).status).toBe(200);
    // The saved widget is untouched (still inactive, old text) and nothing was counted.
    const after = await counts();
    expect(after).toEqual(before);
    expect(JSON.stringify(after.widgets)).not.toContain('Draft text');
  });

  it('another browser (a copied link) gets nothing', async () => {
    const { mint } = await draftOf();
    const { body } = await mint();
    expect((await redeem(body.token)).status).toBe(200);
    const foreign = await redeem(body.token, OTHER);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error?.code).toBe('forbidden');
    expect(foreign.body.widgets).toBeUndefined();
  });

  it('a tampered token gets nothing: another expiry, another id, another MAC', async () => {
    const { mint } = await draftOf();
    const { token } = (await mint()).body;
    const [id, exp, mac] = token.split('.') as [string, string, string];
    const later = (parseInt(exp, 36) + PREVIEW_TTL_MS).toString(36);
    const flipped = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A');
    for (const bad of [`${id}.${later}.${mac}`, `${id}.${exp}.${flipped}`, `${'x'.repeat(16)}.${exp}.${mac}`, 'garbage']) {
      const r = await redeem(bad);
      expect(r.status, bad).toBe(404);
      expect(r.body.widgets).toBeUndefined();
    }
    // The real one still works: the refusals bound nothing.
    expect((await redeem(token)).status).toBe(200);
  });

  it('expires after ten minutes, even for the tab that redeemed it', async () => {
    const { mint } = await draftOf();
    const { token } = (await mint()).body;
    expect((await redeem(token)).status).toBe(200);
    t.clock.advance(PREVIEW_TTL_MS);
    const r = await redeem(token);
    expect(r.status).toBe(404);
    expect(r.body.error?.code).toBe('code_expired');
  });

  it('only the owner mints, only from a valid draft; bad input stores nothing', async () => {
    const { id, mint } = await draftOf();
    const stranger = await signIn(t, 'other@example.ru');
    expect((await stranger.request('POST', `/api/widgets/${id}/preview`, {})).status).toBe(404);
    expect((await mint({ name: '' })).status).toBe(422);
    expect((await redeem(`${'a'.repeat(16)}.1.${'a'.repeat(43)}`, 'bad key!')).status).toBe(404);
    expect(await t.store.db.select().from(t.store.tables.widgetPreviews)).toEqual([]);
  });
});
