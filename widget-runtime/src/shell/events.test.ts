// Event batching and transport, the funnel's once-per-page-view rule and the page view each
// beacon describes, against stubbed browser globals (node environment).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoaderWidgetState } from '#contracts/core/debug.js';
import type { MountContext } from '#contracts/core/mount.js';

const ctx: MountContext = { api: 'https://api.widgetry.test', site: 'k_1', badge: null, on: [], user: {} };
let track: typeof import('./events.js').track;
/** The page the module is loaded on: each test may change it before the (fresh) import. */
let page: { search: string; pathname: string; referrer: string; storage: Record<string, string> | null; widgets: Pick<LoaderWidgetState, 'w' | 'r'>[] };
/** How often the page touched localStorage: a read where nothing could be stored is a wait for nothing. */
let storageReads: number;
let sendBeacon: ReturnType<typeof vi.fn<(url: string, data: string) => boolean>>;
let fetchMock: ReturnType<typeof vi.fn<(url: string, init: RequestInit) => Promise<Response>>>;

/** Loads events.ts as a page load would: a fresh module is a fresh page view. */
async function load() {
  vi.resetModules();
  vi.stubGlobal('location', { search: page.search, pathname: page.pathname });
  vi.stubGlobal('document', { referrer: page.referrer });
  // The loader's widget list, as the runtime finds it on the page.
  vi.stubGlobal(
    'widgetry',
    Object.assign(() => {}, { l: page.widgets }),
  );
  const storage = page.storage;
  storageReads = 0;
  // A browser whose storage is blocked throws on merely reading `localStorage`.
  Object.defineProperty(globalThis, 'localStorage', {
    configurable: true,
    get() {
      storageReads++;
      if (!storage) throw new DOMException('The operation is insecure.', 'SecurityError');
      return storage;
    },
  });
  ({ track } = await import('./events.js'));
}

