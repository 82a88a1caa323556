// Event batching and transport, against stubbed browser globals (node environment).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MountContext } from '#contracts/core/mount.js';

const ctx: MountContext = { api: 'https://api.widgetry.test', site: 'k_1', badge: null, on: [], user: {} };
let track: typeof import('./events.js').track;
let sendBeacon: ReturnType<typeof vi.fn<(url: string, data: Blob) => boolean>>;
let fetchMock: ReturnType<typeof vi.fn<(url: string, init: RequestInit) => Promise<Response>>>;

beforeEach(async () => {
  vi.resetModules(); // events.ts keeps its queue per page: a fresh module is a fresh page
  sendBeacon = vi.fn(() => true);
  fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
  vi.stubGlobal('navigator', { sendBeacon });
  vi.stubGlobal('fetch', fetchMock);
  ({ track } = await import('./events.js'));
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const tick = () => new Promise((r) => setTimeout(r, 0));
const beaconBodies = () => Promise.all(sendBeacon.mock.calls.map(async ([, blob]) => JSON.parse(await blob.text())));

describe('track', () => {
  it('names the A/B variant on the page, and nothing outside a test', async () => {
    track(ctx, 'w_1', 'impression', 'vb');
    track(ctx, 'w_2', 'click');
    await tick();
    expect(await beaconBodies()).toEqual([
      {
        site: 'k_1',
        events: [
          { widget: 'w_1', type: 'impression', v: 'vb' },
          { widget: 'w_2', type: 'click' },
        ],
      },
    ]);
  });

  it('batches the events of one moment into one text/plain beacon per the eventsBatchSchema', async () => {
    track(ctx, 'w_1', 'impression');
    track(ctx, 'w_2', 'impression');
    track(ctx, 'w_1', 'click');
    expect(sendBeacon).not.toHaveBeenCalled();
    await Promise.resolve(); // the beacon leaves in the microtask after the task that tracked
    expect(sendBeacon).toHaveBeenCalledOnce();
    const [url, blob] = sendBeacon.mock.calls[0]!;
    expect(url).toBe('https://api.widgetry.test/v1/events');
    expect(blob.type).toBe('text/plain');
    expect(await beaconBodies()).toEqual([
      {
        site: 'k_1',
        events: [
          { widget: 'w_1', type: 'impression' },
          { widget: 'w_2', type: 'impression' },
          { widget: 'w_1', type: 'click' },
        ],
      },
    ]);
    track(ctx, 'w_1', 'close');
    await tick();
    expect(sendBeacon).toHaveBeenCalledTimes(2);
  });

  it('splits batches at the contract maximum of 50', async () => {
    for (let i = 0; i < 120; i++) track(ctx, 'w_' + i, 'impression');
    await tick();
    expect((await beaconBodies()).map((b) => b.events.length)).toEqual([50, 50, 20]);
  });

  it('keeps two sites apart', async () => {
    const other: MountContext = { ...ctx, site: 'k_2' };
    track(ctx, 'w_1', 'click');
    track(other, 'w_9', 'click');
    await tick();
    expect((await beaconBodies()).map((b) => b.site)).toEqual(['k_1', 'k_2']);
  });

  it('falls back to fetch(keepalive) when the beacon is refused, missing or throws', async () => {
    sendBeacon.mockReturnValue(false);
    track(ctx, 'w_1', 'close');
    await tick();
    vi.stubGlobal('navigator', {});
    track(ctx, 'w_1', 'impression');
    await tick();
    vi.stubGlobal('navigator', {
      sendBeacon: () => {
        throw new Error('blocked by an extension');
      },
    });
    track(ctx, 'w_1', 'click');
    await tick();
    expect(fetchMock).toHaveBeenCalledTimes(3);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('https://api.widgetry.test/v1/events');
    // A string body: fetch sends it as text/plain;charset=UTF-8, a CORS-safelisted type.
    expect(init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit' });
    expect(typeof init.body).toBe('string');
    expect(JSON.parse(init.body as string)).toEqual({ site: 'k_1', events: [{ widget: 'w_1', type: 'close' }] });
  });

  it('a failing fetch is swallowed: statistics are best-effort', async () => {
    vi.stubGlobal('navigator', {});
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    track(ctx, 'w_1', 'click');
    await tick();
    await tick();
    expect(fetchMock).toHaveBeenCalledOnce();
  });
});
