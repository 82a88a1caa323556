// The widget list says on a widget the tariff holds back why, and the way out (SPEC §4).
import { describe, expect, it } from 'vitest';
import { expirePaidPeriod, startPaidPeriod } from '../../platform/billing/periods.js';
import { appPerTest } from '../../testing/app-per-test.js';
import { bannerWidgetInput, createSite, setTariff, signIn } from '../../testing/harness.js';

const t = appPerTest();

const list = async (s: Awaited<ReturnType<typeof signIn>>) => ((await (await s.request('GET', '/api/widgets')).json()) as any).widgets as { id: string; notServed: any }[];

describe('GET /api/widgets: notServed', () => {
  it('a widget over the count after a downgrade names the tariff that serves it; the served one has none', async () => {
    const s = await signIn(t, 'owner@example.ru');
    await setTariff(t, s.accountId, 'start');
    const site = await createSite(s);
    const ids: string[] = [];
    for (const name of ['A', 'B']) {
      t.clock.advance(1);
      ids.push(((await (await s.request('POST', '/api/widgets', bannerWidgetInput(site.id, { name }))).json()) as any).id);
    }
    await setTariff(t, s.accountId, 'free');
    const widgets = await list(s);
    expect(widgets.find((w) => w.id === ids[0])!.notServed).toBeNull();
    expect(widgets.find((w) => w.id === ids[1])!.notServed).toEqual({ reason: 'limit_widgets', upgradeTo: { id: 'start', name: { ru: 'Старт', en: 'Start' } } });
  });

  it('a period that ended unpaid says so on each widget it switched off', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const site = await createSite(s);
    await t.store.transaction((tx) => startPaidPeriod(tx, s.accountId, 'start', t.clock.now()));
    const id = ((await (await s.request('POST', '/api/widgets', bannerWidgetInput(site.id))).json()) as any).id;
    await t.store.transaction((tx) => expirePaidPeriod(tx, s.accountId, t.clock.now()));
    expect((await list(s)).find((w) => w.id === id)!.notServed).toEqual({ reason: 'period_expired' });
  });
});