beforeEach(async () => {
  page = { search: '', pathname: '/', referrer: '', storage: {}, widgets: [EVERY_DAY] };
  sendBeacon = vi.fn(() => true);
  fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
  vi.stubGlobal('navigator', { sendBeacon });
  vi.stubGlobal('fetch', fetchMock);
  await load();
});
afterEach(() => {
  vi.unstubAllGlobals();
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

const w = (id: string, v?: string) => ({ id, v });
/** Loader entries (only what the runtime reads): a widget shown at most once a day, one with no rule. */
const entry = (r: LoaderWidgetState['r'], v?: string) => ({ w: { id: 'w_1', type: 'form', v } as LoaderWidgetState['w'], r });
const EVERY_DAY = entry({ every: 1 });
/** What a direct visit to "/" by a new visitor adds to every beacon. */
const VIEW = { path: '/', source: '', returning: false };

const tick = () => new Promise((r) => setTimeout(r, 0));
const beaconBodies = async () => sendBeacon.mock.calls.map(([, body]) => JSON.parse(body));

describe('track', () => {
  it('names the A/B variant on the page, and nothing outside a test', async () => {
    track(ctx, w('w_1', 'vb'), 'impression');
    track(ctx, w('w_2'), 'click');
    await tick();
    expect(await beaconBodies()).toEqual([
      {
        site: 'k_1',
        events: [
          { widget: 'w_1', type: 'impression', v: 'vb' },
          { widget: 'w_2', type: 'click' },
        ],
        ...VIEW,
      },
    ]);
  });

  it('batches the events of one moment into one text/plain (string) beacon per the eventsBatchSchema', async () => {
    track(ctx, w('w_1'), 'impression');
    track(ctx, w('w_2'), 'impression');
    track(ctx, w('w_1'), 'click');
    expect(sendBeacon).not.toHaveBeenCalled();
    await Promise.resolve(); // the beacon leaves in the microtask after the task that tracked
    expect(sendBeacon).toHaveBeenCalledOnce();
    const [url, body] = sendBeacon.mock.calls[0]!;
    expect(url).toBe('https://api.widgetry.test/v1/events');
    // A string: the browser sends it as text/plain;charset=UTF-8, with no Blob to register.
    expect(typeof body).toBe('string');
    expect(await beaconBodies()).toEqual([
      {
        site: 'k_1',
        events: [
          { widget: 'w_1', type: 'impression' },
          { widget: 'w_2', type: 'impression' },
          { widget: 'w_1', type: 'click' },
        ],
        ...VIEW,
      },
    ]);
    track(ctx, w('w_1'), 'close');
    await tick();
    expect(sendBeacon).toHaveBeenCalledTimes(2);
  });

  it('splits batches at the contract maximum of 50', async () => {
    for (let i = 0; i < 120; i++) track(ctx, w('w_' + i), 'impression');
    await tick();
    expect((await beaconBodies()).map((b) => b.events.length)).toEqual([50, 50, 20]);
  });

  it('keeps two sites apart', async () => {
    const other: MountContext = { ...ctx, site: 'k_2' };
    track(ctx, w('w_1'), 'click');
    track(other, w('w_9'), 'click');
    await tick();
    expect((await beaconBodies()).map((b) => b.site)).toEqual(['k_1', 'k_2']);
  });

  it('falls back to fetch(keepalive) when the beacon is refused, missing or throws', async () => {
    sendBeacon.mockReturnValue(false);
    track(ctx, w('w_1'), 'close');
    await tick();
    vi.stubGlobal('navigator', {});
    track(ctx, w('w_1'), 'impression');
    await tick();
    vi.stubGlobal('navigator', {
      sendBeacon: () => {
        throw new Error('blocked by an extension');
      },
    });
    track(ctx, w('w_1'), 'click');
    await tick();
    expect(fetchMock).toHaveBeenCalledTimes(3);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('https://api.widgetry.test/v1/events');
    // A string body: fetch sends it as text/plain;charset=UTF-8, a CORS-safelisted type.
    expect(init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit' });
    expect(typeof init.body).toBe('string');
    expect(JSON.parse(init.body as string)).toEqual({ site: 'k_1', events: [{ widget: 'w_1', type: 'close' }], ...VIEW });
  });

  it('a failing fetch is swallowed: statistics are best-effort', async () => {
    vi.stubGlobal('navigator', {});
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    track(ctx, w('w_1'), 'click');
    await tick();
    await tick();
    expect(fetchMock).toHaveBeenCalledOnce();
  });

  it('sends each funnel step once per widget and page view, and impressions, clicks and closes as often as they happen', async () => {
    for (let i = 0; i < 2; i++) {
      track(ctx, w('w_1', 'vb'), 'interact');
      track(ctx, w('w_1', 'vb'), 'start');
      track(ctx, w('w_1', 'vb'), 'submit');
      track(ctx, w('w_2'), 'interact');
      track(ctx, w('w_1', 'vb'), 'click');
      await tick();
    }
    track(ctx, w('w_1', 'vb'), 'start');
    await tick();
    expect((await beaconBodies()).map((b) => b.events)).toEqual([
      [
        { widget: 'w_1', type: 'interact', v: 'vb' },
        { widget: 'w_1', type: 'start', v: 'vb' },
        { widget: 'w_1', type: 'submit', v: 'vb' },
        { widget: 'w_2', type: 'interact' },
        { widget: 'w_1', type: 'click', v: 'vb' },
      ],
      [{ widget: 'w_1', type: 'click', v: 'vb' }],
    ]);
    // A new page view (a fresh module) counts them again.
    await load();
    track(ctx, w('w_1', 'vb'), 'start');
    await tick();
    expect((await beaconBodies()).at(-1).events).toEqual([{ widget: 'w_1', type: 'start', v: 'vb' }]);
  });

  it('a preview sends nothing, and does not use up a step for the page', async () => {
    track({ ...ctx, preview: true }, w('w_1'), 'interact');
    await tick();
    expect(sendBeacon).not.toHaveBeenCalled();
    track(ctx, w('w_1'), 'interact');
    await tick();
    expect(sendBeacon).toHaveBeenCalledOnce();
  });

  it("describes the page view: the path as it is at the beacon, the landing's utm_source, else the referrer's host", async () => {
    page = { ...page, search: '?utm_source=Yandex&utm_medium=cpc&q=secret', pathname: '/catalog/sofas', referrer: 'https://www.google.com/search?q=sofa' };
    await load();
    // An SPA moves on: the path follows, the source stays the landing's.
    vi.stubGlobal('location', { search: '', pathname: '/cart' });
    track(ctx, w('w_1'), 'impression');
    await tick();
    page = { ...page, search: '?q=1' };
    await load();
    track(ctx, w('w_1'), 'impression');
    await tick();
    page = { ...page, referrer: '' };
    await load();
    track(ctx, w('w_1'), 'impression');
    await tick();
    const bodies = await beaconBodies();
    expect(bodies.map(({ path, source }) => ({ path, source }))).toEqual([
      { path: '/cart', source: 'Yandex' },
      { path: '/catalog/sofas', source: 'www.google.com' },
      // A direct visit: an empty source, which the server counts as "(direct)".
      { path: '/catalog/sofas', source: '' },
    ]);
    // Nothing of the query but the utm_source leaves the page.
    expect(JSON.stringify(bodies)).not.toContain('secret');
  });

  it("returning: this browser held the embed's frequency storage before the page began; read, never written", async () => {
    const before = String(Math.floor(performance.timeOrigin) - 86_400_000);
    const now = String(Date.now());
    const cases: [Record<string, string> | null, boolean | undefined][] = [
      // Nothing of ours, or only what the loader wrote for this page's shows: new.
      [{ other: '1', 'wg-chat-w_1': 'token' }, false],
      [{ 'wg.w_1': now }, false],
      // A show on an earlier page view, a form sent or a variant kept: returning.
      [{ 'wg.w_1': now, 'wg.w_2': before }, true],
      [{ 'wg.w_1.s': '1' }, true],
      [{ 'wg.w_1.v': 'vb' }, true],
      // Storage blocked: not known, so not sent ("(unknown)" on the server).
      [null, undefined],
    ];
    for (const [storage, returning] of cases) {
      page = { ...page, storage: storage && { ...storage } };
      await load();
      track(ctx, w('w_1'), 'impression');
      await tick();
      expect((await beaconBodies()).at(-1).returning, JSON.stringify(storage)).toBe(returning);
      expect(storage ?? {}).toEqual(page.storage ?? {});
    }
  });

  it('returning: localStorage is read only when a widget on the page could have stored there', async () => {
    const before = String(Math.floor(performance.timeOrigin) - 86_400_000);
    const stale = { 'wg.w_1': before, 'wg.w_1.s': '1' };
    const cases: [Pick<LoaderWidgetState, 'w' | 'r'>[], boolean][] = [
      // Nothing stores: no read, a new visitor, even with values left by an earlier config of the site.
      [[], false],
      [[entry({}), entry({ session: 1, delay: 5 })], false],
      // An "every N days" or "never after submit" rule, or an A/B variant (rt/ab.js has drawn it).
      [[entry({}), entry({ every: 7 })], true],
      [[entry({ once: 1 })], true],
      [[entry({}, 'vb')], true],
    ];
    for (const [widgets, reads] of cases) {
      page = { ...page, storage: { ...stale }, widgets };
      await load();
      track(ctx, w('w_1'), 'impression');
      await tick();
      expect((await beaconBodies()).at(-1).returning, JSON.stringify(widgets)).toBe(reads);
      expect(storageReads > 0, JSON.stringify(widgets)).toBe(reads);
    }
    // Without the loader's list (a runtime loaded by other means) nothing is known: not sent.
    vi.stubGlobal('widgetry', undefined);
    page = { ...page, widgets: [] };
    vi.resetModules();
    ({ track } = await import('./events.js'));
    track(ctx, w('w_1'), 'impression');
    await tick();
    expect((await beaconBodies()).at(-1)).not.toHaveProperty('returning');
  });
});
