// GET /api/stats/refused counts each refusal on its site's calendar day, as the statistics page
// and the CSV do, and takes the page's scope (a site or a widget). Refusals go through the real
// POST /v1/leads, as a page sends them.
import { describe, expect, it } from 'vitest';
import { HOUR } from '../../platform/lib/clock.js';
import { appPerTest } from '../../testing/app-per-test.js';
import { BROWSER_UA, createSite, formWidgetInput, freshIp, getJson, setTariff, signIn } from '../../testing/harness.js';

// The harness clock starts on 2026-11-01 09:00 UTC (12:00 in Moscow).
const t = appPerTest();

const tooFastLead = (siteKey: string, widget: string, origin: string) =>
  t.app.request('/v1/leads', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin, 'user-agent': BROWSER_UA, 'x-forwarded-for': freshIp() },
    // LEAD_MIN_FILL_MS is 1000 in tests: 300 ms is a form "filled" faster than a person can.
    body: JSON.stringify({ site: siteKey, widget, fields: { name: 'Иван', phone: '+7 900 123-45-67' }, consent: true, elapsedMs: 300 }),
  });

async function setup() {
  const s = await signIn(t, 'owner@example.ru');
  await setTariff(t, s.accountId, 'start');
  const moscow = await createSite(s, ['msk.example.ru']);
  // A second later: the account's first site (whose zone an answer for the whole account takes) is
  // Moscow's; created in the same millisecond, the tie would fall to the random ids.
  t.clock.advance(1000);
  const far = await createSite(s, ['vl.example.ru']);
  expect((await s.request('PATCH', `/api/sites/${far.id}`, { timezone: 'Asia/Vladivostok' })).status).toBe(200);
  const widgetOf = async (siteId: string) => ((await (await s.request('POST', '/api/widgets', formWidgetInput(siteId))).json()) as { id: string }).id;
  return { s, moscow, far, inMoscow: await widgetOf(moscow.id), inFar: await widgetOf(far.id) };
}

describe('GET /api/stats/refused', () => {
  it('counts a refusal on its site’s day, not the UTC day, and names the zone', async () => {
    const { s, moscow, far, inMoscow, inFar } = await setup();
    // 21:30 UTC on Nov 1 is 00:30 on Nov 2 in Moscow and 07:30 on Nov 2 in Vladivostok.
    t.clock.advance(12.5 * HOUR - 1000);
    expect((await tooFastLead(moscow.siteKey, inMoscow, 'https://msk.example.ru')).status).toBe(422);
    expect((await tooFastLead(far.siteKey, inFar, 'https://vl.example.ru')).status).toBe(422);

    const site = await getJson(s, `/api/stats/refused?siteId=${moscow.id}`);
    expect(site.status).toBe(200);
    expect(site.body).toMatchObject({ to: '2026-11-02', timezone: 'Europe/Moscow' });
    expect(site.body.refused).toEqual([{ day: '2026-11-02', widgetId: inMoscow, widgetName: 'Lead form', tooFast: 1, honeypot: 0 }]);

    const widget = await getJson(s, `/api/stats/refused?widgetId=${inFar}`);
    expect(widget.body).toMatchObject({ to: '2026-11-02', timezone: 'Asia/Vladivostok' });
    expect(widget.body.refused).toEqual([{ day: '2026-11-02', widgetId: inFar, widgetName: 'Lead form', tooFast: 1, honeypot: 0 }]);

    // The whole account: both, each on its own site's day; the answer's range is the first site's.
    const all = await getJson(s, '/api/stats/refused');
    expect(all.body.timezone).toBe('Europe/Moscow');
    expect(all.body.refused.map((r: { widgetId: string; day: string }) => [r.widgetId, r.day]).sort()).toEqual([inMoscow, inFar].sort().map((id) => [id, '2026-11-02']));
    // The UTC day before holds nothing.
    expect((await getJson(s, '/api/stats/refused?from=2026-11-01&to=2026-11-01')).body.refused).toEqual([]);
  });

  it('answers 404 for another account’s site or widget and 422 for both at once, in the one error shape', async () => {
    const { s, moscow, inMoscow } = await setup();
    const other = await signIn(t, 'other@example.ru');
    expect((await getJson(other, `/api/stats/refused?siteId=${moscow.id}`)).status).toBe(404);
    expect((await getJson(other, `/api/stats/refused?widgetId=${inMoscow}`)).body.error.code).toBe('not_found');
    const both = await getJson(s, `/api/stats/refused?siteId=${moscow.id}&widgetId=${inMoscow}`);
    expect(both.status).toBe(422);
    expect(both.body.error.code).toBe('validation_failed');
  });
});
