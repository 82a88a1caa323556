// Site settings of issue 4: the time zone schedules and timers are read in, and the analytics
// pushes (dataLayer, Yandex.Metrica). Plus the wall-clock → instant conversion behind timers.
import { describe, expect, it } from 'vitest';
import { appPerTest } from '../../testing/app-per-test.js';
import { createSite, signIn } from '../../testing/harness.js';
import { zonedTimeToInstant } from '#contracts/core/timezone.js';

const t = appPerTest();

describe('site settings', () => {
  it('default to Moscow time and no analytics pushes; PATCH changes only what it names', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const site = await createSite(s);
    expect(site).toMatchObject({ timezone: 'Europe/Moscow', dataLayer: false, metrikaCounterId: null });
    const res = await s.request('PATCH', `/api/sites/${site.id}`, { timezone: 'Asia/Vladivostok', metrikaCounterId: 12345678 });
    expect(await res.json()).toMatchObject({ timezone: 'Asia/Vladivostok', dataLayer: false, metrikaCounterId: 12345678 });
    const renamed = await s.request('PATCH', `/api/sites/${site.id}`, { name: 'Новое имя' });
    expect(await renamed.json()).toMatchObject({ name: 'Новое имя', timezone: 'Asia/Vladivostok', metrikaCounterId: 12345678 });
    const cleared = await s.request('PATCH', `/api/sites/${site.id}`, { metrikaCounterId: null, dataLayer: true });
    expect(await cleared.json()).toMatchObject({ metrikaCounterId: null, dataLayer: true });
  });

  it('are validated', async () => {
    const s = await signIn(t, 'owner@example.ru');
    const site = await createSite(s);
    for (const patch of [
      { timezone: 'Moscow' },
      { timezone: 'Europe/Atlantis' },
      { timezone: '' },
      { metrikaCounterId: -1 },
      { metrikaCounterId: 1.5 },
      { metrikaCounterId: '123' },
      { dataLayer: 'yes' },
    ]) {
      expect((await s.request('PATCH', `/api/sites/${site.id}`, patch)).status, JSON.stringify(patch)).toBe(422);
    }
    const created = await s.request('POST', '/api/sites', { name: 'UTC', domains: ['utc.example.ru'], timezone: 'UTC' });
    expect(created.status).toBe(403); // Free: one site — but the body was valid (limit, not validation)
  });
});

describe('zonedTimeToInstant', () => {
  it.each([
    ['2026-12-31T23:59', 'Europe/Moscow', Date.UTC(2026, 11, 31, 20, 59)],
    ['2026-11-02T00:00', 'Asia/Yekaterinburg', Date.UTC(2026, 10, 1, 19, 0)],
    ['2026-07-01T12:00', 'UTC', Date.UTC(2026, 6, 1, 12, 0)],
    ['2026-07-01T12:00', 'America/New_York', Date.UTC(2026, 6, 1, 16, 0)], // summer time, UTC−4
    ['2026-01-15T12:00', 'America/New_York', Date.UTC(2026, 0, 15, 17, 0)], // winter, UTC−5
    // 02:30 does not exist on 2026-03-08 in New York (clocks jump 02:00 → 03:00): the instant after the gap.
    ['2026-03-08T02:30', 'America/New_York', Date.UTC(2026, 2, 8, 7, 30)],
    // 01:30 happens twice on 2026-11-01 in New York (clocks go back 02:00 → 01:00): the first.
    ['2026-11-01T01:30', 'America/New_York', Date.UTC(2026, 10, 1, 5, 30)],
  ])('%s in %s', (local, tz, expected) => {
    expect(zonedTimeToInstant(local, tz)).toBe(expected);
  });
});
